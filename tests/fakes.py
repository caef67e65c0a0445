"""Hand-written fakes for the domain's ports: in-memory repositories and a unit of work."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from domain.actors import Actor
from domain.bus import MessageBus
from domain.business import BusinessSettings
from domain.catalog import DEMO_CATALOG, Catalog
from domain.clock import Clock
from domain.company import Company, StaffChanges
from domain.consent import Consent
from domain.conversations import Conversation
from domain.deals import Deal, DealName
from domain.demo import DEMO_TIMEZONE, demo_business
from domain.errors import NotFound
from domain.follow_ups import FollowUpRules
from domain.handlers import COMMAND_HANDLERS
from domain.hours import WeeklyHours
from domain.jobs import Appointment
from domain.messages import Direction, Message, MessageStatus
from domain.parties import Account, Channel, Contact, Customer, Site
from domain.ports import AbstractUnitOfWork, TimeRange
from domain.quotes import Quote
from domain.reactions import EVENT_HANDLERS
from domain.scheduling import Busy
from domain.staff import Role, StaffMember

T = TypeVar("T")


# --- Paged listings (Repository.page) in memory -----------------------------------------------


class FakePagedListing(Generic[T]):
    """`page` over the in-memory list, in the store's order: (order_by, id)."""

    items: list[T]
    seen: set[Any]

    def page(self, *, limit: int, after_id: int | None = None, before_id: int | None = None,
             newest_first: bool = False, order_by: str = "id", during: TimeRange | None = None,
             **equals: Any) -> list[T]:
        def key(item: Any) -> tuple[Any, int]:
            return (getattr(item, order_by), item.id)

        def position(item_id: int) -> tuple[Any, int]:
            for item in self.items:
                if getattr(item, "id", None) == item_id:
                    return key(item)
            if order_by == "id":
                return (item_id, item_id)
            raise NotFound(f"No {type(self).__name__} item {item_id} to continue the listing from")

        def wanted(item: Any) -> bool:
            for name, value in equals.items():
                actual = getattr(item, name)
                if not (actual in value if isinstance(value, frozenset) else actual == value):
                    return False
            if during is not None:
                moment = getattr(item, during.attribute)
                if during.since is not None and not moment >= during.since:
                    return False
                if during.until is not None and not moment < during.until:
                    return False
            return True

        found = [item for item in self.items if wanted(item)]
        if after_id is not None:
            found = [item for item in found if key(item) > position(after_id)]
        if before_id is not None:
            found = [item for item in found if key(item) < position(before_id)]
        found = sorted(found, key=key, reverse=newest_first)[:limit]
        self.seen.update(found)
        return found


# --- Repositories -------------------------------------------------------------------------------


class FakeRepository(FakePagedListing[T]):
    """An in-memory list: `add` gives incrementing ids; everything handed out lands in `seen`."""

    def __init__(self, items: Collection[T] = ()) -> None:
        self.items: list[T] = []
        self.seen: set[Any] = set()
        self._next_id = 1
        for item in items:
            self.add(item)

    def add(self, item: T) -> T:
        if getattr(item, "id", None) is None:
            item.id = self._next_id  # type: ignore[attr-defined]
        self._next_id = max(self._next_id, item.id) + 1  # type: ignore[attr-defined]
        self.items.append(item)
        self.seen.add(item)
        return item

    def add_unflushed(self, item: T) -> T:
        return self.add(item)

    def add_written(self, items: Collection[T]) -> None:
        for item in items:
            self.add(item)

    def get(self, item_id: int) -> T | None:
        for item in self.items:
            if getattr(item, "id", None) == item_id:
                self.seen.add(item)
                return item
        return None

    def get_many(self, item_ids: Collection[int]) -> list[T]:
        found = [self.get(item_id) for item_id in dict.fromkeys(item_ids)]
        return [item for item in found if item is not None]

    def find(self, **equals: Any) -> list[T]:
        """Items whose attributes equal the given values, oldest first."""
        found = [
            item for item in self.items
            if all(getattr(item, name) in value if isinstance(value, frozenset)
                   else getattr(item, name) == value for name, value in equals.items())
        ]
        self.seen.update(found)
        return found

    def first(self, **equals: Any) -> T | None:
        found = self.find(**equals)
        return found[0] if found else None

    def __len__(self) -> int:
        return len(self.items)


