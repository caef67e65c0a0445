"""A technician runs the day by text: on the way, here, late, paused, done, next, notes, undo.

Every update is about one of the technician's own visits today (technician_jobs picks it); the
customer hears about it at once through the outbox, and the last update can be undone for ten
minutes, with a short correction to a customer who was told (technician_undo).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo

from bot.dialogue import technician_texts as texts
from bot.dialogue.reply import Reply
from bot.dialogue.technician_jobs import (
    IN_PROGRESS,
    Visit,
    job_id,
    named,
    names_a_place,
    other_day_visits,
    own_visit,
    todays_visits,
    visits_on,
)
from bot.dialogue.technician_summary import for_customer, is_unsafe, work_summary
from bot.dialogue.technician_undo import (
    asks_undo,
    before_change,
    last_update,
    remember,
    tell,
    undo,
)
from bot.nlu import intents
from domain.commands import (
    AddJobNote,
    ChangeJobState,
    CompleteJob,
    ReviseEta,
)
from domain.jobs import JobState
from domain.notices import notify_staff
from domain.quotes import QuoteState

if TYPE_CHECKING:
    from bot.dialogue.roles import Starter
    from bot.dialogue.turn import Turn

FLOW = "technician"
PICK = "pick"
CONFIRM = "confirm"  # a Y/N before an update that looks premature (roles.YES_NO_STEPS)
# A delay is told to a customer whose visit has not started only when it starts this soon.
LATE_NOTICE_AHEAD = timedelta(hours=2)
# "done" on a visit never started whose window opens later than this is asked about first.
DONE_UNSTARTED_AHEAD = timedelta(hours=1)
# "at Fischer's", "to 42 Elm": a text that names a visit must find it, never fall back to another.
NAMING = re.compile(
    r"(?:^\W*|\b(?:at|to|for|@|from)\s+(?:the\s+)?)(?:"
    r"(?:[a-z]+ )?(?!(?:it|that|what|he|she|there|here|let|who|where|how|one|today|tomorrow|"
    r"customer|client|owner|homeowner|tenant|neighbou?r|landlord|unit|system)'s)[a-z]+'s\b|"
    r"\d{1,6} (?!(?:min|mins|minutes|m|hr|hrs|hours?|late|behind|out|away|more|am|pm|sec)\b)"
    r"[a-z]{2,})", re.IGNORECASE)
_NOTE_WORDS = re.compile(r"^\W*(?:(?:add|put|leave)(?: a| this)? notes?|notes?|fyi|memo|log)\b"
                         r"(?: (?:to|on) (?:the )?job(?: notes?)?)?[\s,:;.-]*", re.IGNORECASE)
# A departure planned for later, not made now: "lunch then headed to X", "after this I'll head to X".
PLAN = re.compile(
    r"\b(?:then|later|after (?:this|that|lunch|here|i'?m done|i finish|i'?m finished)|"
    r"once (?:i'?m|i am|done|finished|i finish)|when (?:i'?m|i am) (?:done|finished)|"
    r"in a (?:bit|while)|(?:i'?ll|i will|gonna|going to|will) (?:head|go|swing|drive|leave|"
    r"be heading))\b", re.IGNORECASE)
_TOMORROW = re.compile(r"\b(?:tomorrow|tomorow|tommorow|tommorrow|tmrw|tmr|tmw|2moro)\b",
                       re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|rsday|urday|r|rs)?\b",
                      re.IGNORECASE)
# A note this soon after "done" (and no update since) is about the job just finished.
NOTE_AFTER_DONE = timedelta(minutes=30)
# How far from today a visit the technician names is looked for, to say which day it is.
OTHER_DAYS_BEFORE = timedelta(days=7)
OTHER_DAYS_AFTER = timedelta(days=30)
_WHOLE_DAY = re.compile(r"\b(?:day|today|todays|schedule|route|list|all|jobs|plate)\b",
                        re.IGNORECASE)

# Which job states each update may act on: a skipped step ("done" without "here") is filled in.
ACCEPTS: dict[str, frozenset[JobState]] = {
    intents.TECH_EN_ROUTE: frozenset({JobState.SCHEDULED, JobState.EN_ROUTE}),
    intents.TECH_ARRIVED: frozenset({JobState.SCHEDULED, JobState.EN_ROUTE, JobState.PAUSED}),
    intents.TECH_LATE: frozenset({JobState.SCHEDULED, JobState.EN_ROUTE}),
    intents.TECH_PAUSED: frozenset({JobState.SCHEDULED, JobState.EN_ROUTE, JobState.ON_SITE}),
    intents.TECH_DONE: frozenset({JobState.SCHEDULED, JobState.EN_ROUTE, JobState.ON_SITE,
                                  JobState.PAUSED}),
    intents.NOTE: frozenset({JobState.SCHEDULED, JobState.EN_ROUTE, JobState.ON_SITE,
                             JobState.PAUSED}),
}
# The steps a job takes to reach a state from where it is (the state machine has no shortcuts).
PATH = (JobState.SCHEDULED, JobState.EN_ROUTE, JobState.ON_SITE)
ACTION_WORDS = {intents.TECH_EN_ROUTE: "on the way", intents.TECH_ARRIVED: "here",
                intents.TECH_LATE: "running late", intents.TECH_PAUSED: "paused",
                intents.TECH_DONE: "done", intents.NOTE: "note"}


def starters() -> dict[str, Starter]:
    """What a technician's text starts; "undo" is recognised whatever the parser read."""
    acting: dict[str, Starter] = {intent: _about_a_visit(intent) for intent in ACCEPTS}
    return {
        **acting,
        intents.TECH_NEXT: _unless_undo(next_visit),
        intents.HELP: _unless_undo(help_menu),
        intents.GREET: _unless_undo(help_menu),
        intents.THANKS: _unless_undo(_thanks),
        intents.AFFIRM: _unless_undo(_acknowledge),
        intents.DENY: _unless_undo(_no),
    }


