"""What the model needs from storage: repositories and a unit of work, as abstract ports."""

from __future__ import annotations

import abc
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypeVar

from domain.business import BusinessSettings
from domain.catalog import Catalog
from domain.company import Company, StaffChanges
from domain.consent import Consent
from domain.conversations import Conversation
from domain.deals import Deal, DealName
from domain.due import Due, DueSource
from domain.events import Event
from domain.follow_ups import FollowUpRules
from domain.jobs import Appointment, Job
from domain.messages import Message
from domain.parties import Account, Channel, Contact, Customer, Site
from domain.quotes import Invoice, Quote
from domain.scheduling import Busy
from domain.staff import StaffMember
from domain.timeline import Activity

T = TypeVar("T")


# --- Paged listings: one page at a time, ordered and limited by the store -----------------------


@dataclass(frozen=True)
class TimeRange:
    """Items whose datetime `attribute` lies in [since, until); either end may be left open."""

    attribute: str
    since: datetime | None = None
    until: datetime | None = None


class PagedListing(Protocol[T]):
    def page(self, *, limit: int, after_id: int | None = None, before_id: int | None = None,
             newest_first: bool = False, order_by: str = "id", during: TimeRange | None = None,
             **equals: Any) -> list[T]:
        """Up to `limit` items in (`order_by`, id) order, ascending or `newest_first`, reading
        no more rows than that (keyset pagination). `after_id`/`before_id` keep only the items
        placed after/before that item in this order (NotFound if it does not exist); `equals`
        as in `find`, where a frozenset value means any of its members; `during` bounds a
        datetime attribute."""
        ...


# --- Repositories -------------------------------------------------------------------------------


class Repository(PagedListing[T], Protocol[T]):
    """Add, get and find one kind of aggregate; everything returned is tracked for its events."""

    seen: set[Any]

    def add(self, item: T) -> T:
        """Store a new item and give it an id."""
        ...

    def add_unflushed(self, item: T) -> T:
        """Store a new item whose id nobody needs yet: many go to the database together."""
        ...

    def add_written(self, items: Collection[T]) -> None:
        """Store items that nobody changes afterwards (replies, timeline entries) in one batch,
        without handing back ids."""
        ...

    def get(self, item_id: int) -> T | None: ...

    def get_many(self, item_ids: Collection[int]) -> list[T]:
        """The items with these ids, in that order, leaving out missing ones: one read for all."""
        ...

    def find(self, **equals: Any) -> list[T]:
        """Items whose attributes equal the given values, oldest first; a frozenset value means
        any of its members."""
        ...

    def first(self, **equals: Any) -> T | None: ...


class AppointmentRepository(Repository[Appointment], Protocol):
    def overlapping(
        self, start: datetime, end: datetime, technician_ids: Collection[int] | None = None
    ) -> list[Appointment]:
        """Booked appointments that intersect [start, end), for the given technicians (or all)."""
        ...

    def busy_between(self, start: datetime, end: datetime,
                     technician_ids: Collection[int]) -> list[Busy]:
        """These technicians' booked time intersecting [start, end), as lean rows for slot search."""
        ...


class DealRepository(Repository[Deal], Protocol):
    def needing_follow_up(self, rules: FollowUpRules, *, owner_id: int | None,
                          limit: int) -> list[Deal]:
        """Up to `limit` open deals (the owner's, or everyone's when None) that `rules` say need a
        follow-up now (FollowUpRules.needs_follow_up), largest amount first, then oldest."""
        ...

    def names(self, *, owner_id: int | None, is_open: bool) -> list[DealName]:
        """The owner's (or everyone's, when None) open deals, or won and lost ones, by account
        name and title, oldest first: lean rows, read without loading the deals."""
        ...


class MessageRepository(Repository[Message], Protocol):
    """The message log and the outbox."""

    def add_inbound_once(self, message: Message) -> bool:
        """Store an inbound message unless (channel, provider id) is already stored; True if stored.
        Safe when the provider retries the same message concurrently."""
        ...

    def replies_to(self, channel: Channel, provider_message_id: str) -> list[Message]:
        """The replies stored for an inbound message, in the order they were written."""
        ...

    def add_due(self, items: Collection[tuple[Due, str]], now: datetime) -> list[str]:
        """Write what the scheduler found due, each with its body, as outbox rows, unless the
        idempotency key is already stored (also when two passes race); the keys written."""
        ...

    def known_keys(self, keys: Collection[str]) -> set[str]:
        """Those of these idempotency keys that are stored already, in a few reads."""
        ...

    def withdraw(self, stale: Collection[tuple[int, str]]) -> int:
        """Cancel these queued messages, each with its reason; how many were still queued."""
        ...

    def claim_due(self, now: datetime, limit: int, claimed_by: str | None = None) -> list[Message]:
        """Claim up to `limit` queued outbound messages due by `now` (QUEUED -> SENDING) for
        sender `claimed_by`, oldest first; concurrent senders never claim the same message."""
        ...

    def claimers(self) -> dict[str | None, int]:
        """Who holds SENDING messages, and how many each."""
        ...

    def record_sent(self, claimed_by: str, sent: Collection[tuple[int, str]], at: datetime) -> int:
        """Mark these (message id, provider id) SENT if `claimed_by` still holds them; how many."""
        ...


