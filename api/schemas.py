"""Public JSON shapes: one family per entity, with local and UTC times side by side."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from domain.deals import Deal
from domain.jobs import Appointment, Job
from domain.messages import DeferredReason, Message, MessageStatus
from domain.money import Line, format_cents
from domain.parties import Account, Contact, Site
from domain.quotes import Invoice, Quote
from domain.staff import StaffMember
from domain.timeline import Activity


class Moment(BaseModel):
    utc: datetime
    local: str  # ISO 8601 with the offset of `zone`
    zone: str

    @classmethod
    def of(cls, moment: datetime, zone: str) -> Moment:
        return cls(utc=moment, local=moment.astimezone(ZoneInfo(zone)).isoformat(), zone=zone)


def maybe_moment(moment: datetime | None, zone: str) -> Moment | None:
    return Moment.of(moment, zone) if moment is not None else None


class SitePublic(BaseModel):
    id: int
    address: str
    city: str
    postal_code: str
    zone_id: str
    timezone: str

    @classmethod
    def of(cls, site: Site) -> SitePublic:
        assert site.id is not None
        return cls(id=site.id, address=site.address, city=site.city,
                   postal_code=site.postal_code, zone_id=site.zone_id, timezone=site.timezone)


class CustomerPublic(BaseModel):
    account_id: int
    account_name: str
    contact_id: int
    name: str
    phone: str | None
    email: str | None
    preferred_channel: str
    sms_opted_out: bool
    # Why the provider refused this phone for good (texts to it are not tried), if it did.
    sms_undeliverable: str | None
    sites: list[SitePublic]

    @classmethod
    def of(cls, account: Account, contact: Contact, sites: list[Site], *,
           sms_opted_out: bool) -> CustomerPublic:
        """`sms_opted_out`: from the consent record of the contact's phone (domain/consent.py)."""
        assert account.id is not None and contact.id is not None
        return cls(account_id=account.id, account_name=account.name, contact_id=contact.id,
                   name=contact.name, phone=contact.phone, email=contact.email,
                   preferred_channel=contact.preferred_channel.value,
                   sms_opted_out=sms_opted_out,
                   sms_undeliverable=contact.sms_undeliverable,
                   sites=[SitePublic.of(s) for s in sites])


class JobPublic(BaseModel):
    id: int
    number: str
    account_id: int
    site_id: int
    service_id: str
    scope: str
    state: str
    deal_id: int | None
    summary: str
    eta: Moment | None

    @classmethod
    def of(cls, job: Job, zone: str) -> JobPublic:
        assert job.id is not None
        return cls(id=job.id, number=job.number, account_id=job.account_id, site_id=job.site_id,
                   service_id=job.service_id, scope=job.scope, state=job.state.value,
                   deal_id=job.deal_id, summary=job.summary, eta=maybe_moment(job.eta, zone))


class AppointmentPublic(BaseModel):
    id: int
    job_id: int
    account_id: int
    technician_id: int
    technician_name: str | None
    status: str
    job_state: str  # where the visit's work stands: scheduled, en_route, on_site, completed...
    eta: Moment | None  # the technician's expected arrival while on the way
    summary: str  # what the technician did, once the job is done
    confirmed: bool
    zone_id: str
    start: Moment
    end: Moment
    window_start: Moment
    window_end: Moment

    @classmethod
    def of(cls, appointment: Appointment, job: Job, zone: str,
           technician_name: str | None) -> AppointmentPublic:
        assert appointment.id is not None
        return cls(id=appointment.id, job_id=appointment.job_id,
                   account_id=appointment.account_id, technician_id=appointment.technician_id,
                   technician_name=technician_name, status=appointment.status.value,
                   job_state=job.state.value, eta=maybe_moment(job.eta, zone),
                   summary=job.summary,
                   confirmed=appointment.confirmed, zone_id=appointment.zone_id,
                   start=Moment.of(appointment.start, zone), end=Moment.of(appointment.end, zone),
                   window_start=Moment.of(appointment.window_start, zone),
                   window_end=Moment.of(appointment.window_end, zone))


