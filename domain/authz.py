"""Object-level authorization: every lookup is scoped to what the actor owns."""

from __future__ import annotations

from domain.actors import Actor
from domain.deals import Deal
from domain.errors import NotFound
from domain.jobs import Appointment, Job
from domain.quotes import Quote
from domain.staff import Role

Owned = Job | Appointment | Quote | Deal


def check_owner(actor: Actor, item: Owned | None, what: str) -> None:
    """Raise NotFound unless `actor` may act on `item`; never "forbidden", which would confirm it exists."""
    if item is None or not may_act_on(actor, item):
        raise NotFound(f"No {what} of yours matches that")


def may_act_on(actor: Actor, item: Owned) -> bool:
    if actor.role is Role.DISPATCHER:
        return True
    if actor.role is Role.CUSTOMER:  # deals are the sales side's pipeline, not the customer's
        return (not isinstance(item, Deal) and actor.account_id is not None
                and item.account_id == actor.account_id)
    if actor.role is Role.SALES:
        return isinstance(item, Deal) and item.owner_id == actor.staff_id
    if actor.role is Role.TECHNICIAN:
        return isinstance(item, Appointment) and item.technician_id == actor.staff_id
    return False
