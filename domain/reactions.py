"""Event handlers: what follows from what happened, inside the same transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from domain import events
from domain.actors import Actor
from domain.catalog import Catalog
from domain.clock import Clock
from domain.consent import BY_RECIPIENT
from domain.deals import Deal, DealStage
from domain.messages import Message, MessageKind, MessageStatus
from domain.money import Line, format_cents
from domain.notices import notify_staff
from domain.parties import Channel, Contact
from domain.ports import AbstractUnitOfWork
from domain.quotes import Invoice, InvoiceState, QuoteState
from domain.staff import Role
from domain.timeline import Activity, ActivityKind


def record_job_state(event: events.JobStateChanged, *, uow: AbstractUnitOfWork,
                     clock: Clock) -> None:
    note = f": {event.note}" if event.note else ""
    _timeline(uow, event.account_id, clock.now(), f"Job J-{event.job_id} {event.old} -> "
              f"{event.new}{note}", actor=event.actor, channel=event.channel,
              subject=("job", event.job_id), message_id=event.message_id)


def draft_invoice(event: events.JobCompleted, *, uow: AbstractUnitOfWork, catalog: Catalog,
                  clock: Clock) -> None:
    """A completed job drafts its one invoice: from its lines, else its approved quote's, else the
    service's standard price. An invoice voided by an undone completion is drafted again."""
    job = uow.jobs.get(event.job_id)
    if job is None:
        return
    invoice = uow.invoices.first(job_id=event.job_id)
    if invoice is not None and invoice.state is not InvoiceState.VOID:
        return
    lines = job.lines
    if not lines:
        approved = uow.quotes.find(job_id=job.id, state=QuoteState.APPROVED)
        lines = approved[-1].lines if approved else ()
    if not lines:
        service = catalog.get(job.service_id)
        lines = (Line(service.name, 1, service.price_cents),)
    if invoice is None:
        invoice = uow.invoices.add(Invoice(number=f"INV-{event.job_id}",
                                           account_id=job.account_id, job_id=event.job_id,
                                           lines=lines, created_at=clock.now()))
    else:
        invoice.lines, invoice.state, invoice.created_at = lines, InvoiceState.DRAFT, clock.now()
    assert invoice.id is not None
    job.events.append(events.InvoiceDrafted(invoice_id=invoice.id, job_id=event.job_id,
                                            account_id=job.account_id,
                                            total_cents=invoice.total_cents))
    _timeline(uow, job.account_id, clock.now(),
              f"Invoice {invoice.number} drafted for {format_cents(invoice.total_cents)}",
              subject=("invoice", invoice.id))


def void_reopened_invoice(event: events.JobReopened, *, uow: AbstractUnitOfWork,
                          clock: Clock) -> None:
    """A completion undone by mistake withdraws the invoice it drafted, if still a draft."""
    invoice = uow.invoices.first(job_id=event.job_id)
    if invoice is not None and invoice.state is InvoiceState.DRAFT:
        invoice.state = InvoiceState.VOID
        assert invoice.id is not None
        _timeline(uow, event.account_id, clock.now(), f"Invoice {invoice.number} voided",
                  subject=("invoice", invoice.id))


# The rep calls about upkeep while the repair is fresh in the customer's mind.
UPKEEP_FOLLOW_UP_AFTER = timedelta(days=14)
# How an upkeep deal's scope opens, naming the job whose completion opened it.
FOLLOW_UP_AFTER = "Follow-up after "
# After a tune-up, the rep calls this long before the next one is due.
UPKEEP_CALL_AHEAD = timedelta(days=30)


def open_upkeep_follow_up(event: events.JobCompleted, *, uow: AbstractUnitOfWork,
                          catalog: Catalog, clock: Clock) -> None:
    """A repair on equipment that needs regular upkeep, or the upkeep visit itself, opens a
    maintenance deal for the account's rep (stage new), unless one is already open: after a
    repair the rep calls in two weeks, after a tune-up a month before the next one is due (the
    customer's own reminder comes from the scheduler, domain/due.py)."""
    job = uow.jobs.get(event.job_id)
    if job is None:
        return
    service = catalog.get(job.service_id)
    upkeep = service if service.upkeep_months else next(
        (s for s in catalog.services if s.skill == service.skill and s.upkeep_months), None)
    if upkeep is None or upkeep.upkeep_months is None:
        return  # equipment that needs no upkeep
    follow_up_after = (UPKEEP_FOLLOW_UP_AFTER if upkeep is not service
                       else timedelta(days=30 * upkeep.upkeep_months) - UPKEEP_CALL_AHEAD)
    deals = uow.deals.find(account_id=job.account_id)
    if any(d.service_id == upkeep.id and d.stage not in (DealStage.WON, DealStage.LOST)
           for d in deals):
        return
    owner_id = deals[-1].owner_id if deals else None
    if owner_id is None:
        reps = uow.staff.find(role=Role.SALES, active=True)
        owner_id = reps[0].id if reps else None
    if owner_id is None:
        return  # nobody sells: nothing to follow up
    now = clock.now()
    deal = uow.deals.add(Deal(
        account_id=job.account_id, site_id=job.site_id, title=upkeep.name,
        service_id=upkeep.id, owner_id=owner_id, amount_cents=upkeep.price_cents,
        scope=f"{FOLLOW_UP_AFTER}{service.name.lower()} ({job.number})",
        next_follow_up_at=now + follow_up_after,
        last_touch_at=now))
    assert deal.id is not None
    _timeline(uow, job.account_id, now, f"Follow-up opportunity opened: {upkeep.name}",
              subject=("deal", deal.id))


