"""A conversation's world on the in-memory fakes: the demo company, the customer, an SMS phone.

Texts go through `bot.inbox.receive` with the SMS channel's rules, as tests/unit/dialogue/
chat_world.py sends them (and as a Twilio webhook's would), at the conversation's fixed clock.
fieldbot answers STOP/START/HELP itself (TWILIO_HANDLES_KEYWORDS=false, as `fieldbot chat`
does): with Twilio answering them, the confirmation a customer reads is not ours to check.
"""

from __future__ import annotations

import itertools
from datetime import timedelta
from functools import cache

from bot.channels import sms
from bot.dialogue.engine import DialogueEngine
from bot.inbox import receive
from bot.nlu import Parser
from domain.clock import FixedClock
from domain.demo import demo_company
from tests.conversations.spec import ConversationSpec
from tests.conversations.state import State, read_state
from tests.conversations.world import Seeded, seed_world, setup_time
from tests.fakes import FakeUnitOfWork, make_bus

_SIDS = itertools.count(1)


@cache
def demo_parser() -> Parser:
    """The real parser of the demo company's catalog, built once per process."""
    return Parser(demo_company().catalog)


class FakeWorld:
    """One conversation's world in a FakeUnitOfWork."""

    def __init__(self, spec: ConversationSpec) -> None:
        company = demo_company()
        self.spec = spec
        self.uow = FakeUnitOfWork()
        self.clock = FixedClock(setup_time(spec))
        with self.uow as uow:  # as `fieldbot business load` puts the company in place
            uow.business.replace(company)
            uow.commit()
        self.bus = make_bus(self.uow, self.clock, company.business, company.catalog)
        self.engine = DialogueEngine(bus=self.bus, parser=demo_parser(),
                                     business=company.business, catalog=company.catalog)
        self.seeded: Seeded = seed_world(spec, uow_factory=lambda: self.uow, bus=self.bus,
                                         clock=self.clock, business=company.business,
                                         catalog=company.catalog)

    def text(self, body: str) -> str:
        inbound = sms.inbound(phone=self.spec.phone, body=body,
                              message_id=f"SMconv{next(_SIDS):026d}",
                              received_at=self.clock.now())
        result = receive(uow_factory=lambda: self.uow, engine=self.engine, inbound=inbound,
                         rules=sms.rules(answer_keywords=True))
        return "\n".join(result.replies)

    def state(self) -> State:
        return read_state(self.uow, self.seeded.dispatchers)

    def advance(self, delta: timedelta) -> None:
        self.clock.advance(delta)