class LinePublic(BaseModel):
    description: str
    quantity: int
    unit_price_cents: int
    total_cents: int

    @classmethod
    def of(cls, line: Line) -> LinePublic:
        return cls(description=line.description, quantity=line.quantity,
                   unit_price_cents=line.unit_price_cents, total_cents=line.total_cents)


class QuotePublic(BaseModel):
    id: int
    number: str
    account_id: int
    title: str
    state: str
    job_id: int | None
    deal_id: int | None
    total_cents: int
    total: str
    lines: list[LinePublic]
    decided_by: str | None
    decided_channel: str | None
    decided_at: Moment | None

    @classmethod
    def of(cls, quote: Quote, zone: str) -> QuotePublic:
        assert quote.id is not None
        return cls(id=quote.id, number=quote.number, account_id=quote.account_id,
                   title=quote.title, state=quote.state.value, job_id=quote.job_id,
                   deal_id=quote.deal_id, total_cents=quote.total_cents,
                   total=format_cents(quote.total_cents),
                   lines=[LinePublic.of(line) for line in quote.lines],
                   decided_by=quote.decided_by, decided_channel=quote.decided_channel,
                   decided_at=maybe_moment(quote.decided_at, zone))


class DealPublic(BaseModel):
    id: int
    title: str
    account_id: int
    site_id: int
    service_id: str
    owner_id: int
    stage: str
    amount_cents: int
    amount: str
    job_id: int | None
    next_follow_up: Moment | None
    last_touch: Moment | None
    follow_up_due: bool

    @classmethod
    def of(cls, deal: Deal, zone: str, now: datetime) -> DealPublic:
        assert deal.id is not None
        return cls(id=deal.id, title=deal.title, account_id=deal.account_id,
                   site_id=deal.site_id, service_id=deal.service_id, owner_id=deal.owner_id,
                   stage=deal.stage.value, amount_cents=deal.amount_cents,
                   amount=format_cents(deal.amount_cents), job_id=deal.job_id,
                   next_follow_up=maybe_moment(deal.next_follow_up_at, zone),
                   last_touch=maybe_moment(deal.last_touch_at, zone),
                   follow_up_due=deal.follow_up_due(now))


class MessagePublic(BaseModel):
    id: int
    channel: str
    direction: str
    kind: str
    status: str
    address: str
    body: str
    provider_message_id: str | None
    created: Moment
    sent: Moment | None
    last_error: str | None
    about: str | None = None  # what an automated message is about: "appointment:12"
    possible_duplicate: bool  # retried after an unknown outcome: it may have arrived twice

    @classmethod
    def of(cls, message: Message, zone: str) -> MessagePublic:
        assert message.id is not None
        return cls(id=message.id, channel=message.channel.value,
                   direction=message.direction.value, kind=message.kind.value,
                   status=message.status.value, address=message.address, body=message.body,
                   provider_message_id=message.provider_message_id,
                   created=Moment.of(message.created_at, zone),
                   sent=maybe_moment(message.sent_at, zone), last_error=message.last_error,
                   about=(f"{message.about_kind}:{message.about_id}"
                          if message.about_kind is not None else None),
                   possible_duplicate=message.possible_duplicate)


class StaffPublic(BaseModel):
    id: int
    name: str
    role: str
    phone: str | None
    zones: list[str]
    skills: list[str]
    active: bool

    @classmethod
    def of(cls, member: StaffMember) -> StaffPublic:
        assert member.id is not None
        return cls(id=member.id, name=member.name, role=member.role.value, phone=member.phone,
                   zones=list(member.zones), skills=list(member.skills), active=member.active)


class InvoicePublic(BaseModel):
    id: int
    number: str
    job_id: int
    job_number: str
    account_id: int
    state: str
    lines: list[LinePublic]
    total_cents: int
    total: str
    created: Moment | None
    counts_as_revenue: bool  # every invoice but a voided one (domain/quotes.py)

    @classmethod
    def of(cls, invoice: Invoice, zone: str) -> InvoicePublic:
        assert invoice.id is not None
        return cls(id=invoice.id, number=invoice.number, job_id=invoice.job_id,
                   job_number=f"J-{invoice.job_id}", account_id=invoice.account_id,
                   state=invoice.state.value, lines=[LinePublic.of(line) for line in invoice.lines],
                   total_cents=invoice.total_cents, total=format_cents(invoice.total_cents),
                   created=maybe_moment(invoice.created_at, zone),
                   counts_as_revenue=invoice.counts_as_revenue)