# Why an upkeep deal a completion opened is closed when that completion is undone.
WITHDRAWN_FOLLOW_UP = "withdrawn: the completion of {job} that opened it was undone"


def withdraw_upkeep_follow_up(event: events.JobReopened, *, uow: AbstractUnitOfWork,
                              clock: Clock) -> None:
    """A completion undone by mistake withdraws the upkeep deal it opened, if still new: closed
    as lost, saying why; completing the job again opens a fresh one."""
    job = uow.jobs.get(event.job_id)
    if job is None:
        return
    now = clock.now()
    for deal in uow.deals.find(account_id=job.account_id):
        if (deal.stage is DealStage.NEW and deal.scope.startswith(FOLLOW_UP_AFTER)
                and deal.scope.endswith(f"({job.number})")):
            deal.move_to(DealStage.LOST, by=Actor.system(), at=now)
            deal.lost_reason = WITHDRAWN_FOLLOW_UP.format(job=job.number)
            assert deal.id is not None
            _timeline(uow, job.account_id, now,
                      f"Follow-up opportunity withdrawn: {deal.title} ({job.number} reopened)",
                      subject=("deal", deal.id))


def record_appointment(event: events.AppointmentEvent, *, uow: AbstractUnitOfWork,
                       clock: Clock) -> None:
    verb = {
        events.AppointmentBooked: "booked",
        events.AppointmentRescheduled: "rescheduled",
        events.AppointmentCancelled: "cancelled",
        events.AppointmentRestored: "restored",
        events.AppointmentConfirmed: "confirmed by the customer",
    }[type(event)]
    _timeline(uow, event.account_id, clock.now(), f"Visit for job J-{event.job_id} {verb}",
              actor=event.actor, channel=event.channel,
              subject=("appointment", event.appointment_id), message_id=event.message_id)


def withdraw_visit_reminders(event: events.AppointmentRescheduled | events.AppointmentCancelled,
                             *, uow: AbstractUnitOfWork) -> None:
    """A moved or cancelled visit's queued reminders go nowhere: they name a time no longer
    true. The next scheduler pass reminds of the new time (domain/due.py)."""
    why = ("the visit was moved" if isinstance(event, events.AppointmentRescheduled)
           else "the visit was cancelled")
    for message in uow.messages.find(about_kind="appointment", about_id=event.appointment_id,
                                     status=MessageStatus.QUEUED):
        if message.kind is MessageKind.REMINDER:
            message.cancel(why)
            message.idempotency_key = void_key(message)


def void_key(message: Message) -> str:
    """A withdrawn message's key, freed: a visit moved back to its old time is reminded again."""
    return f"{message.idempotency_key}:void:{message.id}"


def quote_approved(event: events.QuoteApproved, *, uow: AbstractUnitOfWork, clock: Clock) -> None:
    """An approval prices its job (a won deal's, made by the approval itself: handlers.py) and
    tells the deal's rep, with the job's number, or else the dispatchers."""
    quote = uow.quotes.get(event.quote_id)
    assert quote is not None
    now = clock.now()
    _timeline(uow, event.account_id, now,
              f"Quote {quote.number} approved ({format_cents(quote.total_cents)})",
              actor=event.actor, channel=event.channel, subject=("quote", quote.id),
              message_id=event.message_id)
    deal = uow.deals.get(event.deal_id) if event.deal_id is not None else None
    job = uow.jobs.get(quote.job_id) if quote.job_id is not None else None
    if job is not None:
        job.price(quote.lines)
    if event.actor.startswith(Role.SALES.value):
        return  # the rep's "won" approved it: the rep knows, and dispatch was told of the job
    its_job = f" Its job is {job.number}." if job is not None else ""
    notify_staff(uow, now=now, owner_id=deal.owner_id if deal is not None else None,
                 account_id=event.account_id,
                 body=f"Quote {quote.number} was approved by the customer "
                      f"({format_cents(quote.total_cents)}).{its_job}",
                 key=f"quote-approved:{quote.id}")


