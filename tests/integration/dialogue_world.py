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
from domain.commands import BookAppointment
from domain.demo import DEMO_TIMEZONE, demo_business
from domain.handlers import COMMAND_HANDLERS
from domain.hours import Span, WeeklyHours
from domain.money import Line
from domain.parties import Account, Channel, Contact, Site
from domain.quotes import Quote, QuoteState
from domain.reactions import EVENT_HANDLERS
from domain.staff import Role, StaffMember
from store.uow import SqlAlchemyUnitOfWork

# Monday 2 March 2026, 9:30 in Chicago.
MONDAY_MORNING = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)

MARIA = "+13125550142"  # two visits (Thu with Tom, Fri with Ana) and two open quotes
JOE = "+13125550199"  # two addresses, one visit today with Tom, a quote of his own (Q-2001)
NEWCOMER = "+15550100001"
TOM_PHONE = "+13125550111"

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
    ids = world.ids
    weekdays = WeeklyHours.weekdays("07:00", "19:00")
    wed_to_fri = Span.parse("08:00-16:00")
    with uow_factory() as uow:
        ids["tom"] = _id(uow.staff.add(StaffMember(
            name="Tom Baker", role=Role.TECHNICIAN, phone=TOM_PHONE, skills=("hvac", "plumbing"),
            zones=("north", "west"), working_hours=weekdays)))
        ids["ana"] = _id(uow.staff.add(StaffMember(
            name="Ana Diaz", role=Role.TECHNICIAN, phone="+13125550112",
            skills=("electrical",), zones=("north",),
            working_hours=WeeklyHours((None, None, wed_to_fri, wed_to_fri, wed_to_fri, None,
                                       None)))))
        ids["dana"] = _id(uow.staff.add(StaffMember(name="Dana Cole", role=Role.DISPATCHER,
                                                    phone="+13125550100")))
        for key, name, phone, street, postal in (
            ("maria", "Maria Rivera", MARIA, "1 Clark St", "60614"),
            ("joe", "Joe Okafor", JOE, "5 Lake St", "60613"),
        ):
            account = _id(uow.accounts.add(Account(name=f"{name.split()[1]} household")))
            ids[f"{key}_account"] = account
            ids[f"{key}_contact"] = _id(uow.contacts.add(Contact(account_id=account, name=name,
                                                                 phone=phone)))
            ids[f"{key}_site"] = _id(uow.sites.add(Site(
                account_id=account, address=street, city="Chicago", postal_code=postal,
                zone_id="north", timezone=DEMO_TIMEZONE)))
        ids["joe_west_site"] = _id(uow.sites.add(Site(
            account_id=ids["joe_account"], address="9 Oak Ave", city="Oak Park",
            postal_code="60302", zone_id="west", timezone=DEMO_TIMEZONE)))
        dispatcher = world.dispatcher()
        for key, who, service, tech, start in (
            ("maria_thu", "maria", "hvac_repair", "tom", datetime(2026, 3, 5, 14, 0, tzinfo=UTC)),
            ("maria_fri", "maria", "electrical", "ana", datetime(2026, 3, 6, 19, 0, tzinfo=UTC)),
            ("joe_today", "joe", "plumbing_repair", "tom",
             datetime(2026, 3, 2, 19, 0, tzinfo=UTC)),
        ):
            ids[key] = bus.handle_in(uow, BookAppointment(
                account_id=ids[f"{who}_account"], site_id=ids[f"{who}_site"], service_id=service,
                technician_id=ids[tech], start=start, actor=dispatcher))
        for key, number, who, title, cents in (
            ("q1042", "Q-1042", "maria", "Water heater replacement", 185000),
            ("q1043", "Q-1043", "maria", "AC replacement", 425000),
            ("q2001", "Q-2001", "joe", "Sewer line repair", 990000),
        ):
            ids[key] = _id(uow.quotes.add(Quote(
                number=number, account_id=ids[f"{who}_account"], title=title,
                lines=(Line(title, 1, cents),), state=QuoteState.SENT, sent_at=clock.now())))
        uow.commit()
    return world


def _id(item: object) -> int:
    found = getattr(item, "id", None)
    assert isinstance(found, int)
    return found