class FakeAppointmentRepository(FakeRepository[Appointment]):
    def overlapping(
        self, start: datetime, end: datetime, technician_ids: Collection[int] | None = None
    ) -> list[Appointment]:
        """Booked appointments that intersect [start, end), for the given technicians (or all)."""
        found = [
            a for a in self.items
            if a.is_active and a.start < end and start < a.end
            and (technician_ids is None or a.technician_id in technician_ids)
        ]
        self.seen.update(found)
        return found


    def busy_between(self, start: datetime, end: datetime,
                     technician_ids: Collection[int]) -> list[Busy]:
        return [Busy(a.id or 0, a.technician_id, a.start, a.end, a.zone_id)
                for a in self.overlapping(start, end, technician_ids)]


class FakeMessageRepository(FakeRepository[Message]):
    """The message log and outbox in memory, with the store's insert-once and claim rules."""

    def add_inbound_once(self, message: Message) -> bool:
        if self.first(channel=message.channel, direction=Direction.IN,
                      provider_message_id=message.provider_message_id) is not None:
            return False
        self.add(message)
        return True

    def replies_to(self, channel: Channel, provider_message_id: str) -> list[Message]:
        inbound = self.first(channel=channel, direction=Direction.IN,
                             provider_message_id=provider_message_id)
        return [] if inbound is None else self.find(reply_to_id=inbound.id)

    def claim_due(self, now: datetime, limit: int, claimed_by: str | None = None) -> list[Message]:
        due = sorted((m for m in self.items if m.direction is Direction.OUT
                      and m.status is MessageStatus.QUEUED and m.due_at is not None
                      and m.due_at <= now), key=lambda m: (m.due_at, m.id or 0))[:limit]
        for message in due:
            message.status, message.attempts = MessageStatus.SENDING, message.attempts + 1
            message.claimed_by, message.claimed_at = claimed_by, now
        return due

    def record_sent(self, claimed_by: str, sent: Collection[tuple[int, str]], at: datetime) -> int:
        recorded = 0
        for message_id, provider_id in sent:
            message = self.get(message_id)
            if message is not None and message.claimed_by == claimed_by and message.status in (
                    MessageStatus.SENDING, MessageStatus.POSSIBLY_SENT):
                message.status, message.provider_message_id = MessageStatus.SENT, provider_id
                message.sent_at, message.last_error = at, None
                recorded += 1
        return recorded

    def claimers(self) -> dict[str | None, int]:
        held = Counter(m.claimed_by for m in self.items if m.status is MessageStatus.SENDING)
        return dict(held)


class FakeConversationRepository(FakeRepository[Conversation]):
    def for_sender(self, channel: Channel, address: str, now: datetime) -> Conversation:
        return self.first(channel=channel, address=address) or self.add(
            Conversation(channel=channel, address=address, updated_at=now))


class FakeSenderDirectory:
    """Looks senders up in the fake repositories, as the store does in its tables."""

    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    def customer(self, channel: Channel, address: str) -> Customer | None:
        contact = self.uow.contacts.first(**_address_key(channel, address))
        account = self.uow.accounts.get(contact.account_id) if contact is not None else None
        if contact is None or account is None:
            return None
        return Customer(account=account, contact=contact,
                        sites=self.uow.sites.find(account_id=account.id))

    def staff_member(self, channel: Channel, address: str) -> StaffMember | None:
        found = self.uow.staff.first(**_address_key(channel, address))
        return found if found is not None and found.active else None

    def remember(self, channel: Channel, address: str, customer: Customer) -> None:
        """Nothing to remember: every lookup reads the repositories afresh."""


def _address_key(channel: Channel, address: str) -> dict[str, Any]:
    if channel is Channel.TELEGRAM:
        return {"telegram_chat_id": int(address) if address.lstrip("-").isdigit() else None}
    return {"phone": address}