def quote_declined(event: events.QuoteDeclined, *, uow: AbstractUnitOfWork, clock: Clock) -> None:
    quote = uow.quotes.get(event.quote_id)
    assert quote is not None
    now = clock.now()
    _timeline(uow, event.account_id, now, f"Quote {quote.number} declined",
              actor=event.actor, channel=event.channel, subject=("quote", quote.id),
              message_id=event.message_id)
    deal = uow.deals.get(event.deal_id) if event.deal_id is not None else None
    notify_staff(uow, now=now, owner_id=deal.owner_id if deal else None,
                 account_id=event.account_id,
                 body=f"Quote {quote.number} was declined by the customer.",
                 key=f"quote-declined:{quote.id}")


def record_deal_stage(event: events.DealStageChanged, *, uow: AbstractUnitOfWork,
                      clock: Clock) -> None:
    _timeline(uow, event.account_id, clock.now(),
              f"Deal {event.deal_id} {event.old} -> {event.new}", actor=event.actor,
              channel=event.channel, subject=("deal", event.deal_id),
              message_id=event.message_id)


def withdraw_automated_messages(event: events.OptedOut, *, uow: AbstractUnitOfWork) -> None:
    """After an opt-out nothing automated that is still queued may go to that address on that
    channel, whoever it belongs to (a customer, a staff member, a number never onboarded)."""
    for message in uow.messages.find(channel=Channel(event.channel), address=event.address,
                                     status=MessageStatus.QUEUED):
        if message.is_automated:  # a queued answer to the person's own text still goes out
            message.cancel("recipient opted out")


def record_consent_change(event: events.OptedOut | events.OptedIn, *, uow: AbstractUnitOfWork,
                          clock: Clock) -> None:
    """A contact's opt-out or opt-in goes on their account's timeline, with the text that caused it."""
    channel = Channel(event.channel)
    contact = _contact_at(uow, channel, event.address)
    if contact is None or contact.id is None:
        return  # staff and numbers never onboarded have no timeline
    change = ("opted out of" if isinstance(event, events.OptedOut)
              else "opted back in to")
    actor = f"customer:{contact.id}" if event.actor == BY_RECIPIENT else event.actor
    shown = "SMS" if channel is Channel.SMS else channel.value.capitalize()
    _timeline(uow, contact.account_id, clock.now(),
              f"{contact.name} {change} automated {shown} messages", actor=actor,
              channel=channel.value, subject=("contact", contact.id), message_id=event.message_id)


def _contact_at(uow: AbstractUnitOfWork, channel: Channel, address: str) -> Contact | None:
    """The contact messages to `address` on `channel` reach, if one does."""
    if channel is Channel.SMS:
        return uow.contacts.first(phone=address)
    if channel is Channel.TELEGRAM and address.lstrip("-").isdigit():
        return uow.contacts.first(telegram_chat_id=int(address))
    return None


def _timeline(uow: AbstractUnitOfWork, account_id: int, at: datetime, summary: str, *,
              actor: str = "system", channel: str | None = None,
              subject: tuple[str, int | None] | None = None,
              message_id: str | None = None) -> None:
    uow.activities.add(Activity(
        account_id=account_id, kind=ActivityKind.STATUS_CHANGE, summary=summary, at=at,
        actor=actor, channel=channel, subject_type=subject[0] if subject else None,
        subject_id=subject[1] if subject else None, provider_message_id=message_id,
    ))


EVENT_HANDLERS: dict[type[events.Event], list[Callable[..., Any]]] = {
    events.JobCreated: [],
    events.JobStateChanged: [record_job_state],
    events.JobCompleted: [draft_invoice, open_upkeep_follow_up],
    events.JobReopened: [void_reopened_invoice, withdraw_upkeep_follow_up],
    events.AppointmentBooked: [record_appointment],
    events.AppointmentRescheduled: [record_appointment, withdraw_visit_reminders],
    events.AppointmentCancelled: [record_appointment, withdraw_visit_reminders],
    events.AppointmentRestored: [record_appointment],
    events.AppointmentConfirmed: [record_appointment],
    events.QuoteApproved: [quote_approved],
    events.QuoteDeclined: [quote_declined],
    events.DealStageChanged: [record_deal_stage],
    events.InvoiceDrafted: [],
    events.OptedOut: [withdraw_automated_messages, record_consent_change],
    events.OptedIn: [record_consent_change],
}
