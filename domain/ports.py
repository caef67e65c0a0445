"""What the model needs from storage: repositories and a unit of work, as abstract ports."""

from __future__ import annotations

import abc
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypeVar

from domain.deals import Deal
from domain.events import Event
from domain.jobs import Appointment, Job
from domain.messages import Message
from domain.parties import Account, Contact, Site
from domain.quotes import Invoice, Quote
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

    def get(self, item_id: int) -> T | None: ...

    def get_many(self, item_ids: Collection[int]) -> list[T]:
        """The items with these ids, in that order, leaving out missing ones: one read for all."""
        ...

    def find(self, **equals: Any) -> list[T]:
        """Items whose attributes equal the given values, oldest first."""
        ...

    def first(self, **equals: Any) -> T | None: ...


class AppointmentRepository(Repository[Appointment], Protocol):
    def overlapping(
        self, start: datetime, end: datetime, technician_ids: Collection[int] | None = None
    ) -> list[Appointment]:
        """Booked appointments that intersect [start, end), for the given technicians (or all)."""
        ...


class AbstractUnitOfWork(abc.ABC):
    """One transaction over all repositories; rolls back unless `commit()` is called."""

    accounts: Repository[Account]
    contacts: Repository[Contact]
    sites: Repository[Site]
    staff: Repository[StaffMember]
    deals: Repository[Deal]
    jobs: Repository[Job]
    appointments: AppointmentRepository
    quotes: Repository[Quote]
    invoices: Repository[Invoice]
    activities: Repository[Activity]
    messages: Repository[Message]

    def __enter__(self) -> AbstractUnitOfWork:
        return self

    def __exit__(self, *args: object) -> None:
        self.rollback()

    @abc.abstractmethod
    def lock_technician(self, technician_id: int) -> None:
        """Hold one technician's diary until this unit of work ends, so two bookings can't race."""

    @abc.abstractmethod
    def commit(self) -> None: ...

    @abc.abstractmethod
    def rollback(self) -> None: ...

    def repositories(self) -> tuple[Repository[Any], ...]:
        return (
            self.accounts, self.contacts, self.sites, self.staff, self.deals, self.jobs,
            self.appointments, self.quotes, self.invoices, self.activities, self.messages,
        )

    def collect_new_events(self) -> Iterator[Event]:
        """Drain the events recorded by every aggregate this unit of work has seen."""
        for repository in self.repositories():
            for item in list(repository.seen):
                recorded = getattr(item, "events", None)
                while recorded:
                    yield recorded.pop(0)
