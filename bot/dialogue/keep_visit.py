"""A visit the customer says to keep.

Outside any question (`claims`, `answer`): "keep the 14th after all", "i said KEEP dec 3rd". One
the last change cancelled is put back; one still booked is said to stay. Either way no other visit
is touched.

As it is (`as_is`): "keep thursday's furnace appt", "the drain thing thursday, just leave it as
is": told it stays, nothing changed, any question pending kept open. Only a visit still booked and
named by its day or service is meant; a text that also moves, cancels or undoes something is left
to those flows.

Asked whether to (`should_cancel`): "should we cancel the tune up on the 9th since he's coming
anyway?", "i asked if i should cancel the dec 9 one": the visit named is said to stay booked until
the customer asks for it to be cancelled; nothing is changed and no times are offered.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.dialogue import (
    corrections,
    replies,
    small_talk,
    two_parts,
    visit_address,
    visit_questions,
    visits,
)
from bot.dialogue.gsm import clip
from bot.dialogue.reply import Reply
from bot.nlu import intents
from bot.nlu.text import normalize
from domain.jobs import Appointment

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn


def claims(turn: Turn) -> bool:
    """A visit to keep, else a correction of the last change ("undo", "wrong address"); "i said
    KEEP dec 3rd. undo" about a visit never changed says it stays, and undoes nothing."""
    if corrections.worded_as_one(turn):
        if _keeps_another(turn):
            return True
        undoing_a_cancel = turn.last_change().get("kind") == "cancelled"
        # "you just approved Q-1046, take that back": a person undoes a quote decision; the
        # rest of the text retells it, and asks nothing more
        quote_decided = bool(turn.last_change().get("quote_id"))
        first = two_parts.first_part(turn)
        if not corrections.claims(first):
            return False
        # "put monday back and cancel wed instead"
        if not turn.conversation.is_active(turn.now) and not quote_decided:
            swap = undoing_a_cancel and turn.last_change().get("kind") != "cancelled"
            two_parts.questions_beside(turn, acts=True, swap=swap,
                                       answered=first.text if first is not turn else None)
        return True
    if visit_address.answer(turn):  # "the furnace tmrw is at my rental, 5120 N Kimball Ave"
        return True
    return answer(turn) or corrections.claims(turn)


def _keeps_another(turn: Turn) -> bool:
    """The visit said to keep is still booked and not the one last changed (nor named by the
    day it had): say it stays; the last change is left as it is."""
    if turn.customer is None or not visits.kept(turn).spared:
        return False
    change = turn.last_change()
    changed = turn.uow.appointments.get(int(change.get("appointment_id") or 0))
    if changed is None:
        return False
    days = {visits.local_day(turn, changed)}
    if change.get("start"):
        days.add(datetime.fromisoformat(str(change["start"])).astimezone(
            ZoneInfo(visits.timezone_of(turn, changed))).date())
    for clause in visits.kept(turn).spared:
        said = visits.named(turn, text=clause)
        if said.narrows and (visits.narrow(turn, [changed], said, same_work=True)
                             or any(said.on_day(day) for day in days)):
            return False  # "undo that, keep friday": the visit changed, by the day it had
    staying = [a for a in _spared(turn, visits.upcoming(turn)) if a.id != changed.id]
    if len(staying) != 1:
        return False
    turn.finish(_stays(turn, staying[0]), keep_done=True)
    return True


def answer(turn: Turn) -> bool:
    """Answer a text that says to keep a visit; False when it says no such thing."""
    if turn.customer is None:
        return False
    if not visits.kept(turn).spared:
        return _keeps_it(turn)
    cancelled = [a for a in _last_cancelled(turn) if not a.is_active]
    back = _spared(turn, cancelled)
    if back:  # "keep the 14th" right after cancelling it: that one back, the others stay off
        corrections.put_back(turn, back[0])
        if not turn.conversation.is_active(turn.now):
            two_parts.questions_beside(turn)  # "... and is the electrician still friday?"
        return True
    pending = turn.conversation.flow is not None and turn.conversation.is_active(turn.now)
    if pending or turn.parse.intent in (intents.CANCEL, intents.RESCHEDULE) or _ASKS_CHANGE.search(
            normalize(turn.text)):
        return False  # "keep thursday, cancel the other one": the request goes on without it
    staying = _spared(turn, visits.upcoming(turn))
    if len(staying) != 1:
        return False
    turn.finish(_stays(turn, staying[0]), keep_done=True)
    return True


