"""The customer's upcoming visits: listing them, and resolving which one a text refers to.

One place for every flow that picks a visit (move, cancel, the pending "which visit?"): a number
picks from the list just shown; a day, a date or a service named ("tomorrow's", "the dec 8 one",
"the furnace one") narrows the choice to the visits that match it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.dialogue import also, replies
from bot.dialogue.times import visit_label
from bot.nlu import intents
from bot.nlu.clock import PARTS_OF_DAY, ClockTime, business_hour, find_clock_times, find_parts_of_day
from bot.nlu.days import WEEKDAYS, find_days
from bot.nlu.keeps import Kept, split_kept
from bot.nlu.services import ServiceMatcher
from bot.nlu.text import normalize
from bot.nlu.when import in_kept_clause, names_a_week, resolve_when
from domain.authz import may_act_on
from domain.catalog import Catalog
from domain.errors import DomainError
from domain.jobs import Appointment, Job, JobState
from domain.staff import Role

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

# A day that names the visit itself, not a time wished for: "thursday's", "the dec 8 one".
_NAMES_A_VISIT_AFTER = re.compile(
    r"^(?:'s|s)?\s*(?:\d{1,2}(?::\d\d)? ?(?:am|pm)? )?"
    r"(?:(?:plumbing|electrical|hvac|ac|a/c|furnace|heating|heater|water heater|drain|boiler|repair|"
    r"tune ?up|maintenance|plumber|electrician) ){0,2}"
    r"(?:one|visit|appointment|appt|booking|job|guy|tech|technician|person)s?\b")
_NAMES_A_VISIT_BEFORE = re.compile(
    r"\b(?:from|(?:one|visit|appointment|appt|booking|job)s? (?:on|for))\s*(?:this |the )?$"
    # "just the one tomorrow. can it be later": the day right after "the one" is the visit's
    r"|\b(?:the|that|this) (?:one|visit|appointment|appt|booking|job)\s*$")

# A text that only points at a visit ("the furnace one", "that plumbing visit"): never a request.
_REFERENCE = re.compile(
    r"^(?:(?:ok|okay|no|yes|sorry|i mean|i meant|oh),? )*(?:the|that|my|this) "
    r"(?:[\w/ -]{0,30} )?(?:one|visit|appointment|appt|booking)\W*$")

# A bare weekday ("thursday's visit"): any of the customer's visits on that weekday.
_BARE_WEEKDAY = re.compile(r"^(?:(?:on|the|this|coming) )?(" + "|".join(WEEKDAYS) + r")s?$")
# A time worded as the visit's own ("my 10am", "the 1pm one"), not a new time wished for.
_OWN_TIME_BEFORE = re.compile(r"\b(?:my|the|our|your|that|this)\s*$")

# "the 9th one": a list pick, unless there are not that many visits to pick from.
_ORDINAL_ONE = re.compile(r"\bthe (\d{1,2})(?:st|nd|rd|th) one\b")

# A correction of which visit is meant: "wait no", "not the drain", "i meant the furnace one".
CORRECTS = re.compile(r"^\W*(?:no|nope|wait|sorry|oops)\b|\b(?:not|meant|mean|wrong|instead of)\b")

# "the heating one that day": the day of the visits just talked about.
_THAT_DAY = re.compile(r"\b(?:that|the same|that same|same) day\b")
# "after 3 instead, same day is fine": the visit keeps its own day; "so it's the same day as the
# drain": a day wished for; neither names the visits just talked about
_OWN_DAY_KEPT = re.compile(r"(?<!\bthe )(?<!\bthat )\bsame day\b|\bsame day as\b")
_PRONOUN = re.compile(r"\b(?:it|that(?: one)?|this(?: one)?|that visit|that appointment)\b")
_POINTS_AT = re.compile(r"\b(?:the|that|my) (?:[\w/-]+ ){0,3}?(?:one|appointment|appt)\b(?! more)")

# "cancel the third one" after a list: its place in the list shown, not a date.
_PLACE_IN_LIST = re.compile(r"(?:\b(?:the|\w+day(?:'?s)?) |^\W*)(first|1st|second|2nd|third|3rd|"
                            r"fourth|4th|fifth|5th|last|middle|earliest|latest|final|earlier|later) "
                            r"(?:one|visit|appointment|appt)\b")
# "the first friday one", "the last thursday visit": a place among that day's visits, never on a
# list shown (the day named says whose places they are).
_PLACE_ON_A_DAY = re.compile(r"\bthe (first|1st|second|2nd|third|3rd|last|earliest|latest|final|"
                             r"earlier|later) (?:mon|tues|wednes|thurs|fri|satur|sun)day(?:'?s)? "
                             r"(?:one|visit|appointment|appt)\b")
# "the last one on that list", "the second one you sent": a place on a list the customer saw.
_OF_A_LIST = re.compile(r"\b(?:on|in|of|from) (?:that|the|this|your|ur|my) (?:list|text|message)\b|"
                        r"\b(?:you|u) (?:just )?(?:sent|listed|showed|texted|gave)\b")
_PLACES = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
           "4th": 4, "fifth": 5, "5th": 5, "earliest": 1}

SHOWN_FOR = timedelta(minutes=30)

Act = Callable[["Turn", Appointment], None]


@dataclass(frozen=True)
class Named:
    """What a text says about the visit it means: days, a service, or a number from a list."""

    days: tuple[date, ...] = ()
    service_id: str | None = None
    option: int | None = None
    weekdays: tuple[int, ...] = ()  # of the days named by a bare weekday ("the thursday one")
    times: tuple[time, ...] = ()  # clock times naming the visit ("my 10am")
    parts: tuple[str, ...] = ()  # parts of the day naming it ("the morning one")
    technicians: tuple[int, ...] = ()  # whose visit it is ("eddie's visit", "can eddie come at 3")
    technician_names: tuple[str, ...] = ()
    weeks: tuple[tuple[date, date], ...] = ()  # whole weeks named ("next week"), first and last day

    @property
    def narrows(self) -> bool:
        return bool(self.days or self.service_id or self.times or self.parts or self.technicians
                    or self.weeks)

    def on_day(self, day: date) -> bool:
        """True when `day` is a day named, on a weekday named bare ("thursday's") or in a week
        named ("next week, the drain one")."""
        return (day in self.days or day.weekday() in self.weekdays
                or any(first <= day <= last for first, last in self.weeks))


@dataclass(frozen=True)
class Resolution:
    """The visits a text can mean among those offered; `missing` says what matched nothing;
    `spared` the visits it says to keep ("keep thursday"), never among the matches."""

    matches: list[Appointment]
    named: Named
    missing: str | None = None
    spared: tuple[Appointment, ...] = ()

    @property
    def one(self) -> Appointment | None:
        return self.matches[0] if len(self.matches) == 1 else None

    @property
    def narrowed(self) -> bool:
        """True when the text named a visit, or set some aside ("keep the 3rd, cancel the other")."""
        return self.named.narrows or bool(self.spared)


def upcoming(turn: Turn) -> list[Appointment]:
    """The sender's booked visits that have not ended yet, soonest first (scoped to their account)."""
    assert turn.customer is not None
    found = turn.uow.appointments.find(account_id=turn.customer.account_id)
    # a technician running late is still coming: the visit stays upcoming past its planned end
    coming = {j.id for j in turn.uow.jobs.find(account_id=turn.customer.account_id,
                                               state=_UNDER_WAY)}
    visits = sorted((a for a in found if a.is_active and (a.end > turn.now or a.job_id in coming)
                     and may_act_on(turn.actor, a)), key=lambda a: a.start)
    turn.uow.jobs.get_many([a.job_id for a in visits])  # one read; labels look each job up
    return visits