def otherwise(turn: Turn) -> None:
    """Anything else: "undo", or an honest "didn't get that" (a technician is never handed off)."""
    if asks_undo(turn.text):
        undo(turn)
    else:
        turn.finish(texts.not_understood())


def _acknowledge(turn: Turn) -> None:
    """ "ok", "Y", a thumbs-up that answers no question: a word for staff, never a customer's menu."""
    if turn.conversation.is_active(turn.now):  # a question is pending that this does not answer
        turn.say(texts.answer_pending(turn.step == PICK))
    else:
        turn.finish(texts.acknowledged())


def _thanks(turn: Turn) -> None:
    assert turn.staff is not None
    turn.finish(texts.thanks(turn.staff.first_name))


def _no(turn: Turn) -> None:
    turn.finish(texts.nothing_changed())


def help_menu(turn: Turn) -> None:
    assert turn.staff is not None
    turn.finish(texts.help_menu(turn.staff.first_name))


def answer(turn: Turn) -> bool:
    """The answer to "which visit is that?": a number, or a name or street among the options."""
    data = turn.data
    if turn.step == CONFIRM and turn.parse.intent == intents.DENY:
        return _confirmed(turn, data)  # "oops no, wrong visit": no to the question, no undo
    if asks_undo(turn.text):
        return False  # the last update is taken back instead (starters)
    if turn.step == CONFIRM:
        return _confirmed(turn, data)
    if turn.step != PICK:
        return False
    options = [v for v in (own_visit(turn, i) for i in data.get("options", [])) if v is not None]
    option = turn.option()
    if option is not None and 1 <= option <= len(options):
        chosen = [options[option - 1]]
    else:
        chosen = named(options, turn.text) if option is None else []
    if len(chosen) != 1:
        return False  # not an answer: read the text afresh
    turn.finish()
    ACTIONS[data["intent"]](turn, chosen[0], data.get("text", ""), data.get("minutes"))
    return True


def _confirmed(turn: Turn, data: dict[str, Any]) -> bool:
    """Y carries out the update asked about, N leaves everything as it was; else not an answer."""
    visit = own_visit(turn, data.get("appointment"))
    if turn.parse.intent not in (intents.AFFIRM, intents.DENY) or visit is None:
        return False
    if turn.parse.intent == intents.DENY:
        turn.finish(texts.left_alone(visit))
        return True
    turn.finish()
    ACTIONS[data["intent"]](turn, visit, data.get("text", ""), data.get("minutes"), checked=True)
    return True


