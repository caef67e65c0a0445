"""Taking back a technician's last update within ten minutes, and telling whoever was told.

A customer's update still in the outbox is withdrawn; one already sent is followed by a short
correction saying where the visit really stands. A pause taken back tells the dispatchers (who
were asked to arrange a return visit) that none is needed, unless their notice is still queued."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.dialogue import technician_texts as texts
from bot.dialogue.reply import Reply
from bot.dialogue.technician_jobs import Visit, job_id, named_own, own_visit, todays_visits
from bot.nlu import intents
from domain.commands import AddJobNote, UndoJobState
from domain.jobs import JobState
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.notices import notify_customer, notify_staff

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

LAST = "tech_last"  # the last status change, kept across flows (bot/dialogue/turn.py)
LAST_NOTE = "tech_last_note"  # the last note filed, which an "undo" after it withdraws
UNDO_WINDOW = timedelta(minutes=10)
# An update in one of these states never reached anyone: there is nothing to correct.
_NOT_SENT = frozenset({MessageStatus.QUEUED, MessageStatus.CANCELLED, MessageStatus.FAILED})

UNDO = re.compile(r"^\W*(?:undo(?: (?:that|it|this|last|the last one))?|wrong (?:job|visit|one|"
                  r"customer|house|address)|(?:oops|sorry|my bad|mistake)\W*(?:wrong (?:job|one|"
                  r"visit))?|(?:that|it) was (?:the )?wrong (?:job|one|visit|customer))"
                  r"(?:\W+(?:sorry|my bad|oops|lol))?\W*$", re.IGNORECASE)


# "wait no still at hughes, undo that", "pls undo": an undo closing a longer text.
_UNDO_AT_END = re.compile(r"(?<!don't )(?<!dont )(?<!not )(?<!never )\bundo(?: (?:that|it|this|"
                          r"last|the last one|my last|pls|please))?\W*$", re.IGNORECASE)
# "ugh undo that", "actually undo the late thing", "undo the alvarez omw": a clause asking it.
_UNDO_CLAUSE = re.compile(r"^\W*(?:(?:ugh|ok|okay|actually|wait|pls|please|sorry|oops|no|nah|"
                          r"can you|can u|could you|just)\W+)*undo(?: (?!(?:it|that|this) (?:later|"
                          r"tomorrow)\b)[\w']+){0,4}\W*$", re.IGNORECASE)
# "scratch that havent left yet", "ignore my last text", "pls disregard": the last update
# taken back in other words (never "ignore the noise", which is about something else).
_RETRACT = re.compile(r"^\W*(?:(?:ugh|ok|okay|actually|wait|pls|please|sorry|oops|no|nah|just)\W+)*"
                      r"(?:scratch|ignore|disregard)(?:\W*$| (?:that|this|it|my last(?: one| text|"
                      r" msg)?|the last(?: one| text| msg)|what i (?:just )?said)\b)", re.IGNORECASE)
# "omw riverside, 25 min, sorry": an apology closing an update takes nothing back; opening the
# text ("oops, wrong one") it does.
_APOLOGY = re.compile(r"^\W*(?:oops|sorry|my bad|mistake)\W*$", re.IGNORECASE)
_CLAUSES = re.compile(r"[,.;:!?\u2026]+|\s-+\s")


def asks_undo(text: str) -> bool:
    """The text takes back the last update: "undo", "wrong job", or a clause of its own saying so."""
    clauses = [clause for clause in _CLAUSES.split(text) if clause.strip()]
    return (UNDO.match(text) is not None or _UNDO_AT_END.search(text) is not None
            or any((UNDO.match(clause) and (n == 0 or not _APOLOGY.match(clause)))
                   or _UNDO_CLAUSE.match(clause) or _RETRACT.match(clause)
                   for n, clause in enumerate(clauses)))


# "rossi is NOT done", "that one isnt done", "its not finished yet": a job said to be still open.
_NOT_DONE = re.compile(r"\b(?:not|isnt|isn't|aint|ain't|wasnt|wasn't)\s+(?:(?:yet|quite|really|actually|"
                       r"even|all)\s+)?(?:done|finished|complete|completed)\b(?!(?:\s+yet)?\s*\?)",
                       re.IGNORECASE)


def denies_last_done(turn: Turn) -> bool:
    """The text says the job just marked done (under ten minutes ago) is not done, naming no other
    visit: the completion was a mistake, taken back like "undo"."""
    last = turn.conversation.data.get(LAST)
    if (not isinstance(last, dict) or last.get("what") != intents.TECH_DONE
            or _age(turn, last) > UNDO_WINDOW or not _NOT_DONE.search(turn.text)):
        return False
    said = named_own(turn, todays_visits(turn), turn.text)
    return said is not None and (not said or any(
        v.appointment_id == last.get("appointment") for v in said))


def undo(turn: Turn) -> None:
    """Take back this technician's last status change, or the note filed after it, if it is
    under ten minutes old."""
    last = turn.conversation.data.get(LAST)
    turn.finish()
    if _withdraw_note(turn, last):
        return
    if not isinstance(last, dict) or _age(turn, last) > UNDO_WINDOW:
        turn.say(texts.nothing_to_undo())
        return
    visit = own_visit(turn, last.get("appointment"))
    if visit is None:
        turn.say(texts.nothing_to_undo())
        return
    eta = datetime.fromisoformat(last["eta"]) if last.get("eta") else None
    turn.run(UndoJobState(job_id=job_id(visit), back_to=JobState(last["state"]),
                          actor=turn.actor, eta=eta))
    undone_what = str(last.get("what") or "")
    corrected = _correct(turn, visit, last.get("told"), undone_what)
    office = False
    assert turn.staff is not None
    if undone_what == intents.TECH_PAUSED:  # dispatch was asked to arrange a return visit
        office = _correct_office(turn, visit, "job-paused",
                                 texts.office_pause_undone(visit, turn.staff.name))
    elif undone_what in (intents.TECH_DONE, intents.TECH_ARRIVED) and (
            visit.job.state is JobState.PAUSED):
        office = _correct_office(turn, visit, "job-resumed",  # told none was needed after all
                                 texts.office_return_needed(visit, turn.staff.name))
    turn.conversation.data = {k: v for k, v in turn.conversation.data.items() if k != LAST}
    turn.say(texts.undone(visit, corrected, office))


def _correct(turn: Turn, visit: Visit, told: Any, what: str) -> bool | None:
    """Withdraw the customer's update if it never went out (False), else send a short correction
    that says where the visit stands now (True); None: the customer was not told anything."""
    if not isinstance(told, int):
        return None
    message = turn.uow.messages.get(told)
    if message is None or _withdrawn([message]):
        return None if message is None else False
    assert turn.staff is not None
    tell(turn, visit, "correction", texts.customer_correction(
        turn.staff.name, turn.business.name, visit, what, visit.site.timezone))
    return True


def _correct_office(turn: Turn, visit: Visit, told: str, correction: str) -> bool:
    """The dispatchers' notice about this job (`told`: its key's start) is withdrawn if it has
    not gone out, else corrected; whether a correction was sent."""
    asked = [m for m in turn.uow.messages.find(account_id=visit.job.account_id,
                                                direction=Direction.OUT, kind=MessageKind.NOTICE)
             if (m.idempotency_key or "").startswith(f"{told}:{job_id(visit)}:")
             and m.staff_id is not None]
    if not asked or _withdrawn(asked):
        return False
    notify_staff(turn.uow, now=turn.now, account_id=visit.job.account_id, body=correction,
                 key=f"{told}-undone:{job_id(visit)}:{turn.message_id or turn.now.isoformat()}")
    return True


def _withdrawn(messages: list[Message]) -> bool:
    """Cancel these messages if none has left the outbox; whether nobody got any of them."""
    if any(m.status not in _NOT_SENT for m in messages):
        return False
    for message in messages:
        if message.status is MessageStatus.QUEUED:
            message.cancel("the technician's update was undone")
    return True


def refuse(turn: Turn, reply: Reply) -> None:
    """Answer a text that changed nothing because it named a visit that is not the sender's: an
    "undo" next is about that text, so it takes back no older update ("done" on another job)."""
    turn.conversation.data = {k: v for k, v in turn.conversation.data.items() if k != LAST}
    turn.finish(reply)


def undoable(turn: Turn, last: dict[str, Any]) -> bool:
    """The last update may still be taken back (under ten minutes old)."""
    return _age(turn, last) <= UNDO_WINDOW


def _age(turn: Turn, last: dict[str, Any]) -> timedelta:
    try:
        return turn.now - datetime.fromisoformat(str(last.get("at")))
    except ValueError:
        return UNDO_WINDOW * 2


def before_change(visit: Visit) -> dict[str, Any]:
    eta = visit.job.eta
    return {"state": visit.job.state.value, "eta": eta.isoformat() if eta else None}


def remember(turn: Turn, visit: Visit, before: dict[str, Any], told: int | None,
             what: str) -> None:
    """Keep what "undo" needs: the visit, the state and ETA before, the customer's message;
    `what` the update was (a note just after "done" belongs to the job just finished)."""
    turn.finish(done=None)
    turn.conversation.data = {**turn.conversation.data, LAST: {
        **before, "appointment": visit.appointment_id, "told": told, "what": what,
        "at": turn.now.isoformat()}}


def remember_note(turn: Turn, visit: Visit, written: str) -> None:
    """Keep the note just filed, for an "undo" right after it."""
    turn.conversation.data = {**turn.conversation.data, LAST_NOTE: {
        "job": job_id(visit), "number": visit.job.number, "text": written,
        "at": turn.now.isoformat()}}


def _withdraw_note(turn: Turn, last: object) -> bool:
    """ "undo" right after a note: the timeline keeps every entry, so the note is marked
    withdrawn there (no status is touched); False when no note is newer than the last update."""
    filed = turn.conversation.data.get(LAST_NOTE)
    if not isinstance(filed, dict) or _age(turn, filed) > UNDO_WINDOW or (
            isinstance(last, dict) and _age(turn, last) < _age(turn, filed)):
        return False
    turn.run(AddJobNote(job_id=int(filed["job"]), text=f"withdrawn by the technician: {filed['text']}",
                        actor=turn.actor))
    turn.conversation.data = {k: v for k, v in turn.conversation.data.items() if k != LAST_NOTE}
    turn.say(texts.note_withdrawn(str(filed["number"]), str(filed["text"])))
    return True


def last_update(turn: Turn, within: timedelta) -> dict[str, Any] | None:
    """The technician's last status change if it was made within `within`, else None."""
    last = turn.conversation.data.get(LAST)
    return last if isinstance(last, dict) and _age(turn, last) <= within else None


def tell(turn: Turn, visit: Visit, what: str, body: str) -> int | None:
    key = f"tech-{what}:{job_id(visit)}:{turn.message_id or turn.now.isoformat()}"
    return notify_customer(turn.uow, now=turn.now, account_id=visit.job.account_id, body=body,
                           key=key, timezone=visit.site.timezone)