_UNDER_WAY = frozenset({JobState.EN_ROUTE, JobState.ON_SITE})
MISSED_WITHIN = timedelta(days=2)


def movable(turn: Turn) -> list[Appointment]:
    """Upcoming visits and, before them, visits missed lately (the window is over but the job is
    still open: nobody came): those are moved, never booked again beside a new one."""
    return missed(turn) + upcoming(turn)


def missed(turn: Turn) -> list[Appointment]:
    """Visits of the last two days whose window is over while their job is still open."""
    assert turn.customer is not None
    found = turn.uow.appointments.find(account_id=turn.customer.account_id)
    missed = []
    for a in sorted(found, key=lambda a: a.start):
        if not a.is_active or a.end > turn.now or a.window_end < turn.now - MISSED_WITHIN:
            continue
        job = turn.uow.jobs.get(a.job_id)
        if job is not None and job.state in (JobState.SCHEDULED, JobState.EN_ROUTE) and \
                may_act_on(turn.actor, a):
            missed.append(a)
    return missed


def label(turn: Turn, appointment: Appointment) -> str:
    """ "Thu Mar 5, 8-10am"."""
    return visit_label(appointment.window_start, appointment.window_end, timezone_of(turn, appointment))


def choice_label(turn: Turn, appointment: Appointment) -> str:
    """ "Thu Mar 5, 8-10am, Plumbing repair"."""
    return f"{label(turn, appointment)}, {service_name(turn, appointment)}"


def service_name(turn: Turn, appointment: Appointment) -> str:
    job = turn.uow.jobs.get(appointment.job_id)
    return "visit" if job is None else work_name(turn, job)


def work_name(turn: Turn, job: Job) -> str:
    """What a job's work is called to the customer: the title of the deal it was won from, as
    the rep wrote it ("Panel upgrade to 200 A"), else its service's name ("Electrical repair")."""
    deal = turn.uow.deals.get(job.deal_id) if job.deal_id is not None else None
    if deal is not None and deal.title.strip():
        return deal.title
    try:
        return turn.catalog.get(job.service_id).name
    except DomainError:
        return job.service_id


def timezone_of(turn: Turn, appointment: Appointment) -> str:
    job = turn.uow.jobs.get(appointment.job_id)
    site = turn.uow.sites.get(job.site_id) if job is not None else None
    return site.timezone if site is not None else turn.timezone


def local_day(turn: Turn, appointment: Appointment) -> date:
    return appointment.window_start.astimezone(ZoneInfo(timezone_of(turn, appointment))).date()


def kept(turn: Turn) -> Kept:
    """What the text says to keep ("keep thursday", "not the drain") and the rest of it."""
    return split_kept(normalize(turn.text))