def _check(turn: Turn, visit: Visit, intent: str, text: str, minutes: int | None,
           question: Reply) -> None:
    """Ask Y/N before an update that looks premature, keeping everything the text said."""
    turn.ask(FLOW, CONFIRM, {"intent": intent, "appointment": visit.appointment_id, "text": text,
                             "minutes": minutes}, question)


# --- Choosing the visit -----------------------------------------------------------------------


def _unless_undo(starter: Starter) -> Starter:
    def start(turn: Turn) -> None:
        if asks_undo(turn.text):
            undo(turn)
        else:
            starter(turn)
    return start


def _about_a_visit(intent: str) -> Starter:
    """A starter that finds the visit the update is about, asking when it can't tell."""

    def start(turn: Turn) -> None:
        if asks_undo(turn.text):
            undo(turn)
            return
        visits = todays_visits(turn)
        candidates = named(visits, turn.text)
        if not candidates:
            if NAMING.search(turn.text) is not None or names_a_place(turn.text):
                _not_today(turn)  # never another visit than the one named
                return
            finished = _just_finished(turn) if intent == intents.NOTE else None
            candidates = [finished] if finished else _current(visits, ACCEPTS[intent])
        minutes = turn.parse.slots.get("minutes")
        minutes = minutes if isinstance(minutes, int) else None
        if not candidates:
            turn.finish(texts.no_visit(named=False))
        elif len(candidates) == 1:
            ACTIONS[intent](turn, candidates[0], turn.text, minutes)
        else:
            zone = turn.timezone
            turn.ask(FLOW, PICK, {"intent": intent, "text": turn.text, "minutes": minutes,
                                  "options": [v.appointment_id for v in candidates]},
                     Reply.choice(texts.which_visit(ACTION_WORDS[intent]),
                                  tuple(texts.label(v, zone) for v in candidates)))

    return start


def _just_finished(turn: Turn) -> Visit | None:
    """The visit the technician marked done within the last half hour, with no update since."""
    last = last_update(turn, NOTE_AFTER_DONE)
    if last is None or last.get("what") != intents.TECH_DONE:
        return None
    visit = own_visit(turn, last.get("appointment"))
    return visit if visit is not None and visit.job.state is JobState.COMPLETED else None


def _not_today(turn: Turn) -> None:
    """The text names no visit of the technician's today: say which day it is, if it is theirs;
    otherwise say nothing about whose it may be."""
    elsewhere = named(other_day_visits(turn, before=OTHER_DAYS_BEFORE, after=OTHER_DAYS_AFTER),
                      turn.text)
    if elsewhere:
        turn.finish(texts.visit_on_another_day(elsewhere[0], turn.timezone))
    else:
        turn.finish(texts.no_visit(named=True))


def _current(visits: list[Visit], accepts: frozenset[JobState]) -> list[Visit]:
    """The visit in progress (all of them, if somehow several); else a paused one (waiting on
    parts, it is current only once the technician is back) and the next one not started."""
    fitting = [v for v in visits if v.job.state in accepts]
    started = [v for v in fitting if v.job.state in IN_PROGRESS]
    if started:
        return started
    paused = [v for v in fitting if v.job.state is JobState.PAUSED]
    waiting = [v for v in fitting if v.job.state is JobState.SCHEDULED]
    return paused + waiting[:1]


# --- The updates ------------------------------------------------------------------------------


