"""The customer's upcoming visits: listing them, and resolving which one a text refers to.

One place for every flow that picks a visit (move, cancel, the pending "which visit?"): a number
picks from the list just shown; a day, a date or a service named ("tomorrow's", "the dec 8 one",
"the furnace one") narrows the choice to the visits that match it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.dialogue import replies
from bot.dialogue.times import visit_label
from bot.nlu import intents
from bot.nlu.days import find_days
from bot.nlu.services import ServiceMatcher
from bot.nlu.text import normalize
from domain.authz import may_act_on
from domain.catalog import Catalog
from domain.errors import DomainError
from domain.jobs import Appointment, JobState

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

# A day that names the visit itself, not a time wished for: "thursday's", "the dec 8 one".
_NAMES_A_VISIT_AFTER = re.compile(r"^(?:'s|s)?\s*(?:one|visit|appointment|appt|booking|job)s?\b")
_NAMES_A_VISIT_BEFORE = re.compile(
    r"\b(?:from|(?:one|visit|appointment|appt|booking|job)s? (?:on|for))\s*(?:this |the )?$")

# A text that only points at a visit ("the furnace one", "that plumbing visit"): never a request.
_REFERENCE = re.compile(
    r"^(?:(?:ok|okay|no|yes|sorry|i mean|i meant|oh),? )*(?:the|that|my|this) "
    r"(?:[\w/ -]{0,30} )?(?:one|visit|appointment|appt|booking)\W*$")

_PRONOUN = re.compile(r"\b(?:it|that(?: one)?|this(?: one)?|that visit|that appointment)\b")
_POINTS_AT = re.compile(r"\b(?:the|that|my) (?:[\w/-]+ ){0,3}?(?:one|appointment|appt)\b(?! more)")

SHOWN_FOR = timedelta(minutes=30)

Act = Callable[["Turn", Appointment], None]


@dataclass(frozen=True)
class Named:
    """What a text says about the visit it means: days, a service, or a number from a list."""

    days: tuple[date, ...] = ()
    service_id: str | None = None
    option: int | None = None

    @property
    def narrows(self) -> bool:
        return bool(self.days or self.service_id)


@dataclass(frozen=True)
class Resolution:
    """The visits a text can mean among those offered; `missing` says what matched nothing."""

    matches: list[Appointment]
    named: Named
    missing: str | None = None

    @property
    def one(self) -> Appointment | None:
        return self.matches[0] if len(self.matches) == 1 else None


def upcoming(turn: Turn) -> list[Appointment]:
    """The sender's booked visits that have not ended yet, soonest first (scoped to their account)."""
    assert turn.customer is not None
    found = turn.uow.appointments.find(account_id=turn.customer.account_id)
    visits = sorted((a for a in found if a.is_active and a.end > turn.now
                     and may_act_on(turn.actor, a)), key=lambda a: a.start)
    turn.uow.jobs.get_many([a.job_id for a in visits])  # one read; labels look each job up
    return visits


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
    if job is None:
        return "visit"
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


def named(turn: Turn, *, wanted: str | None = None) -> Named:
    """What the text names about a visit; a day equal to `wanted` (the new time asked for when
    moving) counts only when worded as the visit's own ("tomorrow's appointment")."""
    text = normalize(turn.text)
    today = turn.now.astimezone(ZoneInfo(turn.timezone)).date()
    days: list[date] = []
    for mention in find_days(text, today):
        own = (_NAMES_A_VISIT_AFTER.match(text[mention.end:].lstrip()) is not None
               or _NAMES_A_VISIT_BEFORE.search(text[:mention.start]) is not None)
        if own or mention.day.isoformat() != wanted:
            days.append(mention.day)
    service = turn.parse.slots.get("service") or _matcher(turn.catalog).match(text)
    return Named(days=tuple(dict.fromkeys(days)), service_id=service, option=turn.option())


def resolve(turn: Turn, offered: list[Appointment], *, wanted: str | None = None) -> Resolution:
    """The visits among `offered` (in the order shown) that the text can mean."""
    said = named(turn, wanted=wanted)
    if said.option is not None:
        picked = offered[said.option - 1:said.option] if said.option >= 1 else []
        return Resolution(matches=picked, named=said)
    if not said.narrows:
        return Resolution(matches=list(offered), named=said)
    found = offered
    if said.days:
        found = [a for a in found if local_day(turn, a) in said.days]
    if said.service_id is not None:
        found = same_service(turn, found, said.service_id)
    return Resolution(matches=found, named=said,
                      missing=None if found else _describe(turn, said))


def start_choice(turn: Turn, flow: str, verb: str, act: Act, data: dict[str, Any],
                 *, wanted: str | None = None, among: list[Appointment] | None = None) -> None:
    """Begin acting on the visit a request means: one match is acted on, several are asked about."""
    found = upcoming(turn) if among is None else among
    if not found:
        turn.finish(replies.no_upcoming())
        return
    shown = just_shown(turn, found)
    if shown and not named(turn, wanted=wanted).narrows and (
            turn.option() is not None or _PRONOUN.search(normalize(turn.text))):
        found = shown  # "cancel it", "the second one": the visits just listed
        if len(found) == 1 and turn.option() is None:
            act(turn, found[0])
            return
    resolution = resolve(turn, found, wanted=wanted)
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


def ask_which(turn: Turn, flow: str, verb: str, among: list[Appointment],
              data: dict[str, Any]) -> None:
    """A short numbered question listing just `among`."""
    turn.ask(flow, "which", {**data, "ids": [a.id for a in among]},
             replies.which_appointment([choice_label(turn, a) for a in among], verb))


def another_named(turn: Turn, current: Appointment) -> Appointment | None:
    """The one other visit the text names by day or service while `current` is being asked about."""
    if turn.parse.intent == intents.AFFIRM or turn.option() is not None:
        return None
    resolution = resolve(turn, upcoming(turn))
    found = resolution.one
    return found if resolution.named.narrows and found is not None and found.id != current.id \
        else None


def points_at_a_visit(turn: Turn) -> bool:
    """True when the text mentions one of the customer's visits ("the furnace one")."""
    return turn.option() is None and _POINTS_AT.search(normalize(turn.text)) is not None


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
    resolution = resolve(turn, listed)
    if resolution.one is not None and (resolution.named.option is not None
                                       or resolution.named.narrows):
        act(turn, resolution.one)
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
    """The listed visits still booked and the sender's, in the order they were shown."""
    by_id = {a.id: a for a in upcoming(turn)}
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
    """Visits for that service; failing that, for the same trade ("the furnace one": HVAC)."""
    exact = [a for a in found if _service_of(turn, a) == service_id]
    if exact:
        return exact
    skill = _skill(turn.catalog, service_id)
    return [a for a in found if skill is not None and _skill(turn.catalog, _service_of(turn, a)) == skill]


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
    if said.days:
        parts.append("on " + " or ".join(f"{d:%a %b} {d.day}" for d in said.days))
    return " ".join(parts)


@lru_cache(maxsize=4)
def _matcher(catalog: Catalog) -> ServiceMatcher:
    return ServiceMatcher(catalog)