def named(turn: Turn, *, wanted: str | None = None, text: str | None = None) -> Named:
    """What the text names about a visit (leaving out what it says to keep and another request
    after "also", or in `text` only); a day equal to `wanted` (the new time asked for when moving)
    counts only when worded as the visit's own ("tomorrow's appointment")."""
    whole = text is None
    split = kept(turn)
    # "... and also my furnace": not this visit
    text = normalize(also.head(turn, split.rest)) if text is None else text
    today = turn.now.astimezone(ZoneInfo(turn.timezone)).date()
    target = _MOVE_TARGET.search(text) if whole and turn.parse.intent == intents.RESCHEDULE else None
    if target is not None and (find_days(text[:target.start()], today)
                               or _matcher(turn.catalog).match(text[:target.start()])):
        # "the sat repair, can that be moved to the same day as the tuneup": the visit is named
        # before where it is to go
        text = text[:target.start()]
    days: list[date] = []
    day_places: list[int] = []  # where in the text each of `days` is named
    weekdays: list[int] = []
    weeks: list[tuple[date, date]] = []
    for mention in find_days(text, today):
        if in_kept_clause(text, mention.start):
            continue  # "leave the 8th alone, move thursday's": the 8th is not the one meant
        if turn.parse.intent != intents.RESCHEDULE and names_a_week(text, today, mention.day):
            # "one of my visits next week, the drain one": any day of that week, not its monday
            # (a move's "next week" is where it goes, read as before)
            first = mention.day - timedelta(days=mention.day.weekday())
            weeks.append((first, first + timedelta(days=6)))
            continue
        if text[mention.start:mention.end].endswith(("later", "after")):
            continue  # "a week later": counted from the visit, never its name
        own = (_NAMES_A_VISIT_AFTER.match(text[mention.end:].lstrip()) is not None
               or _NAMES_A_VISIT_BEFORE.search(mention.before(text)) is not None)
        if own or mention.day.isoformat() != wanted:
            days.append(mention.day)
            day_places.append(mention.start)
            if _BARE_WEEKDAY.match(text[mention.start:mention.end]):
                weekdays.append(mention.day.weekday())
    ordinal = _ORDINAL_ONE.search(text)
    if ordinal and not days and turn.customer is not None and int(ordinal.group(1)) > len(
            upcoming(turn)):  # "the 9th one" with two visits: the one on the 9th
        found = find_days(f"on the {ordinal.group(1)}th", today)
        days.extend(mention.day for mention in found)
    elif ordinal and days:
        days = _beside_visit_day_named(turn, text, ordinal, days, day_places, today)
    if _THAT_DAY.search(text) and not days and not _OWN_DAY_KEPT.search(text) and \
            turn.customer is not None:
        # "the heating one that day": the day of the visits just talked about ("the drain one on
        # friday ... earlier that day": friday, the day the text itself named)
        days.extend(local_day(turn, a) for a in just_shown(turn, upcoming(turn)))
    parsed = turn.parse.slots.get("service") if whole and not split.spared else None
    if parsed is not None and parsed == also.request(turn).get("service"):
        parsed = None  # the work asked for after "also" names no visit of theirs
    service = parsed or _matcher(turn.catalog).match(text)
    technicians = _technicians(turn, text)
    return Named(days=tuple(dict.fromkeys(days)), service_id=service,
                 option=turn.option() if whole else None,
                 weekdays=tuple(weekdays), times=_times(turn, text), parts=_parts(turn, text),
                 technicians=tuple(technicians), technician_names=tuple(technicians.values()),
                 weeks=tuple(weeks))


def _beside_visit_day_named(turn: Turn, text: str, ordinal: re.Match[str], days: list[date],
                            places: list[int], today: date) -> list[date]:
    """`days` when "the 21st one" names a day one of the customer's visits is on: that day, and
    only those of `days` named in its own sentence ("cancel the 21st one. and the 18th is way too
    late": the 18th is talked about, not cancelled). Unchanged when it can be a list pick (as
    many visits as that) or no visit is on that day."""
    booked = upcoming(turn) if turn.customer is not None else []
    if int(ordinal.group(1)) <= len(booked):
        return days
    found = find_days(f"on the {ordinal.group(1)}th", today)
    if not found or not any(local_day(turn, a) == found[0].day for a in booked):
        return days
    first = max(text.rfind(stop, 0, ordinal.start()) for stop in _SENTENCE_ENDS)
    ends = [at for stop in _SENTENCE_ENDS if (at := text.find(stop, ordinal.end())) >= 0]
    last = min(ends, default=len(text))
    return [found[0].day, *(day for day, at in zip(days, places, strict=True)
                            if first < at < last and day != found[0].day)]


_SENTENCE_ENDS = (". ", "? ", "! ", "\n")


def day_moved_to(turn: Turn) -> date | None:
    """The first day named after a move's "to" ("... moved to the same day as the water heater
    one on the 17th": the 17th), None when none is."""
    text = normalize(turn.text)
    target = _MOVE_TARGET.search(text)
    if target is None:
        return None
    found = find_days(text[target.end():], turn.now.astimezone(ZoneInfo(turn.timezone)).date())
    return found[0].day if found else None


# Where a move's new day or time begins: "... moved to the same day as the tune up".
_MOVE_TARGET = re.compile(r"\b(?:move|moved|moving|push|pushed|bump|bumped|shift|shifted|go|switch|"
                          r"switched|reschedule|rescheduled) (?:it |that |this |them )?(?:over )?"
                          r"(?:to|till|until|for|onto) ")
