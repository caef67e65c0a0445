"""The demo people and places, stored through a real unit of work, and a bus that runs on it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from domain.bus import MessageBus
from domain.catalog import DEMO_CATALOG
from domain.clock import FixedClock
from domain.deals import Deal
from domain.demo import demo_business
from domain.handlers import COMMAND_HANDLERS
from domain.reactions import EVENT_HANDLERS
from store.uow import SqlAlchemyUnitOfWork
from tests.fakes import DemoWorld, demo_world

MONDAY_9AM_CHICAGO = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)

UowFactory = Callable[[], SqlAlchemyUnitOfWork]


def stored_world(uow_factory: UowFactory) -> DemoWorld:
    """Store the demo world (two households, technicians, sales, a dispatcher) and commit."""
    with uow_factory() as uow:
        world = demo_world(uow)  # type: ignore[arg-type]  # any unit of work will do
        uow.commit()
    return world


def bus_on(uow_factory: UowFactory, clock: FixedClock | None = None) -> MessageBus:
    """The real handlers and reactions over units of work on the database under test."""
    return MessageBus(
        uow_factory=uow_factory,
        command_handlers=COMMAND_HANDLERS,
        event_handlers=EVENT_HANDLERS,
        dependencies={"clock": clock or FixedClock(MONDAY_9AM_CHICAGO),
                      "settings": demo_business(), "catalog": DEMO_CATALOG},
    )


def stored_deal(uow_factory: UowFactory, world: DemoWorld, title: str = "New furnace") -> int:
    with uow_factory() as uow:
        deal = uow.deals.add(Deal(account_id=world.account_id, site_id=world.site_id, title=title,
                                  service_id="hvac_repair", owner_id=world.sam_id,
                                  amount_cents=650_000))
        uow.commit()
    assert deal.id is not None
    return deal.id
