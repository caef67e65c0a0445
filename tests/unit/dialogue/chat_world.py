"""The conversation core on in-memory fakes: a small business, and people texting it by SMS.

The world mirrors tests/integration/dialogue_world.py without a database: two technicians with
working hours, a dispatcher and a sales rep; Maria with two visits and two open quotes; Joe with
two addresses and a visit today. The clock stands still on Monday 2 March 2026, 9:00 in Chicago.
Texts go through `bot.inbox.receive` with the SMS channel's rules, as a Twilio webhook's would.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.channels import sms
from bot.dialogue.engine import DialogueEngine
from bot.dialogue.reply import Reply
from bot.inbox import ChannelRules, InboundResult, receive
from bot.nlu import Parser
from domain.actors import Actor
from domain.catalog import DEMO_CATALOG
from domain.clock import FixedClock
from domain.commands import BookAppointment, Command
from domain.conversations import Conversation
from domain.demo import demo_business
from domain.jobs import Appointment
from domain.messages import Direction, Message, MessageKind
from domain.parties import Channel, Contact
from domain.quotes import QuoteState
from domain.staff import Role
from domain.timeline import Activity
from tests.conversation_people import (  # re-exported: the tests name people by these
    ANA as ANA,
)
from tests.conversation_people import (
    DANA as DANA,
)
from tests.conversation_people import (
    JOE as JOE,
)
from tests.conversation_people import (
    MARIA as MARIA,
)
from tests.conversation_people import (
    RITA as RITA,
)
from tests.conversation_people import (
    TOM as TOM,
)
from tests.conversation_people import (
    seed_people,
)
from tests.fakes import NOW, FakeUnitOfWork, make_bus

NEWCOMER = "+15550100001"  # a number nobody knows

# Transcript turns: (what the person texts, what the answer contains; None: no answer at all).
Turns = Sequence[tuple[str, str | None]]


@dataclass
class Said:
    """One text's answer: as the SMS channel renders it, and as the conversation meant it."""

    texts: list[str]
    replies: list[Reply]
    duplicate: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