# "can eddie come after dave": Dave names a time, not the visit; "ben fixed it" names none.
_NOT_THE_ONE = re.compile(r"\b(?:after|before|than|as|like|behind|following)\s*$")
_COMING_AFTER = re.compile(r"^(?:'s|s)?\s+(?:still\s+)?(?:come|coming|comes|visit|appointment|appt|"
                           r"one|on|to|at|instead|tomorrow|today|tmrw|\w+day|the|in|earlier|later)\b")
_COMING_BEFORE = re.compile(r"\b(?:move|moving|push|cancel|reschedule|is|does|did|will|can|"
                            r"could)\s+$")


def _technicians(turn: Turn, text: str) -> dict[int, str]:
    """The technicians whose visit the text names by first name: "eddie's visit", "the one with
    carla", or as the one coming ("can eddie come at 3")."""
    found: dict[int, str] = {}
    for person in turn.uow.staff.find(role=Role.TECHNICIAN, active=True):
        if person.id is None:
            continue
        name = re.escape(person.first_name.lower())
        # normalize() drops the apostrophe: "carla's visit" reads "carla visit"
        if turn.customer is not None and re.search(
                rf"\b{name}(?:'?s)? (?:\w+ )?(?:one|visit|appointment|appt)s?\b|"
                rf"\b{name}(?:'s|s)\b|\b{name} (?:is |was )?(?:still )?(?:coming|comes|come)\b|"
                rf"\b(?:one|visit|appointment|appt) with {name}\b", text):
            found[person.id] = person.first_name
            continue
        for mention in re.finditer(rf"\b{name}\b", text):
            before, after = text[:mention.start()], text[mention.end():]
            if not _NOT_THE_ONE.search(before) and (
                    _COMING_AFTER.match(after) or _COMING_BEFORE.search(before)):
                found[person.id] = person.first_name
    return found


def _parts(turn: Turn, text: str) -> tuple[str, ...]:
    """Parts of the day that name a visit; when moving, only those worded as its own."""
    moving = turn.parse.intent == intents.RESCHEDULE
    found = [mention for mention in find_parts_of_day(text)
             if not in_kept_clause(text, mention.start)
             and (not moving or _NAMES_A_VISIT_AFTER.match(text[mention.end:].lstrip()))]
    own = [m for m in found if _NAMES_A_VISIT_AFTER.match(text[m.end:].lstrip())]
    if len({m.part for m in own}) > 1:
        # "cancel the afternoon one, he can do it all in the morning visit": the first one named
        found = own[:1]
    return tuple(dict.fromkeys(mention.part for mention in found))


# A bare number before visits counted: "3 electrician visits", "2 of them", "two sink appts".
_COUNTED = re.compile(r"(?:[a-z]+\s+)?\d{1,2}\s+(?:(?:\w+\s+){0,2}(?:visits|appointments|appts|ones|"
                      r"jobs|bookings|techs|technicians|guys|electricians|plumbers)\b|"
                      r"of (?:them|those|these|my)\b)")


def _times(turn: Turn, text: str) -> tuple[time, ...]:
    """Clock times that name a visit; when moving, only those worded as its own ("my 10am")."""
    moving = turn.parse.intent == intents.RESCHEDULE
    found = []
    for mention in find_clock_times(text):
        if mention.begins is None or mention.ends is not None:
            continue  # a range ("9-11") is a time wished for, not a visit's name
        if _COUNTED.match(text[mention.start:mention.end] + text[mention.end:]):
            continue  # "there are like 3 electrician visits": a count, never 3pm
        if moving and not (_OWN_TIME_BEFORE.search(text[:mention.start])
                           or _NAMES_A_VISIT_AFTER.match(text[mention.end:].lstrip())):
            continue
        hour, minute = business_hour(mention.begins)
        found.append(time(hour, minute))
    return tuple(found)


def resolve(turn: Turn, offered: list[Appointment], *, wanted: str | None = None) -> Resolution:
    """The visits among `offered` (in the order shown) that the text can mean; those it says to
    keep are never among them."""
    said = named(turn, wanted=wanted)
    if said.option is not None:
        picked = offered[said.option - 1:said.option] if said.option >= 1 else []
        return Resolution(matches=picked, named=said)
    spared = spared_among(turn, offered)
    left = [a for a in offered if a not in spared]
    if not said.narrows:
        return Resolution(matches=left, named=said, spared=spared)
    found = narrow(turn, left, said)
    return Resolution(matches=found, named=said, spared=spared,
                      missing=None if found else _describe(turn, said))


def spared_among(turn: Turn, offered: list[Appointment]) -> tuple[Appointment, ...]:
    """The visits among `offered` that the text says to keep: "keep the 3rd", "not the drain",
    "keep the first one" (of the list just shown), "leave both"."""
    split = kept(turn)
    if split.keeps_all and not split.spared:
        return ()
    spared: list[Appointment] = []
    for clause in split.spared:
        if split.keeps_all and re.fullmatch(r"(?:both|them|those|these|all|everything)\b.*", clause):
            spared.extend(offered)
            continue
        place = _place_in(clause, just_shown(turn, upcoming(turn)))
        if place is not None:
            spared.extend(a for a in offered if a.id == place.id)
            continue
        said = named(turn, text=clause)
        if said.narrows:  # "keep the drain one": that visit of all, if it is among those offered
            spared.extend(a for a in narrow(turn, upcoming(turn), said, same_work=True)
                          if a in offered)
    return tuple(dict.fromkeys(spared))