class TimelineEntryPublic(BaseModel):
    id: int
    account_id: int
    kind: str
    summary: str
    at: Moment
    actor: str
    channel: str | None
    subject_type: str | None  # "job", "quote", "deal", "appointment", "invoice"
    subject_id: int | None

    @classmethod
    def of(cls, activity: Activity, zone: str) -> TimelineEntryPublic:
        assert activity.id is not None
        return cls(id=activity.id, account_id=activity.account_id, kind=activity.kind.value,
                   summary=activity.summary, at=Moment.of(activity.at, zone),
                   actor=activity.actor, channel=activity.channel,
                   subject_type=activity.subject_type, subject_id=activity.subject_id)


class ContactPublic(BaseModel):
    id: int
    name: str
    phone: str | None
    email: str | None
    preferred_channel: str

    @classmethod
    def of(cls, contact: Contact) -> ContactPublic:
        assert contact.id is not None
        return cls(id=contact.id, name=contact.name, phone=contact.phone, email=contact.email,
                   preferred_channel=contact.preferred_channel.value)


class ServiceVisitPublic(BaseModel):
    """One completed job of an account's service history."""

    job_id: int
    job_number: str
    date: str  # the local day of the visit that did the work (YYYY-MM-DD)
    service_id: str
    service: str
    summary: str
    technician_id: int | None
    technician_name: str | None


class AccountPublic(BaseModel):
    id: int
    name: str
    kind: str
    contacts: list[ContactPublic]
    sites: list[SitePublic]
    lifetime_revenue_cents: int
    lifetime_revenue: str
    service_history: list[ServiceVisitPublic]  # newest first

    @classmethod
    def of(cls, account: Account, contacts: list[Contact], sites: list[Site], *,
           revenue_cents: int, history: list[ServiceVisitPublic]) -> AccountPublic:
        assert account.id is not None
        return cls(id=account.id, name=account.name, kind=account.kind.value,
                   contacts=[ContactPublic.of(c) for c in contacts],
                   sites=[SitePublic.of(s) for s in sites], lifetime_revenue_cents=revenue_cents,
                   lifetime_revenue=format_cents(revenue_cents), service_history=history)


class OutboxItemPublic(BaseModel):
    """An outbound message as the outbox holds it; no body (GET /api/messages has the thread)."""

    id: int
    kind: str
    channel: str
    address: str
    status: str
    due: Moment | None
    deferred_reason: str | None  # quiet_hours, retry, due_later: why a queued message waits
    attempts: int
    last_error: str | None  # why it failed, or what the last attempt met
    possible_duplicate: bool
    provider_message_id: str | None
    account_id: int | None
    contact_id: int | None
    staff_id: int | None
    created: Moment
    sent: Moment | None

    @classmethod
    def of(cls, message: Message, zone: str, now: datetime) -> OutboxItemPublic:
        assert message.id is not None
        waiting = (message.status is MessageStatus.QUEUED and message.due_at is not None
                   and message.due_at > now)
        reason = (message.deferred_reason or DeferredReason.DUE_LATER) if waiting else None
        return cls(id=message.id, kind=message.kind.value, channel=message.channel.value,
                   address=message.address, status=message.status.value,
                   due=maybe_moment(message.due_at, zone),
                   deferred_reason=str(reason) if reason else None,
                   attempts=message.attempts, last_error=message.last_error,
                   possible_duplicate=message.possible_duplicate,
                   provider_message_id=message.provider_message_id,
                   account_id=message.account_id, contact_id=message.contact_id,
                   staff_id=message.staff_id, created=Moment.of(message.created_at, zone),
                   sent=maybe_moment(message.sent_at, zone))