class FakeBusinessRepository:
    """The stored company in memory; `replace` keeps it whole and, like the store, makes the
    company's people staff rows (those not there yet, matched by phone) and counts them as added."""

    def __init__(self, staff: FakeRepository[StaffMember] | None = None) -> None:
        self.stored: Company | None = None
        self.staff = staff

    def get(self) -> tuple[BusinessSettings, Catalog] | None:
        return (self.stored.business, self.stored.catalog) if self.stored else None

    def company(self) -> Company | None:
        return self.stored

    def replace(self, company: Company) -> StaffChanges:
        self.stored = company
        if self.staff is not None:
            phones = {member.phone for member in self.staff.items if member.phone}
            for person in company.staff:
                if person.phone is None or person.phone not in phones:
                    # A copy: the company (the demo's is shared) must not become a fake's row.
                    self.staff.add(dataclasses.replace(person, id=None, active=True))
        return StaffChanges(added=tuple(m.name for m in company.staff), updated=(), deactivated=())
# --- Consent (domain/consent.py) ------------------------------------------------------------------
class FakeConsentRepository(FakeRepository[Consent]):
    def for_address(self, channel: Channel, address: str, now: datetime) -> Consent:
        """The address's record, created (opted in) on first use."""
        found = self.first(channel=channel, address=address)
        return found or self.add(Consent(channel=channel, address=address, changed_at=now))

    def opted_out(self, channel: Channel, addresses: Collection[str]) -> set[str]:
        return {c.address for c in self.items
                if c.channel is channel and c.address in addresses and c.opted_out}
# --- end of consent ---------------------------------------------------------------------------------


class FakeDealRepository(FakeRepository[Deal]):
    """Deals, with the follow-up selection computed by the rule itself."""

    def __init__(self, quotes: FakeRepository[Quote], accounts: FakeRepository[Account]) -> None:
        super().__init__()
        self.quotes, self.accounts = quotes, accounts

    def needing_follow_up(self, rules: FollowUpRules, *, owner_id: int | None,
                          limit: int) -> list[Deal]:
        found = [d for d in self.items if (owner_id is None or d.owner_id == owner_id)
                 and rules.needs_follow_up(d, self.quotes.find(deal_id=d.id))]
        found = sorted(found, key=lambda d: (-d.amount_cents, d.id))[:limit]
        self.seen.update(found)
        return found

    def names(self, *, owner_id: int | None, is_open: bool) -> list[DealName]:
        accounts = {a.id: a.name for a in self.accounts.items}
        return [DealName(d.id, accounts.get(d.account_id, ""), d.title) for d in self.items
                if (owner_id is None or d.owner_id == owner_id) and d.is_open == is_open]


class FakeUnitOfWork(AbstractUnitOfWork):
    """All repositories in memory; `committed` tells whether anyone called commit()."""

    def __init__(self) -> None:
        self.accounts = FakeRepository()
        self.contacts = FakeRepository()
        self.sites = FakeRepository()
        self.staff = FakeRepository()
        self.quotes = FakeRepository()
        self.deals = FakeDealRepository(self.quotes, self.accounts)
        self.jobs = FakeRepository()
        self.appointments = FakeAppointmentRepository()
        self.invoices = FakeRepository()
        self.activities = FakeRepository()
        self.messages = FakeMessageRepository()
        self.conversations = FakeConversationRepository()
        self.senders = FakeSenderDirectory(self)
        self.business = FakeBusinessRepository(self.staff)
        self.consents = FakeConsentRepository()  # consent per (channel, address)
        self.committed = False
        self.commits = 0
        self.rollbacks = 0

    def commit(self) -> None:
        self.committed = True
        self.commits += 1

    def lock_technician(self, technician_id: int) -> None:
        """One thread, one fake: nothing to lock."""

    def lock_deal(self, deal_id: int) -> None:
        """One thread, one fake: nothing to lock or read again."""

    def rollback(self) -> None:
        self.rollbacks += 1


