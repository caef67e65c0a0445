"""The people, places, visits and quotes every conversation test starts from, in any unit of work.

Tom and Ana (technicians), Rita (a sales rep), Dana (a dispatcher); Maria with visits on
Thursday (Tom) and Friday (Ana) and quotes Q-1042 and Q-1043; Joe with two addresses, a visit
today at 1pm (Tom) and quote Q-2001. The clock of these tests is Monday 2026-03-02, 09:00 Chicago.
"""

from __future__ import annotations

from datetime import UTC, datetime

from domain.actors import Actor
from domain.bus import MessageBus
from domain.commands import BookAppointment
from domain.demo import DEMO_TIMEZONE
from domain.hours import Span, WeeklyHours
from domain.money import Line
from domain.parties import Account, Channel, Contact, Site
from domain.ports import AbstractUnitOfWork
from domain.quotes import Quote, QuoteState
from domain.staff import Role, StaffMember

MARIA = "+13125550142"
JOE = "+13125550199"
TOM = "+13125550111"
ANA = "+13125550112"
RITA = "+13125550113"
DANA = "+13125550100"
SENT_AT = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def seed_people(uow: AbstractUnitOfWork, bus: MessageBus) -> dict[str, int]:
    """Add everyone and book their visits in `uow` (the caller commits); their ids by name."""
    ids: dict[str, int] = {}
    wed_to_fri = Span.parse("08:00-16:00")
    ids["tom"] = _id(uow.staff.add(StaffMember(
        name="Tom Baker", role=Role.TECHNICIAN, phone=TOM, skills=("hvac", "plumbing"),
        zones=("north", "west"), working_hours=WeeklyHours.weekdays("07:00", "19:00"))))
    ids["ana"] = _id(uow.staff.add(StaffMember(
        name="Ana Diaz", role=Role.TECHNICIAN, phone=ANA, skills=("electrical",),
        zones=("north",), working_hours=WeeklyHours((None, None, wed_to_fri, wed_to_fri,
                                                     wed_to_fri, None, None)))))
    ids["rita"] = _id(uow.staff.add(StaffMember(name="Rita Moss", role=Role.SALES, phone=RITA)))
    ids["dana"] = _id(uow.staff.add(StaffMember(name="Dana Cole", role=Role.DISPATCHER,
                                                phone=DANA)))
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
        account_id=ids["joe_account"], address="9 Oak Ave", city="Oak Park", postal_code="60302",
        zone_id="west", timezone=DEMO_TIMEZONE)))
    dispatcher = Actor(role=Role.DISPATCHER, channel=Channel.CONSOLE, staff_id=ids["dana"])
    for key, who, service, technician, start in (
        ("maria_thu", "maria", "hvac_repair", "tom", datetime(2026, 3, 5, 14, 0, tzinfo=UTC)),
        ("maria_fri", "maria", "electrical", "ana", datetime(2026, 3, 6, 19, 0, tzinfo=UTC)),
        ("joe_today", "joe", "plumbing_repair", "tom", datetime(2026, 3, 2, 19, 0, tzinfo=UTC)),
    ):
        ids[key] = bus.handle_in(uow, BookAppointment(
            account_id=ids[f"{who}_account"], site_id=ids[f"{who}_site"], service_id=service,
            technician_id=ids[technician], start=start, actor=dispatcher))
    for key, number, who, title, cents in (
        ("q1042", "Q-1042", "maria", "Water heater replacement", 185000),
        ("q1043", "Q-1043", "maria", "AC replacement", 425000),
        ("q2001", "Q-2001", "joe", "Sewer line repair", 990000),
    ):
        ids[key] = _id(uow.quotes.add(Quote(
            number=number, account_id=ids[f"{who}_account"], title=title,
            lines=(Line(title, 1, cents),), state=QuoteState.SENT, sent_at=SENT_AT)))
    return ids


def _id(item: object) -> int:
    found = getattr(item, "id", None)
    assert isinstance(found, int)
    return found
