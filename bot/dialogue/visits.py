"""The customer's upcoming visits: listing them and reading which one a reply means."""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.dialogue.times import visit_label
from domain.authz import may_act_on
from domain.errors import DomainError
from domain.jobs import Appointment

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn


def upcoming(turn: Turn) -> list[Appointment]:
    """The sender's booked visits that have not ended yet, soonest first (scoped to their account)."""
    assert turn.customer is not None
    found = turn.uow.appointments.find(account_id=turn.customer.account_id)
    visits = sorted((a for a in found if a.is_active and a.end > turn.now
                     and may_act_on(turn.actor, a)), key=lambda a: a.start)
    turn.uow.jobs.get_many([a.job_id for a in visits])  # one read; labels look each job up
    return visits


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


def chosen(turn: Turn, ids: list[int]) -> Appointment | None:
    """The visit a reply picks from the listed ones: by number, or by naming its day."""
    mine = [a for a in turn.uow.appointments.get_many(ids) if may_act_on(turn.actor, a)]
    option = turn.option()
    if option is not None:
        return mine[option - 1] if 1 <= option <= len(mine) else None
    when = turn.parse.slots.get("when") or {}
    day = when.get("date")
    if day:
        same_day = [a for a in mine
                    if a.window_start.astimezone(ZoneInfo(timezone_of(turn, a))).date().isoformat() == day]
        if len(same_day) == 1:
            return same_day[0]
    return None


def own(turn: Turn, appointment_id: object) -> Appointment | None:
    """The booked visit under discussion, re-read and re-checked against who is asking."""
    found = turn.uow.appointments.get(int(str(appointment_id or 0)))
    if found is None or not found.is_active or not may_act_on(turn.actor, found):
        return None
    return found
