"""Object-level authorization, one policy: who may act on which job, visit, quote, deal or site.

Every handler and every conversation asks `may_act_on` (or `require`) before it reads or changes
something on someone's behalf. What the actor may not touch is reported as not found, never as
forbidden, which would confirm that it exists.
"""

from __future__ import annotations

from typing import TypeVar

from domain.actors import Actor
from domain.deals import Deal
from domain.errors import NotFound
from domain.jobs import Appointment, AppointmentStatus, Job
from domain.parties import Site
from domain.ports import AbstractUnitOfWork
from domain.quotes import Quote
from domain.staff import Role

Owned = Job | Appointment | Quote | Deal | Site
T = TypeVar("T", Job, Appointment, Quote, Deal, Site)


def may_act_on(actor: Actor, item: Owned, uow: AbstractUnitOfWork | None = None) -> bool:
    """The policy: dispatchers act on anything; customers on their own account's jobs, visits,
    quotes and sites (deals are the sales side's pipeline); sales reps on the deals they own
    (a sales manager, `all_deals`, on every deal);
    technicians on the visits assigned to them and on the jobs of those visits (`uow` needed)."""
    if actor.role is Role.DISPATCHER:
        return True
    if actor.role is Role.CUSTOMER:
        return (not isinstance(item, Deal) and actor.account_id is not None
                and item.account_id == actor.account_id)
    if actor.role is Role.SALES:
        return isinstance(item, Deal) and (actor.all_deals or item.owner_id == actor.staff_id)
    if actor.role is Role.TECHNICIAN:
        if isinstance(item, Appointment):
            return item.technician_id == actor.staff_id
        if isinstance(item, Job) and uow is not None and item.id is not None:
            return any(a.status is not AppointmentStatus.CANCELLED
                       for a in uow.appointments.find(job_id=item.id,
                                                      technician_id=actor.staff_id))
    return False


def require(actor: Actor, item: T | None, what: str,
            uow: AbstractUnitOfWork | None = None) -> T:
    """`item` when `actor` may act on it; else NotFound, the same answer as for a missing one."""
    if item is None or not may_act_on(actor, item, uow):
        raise NotFound(f"No {what} of yours matches that")
    return item