def _stays(turn: Turn, staying: Appointment) -> Reply:
    """ "Your Thu Dec 10 visit stays", and where the visit last changed now is, if another."""
    change = turn.last_change()
    changed = turn.uow.appointments.get(int(change.get("appointment_id") or 0))
    if changed is None or changed.id == staying.id or not visits.may_act(turn, changed):
        return replies.kept(visits.label(turn, staying))
    now = visits.label(turn, changed) if changed.is_active else "cancelled"
    return replies.kept_beside(visits.label(turn, staying), visits.service_name(turn, changed), now)


def _keeps_it(turn: Turn) -> bool:
    """ "cancel saturday. actually wait no keep it": the visit named stays, and that is said."""
    if not visits.kept(turn).keeps_it or turn.conversation.is_active(turn.now):
        return False
    resolution = visits.resolve(turn, visits.upcoming(turn))
    if not resolution.named.narrows or resolution.one is None:
        return False
    turn.finish(replies.kept(visits.label(turn, resolution.one)), keep_done=True)
    return True


def _last_cancelled(turn: Turn) -> list[Appointment]:
    """The visits the last change cancelled (one, or several at once), within half an hour."""
    change = turn.last_change()
    if change.get("kind") != "cancelled":
        return []
    ids = change.get("appointment_ids") or [change.get("appointment_id")]
    found = [turn.uow.appointments.get(int(i)) for i in ids if i]
    return [a for a in found if a is not None and visits.may_act(turn, a)]


def _spared(turn: Turn, among: list[Appointment]) -> list[Appointment]:
    """The visits of `among` named in what the text says to keep."""
    found: list[Appointment] = []
    for clause in visits.kept(turn).spared:
        said = visits.named(turn, text=clause)
        if said.narrows:
            found.extend(visits.narrow(turn, among, said, same_work=True))
    return list(dict.fromkeys(found))


_KEEP = re.compile(
    r"\b(?:keep|keeping)\b(?:\W+\w+){0,5}?\W+(?:appt|appointment|visit|one|booking|job)s?\b"
    r"|\b(?:leave|leaving|keep) (?:it|that|this|them|that one|this one|the \w+(?: \w+)?)(?: \w+)? "
    r"(?:as is|as it is|alone|where it is|the same|be)\b"
    r"|\b(?:stays?|can stay|should stay|is fine) (?:as is|as it is|the same|where it is)\b")
# A change asked in the same text: the cancel, move or undo flows read it.
_CHANGE = re.compile(r"\b(?:cancel\w*|move|moving|moved|reschedul\w*|push\w*|instead|earlier|later|"
                     r"sooner|undo|back|after all|restore|re-?book)\b")
# Flows that change a visit: a visit kept while they ask answers them, not aside.
_CHANGING = frozenset({"reschedule", "cancel"})
# "we only need the one on thursday. cancel those two": the cancel reads the rest
_ASKS_CHANGE = re.compile(r"\b(?:cancel|move|reschedule|push)\b")
_ACTIONS = frozenset({intents.CANCEL, intents.APPROVE_QUOTE, intents.DECLINE_QUOTE, intents.HUMAN})