def narrow(turn: Turn, offered: list[Appointment], said: Named, *,
            same_work: bool = False) -> list[Appointment]:
    """The visits among `offered` on the days, at the times and of the work `said` names (of its
    trade when none is of that very work, unless `same_work`)."""
    found = offered
    if said.days:
        exact = [a for a in found if local_day(turn, a) in said.days]
        found = exact or [a for a in found if said.on_day(local_day(turn, a))]
    elif said.weeks:
        found = [a for a in found if said.on_day(local_day(turn, a))]
    if said.times:
        found = [a for a in found if at_time(turn, a, said.times)]
    if said.parts:
        # "the electrical one that evening" for a 4-6pm visit: a window reaching into that part
        found = ([a for a in found if in_part(turn, a, said.parts)]
                 or [a for a in found if in_part(turn, a, said.parts, reaching=True)])
    if said.technicians:
        found = [a for a in found if a.technician_id in said.technicians]
    if said.service_id is not None:
        exact = [a for a in found if _service_of(turn, a) == said.service_id]
        found = exact if same_work and exact else same_service(turn, found, said.service_id)
    return found


def at_time(turn: Turn, appointment: Appointment, times: tuple[time, ...]) -> bool:
    """True when one of `times` falls in the visit's arrival window (local)."""
    zone = ZoneInfo(timezone_of(turn, appointment))
    begins = appointment.window_start.astimezone(zone)
    ends = appointment.window_end.astimezone(zone)
    return any(begins.time() <= t < ends.time() for t in times if begins.date() == ends.date())


def in_part(turn: Turn, appointment: Appointment, parts: tuple[str, ...], *,
            reaching: bool = False) -> bool:
    """True when the visit's window starts in one of `parts` of the day (a morning from midnight);
    `reaching`: when any of the window falls in it."""
    zone = ZoneInfo(timezone_of(turn, appointment))
    begins = appointment.window_start.astimezone(zone).time()
    ends = appointment.window_end.astimezone(zone).time() if reaching else begins
    for part in parts:
        start, end = PARTS_OF_DAY.get(part, ("00:00", "00:00"))
        first = time(0) if part == "morning" else time.fromisoformat(start)
        if begins < time.fromisoformat(end) and (first <= begins or (reaching and first < ends)):
            return True
    return False


def start_choice(turn: Turn, flow: str, verb: str, act: Act, data: dict[str, Any],
                 *, wanted: str | None = None, among: list[Appointment] | None = None) -> None:
    """Begin acting on the visit a request means: one match is acted on, several are asked about."""
    found = upcoming(turn) if among is None else among
    if not found:
        turn.finish(replies.no_upcoming())
        return
    shown = just_shown(turn, found)
    split = kept(turn)
    place = _place_in(split.rest, shown)
    if place is not None:
        act(turn, place)  # "the third one": the third of the visits just listed
        return
    if not shown and _PLACE_IN_LIST.search(split.rest) and _OF_A_LIST.search(split.rest):
        # "cancel the last one on that list" when no list was shown: never guessed, asked
        ask_which(turn, flow, verb, found, data)
        return
    if shown and not named(turn, wanted=wanted).narrows and (
            turn.option() is not None or _PRONOUN.search(split.rest) or split.others):
        found = shown  # "cancel it", "the second one": the visits just listed
        if len(found) == 1 and turn.option() is None:
            act(turn, found[0])
            return
    resolution = resolve(turn, found, wanted=wanted)
    one_day = len(resolution.named.days) == 1 and not resolution.named.service_id
    day_order = sorted(resolution.matches, key=lambda a: a.start)
    place = (_place_in(split.rest, resolution.matches)
             or _place_in(split.rest, day_order, places=_PLACE_ON_A_DAY)) if one_day else None
    if place is not None:
        # "the last one on friday", "the first friday one": that place among the day's visits
        act(turn, place)
        return
    seen = [a for a in resolution.matches if a in shown]
    if resolution.named.narrows and 0 < len(seen) < len(resolution.matches):
        # "cancel the afternoon one" just after two visits were listed: one of those two
        resolution = Resolution(matches=seen, named=resolution.named, spared=resolution.spared)
    if resolution.missing is not None:
        turn.finish(replies.no_visit_then(resolution.missing,
                                          [choice_label(turn, a) for a in found]))
        remember_shown(turn, found)
    elif resolution.one is not None:
        act(turn, resolution.one)
    elif resolution.named.option is not None:  # a number with no list shown: show the list
        ask_which(turn, flow, verb, found, data)
    else:
        ask_which(turn, flow, verb, resolution.matches, data)


def remember_shown(turn: Turn, shown: list[Appointment]) -> None:
    """Keep the visits just listed to the customer, in order, so a later "it" can mean them."""
    turn.remember("shown", {"ids": [a.id for a in shown], "at": turn.now.isoformat()})


def just_shown(turn: Turn, found: list[Appointment]) -> list[Appointment]:
    """The visits listed within the last half hour that are still among `found`, in order."""
    raw = turn.conversation.data.get("shown")
    if not isinstance(raw, dict):
        return []
    try:
        fresh = turn.now - datetime.fromisoformat(str(raw.get("at"))) <= SHOWN_FOR
    except ValueError:
        return []
    by_id = {a.id: a for a in found}
    return [by_id[i] for i in raw.get("ids", []) if i in by_id] if fresh else []