def en_route(turn: Turn, visit: Visit, text: str, minutes: int | None,
             checked: bool = False) -> None:
    """On the way now: the customer is told. A plan ("lunch then headed to 26th st") changes
    nothing; a job still on site elsewhere is pointed out, since it stays open."""
    if visit.job.state is JobState.SCHEDULED and PLAN.search(text):
        turn.finish(texts.plan_noted(visit, turn.timezone))
        return
    before = before_change(visit)
    job = job_id(visit)
    if visit.job.state is JobState.EN_ROUTE:
        if minutes is None:  # already on the way: nothing new to tell anyone
            turn.finish(texts.on_the_way(visit, visit.job.eta, turn.timezone, again=True))
            return
        turn.run(ReviseEta(job_id=job, eta_minutes=minutes, actor=turn.actor))
    else:
        turn.run(ChangeJobState(job_id=job, new_state=JobState.EN_ROUTE, actor=turn.actor,
                                eta_minutes=minutes))
    eta = visit.job.eta
    told = tell(turn, visit, "en-route", texts.customer_on_the_way(
        _tech(turn), turn.business.name, eta, visit.site.timezone))
    remember(turn, visit, before, told)
    turn.say(texts.on_the_way(visit, eta, turn.timezone))
    left = [v for v in todays_visits(turn)
            if v.job.state is JobState.ON_SITE and v.appointment_id != visit.appointment_id]
    if left:
        turn.say(texts.still_open(left[0]))


def arrived(turn: Turn, visit: Visit, text: str, minutes: int | None,
            checked: bool = False) -> None:
    before = before_change(visit)
    _move_to(turn, visit, JobState.ON_SITE)
    remember(turn, visit, before, None)
    turn.say(texts.arrived(visit, turn.timezone))


def late(turn: Turn, visit: Visit, text: str, minutes: int | None,
         checked: bool = False) -> None:
    """A delay counts from where the visit stood (its ETA on the way, else its planned arrival),
    never from now; a visit that starts hours from now is asked about before its customer hears."""
    a = visit.appointment
    planned = (visit.job.eta if visit.job.state is JobState.EN_ROUTE and visit.job.eta
               else max(a.start, a.window_start))
    arrival = max(planned, turn.now) + timedelta(minutes=minutes or 0)
    if (not checked and visit.job.state is JobState.SCHEDULED
            and a.start - turn.now > LATE_NOTICE_AHEAD):
        zone = turn.timezone
        busy = [v for v in todays_visits(turn) if v.job.state is JobState.ON_SITE]
        _check(turn, visit, intents.TECH_LATE, text, minutes, texts.late_ahead(
            visit, busy[0] if busy else None, arrival if minutes else None, turn.now, zone))
        return
    before = before_change(visit)
    if minutes is not None:
        turn.run(ReviseEta(job_id=job_id(visit), eta_minutes=minutes, actor=turn.actor,
                           note=text, since=planned))
    eta = visit.job.eta if minutes is not None else None
    if eta is not None and eta <= a.window_start:  # still on time for the promised window
        remember(turn, visit, before, None)
        turn.say(texts.late_in_time(visit, eta, turn.timezone))
        return
    told = tell(turn, visit, "late", texts.customer_late(
        _tech(turn), turn.business.name, eta, visit.site.timezone))
    remember(turn, visit, before, told)
    turn.say(texts.late(visit, eta, turn.timezone))


def paused(turn: Turn, visit: Visit, text: str, minutes: int | None,
           checked: bool = False) -> None:
    before = before_change(visit)
    _move_to(turn, visit, JobState.ON_SITE)
    turn.run(ChangeJobState(job_id=job_id(visit), new_state=JobState.PAUSED, actor=turn.actor,
                            note=text.strip()))
    told = tell(turn, visit, "paused", texts.customer_paused(_tech(turn), turn.business.name))
    remember(turn, visit, before, told)
    turn.say(texts.paused(visit))


def done(turn: Turn, visit: Visit, text: str, minutes: int | None,
         checked: bool = False) -> None:
    if (not checked and visit.job.state is JobState.SCHEDULED
            and visit.appointment.window_start - turn.now > DONE_UNSTARTED_AHEAD):
        _check(turn, visit, intents.TECH_DONE, text, minutes,
               texts.done_unstarted(visit, turn.timezone))
        return
    before = before_change(visit)
    was_paused = visit.job.state is JobState.PAUSED
    _move_to(turn, visit, JobState.ON_SITE)
    summary = work_summary(text)
    turn.run(CompleteJob(job_id=job_id(visit), summary=summary, actor=turn.actor))
    invoice = turn.uow.invoices.first(job_id=job_id(visit))
    if was_paused:  # the office was asked to arrange a return visit: no longer needed
        notify_staff(turn.uow, now=turn.now, account_id=visit.job.account_id,
                     body=texts.office_finished_after_pause(visit, _tech(turn)),
                     key=f"job-resumed:{job_id(visit)}:{turn.message_id or turn.now.isoformat()}")
    if is_unsafe(summary):  # the office follows it up with the customer, not a raw text
        notify_staff(turn.uow, now=turn.now, account_id=visit.job.account_id,
                     body=texts.office_unsafe(visit, _tech(turn), summary),
                     key=f"job-unsafe:{job_id(visit)}:{turn.message_id or turn.now.isoformat()}")
    told = tell(turn, visit, "done", texts.customer_done(_tech(turn), turn.business.name,
                                                          for_customer(summary)))
    remember(turn, visit, before, told, what=intents.TECH_DONE)
    turn.say(texts.done(visit, invoice.number if invoice is not None else None))


