"""Commands: orders to the model, named as imperatives. Each has exactly one handler."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.actors import Actor
from domain.consent import BY_RECIPIENT
from domain.jobs import JobState
from domain.money import Line
from domain.parties import Channel


class Command:
    """Base of all commands."""


@dataclass(frozen=True)
class CreateJob(Command):
    account_id: int
    site_id: int
    service_id: str
    actor: Actor
    scope: str = ""


@dataclass(frozen=True)
class BookAppointment(Command):
    """Book a visit; creates the job when `job_id` is None."""

    account_id: int
    site_id: int
    service_id: str
    technician_id: int
    start: datetime
    actor: Actor
    scope: str = ""
    job_id: int | None = None


@dataclass(frozen=True)
class RescheduleAppointment(Command):
    appointment_id: int
    technician_id: int
    start: datetime
    actor: Actor


@dataclass(frozen=True)
class ConfirmAppointment(Command):
    """The customer confirms a visit at the time they were reminded of."""

    appointment_id: int
    start: datetime  # the time the reminder named: a visit moved since is not confirmed
    actor: Actor


@dataclass(frozen=True)
class CancelAppointment(Command):
    appointment_id: int
    actor: Actor


@dataclass(frozen=True)
class RestoreAppointment(Command):
    """Put a cancelled visit back: in its own slot, or at `start` with `technician_id` when given."""

    appointment_id: int
    actor: Actor
    technician_id: int | None = None
    start: datetime | None = None


@dataclass(frozen=True)
class AddSite(Command):
    """Add a service address to an account; its zone comes from the ZIP. Returns the site id."""

    account_id: int
    street: str
    city: str
    postal_code: str
    actor: Actor


@dataclass(frozen=True)
class CorrectSiteAddress(Command):
    """A mistyped service address is put right, while no job was ever booked at it."""

    site_id: int
    street: str
    city: str
    postal_code: str
    actor: Actor


@dataclass(frozen=True)
class CorrectContactName(Command):
    """A contact's name was taken down wrong and is put right (a household's account name too)."""

    contact_id: int
    name: str
    actor: Actor


@dataclass(frozen=True)
class NameAccount(Command):
    """The account is a business and takes its name ("account should be Brennan's Pub"); the
    contact who wrote keeps their own name."""

    account_id: int
    name: str
    actor: Actor


@dataclass(frozen=True)
class ChangeJobSite(Command):
    """The job (and its booked visits) is at another of the account's sites."""

    job_id: int
    site_id: int
    actor: Actor


@dataclass(frozen=True)
class ChangeJobState(Command):
    job_id: int
    new_state: JobState
    actor: Actor
    note: str = ""
    eta_minutes: int | None = None


@dataclass(frozen=True)
class ReviseEta(Command):
    """A technician expects to arrive `eta_minutes` later than `since` (the planned arrival or
    the ETA given), or than now when `since` is None or already past."""

    job_id: int
    eta_minutes: int
    actor: Actor
    note: str = ""
    since: datetime | None = None


@dataclass(frozen=True)
class UndoJobState(Command):
    """Put a job back in the state it had before a status set by mistake (with its old ETA)."""

    job_id: int
    back_to: JobState
    actor: Actor
    eta: datetime | None = None


@dataclass(frozen=True)
class AddJobNote(Command):
    """A note on a job, kept on its account's timeline."""

    job_id: int
    text: str
    actor: Actor


@dataclass(frozen=True)
class AddToJobSummary(Command):
    """Work the technician forgot to say, added to a finished job's summary."""

    job_id: int
    text: str
    actor: Actor


@dataclass(frozen=True)
class CompleteJob(Command):
    job_id: int
    summary: str
    actor: Actor
    lines: tuple[Line, ...] = ()


@dataclass(frozen=True)
class ApproveQuote(Command):
    quote_id: int
    actor: Actor


@dataclass(frozen=True)
class DeclineQuote(Command):
    quote_id: int
    actor: Actor


@dataclass(frozen=True)
class MarkDealWon(Command):
    deal_id: int
    actor: Actor


@dataclass(frozen=True)
class MarkDealLost(Command):
    deal_id: int
    actor: Actor
    reason: str = ""  # why, when the rep said so at once ("to a cheaper bid")


@dataclass(frozen=True)
class RecordLossReason(Command):
    """Why a deal already lost was lost, told after the loss was confirmed."""

    deal_id: int
    reason: str
    actor: Actor


@dataclass(frozen=True)
class SnoozeDeal(Command):
    """Follow up on an open deal at `until` (UTC)."""

    deal_id: int
    until: datetime
    actor: Actor


@dataclass(frozen=True)
class OptOut(Command):
    """Stop automated messages to `address` on `channel`, whoever it belongs to."""

    channel: Channel
    address: str
    actor: str = BY_RECIPIENT  # or BY_CARRIER, or a staff member's label
    message_id: str | None = None  # the provider's id of the text that asked for it
    at: datetime | None = None  # when it was asked; the clock's now when None


@dataclass(frozen=True)
class OptIn(Command):
    """Allow automated messages to `address` on `channel` again."""

    channel: Channel
    address: str
    actor: str = BY_RECIPIENT
    message_id: str | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class RegisterCustomer(Command):
    """Someone new wrote in: open their account, the contact who wrote, and their service address."""

    name: str
    channel: Channel
    address: str  # E.164 phone, or a Telegram chat id
    street: str
    city: str
    postal_code: str
    message_id: str | None = None
    access_notes: str = ""  # "2nd floor", "rear unit": told with the address


@dataclass(frozen=True)
class RequestCallBack(Command):
    """A person should call someone back: the dispatchers are told, the timeline notes why."""

    reason: str
    channel: Channel
    address: str
    who: str  # the name we know them by, or "A new number"
    account_id: int | None = None
    actor: Actor | None = None  # None: someone not known yet
    message_id: str | None = None  # the provider's id of the text that asked
    urgent: bool = False  # a danger reported: the notice says URGENT and asks for a call now


@dataclass(frozen=True)
class ReportDisputedWin(Command):
    """A customer says they never agreed to a deal marked won: the dispatchers and the deal's rep
    are asked to sort it out with them; the deal and its job stay as they are until a person
    decides."""

    deal_id: int
    said: str  # the customer's words, quoted to staff
    channel: Channel
    address: str
    who: str
    actor: Actor
    message_id: str | None = None
