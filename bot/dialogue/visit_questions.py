"""Questions about visits that name a day or a kind of work, or ask what was done: answered, not acted on.

Every visit matching what was asked is listed (three visits tomorrow: all three), only from the
sender's own account, and nothing is ever changed.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.dialogue import complaints, replies, small_talk, visits
from bot.dialogue.offers import local_date
from bot.dialogue.times import clock_label, day_label
from bot.nlu.days import find_days
from bot.nlu.services import ServiceMatcher
from bot.nlu.text import normalize
from bot.nlu.when import resolve_when
from domain.authz import may_act_on
from domain.catalog import Catalog
from domain.errors import DomainError
from domain.jobs import Appointment, AppointmentStatus, Job, JobState

if TYPE_CHECKING:
    from bot.dialogue.reply import Reply
    from bot.dialogue.turn import Turn

# "what did they do", "what was done", "last time": a question about finished work.
_WORK_DONE = re.compile(
    r"\bwhat (?:exactly |else |all )?(?:did|has|have) (?:the |my |our |your )?(?:\w+ ){0,2}?"
    r"(?:(?:end|ended) up )?(?:do|done|doing|fix|fixed|fixing|find|found)\b|"
    r"\bwhat (?:work )?(?:was|got|has been|have been) (?:done|fixed)\b|\blast (?:time|visit)\b|"
    # "tell me what it was that she did": asked politely, in a letter
    r"\bwhat (?:it (?:was|is) (?:that )?)?(?:she|he|they|the tech|the technician) (?:actually |"
    r"exactly )?(?:did|fixed|found|replaced)\b",
    re.IGNORECASE)
# "is the furnace job all finished?", "did they finish?": whether work is over, not when it is.
_ASKS_FINISHED = re.compile(
    r"\b(?:is|was|are|were|has|have|did)\b(?:\W+\w+){0,4}?\W+(?:all |totally |completely )?"
    r"(?:finished|finish|done|complete|completed|wrapped up)\b", re.IGNORECASE)
_FINISHED = (JobState.COMPLETED, JobState.INVOICED)
OFFERED = "offered_visit"  # a visit was offered after "no visit then": a "yes" asks what is needed


def answer(turn: Turn, *, within_questions: bool = False) -> bool:
    """Answer a question naming a day or a kind of work, or about finished work; else False.
    `within_questions`: only a day or work named in the text's questions counts (while times
    are offered, "and broadway? same day tue" asks about the address and wishes for Tuesday)."""
    day, service_id = _asked(turn, _asked_part(turn.text) if within_questions else turn.text)
    today = local_date(turn.now, turn.timezone)
    if asks_work_done(turn) or (day is not None and day < today):
        _work_done(turn, day, service_id)
        return True
    if _ASKS_FINISHED.search(turn.text) and _finished(turn, day or today, service_id):
        _work_done(turn, day or today, service_id)  # "is it all finished?": today's, it is
        return True
    if day is None and service_id is None:
        return False
    matches = [a for a in _booked(turn) if _matches(turn, a, day, service_id)]
    whose = technicians_visits(turn, day, service_id)
    if whose:  # "the thursday one with eddie": Eddie's Thursday visit, whichever week it is in
        matches = whose
        days = {local_date(a.window_start, visits.timezone_of(turn, a)) for a in whose}
        day = days.pop() if len(days) == 1 else None
    if not matches and day is not None and service_id is not None:
        # "do you install generators? also is the 9th visit still on": the work named may be
        # another topic; the day's visits say what is booked, with their work
        that_day = [a for a in _booked(turn) if _matches(turn, a, day, None)]
        if that_day:
            matches, service_id = that_day, None
    matches = _of_the_work_named(turn, matches, service_id)
    if len(matches) == 1 and _live(turn, matches[0]):
        return False  # the one visit asked about is under way: where the tech is says more
    if not matches and day == today and _finished(turn, day, service_id):
        _work_done(turn, day, service_id)  # today's visit is over: what was done
        return True
    if not matches:
        asked = (f"on {_day(day)}" if day is not None else
                 f"for {service_label(turn, service_id).lower()}")
        upcoming = _booked(turn)
        turn.finish(replies.no_visit_booked(asked, described(turn, upcoming[0], with_day=True)
                                            if upcoming else None), done=OFFERED)
    elif day is not None:
        turn.finish(replies.visits_on(_day(day), [described(turn, a, with_day=False)
                                                  for a in matches]))
        visits.remember_shown(turn, matches)  # "move that to the afternoon" means these
    elif any((job := _job(turn, a)) is None or job.service_id != service_id for a in matches):
        # "my ac tune up" when the visit booked is a repair of that trade: say what it is
        turn.finish(replies.your_visits("", [described(turn, a, with_day=True) for a in matches]))
        visits.remember_shown(turn, matches)
    else:
        turn.finish(replies.visits_for(service_label(turn, service_id).lower(),
                                       [described(turn, a, with_day=True, with_service=False)
                                        for a in matches]))
        visits.remember_shown(turn, matches)
    return True


# "the thursday one with eddie", "is the thursday visit with ana ...": a visit pointed at.
_POINTED = re.compile(r"\b(?:the|that|my|our) (?:[\w/-]+ ){0,3}?(?:one|visit|appointment|appt)\b")


# A tradesperson asked about ("the plumber"): any visit of that trade, not one service of it.
_TRADESPERSON = re.compile(r"\b(?:plumbers?|electricians?|(?:hvac|heating|furnace|ac) (?:guy|tech|person)"
                           r"|tech|technician|guy)\b")


def _of_the_work_named(turn: Turn, matches: list[Appointment],
                       service_id: str | None) -> list[Appointment]:
    """Of the visits of the trade asked about, those of the very work named when there are any
    ("when is the water heater visit": not the plumbing repair beside it)."""
    if service_id is None or _TRADESPERSON.search(normalize(turn.text)):
        return matches
    exact = [a for a in matches if (job := _job(turn, a)) is not None and job.service_id == service_id]
    return exact or matches


def technicians_visits(turn: Turn, day: date | None, service_id: str | None) -> list[Appointment]:
    """The visits a text points at by their technician ("the thursday one with eddie"): of that
    technician, on the day named or, for a bare weekday, on that weekday of any week; [] when
    the text names no technician or does not point at a visit."""
    if turn.option() is not None or not _POINTED.search(normalize(turn.text)):
        return []
    named = visits.named(turn)
    if not named.technicians:
        return []
    theirs = [a for a in _booked(turn) if a.technician_id in named.technicians
              and _matches(turn, a, None, service_id)]
    if day is None:
        return theirs
    on_day = [a for a in theirs if _matches(turn, a, day, None)]
    if on_day or day.weekday() not in named.weekdays:
        return on_day
    return [a for a in theirs
            if local_date(a.window_start, visits.timezone_of(turn, a)).weekday() == day.weekday()]


def already_booked(turn: Turn, service_id: str) -> Reply | None:
    """The upcoming visits for this kind of work (on the day named, if any), None when none."""
    day, _ = _asked(turn)
    matches = [a for a in _booked(turn) if _matches(turn, a, day, service_id)]
    if not matches and day is not None:
        matches = [a for a in _booked(turn) if _matches(turn, a, None, service_id)]
    if not matches:
        return None
    return replies.visits_for(service_label(turn, service_id).lower(),
                              [described(turn, a, with_day=True, with_service=False)
                               for a in matches])


def names_past_day(turn: Turn) -> bool:
    """Whether the text names a day gone by ("she came out on saturday"): finished work."""
    day, _ = _asked(turn)
    return day is not None and day < local_date(turn.now, turn.timezone)


def asks_work_done(turn: Turn) -> bool:
    """ "what did they do", "last time": a question about finished work."""
    return _WORK_DONE.search(_asked_part(turn.text)) is not None


def _asked_part(text: str) -> str:
    """The questions of a text when it asks any ("is he still coming? your guy last time left
    a mess": the question is about today), else the whole text."""
    asked = re.findall(r"[^.?!]*\?", text)
    return " ".join(asked) if asked else text


def service_asked(turn: Turn) -> str | None:
    """The service a text names, if any."""
    return _matcher(turn.catalog).match(turn.text.lower())


def _booked(turn: Turn) -> list[Appointment]:
    """Upcoming visits whose work is not already finished (a job can end before its window)."""
    return [a for a in visits.upcoming(turn)
            if (job := _job(turn, a)) is None or job.state not in _FINISHED]


def _asked(turn: Turn, text: str | None = None) -> tuple[date | None, str | None]:
    """The day (customer's local date) and the service the question (or `text` of it) names."""
    text = turn.text if text is None else text
    today = local_date(turn.now, turn.timezone)
    when = resolve_when(normalize(text), today) or {}  # "wed", "thurs", "tmrw"
    raw = when.get("date")
    day = date.fromisoformat(raw) if raw else None
    if day is None:  # "she came out on saturday": a day gone by is no wish, but it is asked about
        day = next((m.day for m in find_days(normalize(text), today) if m.day < today), None)
    return day, _matcher(turn.catalog).match(text.lower())


@lru_cache(maxsize=4)
def _matcher(catalog: Catalog) -> ServiceMatcher:
    return ServiceMatcher(catalog)


def _matches(turn: Turn, visit: Appointment, day: date | None, service_id: str | None) -> bool:
    if day is not None and local_date(visit.window_start, visits.timezone_of(turn, visit)) != day:
        return False
    return service_id is None or same_work(turn, _job(turn, visit), service_id)


def same_work(turn: Turn, job: Job | None, service_id: str) -> bool:
    """The job is the service asked about, or work of the same trade ("the plumber")."""
    if job is None:
        return False
    if job.service_id == service_id:
        return True
    try:
        return turn.catalog.get(job.service_id).skill == turn.catalog.get(service_id).skill
    except DomainError:
        return False


def described(turn: Turn, visit: Appointment, *, with_day: bool, with_service: bool = True) -> str:
    """ "8-10am, Plumbing repair with Tom (on the way, about 9:25am)"."""
    when = visits.label(turn, visit) if with_day else visits.label(turn, visit).split(", ", 1)[-1]
    what = f", {visits.service_name(turn, visit)}" if with_service else ""
    person = turn.uow.staff.get(visit.technician_id)
    who = f" with {person.first_name}" if person else ""
    return f"{when}{what}{who}{_progress(turn, _job(turn, visit))}"


def _live(turn: Turn, visit: Appointment) -> bool:
    job = _job(turn, visit)
    return job is not None and job.state in (JobState.EN_ROUTE, JobState.ON_SITE)


def _progress(turn: Turn, job: Job | None) -> str:
    if job is None:
        return ""
    if job.state is JobState.EN_ROUTE:
        eta = (f", about {clock_label(job.eta, turn.timezone)}" if job.eta and job.eta > turn.now
               else "")
        return f" (on the way{eta})"
    if job.state is JobState.ON_SITE:
        return " (there now)"
    return ""


def _work_done(turn: Turn, day: date | None, service_id: str | None) -> None:
    """The latest finished job (on the day, of the work asked about) and what was done."""
    assert turn.customer is not None
    done = _finished(turn, day, service_id)
    if not done:
        turn.finish(replies.no_work_done(f" on {_day(day)}" if day is not None else ""))
        return
    job = max(done, key=lambda j: (work_time(turn, j), j.id or 0))
    booked = [a for a in turn.uow.appointments.find(account_id=turn.customer.account_id)
              if a.job_id == job.id and a.status is not AppointmentStatus.CANCELLED]
    person = turn.uow.staff.get(booked[-1].technician_id) if booked else None
    first = person.first_name if person else "Your technician"
    service = service_label(turn, job.service_id).lower()
    # Asked with the trouble back, or right after a complaint: a person follows up as well.
    follow_up = complaints.follows_up_work(turn, f"{service} visit ({first})")
    told = replies.work_done(first, service, day_label(work_time(turn, job), turn.timezone),
                             job.summary.strip())
    if follow_up is not None:
        told = dataclasses.replace(told, text=f"{told.text}\n{follow_up.text}")
    # a question pending stays open; asked again next, the office is not told twice
    small_talk.settle(turn, told)


def finished(turn: Turn, service_id: str | None) -> list[Job]:
    """The sender's finished jobs of the work named (of its trade), any day."""
    return _finished(turn, None, service_id)


def _finished(turn: Turn, day: date | None, service_id: str | None) -> list[Job]:
    """The sender's finished jobs, on the day and of the work asked about when named."""
    assert turn.customer is not None
    return [j for j in turn.uow.jobs.find(account_id=turn.customer.account_id)
            if j.state in _FINISHED and may_act_on(turn.actor, j)
            and (service_id is None or same_work(turn, j, service_id))
            and (day is None or local_date(work_time(turn, j), turn.timezone) == day)]


def work_time(turn: Turn, job: Job) -> datetime:
    """When finished work was done: its last visit's start (the day the customer saw the
    technician), else when the job was last changed."""
    booked = [a.window_start for a in turn.uow.appointments.find(job_id=job.id)
              if a.status is not AppointmentStatus.CANCELLED]
    return max(booked) if booked else job.updated_at or turn.now


def _job(turn: Turn, visit: Appointment) -> Job | None:
    return turn.uow.jobs.get(visit.job_id)


def service_label(turn: Turn, service_id: str | None) -> str:
    try:
        return turn.catalog.get(service_id or "").name
    except DomainError:
        return "that work"


def _day(day: date) -> str:
    return f"{day:%a %b} {day.day}"
