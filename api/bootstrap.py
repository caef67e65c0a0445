"""Wires fieldbot together once: database, unit of work, message bus, parser, dialogue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from api.settings import Settings
from domain.bus import MessageBus
from domain.business import BusinessSettings
from domain.catalog import DEMO_CATALOG, Catalog
from domain.clock import Clock, SystemClock
from domain.demo import demo_business
from domain.handlers import COMMAND_HANDLERS
from domain.ports import AbstractUnitOfWork
from domain.reactions import EVENT_HANDLERS

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from bot.dialogue import DialogueEngine
    from bot.nlu import Parser
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
    extras: dict[str, Any] = field(default_factory=dict)
    # On a SQLite file: the lock that lets one writer at a time at it (store.writer_lock), and
    # units of work that hold it, for writers in the background (the outbox sender).
    writer_lock: WriterLock | None = None
    locked_uow_factory: Callable[[], AbstractUnitOfWork] | None = None

    @cached_property
    def parser(self) -> Parser:
        from bot.nlu import Parser

        return Parser(self.catalog)

    @cached_property
    def dialogue(self) -> DialogueEngine:
        from bot.dialogue import DialogueEngine

        return DialogueEngine(bus=self.bus, parser=self.parser, business=self.business,
                              catalog=self.catalog, clock=self.clock)


def business_from(settings: Settings) -> BusinessSettings:
    return demo_business(name=settings.business_name, phone=settings.business_phone,
                         timezone=settings.business_timezone)


def bootstrap(settings: Settings, *, clock: Clock | None = None,
              catalog: Catalog = DEMO_CATALOG) -> Container:
    """Build the container; nothing is built at import time."""
    from store.engine import create_db_engine, make_session_factory
    from store.uow import SqlAlchemyUnitOfWork
    from store.writer_lock import writer_lock_for

    engine = create_db_engine(settings.database_url, waits=settings.database_waits())
    session_factory = make_session_factory(engine)

    writer_lock = writer_lock_for(engine, timeout=settings.writer_lock_timeout_s)

    def uow_factory() -> AbstractUnitOfWork:
        return SqlAlchemyUnitOfWork(session_factory)

    def locked_uow_factory() -> AbstractUnitOfWork:
        return SqlAlchemyUnitOfWork(session_factory, writer_lock)

    clock = clock or SystemClock()
    business = business_from(settings)
    bus = MessageBus(
        uow_factory=uow_factory,
        command_handlers=COMMAND_HANDLERS,
        event_handlers=EVENT_HANDLERS,
        dependencies={"clock": clock, "settings": business, "catalog": catalog},
    )
    return Container(settings=settings, engine=engine, uow_factory=uow_factory, bus=bus,
                     business=business, catalog=catalog, clock=clock, writer_lock=writer_lock,
                     locked_uow_factory=locked_uow_factory if writer_lock else None)
