"""A small business on a real database, and a customer texting it through bot.inbox.receive."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.channels import sms
from bot.dialogue import DialogueEngine
from bot.inbox import InboundResult, receive
from bot.nlu import Parser
from domain.actors import Actor
from domain.bus import MessageBus
from domain.catalog import DEMO_CATALOG
from domain.clock import FixedClock
from domain.demo import demo_business
from domain.handlers import COMMAND_HANDLERS
from domain.parties import Channel
from domain.reactions import EVENT_HANDLERS
from domain.staff import Role
from store.uow import SqlAlchemyUnitOfWork
from tests.conversation_people import (  # re-exported: the tests name people by these
    JOE as JOE,
)
from tests.conversation_people import (
    MARIA as MARIA,
)
from tests.conversation_people import (
    TOM as TOM,
)
from tests.conversation_people import (
    seed_people,
)

# Monday 2 March 2026, 9:30 in Chicago.
MONDAY_MORNING = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)

NEWCOMER = "+15550100001"
TOM_PHONE = TOM

UowFactory = Callable[[], SqlAlchemyUnitOfWork]


@dataclass
class World:
    uow_factory: UowFactory
    clock: FixedClock
    engine: DialogueEngine
    ids: dict[str, int] = field(default_factory=dict)

    def dispatcher(self) -> Actor:
        return Actor(role=Role.DISPATCHER, channel=Channel.CONSOLE, staff_id=self.ids["dana"])

    def text(self, phone: str, body: str, *, message_id: str | None = None,
             reply_to_keywords: bool = False) -> InboundResult:
        inbound = sms.inbound(phone=phone, body=body,
                              message_id=message_id or f"SM{uuid.uuid4().hex}",
                              received_at=self.clock.now())
        return receive(uow_factory=self.uow_factory, engine=self.engine, inbound=inbound,
                       rules=sms.rules(answer_keywords=reply_to_keywords))

    def transcript(self, phone: str, turns: Sequence[tuple[str, str | None]]) -> None:
        """Play `[(customer says, bot answer contains), ...]`; None means the bot says nothing."""
        for says, expected in turns:
            answer = "\n".join(self.text(phone, says).replies)
            if expected is None:
                assert answer == "", f"after {says!r} the bot should be silent, said {answer!r}"
            else:
                assert expected.lower() in answer.lower(), (
                    f"after {says!r} expected {expected!r} in the answer, got {answer!r}")


def build_world(uow_factory: UowFactory) -> World:
    """Technicians with working hours, a dispatcher, two customers with visits and quotes."""
    clock = FixedClock(MONDAY_MORNING)
    business = demo_business()
    bus = MessageBus(uow_factory=uow_factory, command_handlers=COMMAND_HANDLERS,
                     event_handlers=EVENT_HANDLERS,
                     dependencies={"clock": clock, "settings": business, "catalog": DEMO_CATALOG})
    engine = DialogueEngine(bus=bus, parser=Parser(DEMO_CATALOG), business=business,
                            catalog=DEMO_CATALOG)
    world = World(uow_factory=uow_factory, clock=clock, engine=engine)
    with uow_factory() as uow:
        world.ids.update(seed_people(uow, bus))
        uow.commit()
    return world


def _id(item: object) -> int:
    found = getattr(item, "id", None)
    assert isinstance(found, int)
    return found