def as_is(turn: Turn) -> bool:
    """Say the visit named stays as booked, any question pending kept open; False for any other
    text."""
    if turn.customer is None or turn.parse.intent in _ACTIONS:
        return False
    text = normalize(turn.text)
    if not _KEEP.search(text) or _CHANGE.search(text):
        return False
    if turn.conversation.is_active(turn.now) and turn.conversation.flow in _CHANGING:
        return False  # asked which visit to move or cancel: keeping it ends that question
    booked = visits.upcoming(turn)
    spared = visits.spared_among(turn, booked)  # "keep thursdays furnace appt": the one kept
    if len(spared) != 1:
        resolution = visits.resolve(turn, booked)
        shown = visits.just_shown(turn, booked)
        if resolution.named.narrows and resolution.one is not None:
            spared = (resolution.one,)
        elif len(shown) == 1 and _IT.search(text):  # "no just keep it as is": the one just told
            spared = (shown[0],)
        else:
            return False
    small_talk.settle(turn, replies.kept(visits.label(turn, spared[0])))
    return True


_IT = re.compile(r"\b(?:keep|leave) (?:it|that|this)\b")


# "should we cancel the tune up on the 9th", "do i still keep thursday's", "is it ok to cancel"
_SHOULD_CANCEL = re.compile(
    r"\b(?:should|shall|must|do) (?:i|we)(?: still| even| just| maybe)? "
    r"(?:cancel|keep|skip|need to cancel)\b"
    r"|\b(?:if|whether) (?:i|we) (?:should|need to|have to) (?:still )?(?:cancel|keep|skip)\b"
    r"|\b(?:is it|would it be) (?:ok|okay|better|fine|smart|wise|worth it) to (?:cancel|keep|skip)\b"
    r"|\b(?:worth|any point in|point in) (?:keeping|canceling|cancelling|skipping)\b"
    # "the 17th and 24th. same furnace. need both?", "do we really need all of them"
    r"|\b(?:do|does) (?:i|we) (?:really |even |still |actually )?need (?:them )?(?:both|all|the two)\b"
    r"|(?:^|[.?!,;] ?)(?:(?:so|and|but|k|ok|okay) )?(?:really |still )?need (?:them )?(?:both|all"
    r"(?: of them)?|the two)\W*\?"
    r"|\b(?:both|the two|all of them) (?:really |still )?(?:needed|necessary)\b")


def asks_whether_to_cancel(turn: Turn) -> bool:
    """Whether the text asks if a visit should be cancelled or kept (no order to do either)."""
    return _SHOULD_CANCEL.search(normalize(turn.text)) is not None


def should_cancel(turn: Turn) -> bool:
    """Answer "should we cancel the dec 9 tune up?" with that visit, still booked, and how to cancel
    it; False when the text orders the cancel or names no one visit."""
    if turn.customer is None or turn.parse.intent in (intents.APPROVE_QUOTE, intents.DECLINE_QUOTE,
                                                     intents.HUMAN):
        return False
    text = normalize(turn.text)
    asks = _SHOULD_CANCEL.search(text)
    if asks is None:
        return False
    # "how long til they call? also should we cancel the 9th": the visit after the question;
    # "do we still keep the dec 10 one or cancel it": a visit asked about, never one set aside
    said = visits.named(turn, text=re.sub(r"\b(?:keep|keeping|cancel\w*|skip\w*)\b", "about",
                                          text[asks.start():]))
    if not said.narrows:  # "the 17th and 24th. same furnace. need both?": named before it
        said = visits.named(turn, text=text[:asks.start()])
    found = visits.narrow(turn, visits.upcoming(turn), said) if said.narrows else []
    if len(found) > 1 and len(said.days) > 1:  # "the 17th and 24th. need both?": each told
        small_talk.settle(turn, replies.all_still_on(
            [f"{visit_questions.described(turn, a, with_day=True)}{_for(turn, a)}" for a in found]))
        visits.remember_shown(turn, found)
        return True
    if len(found) != 1:
        return False
    visit = found[0]
    small_talk.settle(turn, replies.yours_to_decide(visits.service_name(turn, visit).lower(),
                                                    visits.label(turn, visit)))
    return True


def _for(turn: Turn, appointment: Appointment) -> str:
    """ " (for: furnace short-cycling)": what the visit's job is for, as the office wrote it."""
    job = turn.uow.jobs.get(appointment.job_id)
    scope = job.scope.strip() if job is not None and job.scope else ""
    return f" (for: {clip(scope, 45)})" if scope else ""