def note(turn: Turn, visit: Visit, text: str, minutes: int | None,
         checked: bool = False) -> None:
    written = _NOTE_WORDS.sub("", text).strip()
    if not written:
        turn.finish(texts.empty_note())
        return
    turn.run(AddJobNote(job_id=job_id(visit), text=written, actor=turn.actor))
    turn.say(texts.noted(visit))


class Action(Protocol):
    """An update on one visit; `checked`: the technician has confirmed it (Y)."""

    def __call__(self, turn: Turn, visit: Visit, text: str, minutes: int | None,
                 checked: bool = False) -> None: ...


ACTIONS: dict[str, Action] = {
    intents.TECH_EN_ROUTE: en_route,
    intents.TECH_ARRIVED: arrived,
    intents.TECH_LATE: late,
    intents.TECH_PAUSED: paused,
    intents.TECH_DONE: done,
    intents.NOTE: note,
}


def next_visit(turn: Turn) -> None:
    """The next visit not started (window, customer, address, service, access, open quote), or
    the whole day when the text asks for it."""
    zone = turn.timezone
    today = turn.now.astimezone(ZoneInfo(zone)).date()
    asked = _day_asked(turn.text, today)
    if asked is not None and asked != today:  # "what's my day look like tomorrow"
        listed = [(v, v.job.state.value.replace("_", " ")) for v in visits_on(turn, asked)]
        turn.finish(texts.day(listed, zone, on=asked, tomorrow=asked == today + timedelta(days=1)))
        return
    visits = todays_visits(turn)
    if _WHOLE_DAY.search(turn.text) and "next" not in turn.text.lower():
        turn.finish(texts.day([(v, v.job.state.value.replace("_", " ")) for v in visits], zone))
        return
    upcoming = [v for v in visits if v.job.state is JobState.SCHEDULED]
    if not upcoming:
        turn.finish(texts.nothing_next())
        return
    visit = upcoming[0]
    quotes = turn.uow.quotes.find(account_id=visit.job.account_id, state=QuoteState.SENT)
    turn.finish(texts.next_visit(visit, zone, quotes[-1].number if quotes else None))


def _day_asked(text: str, today: date) -> date | None:
    """The day a schedule question is about: "tomorrow", a weekday (the next one), else None."""
    if _TOMORROW.search(text):
        return today + timedelta(days=1)
    found = _WEEKDAY.search(text)
    if found is None:
        return None
    weekday = next(i for i, name in enumerate(_WEEKDAYS) if found.group(1).lower() == name[:3])
    return today + timedelta(days=(weekday - today.weekday()) % 7)


# --- Helpers ----------------------------------------------------------------------------------


def _move_to(turn: Turn, visit: Visit, target: JobState) -> None:
    """Walk the job along scheduled -> en route -> on site up to `target` (a paused job resumes)."""
    job = visit.job
    if job.state is JobState.PAUSED and target is JobState.ON_SITE:
        turn.run(ChangeJobState(job_id=job_id(visit), new_state=target, actor=turn.actor))
        return
    while job.state in PATH and PATH.index(job.state) < PATH.index(target):
        step = PATH[PATH.index(job.state) + 1]
        turn.run(ChangeJobState(job_id=job_id(visit), new_state=step, actor=turn.actor))


def _tech(turn: Turn) -> str:
    assert turn.staff is not None
    return turn.staff.name