@dataclass
class ChatWorld:
    uow: FakeUnitOfWork
    clock: FixedClock
    engine: DialogueEngine
    ids: dict[str, int] = field(default_factory=dict)

    # Talking -------------------------------------------------------------------------------

    def text(self, phone: str, body: str, *, message_id: str | None = None,
             answer_keywords: bool = False) -> Said:
        """One SMS through bot.inbox.receive; `answer_keywords` False: Twilio answers STOP/HELP."""
        meant: list[Reply] = []
        rules = sms.rules(answer_keywords=answer_keywords)

        def render(reply: Reply) -> str:
            meant.append(reply)
            return sms.render(reply)

        inbound = sms.inbound(phone=phone, body=body,
                              message_id=message_id or f"SM{uuid.uuid4().hex}",
                              received_at=self.clock.now())
        result: InboundResult = receive(
            uow_factory=lambda: self.uow, engine=self.engine, inbound=inbound,
            rules=ChannelRules(render=render, inline_replies=rules.inline_replies,
                               answer_keywords=rules.answer_keywords,
                               silent_to_opted_out=rules.silent_to_opted_out))
        return Said(texts=result.replies, replies=meant, duplicate=result.duplicate)

    def answer(self, phone: str, body: str) -> list[Reply]:
        """The engine's structured replies to one text, asked directly (the caller commits)."""
        inbound = sms.inbound(phone=phone, body=body, message_id=f"SM{uuid.uuid4().hex}",
                              received_at=self.clock.now())
        with self.uow as uow:
            answered = self.engine.answer(uow, inbound, sms.rules(answer_keywords=False))
            uow.commit()
        return answered

    def transcript(self, phone: str, turns: Turns) -> None:
        """Play `[(says, answer contains), ...]`; None means the bot must say nothing."""
        for says, expected in turns:
            answer = self.text(phone, says).text
            if expected is None:
                assert answer == "", f"after {says!r} the bot should be silent, said {answer!r}"
            else:
                assert expected.lower() in answer.lower(), (
                    f"after {says!r} expected {expected!r} in the answer, got {answer!r}")

    def run(self, command: Command) -> Any:
        """Change the world as staff would, outside any conversation."""
        return self.engine.bus.handle(command)

    def book(self, who: str, service: str, technician: str, start: datetime,
             site: str | None = None) -> int:
        """Book a visit for "maria" or "joe" as a dispatcher would; its appointment id."""
        visit: int = self.run(BookAppointment(
            account_id=self.ids[f"{who}_account"], site_id=self.ids[site or f"{who}_site"],
            service_id=service, technician_id=self.ids[technician], start=start,
            actor=self.dispatcher()))
        return visit

    # Looking -------------------------------------------------------------------------------

    def dispatcher(self) -> Actor:
        return Actor(role=Role.DISPATCHER, channel=Channel.CONSOLE, staff_id=self.ids["dana"])

    def contact(self, phone: str) -> Contact | None:
        return next((c for c in self.uow.contacts.find() if c.phone == phone), None)

    def visits(self, phone: str) -> list[Appointment]:
        """The booked (not cancelled) visits of the account behind `phone`."""
        contact = self.contact(phone)
        assert contact is not None, f"{phone} is nobody's number"
        return [a for a in self.uow.appointments.find()
                if a.account_id == contact.account_id and a.is_active]

    def visit(self, key: str) -> Appointment:
        found = next((a for a in self.uow.appointments.find() if a.id == self.ids[key]), None)
        assert found is not None
        return found

    def quote_states(self) -> dict[str, QuoteState]:
        return {q.number: q.state for q in self.uow.quotes.find()}

    def notices(self) -> list[Message]:
        """What the dispatcher has been told through the outbox."""
        return [m for m in self.uow.messages.find() if m.direction is Direction.OUT
                and m.kind is MessageKind.NOTICE and m.staff_id == self.ids["dana"]]

    def timeline(self, account_id: int) -> list[Activity]:
        return [a for a in self.uow.activities.find() if a.account_id == account_id]

    def opted_out(self, phone: str) -> bool:
        return phone in self.uow.consents.opted_out(Channel.SMS, [phone])

    def conversation(self, phone: str) -> Conversation | None:
        return next((c for c in self.uow.conversations.find()
                     if (c.channel, c.address) == (Channel.SMS, phone)), None)

    def model(self) -> dict[str, Any]:
        """Everything a text may change in the business's records (the message log aside)."""
        uow = self.uow
        return {
            "accounts": [(a.id, a.name) for a in uow.accounts.find()],
            "contacts": [(c.id, c.phone, c.name) for c in uow.contacts.find()],
            "consents": [(c.channel, c.address, c.opted_out) for c in uow.consents.find()],
            "sites": [(s.id, s.account_id, s.one_line()) for s in uow.sites.find()],
            "jobs": [(j.id, j.state) for j in uow.jobs.find()],
            "visits": [(a.id, a.status, a.start, a.technician_id) for a in uow.appointments.find()],
            "quotes": sorted(self.quote_states().items()),
            "deals": [(d.id, d.stage) for d in uow.deals.find()],
            "timeline": [a.summary for a in uow.activities.find()],
            "notices": [m.body for m in self.notices()],
            "outbox": [(m.id, m.status) for m in uow.messages.find()
                       if m.direction is Direction.OUT and m.kind is not MessageKind.REPLY],
        }

    def changed_since(self, before: dict[str, Any]) -> set[str]:
        """Which parts of the model differ from `before` (a `model()` taken earlier)."""
        now = self.model()
        return {part for part in now if now[part] != before[part]}


def build_chat_world(parser: Parser) -> ChatWorld:
    """Seed a fresh FakeUnitOfWork with the people, visits and quotes the flow tests need."""
    uow = FakeUnitOfWork()
    clock = FixedClock(NOW)
    business = demo_business()
    bus = make_bus(uow, clock, business, DEMO_CATALOG)
    world = ChatWorld(uow=uow, clock=clock, engine=DialogueEngine(
        bus=bus, parser=parser, business=business, catalog=DEMO_CATALOG))
    world.ids.update(seed_people(uow, bus))
    for repository in uow.repositories():
        repository.seen.clear()
    return world


def _id(item: object) -> int:
    found = getattr(item, "id", None)
    assert isinstance(found, int)
    return found