def make_bus(uow: FakeUnitOfWork, clock: Clock, settings: BusinessSettings | None = None,
             catalog: Catalog = DEMO_CATALOG) -> MessageBus:
    """A message bus over the real handlers whose every unit of work is `uow`."""
    return MessageBus(
        uow_factory=lambda: uow,
        command_handlers=COMMAND_HANDLERS,
        event_handlers=EVENT_HANDLERS,
        dependencies={"clock": clock, "settings": settings or demo_business(),
                      "catalog": catalog},
    )


@dataclass
class DemoWorld:
    """Two households, two technicians, a sales rep and a dispatcher, stored in a fake uow."""

    uow: FakeUnitOfWork
    account_id: int
    contact_id: int
    site_id: int  # in the north zone
    west_site_id: int
    other_account_id: int
    other_site_id: int
    tom_id: int  # hvac + plumbing, north + west
    ana_id: int  # hvac + electrical, north
    sam_id: int  # sales
    other_rep_id: int  # sales
    dispatcher_id: int

    def customer(self, account_id: int | None = None) -> Actor:
        return Actor(role=Role.CUSTOMER, channel=Channel.SMS,
                     account_id=account_id or self.account_id, contact_id=self.contact_id)

    def technician(self, staff_id: int) -> Actor:
        return Actor(role=Role.TECHNICIAN, channel=Channel.SMS, staff_id=staff_id)

    def sales(self, staff_id: int | None = None) -> Actor:
        return Actor(role=Role.SALES, channel=Channel.TELEGRAM, staff_id=staff_id or self.sam_id)

    def dispatcher(self) -> Actor:
        return Actor(role=Role.DISPATCHER, channel=Channel.CONSOLE, staff_id=self.dispatcher_id)


def demo_world(uow: FakeUnitOfWork | None = None) -> DemoWorld:
    """Seed `uow` (or a fresh one) with the people and places most tests need."""
    uow = uow or FakeUnitOfWork()
    hours = WeeklyHours.weekdays("07:00", "19:00")
    account = uow.accounts.add(Account(name="Rivera household"))
    other = uow.accounts.add(Account(name="Okafor household"))
    contact = uow.contacts.add(Contact(account_id=_id(account), name="Maria Rivera",
                                       phone="+13125550142"))
    site = uow.sites.add(Site(account_id=_id(account), address="1 Clark St", city="Chicago",
                              postal_code="60614", zone_id="north", timezone=DEMO_TIMEZONE))
    west = uow.sites.add(Site(account_id=_id(account), address="9 Oak Ave", city="Oak Park",
                              postal_code="60302", zone_id="west", timezone=DEMO_TIMEZONE))
    other_site = uow.sites.add(Site(account_id=_id(other), address="5 Lake St", city="Chicago",
                                    postal_code="60613", zone_id="north",
                                    timezone=DEMO_TIMEZONE))
    tom = uow.staff.add(StaffMember(name="Tom Baker", role=Role.TECHNICIAN, phone="+13125550111",
                                    skills=("hvac", "plumbing"), zones=("north", "west"),
                                    working_hours=hours))
    ana = uow.staff.add(StaffMember(name="Ana Diaz", role=Role.TECHNICIAN, phone="+13125550112",
                                    skills=("hvac", "electrical"), zones=("north",),
                                    working_hours=hours))
    sam = uow.staff.add(StaffMember(name="Sam Lee", role=Role.SALES, telegram_chat_id=4242))
    rep = uow.staff.add(StaffMember(name="Rita Moss", role=Role.SALES, phone="+13125550113"))
    dispatcher = uow.staff.add(StaffMember(name="Dana Cole", role=Role.DISPATCHER,
                                           phone="+13125550100"))
    world = DemoWorld(
        uow=uow, account_id=_id(account), contact_id=_id(contact), site_id=_id(site),
        west_site_id=_id(west), other_account_id=_id(other), other_site_id=_id(other_site),
        tom_id=_id(tom), ana_id=_id(ana), sam_id=_id(sam), other_rep_id=_id(rep),
        dispatcher_id=_id(dispatcher),
    )
    for repository in uow.repositories():
        repository.seen.clear()
    return world


def _id(item: Any) -> int:
    assert item.id is not None
    return int(item.id)


NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)  # Monday 09:00 in Chicago: the unit tests' clock
