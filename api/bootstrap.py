"""The composition root: wires fieldbot together once, for the server and the command line.

Database, units of work, the transaction lane, the message bus, the parser and the conversation
core are built here from one Settings; nothing under domain/, store/ or bot/ reads settings or
imports this package.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from api.settings import Settings
from domain.bus import MessageBus
from domain.business import BusinessSettings
from domain.catalog import Catalog
from domain.clock import Clock, SystemClock
from domain.handlers import COMMAND_HANDLERS
from domain.ports import AbstractUnitOfWork
from domain.reactions import EVENT_HANDLERS

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from bot.dialogue import DialogueEngine
    from bot.nlu import Parser
    from store.lane import TransactionLane
    from store.writer_lock import WriterLock


@dataclass
class Container:
    """Everything a route, a command or a worker needs, built from one Settings."""

    settings: Settings
    engine: Engine
    uow_factory: Callable[[], AbstractUnitOfWork]
    bus: MessageBus
    business: BusinessSettings
    catalog: Catalog
    clock: Clock
    lane: TransactionLane
    extras: dict[str, Any] = field(default_factory=dict)
    # On a SQLite file: the lock that lets one writer at a time at it (store.writer_lock).
    writer_lock: WriterLock | None = None

    @property
    def locked_uow_factory(self) -> Callable[[], AbstractUnitOfWork]:
        """Units of work for writers outside the webhooks' lane (workers, the console): on a
        SQLite file they hold the writer's lock for their whole transaction."""
        return self.lane.locked_uow_factory

    @cached_property
    def parser(self) -> Parser:
        from bot.nlu import Parser

        return Parser(self.catalog)

    @cached_property
    def dialogue(self) -> DialogueEngine:
        from bot.dialogue import DialogueEngine

        return DialogueEngine(bus=self.bus, parser=self.parser, business=self.business,
                              catalog=self.catalog)


def bootstrap(settings: Settings, *, clock: Clock | None = None) -> Container:
    """Build the container; nothing is built at import time."""
    from store.business import load_business
    from store.engine import create_db_engine, make_session_factory
    from store.lane import TransactionLane
    from store.uow import SqlAlchemyUnitOfWork
    from store.writer_lock import writer_lock_for

    engine = create_db_engine(settings.database_url, waits=settings.database_waits())
    session_factory = make_session_factory(engine)

    writer_lock = writer_lock_for(engine, timeout=settings.writer_lock_timeout_s)

    def uow_factory() -> AbstractUnitOfWork:
        return SqlAlchemyUnitOfWork(session_factory)

    clock = clock or SystemClock()
    business, catalog = load_business(uow_factory)  # the company loaded into the database
    bus = MessageBus(
        uow_factory=uow_factory,
        command_handlers=COMMAND_HANDLERS,
        event_handlers=EVENT_HANDLERS,
        dependencies={"clock": clock, "settings": business, "catalog": catalog},
    )
    return Container(settings=settings, engine=engine, uow_factory=uow_factory, bus=bus,
                     business=business, catalog=catalog, clock=clock, writer_lock=writer_lock,
                     lane=TransactionLane(engine, uow_factory, writer_lock))