def _place_in(text: str, shown: list[Appointment], *,
              places: re.Pattern[str] = _PLACE_IN_LIST) -> Appointment | None:
    """The visit of the list just shown that "the third one" or "the last one" points at."""
    found = places.search(text) if len(shown) > 1 else None
    if found is None:
        return None
    if found.group(1) == "middle":  # of three, the second; of an even number, none
        return shown[len(shown) // 2] if len(shown) % 2 else None
    if found.group(1) in ("earlier", "later"):  # of two (shown soonest first), never of more
        two = sorted(shown, key=lambda a: a.start)
        return (two[0] if found.group(1) == "earlier" else two[1]) if len(two) == 2 else None
    place = len(shown) if found.group(1) in ("last", "latest", "final") else _PLACES[found.group(1)]
    return shown[place - 1] if place <= len(shown) else None


def ask_which(turn: Turn, flow: str, verb: str, among: list[Appointment],
              data: dict[str, Any]) -> None:
    """A short numbered question listing just `among`."""
    turn.ask(flow, "which", {**data, "ids": [a.id for a in among]},
             replies.which_appointment([choice_label(turn, a) for a in among], verb))


def another_named(turn: Turn, current: Appointment) -> Appointment | None:
    """The one other visit the text names by day or service while `current` is being asked about;
    "keep thursday, cancel the other one" or "no, the other one" name the one visit left."""
    if turn.parse.intent == intents.AFFIRM or turn.option() is not None:
        return None
    booked = upcoming(turn)
    resolution = resolve(turn, booked)
    found = resolution.one if resolution.narrowed else None
    if found is None and kept(turn).others:
        spared = resolution.spared or (current,)
        pool = just_shown(turn, booked) or (resolution.matches if resolution.named.narrows
                                            else booked)
        left = [a for a in pool if a not in spared]
        found = left[0] if len(left) == 1 else None
    return found if found is not None and found.id != current.id else None


# "move it to 3": a bare hour after "to", read as a time of the working day.
_BARE_HOUR = re.compile(r"\b(?:to|at|around|after|for) (\d{1,2})(?::([0-5]\d))?(?:ish)?\W*$")
# Words that may close a text that keeps a visit: "... where it is, sorry. thx".
_KEEP_TAIL = (r"(?:\W+(?:as is|as it is|where it (?:is|was)|then|after all|instead|alone|for now|please|"
              r"pls|thanks|thank you|thx|sorry|my bad))*\W*$")
_KEEP = re.compile(r"\b(?:keep|leave) (?:it|that|this|the \w+|my \w+|\w+day'?s?)(?: (?:one|visit|"
                   r"appointment|appt))?" + _KEEP_TAIL +
                   r"|\b(?:as is|where it (?:is|was)|stays? (?:as|where) (?:it )?(?:is|was))"
                   + _KEEP_TAIL)
# "leave it on the 11th", "keep it for thursday": the visit's day said again, so it stays.
# "leave it at 2-4 fri": its own window said again.
_KEEP_ON = re.compile(r"\b(?:keep|leave) (?:it|that|this)(?: one)? (?:on|for|at|as) (?P<day>[\w :-]{1,24}?)"
                      + _KEEP_TAIL)
_VISIT_NOUN = re.compile(r"\b(?:one|visit|appointment|appt|booking)s?\b")


def keeps(turn: Turn, visit: Appointment | None = None) -> bool:
    """True when the text only keeps the visit as it is ("meh, just keep thursday then"; with
    `visit`, also "forget it, leave it on the 11th" when the 11th is its own day)."""
    open_intent = turn.parse.intent in (intents.UNKNOWN, intents.DENY, intents.AFFIRM, intents.THANKS)
    if not open_intent and turn.parse.intent not in (intents.RESCHEDULE, intents.BOOK):
        return False
    text = normalize(turn.text)
    if open_intent and _KEEP.search(text) is not None:
        return True
    # "leave it at 2-4 fri" reads as a time wished, yet names the visit's own day and window
    on = _KEEP_ON.search(text)
    if on is None or visit is None:
        return False
    today = turn.now.astimezone(ZoneInfo(turn.timezone)).date()
    said = on.group("day")
    days = find_days(said, today)
    starts = [time(*business_hour(m.begins)) for m in find_clock_times(said) if m.begins is not None]
    if not days and not starts:
        return False
    own_start = visit.window_start.astimezone(ZoneInfo(timezone_of(turn, visit))).time()
    # "nah nvm leave it at 2-4 fri" of a Friday 12-2 visit: the move is dropped, the hours are
    # misremembered; it stays, and the answer says its real window
    own_hours = all(start == own_start for start in starts) or _DROPS_THE_MOVE.search(text)
    return all(m.day == local_day(turn, visit) for m in days) and bool(own_hours)


# "nah", "nvm", "never mind", "forget it": what was asked is dropped.
_DROPS_THE_MOVE = re.compile(r"^\W*(?:nah|nope|no)\b|\b(?:nvm|never ?mind|forget it|scratch that)\b")


# Words that move a visit named by its work alone ("put the furnace repair back on monday").
_MOVES_IT = re.compile(r"\b(?:move|moved|push|bump|reschedul\w*|put (?:\w+ ){0,3}back|"
                       r"bring (?:\w+ ){0,3}back)\b")


def other_named(turn: Turn, current: Appointment) -> Appointment | None:
    """Another of the customer's visits the text names by day or work ("no, the wed 9th plumbing
    one"), while `current` is being moved, or `current` named again with a new time ("i meant
    move todays 1:30 visit to 3"); None when it names none, several, or `current` alone."""
    text = normalize(turn.text)
    # "put the furnace repair back on monday": other work named is that work's visit
    other_work = (_MOVES_IT.search(text) is not None and named(turn).service_id is not None
                  and not same_service(turn, [current], str(named(turn).service_id)))
    if turn.option() is not None or (_VISIT_NOUN.search(text) is None and not other_work) or \
            turn.parse.intent not in (intents.RESCHEDULE, intents.BOOK, intents.UNKNOWN,
                                      intents.DENY):
        return None  # "cancel the electrical one" is a cancel, not another visit to move
    wanted = (turn.parse.slots.get("when") or {}).get("date")
    resolution = resolve(turn, movable(turn), wanted=wanted)
    said = resolution.named
    found = resolution.one
    if found is None and other_work:  # "... back on monday 9am": the time is the new one
        alike = same_service(turn, movable(turn), str(said.service_id))
        found = alike[0] if len(alike) == 1 else None
    if not (said.days or said.service_id) or found is None:
        return None
    return found if found.id != current.id or wish_for(turn, found) is not None else None


def wish_for(turn: Turn, appointment: Appointment,
             when: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The new time the text asks for `appointment` (`when`, else the parsed one), leaving out a
    day and a time that name the visit ("10:30 is our rush, can he come at 7 instead")."""
    when = dict(when if when is not None else turn.parse.slots.get("when") or {})
    own = named(turn).times
    if not when.get("date") or date.fromisoformat(when["date"]) == local_day(turn, appointment):
        own += (appointment.window_start.astimezone(ZoneInfo(timezone_of(turn, appointment)))
                .time().replace(second=0, microsecond=0),)
    if when.get("start") and time.fromisoformat(when["start"]) in own:
        # "move todays 1:30 water heater visit to 3": 1:30 names the visit, 3 is the new time
        text = normalize(turn.text)
        later = [time(*business_hour(m.begins)) for m in find_clock_times(text)
                 if m.begins is not None and m.ends is None]
        later += [time(*business_hour(ClockTime(int(m.group(1)), int(m.group(2) or 0), None)))
                  for m in _BARE_HOUR.finditer(text) if 1 <= int(m.group(1)) <= 12]
        # a bare "7" is the visit's 7am said again, whichever half of the day it reads as
        later = [t for t in later if not any(
            (t.hour % 12, t.minute) == (o.hour % 12, o.minute) for o in own)]
        when["start"] = f"{later[-1]:%H:%M}" if later else None
        when["end"] = None
        hours = None if later else _hours_beside(turn, own, local_day(turn, appointment))
        if hours is not None:  # "... on the 17th at 7. could they come in the afternoon?"
            when["start"], when["end"] = hours.get("start"), hours.get("end")
    if when.get("date") is not None and date.fromisoformat(when["date"]) == local_day(
            turn, appointment):
        when["date"] = None  # the visit's own day; the new time is on it unless another is named
    return when if when.get("date") or when.get("start") or when.get("end") else None


def _hours_beside(turn: Turn, own: tuple[time, ...], day: date) -> dict[str, Any] | None:
    """The hours asked for in another sentence than the one naming the visit by its time, on
    its day (a long letter: "... on the 17th at 7 in the morning. ... Would it be possible to
    have them come later that same day, in the afternoon perhaps?"); None when none is."""
    sentences = [s for s in re.split(r"(?<=[.!?;])\s+", turn.text) if s.strip()]
    today = turn.now.astimezone(ZoneInfo(turn.timezone)).date()
    for sentence in reversed(sentences if len(sentences) > 1 else []):
        when = resolve_when(normalize(sentence), today) or {}
        start = when.get("start")
        if (start or when.get("end")) and when.get("date") in (None, day.isoformat()) and (
                start is None or time.fromisoformat(start) not in own):
            return when
    return None


def names_only(turn: Turn, appointment: Appointment) -> bool:
    """True when the text names `appointment` by day or work and asks for nothing else."""
    resolution = resolve(turn, [appointment])
    when = turn.parse.slots.get("when")
    # "the one on the 21st": its day names the visit, no new time
    day_only = points_at_a_visit(turn) and isinstance(when, dict) and not (
        when.get("start") or when.get("end"))
    return (resolution.named.narrows and resolution.one is not None
            and (when is None or day_only) and len(normalize(turn.text).split()) <= 5)


def points_at_a_visit(turn: Turn) -> bool:
    """True when the text mentions one of the customer's visits ("the furnace one")."""
    return turn.option() is None and _POINTS_AT.search(normalize(turn.text)) is not None


# "so it's right after the electrical", "same day as the drain one": a booked visit named as the
# mark a time is set by, not work asked for.
_BESIDE_A_VISIT = re.compile(
    r"\b(?:right |just |straight )?(?:after|before|behind|following|same (?:day|time) as|around) "
    r"(?:the|my|our|ur|your|that|his|her) (?:\w+[ -]){0,2}?\w+(?: (?:one|visit|appointment|appt|"
    r"job|guy|work))?\b")


def names_work_as_a_mark(turn: Turn, service_id: str) -> bool:
    """True when the work named is only a booked visit of the customer's that a wished time is
    set against ("same day after 12 so its right after the electrical"): no new work is asked."""
    if turn.customer is None:
        return False
    text = normalize(turn.text)
    marks = [m.group() for m in _BESIDE_A_VISIT.finditer(text)]
    if not any(_matcher(turn.catalog).match(mark) == service_id for mark in marks):
        return False
    rest = _BESIDE_A_VISIT.sub(" ", text)
    if _matcher(turn.catalog).match(rest) is not None:
        return False  # work is named again outside the mark: asked for
    return any((job := turn.uow.jobs.get(a.job_id)) is not None and job.service_id == service_id
               for a in upcoming(turn))


def refers_to_a_visit(turn: Turn) -> bool:
    """True when the text only points at a visit ("the thursday one"), asking for nothing new."""
    return turn.option() is None and _REFERENCE.match(normalize(turn.text)) is not None


def answer_choice(turn: Turn, flow: str, verb: str, act: Act,
                  listed: list[Appointment] | None = None) -> bool:
    """Read which visit the text means among `listed` (default: the ones the pending question
    listed); False when the text is about something else."""
    data = turn.data
    if listed is None:
        listed = offered(turn, data.get("ids", []))
    if keeps(turn):  # "nah leave saturday as is": no visit is to change; the question ends
        spared = spared_among(turn, listed) or spared_among(turn, upcoming(turn))
        turn.finish(replies.kept(label(turn, spared[0])) if len(spared) == 1
                    else replies.left_as_is())
        return True
    resolution = resolve(turn, listed)
    if resolution.named.option is not None and len(listed) != len(data.get("ids", listed)):
        # a visit listed has gone since (cancelled, over): the numbers shown no longer match
        ask_which(turn, flow, verb, listed, data)
        return True
    if resolution.one is not None and (resolution.named.option is not None
                                       or resolution.narrowed):
        act(turn, resolution.one)
        return True
    place = _place_in(kept(turn).rest, listed) if not resolution.named.narrows else None
    if place is not None:  # "the later one", "the last one": its place among those listed
        act(turn, place)
        return True
    if resolution.missing is not None:
        turn.say(replies.no_visit_named(resolution.missing))
        if len(listed) == 1:
            act(turn, listed[0])  # the only visit there is: its question again
        else:
            ask_which(turn, flow, verb, listed, data)
        return True
    if resolution.named.narrows and len(resolution.matches) > 1:
        ask_which(turn, flow, verb, resolution.matches, data)
        return True
    if resolution.named.option is not None or refers_to_a_visit(turn) or turn.parse.intent in (
            intents.UNKNOWN, intents.CHOOSE, intents.AFFIRM):
        turn.misunderstood(replies.which_appointment(
            [choice_label(turn, a) for a in listed], verb))
        return True
    return False


def offered(turn: Turn, ids: list[int]) -> list[Appointment]:
    """The listed visits still booked and the sender's, in the order they were shown: a visit
    listed as missed (its window over, nobody came) stays listed, so "1" is still the first."""
    by_id = {a.id: a for a in movable(turn)}
    return [by_id[i] for i in ids if i in by_id]


def own(turn: Turn, appointment_id: object) -> Appointment | None:
    """The booked visit under discussion, re-read and re-checked against who is asking."""
    found = turn.uow.appointments.get(int(str(appointment_id or 0)))
    if found is None or not found.is_active or not may_act_on(turn.actor, found):
        return None
    return found


def may_act(turn: Turn, appointment: Appointment) -> bool:
    """True when the sender may see and change this visit (booked or cancelled)."""
    return may_act_on(turn.actor, appointment)


def same_service(turn: Turn, found: list[Appointment], service_id: str) -> list[Appointment]:
    """Visits for that service; failing that, when the work named is the trade's own ("the
    furnace one", "the plumbing"), for the same trade."""
    exact = [a for a in found if _service_of(turn, a) == service_id]
    skill = _skill(turn.catalog, service_id)
    if exact or skill is None or service_id not in (skill, f"{skill}_repair"):
        return exact  # "the water heater one" is never the drain visit, of the same trade
    return [a for a in found if _skill(turn.catalog, _service_of(turn, a)) == skill]


def _service_of(turn: Turn, appointment: Appointment) -> str | None:
    job = turn.uow.jobs.get(appointment.job_id)
    return job.service_id if job is not None else None


def _skill(catalog: Catalog, service_id: str | None) -> str | None:
    try:
        return catalog.get(service_id).skill if service_id else None
    except DomainError:
        return None


def _describe(turn: Turn, said: Named) -> str:
    """ "on Tue Mar 10", "for Plumbing repair", or both."""
    parts = []
    if said.service_id is not None:
        try:
            parts.append(f"for {turn.catalog.get(said.service_id).name}")
        except DomainError:
            parts.append("for that")
    if said.technician_names:
        parts.append("with " + " or ".join(said.technician_names))
    if said.times:
        parts.append("at " + " or ".join(_clock(t) for t in said.times))
    if said.parts:
        parts.append("in the " + " or ".join(said.parts))
    if said.days:
        parts.append("on " + " or ".join(f"{d:%a %b} {d.day}" for d in said.days))
    return " ".join(p for p in parts if p)


def _clock(moment: time) -> str:
    """ "10am", "1:30pm"."""
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


@lru_cache(maxsize=4)
def _matcher(catalog: Catalog) -> ServiceMatcher:
    return ServiceMatcher(catalog)
