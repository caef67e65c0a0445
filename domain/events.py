"""Events: what happened, in the past tense. Aggregates record them; handlers react to them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TypeAlias


class Event:
    """Base of all events."""


@dataclass(frozen=True)
class JobCreated(Event):
    job_id: int
    account_id: int
    deal_id: int | None = None


@dataclass(frozen=True)
class JobStateChanged(Event):
    job_id: int
    account_id: int
    old: str
    new: str
    actor: str
    channel: str
    message_id: str | None = None
    note: str = ""


@dataclass(frozen=True)
class JobCompleted(Event):
    job_id: int
    account_id: int


@dataclass(frozen=True)
class JobReopened(Event):
    """A completion set by mistake was undone."""

    job_id: int
    account_id: int


@dataclass(frozen=True)
class AppointmentBooked(Event):
    appointment_id: int
    job_id: int
    account_id: int
    actor: str
    channel: str
    message_id: str | None = None  # the provider's id of the text that caused it


@dataclass(frozen=True)
class AppointmentRescheduled(Event):
    appointment_id: int
    job_id: int
    account_id: int
    old_start: datetime
    actor: str
    channel: str
    message_id: str | None = None  # the provider's id of the text that caused it


@dataclass(frozen=True)
class AppointmentCancelled(Event):
    appointment_id: int
    job_id: int
    account_id: int
    actor: str
    channel: str
    message_id: str | None = None  # the provider's id of the text that caused it


@dataclass(frozen=True)
class AppointmentRestored(Event):
    """A cancelled visit put back on the diary (an undone cancellation)."""

    appointment_id: int
    job_id: int
    account_id: int
    actor: str
    channel: str
    message_id: str | None = None  # the provider's id of the text that caused it


@dataclass(frozen=True)
class AppointmentConfirmed(Event):
    """The customer confirmed the visit (a Y to its reminder)."""

    appointment_id: int
    job_id: int
    account_id: int
    actor: str
    channel: str
    message_id: str | None = None  # the provider's id of the text that caused it


AppointmentEvent: TypeAlias = (AppointmentBooked | AppointmentRescheduled | AppointmentCancelled
                               | AppointmentRestored | AppointmentConfirmed)


@dataclass(frozen=True)
class QuoteApproved(Event):
    quote_id: int
    account_id: int
    job_id: int | None
    deal_id: int | None
    actor: str
    channel: str
    message_id: str | None = None  # the provider's id of the text that caused it


@dataclass(frozen=True)
class QuoteDeclined(Event):
    quote_id: int
    account_id: int
    job_id: int | None
    deal_id: int | None
    actor: str
    channel: str
    message_id: str | None = None  # the provider's id of the text that caused it


@dataclass(frozen=True)
class DealStageChanged(Event):
    deal_id: int
    account_id: int
    old: str
    new: str
    actor: str
    channel: str
    message_id: str | None = None  # the provider's id of the text that caused it


@dataclass(frozen=True)
class InvoiceDrafted(Event):
    invoice_id: int
    job_id: int
    account_id: int
    total_cents: int


@dataclass(frozen=True)
class OptedOut(Event):
    """An address stopped automated messages on a channel (see domain/consent.py)."""

    channel: str
    address: str
    actor: str
    message_id: str | None = None


@dataclass(frozen=True)
class OptedIn(Event):
    """An address allowed automated messages on a channel again."""

    channel: str
    address: str
    actor: str
    message_id: str | None = None
