"""The demo company on in-memory fakes, seeded as `fieldbot demo` seeds it: its reps' deals (Rachel
+15550100081, Tony +15550100082, Lena +15550100083), its customers and their visits, with the clock
standing at a chosen local moment. Texts go through `bot.inbox.receive` as an SMS webhook's would.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.channels import sms
from bot.dialogue.engine import DialogueEngine
from bot.inbox import receive
from domain.clock import FixedClock
from domain.deals import Deal
from domain.demo import demo_company
from domain.jobs import Job
from domain.messages import Direction, Message, MessageKind
from store.seed import seed_demo
from tests.conversations.fake_world import demo_parser
from tests.fakes import FakeUnitOfWork, make_bus

RACHEL, TONY, LENA = "+15550100081", "+15550100082", "+15550100083"
_SIDS = itertools.count(1)


@dataclass
class DemoWorld:
    uow: FakeUnitOfWork
    clock: FixedClock
    engine: DialogueEngine

    def text(self, phone: str, body: str) -> str:
        """One SMS in; the replies as sent, joined by a newline."""
        inbound = sms.inbound(phone=phone, body=body, message_id=f"SMdemo{next(_SIDS):024d}",
                              received_at=self.clock.now())
        result = receive(uow_factory=lambda: self.uow, engine=self.engine, inbound=inbound,
                         rules=sms.rules(answer_keywords=False))
        return "\n".join(result.replies)

    def deal(self, account: str, title: str = "") -> Deal:
        """The deal of the account named (and of that title, when several)."""
        names = {a.id: a.name for a in self.uow.accounts.find()}
        found = [d for d in self.uow.deals.find() if names.get(d.account_id) == account
                 and title in d.title]
        assert len(found) == 1, f"{len(found)} deals of {account} {title}"
        return found[0]

    def stages(self) -> dict[int, str]:
        return {d.id or 0: d.stage.value for d in self.uow.deals.find()}

    def jobs(self) -> list[Job]:
        return list(self.uow.jobs.find())

    def notices(self, phone: str | None = None) -> list[Message]:
        """Notices sent to staff (to the one at `phone`, when given)."""
        staff = {s.id: s.phone for s in self.uow.staff.find()}
        return [m for m in self.uow.messages.find() if m.direction is Direction.OUT
                and m.kind is MessageKind.NOTICE and m.staff_id is not None
                and (phone is None or staff.get(m.staff_id) == phone)]


def build_demo_world(local: str = "2026-12-08T08:30") -> DemoWorld:
    """The demo company seeded as of `local` (Chicago wall time), its clock standing there."""
    company = demo_company()
    now = datetime.fromisoformat(local).replace(tzinfo=ZoneInfo("America/Chicago"))
    uow, clock = FakeUnitOfWork(), FixedClock(now)
    with uow:
        uow.business.replace(company)
        uow.commit()
    bus = make_bus(uow, clock, company.business, company.catalog)
    seed_demo(bus=bus, uow_factory=lambda: uow, business=company.business,
              catalog=company.catalog, now=now)
    engine = DialogueEngine(bus=bus, parser=demo_parser(), business=company.business,
                            catalog=company.catalog)
    return DemoWorld(uow=uow, clock=clock, engine=engine)