class ConversationRepository(Protocol):
    """Each sender's conversation state, one row per channel and address."""

    def for_sender(self, channel: Channel, address: str, now: datetime) -> Conversation:
        """The sender's conversation, created empty on first contact (also when two first texts
        race) and held until the unit of work ends, so one sender's texts run one at a time."""
        ...

    def find(self, **equals: Any) -> list[Conversation]: ...


class SenderDirectory(Protocol):
    """Who is behind a channel address: a customer's contact or a staff member. Each is looked up
    once per unit of work."""

    def customer(self, channel: Channel, address: str) -> Customer | None:
        """The contact writing from this address, with their account and its sites."""
        ...

    def staff_member(self, channel: Channel, address: str) -> StaffMember | None:
        """The active staff member writing from this address."""
        ...

    def remember(self, channel: Channel, address: str, customer: Customer) -> None:
        """A customer was just registered for this address in this unit of work."""
        ...


class BusinessRepository(Protocol):
    """The stored company: read the business and its catalog together, or replace it whole."""

    def get(self) -> tuple[BusinessSettings, Catalog] | None:
        """The business (with its zones) and its catalog; None before a company is loaded."""
        ...

    def company(self) -> Company | None:
        """The stored company as its file would hold it, with the active staff."""
        ...

    def replace(self, company: Company) -> StaffChanges:
        """Put `company` in place of the stored one within this unit of work's transaction."""
        ...


# --- Consent (domain/consent.py) ------------------------------------------------------------------
class ConsentRepository(Repository[Consent], Protocol):
    def for_address(self, channel: Channel, address: str, now: datetime) -> Consent:
        """The address's record, created (opted in) on first use and held until commit, so that
        two opt-outs racing from one number end up as one record."""
        ...

    def opted_out(self, channel: Channel, addresses: Collection[str]) -> set[str]:
        """Those of `addresses` that have opted out on `channel`, in one read."""
        ...
# --- end of consent ---------------------------------------------------------------------------------


class AbstractUnitOfWork(abc.ABC):
    """One transaction over all repositories; rolls back unless `commit()` is called."""

    accounts: Repository[Account]
    contacts: Repository[Contact]
    sites: Repository[Site]
    staff: Repository[StaffMember]
    deals: DealRepository
    jobs: Repository[Job]
    appointments: AppointmentRepository
    quotes: Repository[Quote]
    invoices: Repository[Invoice]
    activities: Repository[Activity]
    messages: MessageRepository
    conversations: ConversationRepository
    senders: SenderDirectory
    business: BusinessRepository
    consents: ConsentRepository  # consent per (channel, address): domain/consent.py
    due: DueSource  # what the scheduler reads: domain/due.py

    def __enter__(self) -> AbstractUnitOfWork:
        return self

    def __exit__(self, *args: object) -> None:
        self.rollback()

    @abc.abstractmethod
    def lock_technician(self, technician_id: int) -> None:
        """Hold one technician's diary until this unit of work ends, so two bookings can't race."""

    @abc.abstractmethod
    def lock_deal(self, deal_id: int) -> None:
        """Hold one deal until this unit of work ends and read it afresh, so two confirmations
        of the same deal run one after the other and the second sees the first's outcome."""

    @abc.abstractmethod
    def commit(self) -> None: ...

    @abc.abstractmethod
    def rollback(self) -> None: ...

    def repositories(self) -> tuple[Repository[Any], ...]:
        return (
            self.accounts, self.contacts, self.sites, self.staff, self.deals, self.jobs,
            self.appointments, self.quotes, self.invoices, self.activities, self.messages,
            self.consents,  # consent per (channel, address): its opt-outs and opt-ins are events
        )

    def collect_new_events(self) -> Iterator[Event]:
        """Drain the events recorded by every aggregate this unit of work has seen."""
        for repository in self.repositories():
            for item in list(repository.seen):
                recorded = getattr(item, "events", None)
                while recorded:
                    yield recorded.pop(0)
