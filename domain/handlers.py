"""Command handlers: load aggregates in the unit of work, apply the rules, let events record the rest."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from difflib import SequenceMatcher
from typing import Any
from zoneinfo import ZoneInfo

from domain import commands, events
from domain.actors import Actor
from domain.authz import require
from domain.business import BusinessSettings
from domain.catalog import Catalog, Service
from domain.clock import Clock, ensure_utc
from domain.deals import Deal, DealStage
from domain.disputes import report_disputed_win
from domain.errors import (
    InvalidTransition,
    NotAllowed,
    NotFound,
    OutsideServiceArea,
    SchedulingConflict,
)
from domain.jobs import Appointment, Job, JobState
from domain.money import format_cents
from domain.notices import notify_customer, notify_staff
from domain.parties import Account, AccountKind, Channel, Contact, Customer, Site
from domain.ports import AbstractUnitOfWork
from domain.staff import Role, StaffMember
from domain.timeline import Activity, ActivityKind


def create_job(cmd: commands.CreateJob, *, uow: AbstractUnitOfWork, catalog: Catalog,
               clock: Clock) -> int:
    """Open a job at one of the account's sites; returns its id."""
    catalog.get(cmd.service_id)
    _own_site(uow, cmd.actor, cmd.account_id, cmd.site_id)
    job = _new_job(uow, cmd.account_id, cmd.site_id, cmd.service_id, cmd.scope, clock.now())
    assert job.id is not None
    return job.id


def book_appointment(cmd: commands.BookAppointment, *, uow: AbstractUnitOfWork,
                     settings: BusinessSettings, catalog: Catalog, clock: Clock) -> int:
    """Book a technician's visit (creating the job when needed); returns the appointment id."""
    service = catalog.get(cmd.service_id)
    site = _own_site(uow, cmd.actor, cmd.account_id, cmd.site_id)
    start = _not_past(ensure_utc(cmd.start), clock.now())
    end = start + service.duration
    technician = _technician(uow, cmd.technician_id, service, site.zone_id)
    _ensure_free(uow, technician, start, end, site.zone_id, settings, ignore=None)
    if cmd.job_id is None:
        job = _new_job(uow, cmd.account_id, cmd.site_id, cmd.service_id, cmd.scope, clock.now())
    else:
        found = uow.jobs.get(cmd.job_id)
        if found is not None and (found.account_id, found.site_id) != (cmd.account_id,
                                                                       cmd.site_id):
            found = None  # a visit is always at its own job's site
        job = require(cmd.actor, found, "job", uow)
    if job.state is not JobState.SCHEDULED:
        job.move_to(JobState.SCHEDULED, by=cmd.actor, at=clock.now())
    assert job.id is not None
    appointment = uow.appointments.add(
        Appointment(
            job_id=job.id,
            technician_id=cmd.technician_id,
            start=start,
            end=end,
            window_start=start,
            window_end=start + settings.arrival_window,
            account_id=cmd.account_id,
            zone_id=site.zone_id,
            confirmed=False,  # until the customer answers Y to its reminder
        )
    )
    appointment.record_booked(by=cmd.actor)
    assert appointment.id is not None
    return appointment.id


def reschedule_appointment(cmd: commands.RescheduleAppointment, *, uow: AbstractUnitOfWork,
                           settings: BusinessSettings, catalog: Catalog, clock: Clock) -> None:
    appointment = require(cmd.actor, uow.appointments.get(cmd.appointment_id), "appointment")
    job = _job(uow, appointment.job_id)
    service = catalog.get(job.service_id)
    technician = _technician(uow, cmd.technician_id, service, appointment.zone_id)
    start = _not_past(ensure_utc(cmd.start), clock.now())
    end = start + service.duration
    _ensure_free(uow, technician, start, end, appointment.zone_id, settings,
                 ignore=appointment.id)
    was_underway = job.state in (JobState.EN_ROUTE, JobState.ON_SITE)
    if was_underway:  # the crew heard before the visit leaves its old slot
        _tell_crew(uow, appointment, job, cmd.actor, clock.now(), what="moved",
                   go="No need to go now.",
                   key=f"moved-underway:{appointment.id}:{appointment.start.isoformat()}")
    appointment.move(
        technician_id=cmd.technician_id,
        start=start,
        end=end,
        window_start=start,
        window_end=start + settings.arrival_window,
        by=cmd.actor,
    )
    if was_underway:  # a moved visit is not under way: back to scheduled, no ETA
        job.revert_to(JobState.SCHEDULED, by=cmd.actor, at=clock.now())


def confirm_appointment(cmd: commands.ConfirmAppointment, *, uow: AbstractUnitOfWork) -> None:
    appointment = require(cmd.actor, uow.appointments.get(cmd.appointment_id), "appointment")
    appointment.confirm(at_start=ensure_utc(cmd.start), by=cmd.actor)


def cancel_appointment(cmd: commands.CancelAppointment, *, uow: AbstractUnitOfWork,
                       clock: Clock) -> None:
    """Cancel a visit; the job is cancelled too when no other visit remains and work hasn't started."""
    appointment = require(cmd.actor, uow.appointments.get(cmd.appointment_id), "appointment")
    appointment.cancel(by=cmd.actor)
    job = _job(uow, appointment.job_id)
    if job.state in (JobState.EN_ROUTE, JobState.ON_SITE):
        _tell_crew(uow, appointment, job, cmd.actor, clock.now(), what="cancelled",
                   go="No need to go.", key=f"cancelled-underway:{appointment.id}")
    others = [a for a in uow.appointments.find(job_id=job.id) if a.is_active]
    if not others and JobState.CANCELLED in job.allowed_next():
        job.move_to(JobState.CANCELLED, by=cmd.actor, at=clock.now(), note="visit cancelled")


def restore_appointment(cmd: commands.RestoreAppointment, *, uow: AbstractUnitOfWork,
                        settings: BusinessSettings, catalog: Catalog, clock: Clock) -> None:
    """Put a cancelled visit back in its slot (or a new one), if still free; reopen its job."""
    appointment = require(cmd.actor, uow.appointments.get(cmd.appointment_id), "appointment")
    job = _job(uow, appointment.job_id)
    service = catalog.get(job.service_id)
    technician_id = cmd.technician_id or appointment.technician_id
    start = _not_past(ensure_utc(cmd.start or appointment.start), clock.now())
    end = start + service.duration
    technician = _technician(uow, technician_id, service, appointment.zone_id)
    _ensure_free(uow, technician, start, end, appointment.zone_id, settings,
                 ignore=appointment.id)
    if (technician_id, start) != (appointment.technician_id, appointment.start):
        appointment.technician_id, appointment.start, appointment.end = technician_id, start, end
        appointment.window_start, appointment.window_end = start, start + settings.arrival_window
    appointment.restore(by=cmd.actor)
    job.reopen(by=cmd.actor, at=clock.now())


def add_site(cmd: commands.AddSite, *, uow: AbstractUnitOfWork, settings: BusinessSettings,
             clock: Clock) -> int:
    """Add a service address to the actor's account, in the zone its ZIP belongs to."""
    account = require_account(uow, cmd.actor, cmd.account_id)
    zone = settings.zone_for_postal_code(cmd.postal_code)
    if zone is None:
        raise OutsideServiceArea(f"ZIP {cmd.postal_code} is outside the area we serve")
    site = uow.sites.add(Site(account_id=account, address=cmd.street, city=cmd.city,
                              postal_code=cmd.postal_code, zone_id=zone.id,
                              timezone=zone.timezone))
    assert site.id is not None
    uow.activities.add(Activity(
        account_id=account, kind=ActivityKind.NOTE, at=clock.now(),
        summary=f"Address added: {site.one_line()}", actor=cmd.actor.label(),
        channel=cmd.actor.channel.value, provider_message_id=cmd.actor.message_id,
        subject_type="site", subject_id=site.id))
    return site.id


def correct_site_address(cmd: commands.CorrectSiteAddress, *, uow: AbstractUnitOfWork,
                         settings: BusinessSettings, clock: Clock) -> None:
    """Put a mistyped address right; a site with work booked keeps its address (add another),
    unless only the spelling of its street is put right (the same place)."""
    found = uow.sites.get(cmd.site_id)
    if found is None:
        raise NotFound(f"No site with id {cmd.site_id}")
    site = _own_site(uow, cmd.actor, require_account(uow, cmd.actor, found.account_id), cmd.site_id)
    if uow.jobs.find(site_id=site.id) and not (respelled(site.address, cmd.street)
                                               and cmd.postal_code == site.postal_code):
        raise InvalidTransition("That address has work booked at it; it can't be retyped")
    zone = settings.zone_for_postal_code(cmd.postal_code)
    if zone is None:
        raise OutsideServiceArea(f"ZIP {cmd.postal_code} is outside the area we serve")
    before = site.one_line()
    site.address, site.city, site.postal_code = cmd.street, cmd.city, cmd.postal_code
    site.zone_id, site.timezone = zone.id, zone.timezone
    uow.activities.add(Activity(
        account_id=site.account_id, kind=ActivityKind.NOTE, at=clock.now(),
        summary=f"Address corrected: {before} is {site.one_line()}", actor=cmd.actor.label(),
        channel=cmd.actor.channel.value, provider_message_id=cmd.actor.message_id,
        subject_type="site", subject_id=site.id))


def respelled(street: str, new: str) -> bool:
    """Whether `new` is `street` with its name's spelling put right ("1420 W Wrightwod Ave" and
    "1420 W Wrightwood Ave"): the same house number and words, one word a close respelling."""
    old_words, new_words = street.casefold().split(), new.casefold().split()
    if len(old_words) != len(new_words) or old_words[:1] != new_words[:1]:
        return False
    changed = [(a, b) for a, b in zip(old_words, new_words, strict=True) if a != b]
    return len(changed) == 1 and len(changed[0][0]) >= 4 and SequenceMatcher(
        None, *changed[0]).ratio() >= 0.8


def correct_contact_name(cmd: commands.CorrectContactName, *, uow: AbstractUnitOfWork,
                         clock: Clock) -> None:
    """Put a contact's name right; a household account named after them is renamed with them."""
    contact = uow.contacts.get(cmd.contact_id)
    if contact is None:
        raise NotFound(f"No contact with id {cmd.contact_id}")
    require_account(uow, cmd.actor, contact.account_id)
    name = " ".join(cmd.name.split())
    if not name:
        raise InvalidTransition("A name can't be empty")
    before, contact.name = contact.name, name
    account = uow.accounts.get(contact.account_id)
    if account is not None and account.kind is AccountKind.HOUSEHOLD and account.name == before:
        account.name = name
    uow.activities.add(Activity(
        account_id=contact.account_id, kind=ActivityKind.NOTE, at=clock.now(),
        summary=f"Name corrected: {before} is {name}", actor=cmd.actor.label(),
        channel=cmd.actor.channel.value, provider_message_id=cmd.actor.message_id))


def name_account(cmd: commands.NameAccount, *, uow: AbstractUnitOfWork, clock: Clock) -> None:
    """Name the account after the business it is (a company account from now on)."""
    account = uow.accounts.get(require_account(uow, cmd.actor, cmd.account_id))
    name = " ".join(cmd.name.split())
    if account is None:
        raise NotFound(f"No account with id {cmd.account_id}")
    if not name:
        raise InvalidTransition("A name can't be empty")
    before, account.name, account.kind = account.name, name, AccountKind.COMPANY
    uow.activities.add(Activity(
        account_id=cmd.account_id, kind=ActivityKind.NOTE, at=clock.now(),
        summary=f"Account named: {before} is {name}", actor=cmd.actor.label(),
        channel=cmd.actor.channel.value, provider_message_id=cmd.actor.message_id))


def change_job_site(cmd: commands.ChangeJobSite, *, uow: AbstractUnitOfWork,
                    settings: BusinessSettings, catalog: Catalog, clock: Clock) -> None:
    """Move an open job and its booked visits to another site of the same account."""
    job = require(cmd.actor, uow.jobs.get(cmd.job_id), "job", uow)
    if not job.is_open or job.state not in (JobState.REQUESTED, JobState.SCHEDULED):
        raise InvalidTransition(f"Job {job.number} is {job.state.value}; its address can't change")
    site = _own_site(uow, cmd.actor, job.account_id, cmd.site_id)
    service = catalog.get(job.service_id)
    visits = [a for a in uow.appointments.find(job_id=job.id) if a.is_active]
    for visit in visits:  # the same technician must cover the new area and still fit the day
        technician = _technician(uow, visit.technician_id, service, site.zone_id)
        _ensure_free(uow, technician, visit.start, visit.end, site.zone_id, settings,
                     ignore=visit.id)
    job.site_id, job.updated_at = site.id or job.site_id, clock.now()
    for visit in visits:
        visit.zone_id = site.zone_id
    uow.activities.add(Activity(
        account_id=job.account_id, kind=ActivityKind.NOTE, at=clock.now(),
        summary=f"Job {job.number} moved to {site.one_line()}", actor=cmd.actor.label(),
        channel=cmd.actor.channel.value, provider_message_id=cmd.actor.message_id,
        subject_type="job", subject_id=job.id))


def change_job_state(cmd: commands.ChangeJobState, *, uow: AbstractUnitOfWork,
                     clock: Clock) -> None:
    """Move a job along; on the way it keeps the ETA, and a pause asks the office to re-book."""
    job = _job_for_actor(uow, cmd.actor, cmd.job_id)
    now = clock.now()
    job.move_to(cmd.new_state, by=cmd.actor, at=now, note=cmd.note)
    if cmd.new_state is JobState.EN_ROUTE and cmd.eta_minutes is not None:
        job.expect_at(now + timedelta(minutes=cmd.eta_minutes))
    if cmd.new_state is JobState.PAUSED:
        reason = f": {cmd.note}" if cmd.note else ""
        notify_staff(uow, now=now, account_id=job.account_id,
                     body=f"Job {job.number} paused by the technician{reason}. "
                          f"Please arrange the return visit.",
                     key=f"job-paused:{job.id}:{cmd.actor.message_id or now.isoformat()}")


def revise_eta(cmd: commands.ReviseEta, *, uow: AbstractUnitOfWork, clock: Clock) -> None:
    """A technician running late: the job's new expected arrival, noted on the timeline."""
    job = _job_for_actor(uow, cmd.actor, cmd.job_id)
    if job.state not in (JobState.SCHEDULED, JobState.EN_ROUTE):
        raise InvalidTransition(f"Job {job.number} is {job.state.value}; only a visit not yet "
                                f"reached can run late")
    now = clock.now()
    since = max(cmd.since, now) if cmd.since is not None else now
    job.expect_at(since + timedelta(minutes=cmd.eta_minutes))
    job.updated_at = now
    reason = f" ({cmd.note})" if cmd.note else ""
    uow.activities.add(Activity(
        account_id=job.account_id, kind=ActivityKind.STATUS_CHANGE, at=now,
        summary=f"Job {job.number} running {cmd.eta_minutes} min late{reason}",
        actor=cmd.actor.label(), channel=cmd.actor.channel.value, subject_type="job",
        subject_id=job.id, provider_message_id=cmd.actor.message_id))


def add_job_note(cmd: commands.AddJobNote, *, uow: AbstractUnitOfWork, clock: Clock) -> None:
    job = _job_for_actor(uow, cmd.actor, cmd.job_id)
    uow.activities.add(Activity(
        account_id=job.account_id, kind=ActivityKind.NOTE, at=clock.now(),
        summary=f"Note on {job.number}: {cmd.text}", actor=cmd.actor.label(),
        channel=cmd.actor.channel.value, subject_type="job", subject_id=job.id,
        provider_message_id=cmd.actor.message_id))


def add_to_job_summary(cmd: commands.AddToJobSummary, *, uow: AbstractUnitOfWork,
                       clock: Clock) -> None:
    job = _job_for_actor(uow, cmd.actor, cmd.job_id)
    job.add_to_summary(cmd.text, at=clock.now())
    uow.activities.add(Activity(
        account_id=job.account_id, kind=ActivityKind.NOTE, at=clock.now(),
        summary=f"Added to {job.number}'s work summary: {cmd.text}", actor=cmd.actor.label(),
        channel=cmd.actor.channel.value, subject_type="job", subject_id=job.id,
        provider_message_id=cmd.actor.message_id))


def undo_job_state(cmd: commands.UndoJobState, *, uow: AbstractUnitOfWork,
                   clock: Clock) -> None:
    """Take back a status set by mistake; an undone completion books its visit again."""
    job = _job_for_actor(uow, cmd.actor, cmd.job_id)
    reopened = job.state is JobState.COMPLETED
    job.revert_to(cmd.back_to, by=cmd.actor, at=clock.now(), eta=cmd.eta)
    if reopened:
        for appointment in uow.appointments.find(job_id=job.id):
            appointment.reopen()


def complete_job(cmd: commands.CompleteJob, *, uow: AbstractUnitOfWork, clock: Clock) -> None:
    job = _job_for_actor(uow, cmd.actor, cmd.job_id)
    job.complete(summary=cmd.summary, lines=cmd.lines, by=cmd.actor, at=clock.now())
    for appointment in uow.appointments.find(job_id=job.id):
        if appointment.is_active and appointment.start <= clock.now():
            appointment.mark_done()


def approve_quote(cmd: commands.ApproveQuote, *, uow: AbstractUnitOfWork,
                  settings: BusinessSettings, catalog: Catalog, clock: Clock) -> bool:
    """Approve a sent quote; False when it was referred to the office instead.

    A quote of an open deal wins the deal as a rep's "won" does: exactly one job, the dispatchers
    told, the deal's rep told its number (domain/reactions.py); the customer, who is in the
    conversation, is invited to pick a time by the reply. A quote of a deal marked lost is not
    approved by text: the dispatchers and the rep are asked to call the customer, and the rep
    decides whether the deal comes back (it is never reopened silently)."""
    quote = require(cmd.actor, uow.quotes.get(cmd.quote_id), "quote")
    now = clock.now()
    deal = None
    if quote.deal_id is not None:
        uow.lock_deal(quote.deal_id)  # as for "won": a rep's confirmation racing makes one job
        deal = uow.deals.get(quote.deal_id)
    if deal is not None and deal.stage is DealStage.LOST and quote.awaiting_decision:
        _refer_approval_of_lost_deal(uow, quote.number, quote.total_cents, deal, cmd.actor, now)
        return False
    quote.approve(by=cmd.actor, at=now)
    if deal is not None and deal.stage is not DealStage.LOST:
        first = deal.mark_won(by=cmd.actor, at=now)
        job_id = job_for_won_deal(uow, deal, now)
        quote.link_job(job_id)
        if first:
            _announce_handover(uow, deal, job_id, cmd.actor, settings, catalog, now,
                               invite_customer=False)
    return True


def _refer_approval_of_lost_deal(uow: AbstractUnitOfWork, number: str, total_cents: int,
                                 deal: Deal, actor: Actor, now: datetime) -> None:
    account = uow.accounts.get(deal.account_id)
    rep = uow.staff.get(deal.owner_id)
    who = account.name if account is not None else "A customer"
    why = f" ({deal.lost_reason})" if deal.lost_reason else ""
    body = (f"Call {who}: they want to go ahead with quote {number} "
            f"({format_cents(total_cents)}), but the deal '{deal.title}' of "
            f"{rep.name if rep is not None else 'its rep'} is marked lost{why}. Nothing was "
            f"approved or scheduled; the customer was told the office will call.")
    notify_staff(uow, now=now, account_id=deal.account_id, body=body,
                 key=f"lost-deal-approval:{number}")
    notify_staff(uow, now=now, owner_id=deal.owner_id, account_id=deal.account_id, body=body,
                 key=f"lost-deal-approval:{number}:owner")
    uow.activities.add(Activity(
        account_id=deal.account_id, kind=ActivityKind.NOTE, at=now,
        summary=f"Customer asked to approve quote {number} of the lost deal '{deal.title}'; "
                f"dispatch asked to call",
        actor=actor.label(), channel=actor.channel.value, subject_type="deal",
        subject_id=deal.id, provider_message_id=actor.message_id))


def decline_quote(cmd: commands.DeclineQuote, *, uow: AbstractUnitOfWork, clock: Clock) -> None:
    quote = require(cmd.actor, uow.quotes.get(cmd.quote_id), "quote")
    quote.decline(by=cmd.actor, at=clock.now())


def mark_deal_won(cmd: commands.MarkDealWon, *, uow: AbstractUnitOfWork,
                  settings: BusinessSettings, catalog: Catalog, clock: Clock) -> int:
    """Mark a deal won and hand it over as exactly one dispatch-ready job; returns the job id.

    The deal is held first, so two confirmations racing make one job; only the first tells the
    dispatchers and invites the customer to pick a time."""
    uow.lock_deal(cmd.deal_id)
    deal = require(cmd.actor, uow.deals.get(cmd.deal_id), "deal")
    now = clock.now()
    first = deal.mark_won(by=cmd.actor, at=now)
    job_id = job_for_won_deal(uow, deal, now)
    if first:
        _settle_quote(uow, deal, job_id, cmd.actor, now)
        _announce_handover(uow, deal, job_id, cmd.actor, settings, catalog, now)
    return job_id


def _settle_quote(uow: AbstractUnitOfWork, deal: Deal, job_id: int, actor: Actor,
                  now: datetime) -> None:
    """The quote the customer was waiting to approve is approved by the rep's "won", so the
    customer is never asked about a settled price again; several alternatives sent are left for
    the rep to settle, as is a quote past its expiry."""
    waiting = [q for q in uow.quotes.find(deal_id=deal.id) if q.awaiting_decision
               and (q.expires_at is None or q.expires_at > now)]
    if len(waiting) == 1:
        waiting[0].link_job(job_id)
        waiting[0].approve(by=actor, at=now)


def mark_deal_lost(cmd: commands.MarkDealLost, *, uow: AbstractUnitOfWork, clock: Clock) -> None:
    uow.lock_deal(cmd.deal_id)
    deal = require(cmd.actor, uow.deals.get(cmd.deal_id), "deal")
    deal.move_to(DealStage.LOST, by=cmd.actor, at=clock.now())
    if cmd.reason.strip():
        _loss_reason(uow, deal, cmd.reason, cmd.actor, clock.now())


def record_loss_reason(cmd: commands.RecordLossReason, *, uow: AbstractUnitOfWork,
                       clock: Clock) -> None:
    deal = require(cmd.actor, uow.deals.get(cmd.deal_id), "deal")
    _loss_reason(uow, deal, cmd.reason, cmd.actor, clock.now())


def snooze_deal(cmd: commands.SnoozeDeal, *, uow: AbstractUnitOfWork, clock: Clock) -> None:
    """Set an open deal's next follow-up; asking for it is a touch of the deal."""
    deal = require(cmd.actor, uow.deals.get(cmd.deal_id), "deal")
    until, now = ensure_utc(cmd.until), clock.now()
    if until <= now:
        raise InvalidTransition("That time is already past; pick a later one")
    deal.snooze(until, at=now)
    uow.activities.add(Activity(
        account_id=deal.account_id, kind=ActivityKind.NOTE, at=now,
        summary=f"Follow-up on '{deal.title}' set for {until:%Y-%m-%d %H:%M} UTC",
        actor=cmd.actor.label(), channel=cmd.actor.channel.value, subject_type="deal",
        subject_id=deal.id, provider_message_id=cmd.actor.message_id))


def _loss_reason(uow: AbstractUnitOfWork, deal: Deal, reason: str, actor: Actor,
                 now: datetime) -> None:
    deal.record_loss_reason(reason)
    uow.activities.add(Activity(
        account_id=deal.account_id, kind=ActivityKind.NOTE, at=now,
        summary=f"Deal '{deal.title}' lost: {deal.lost_reason}", actor=actor.label(),
        channel=actor.channel.value, subject_type="deal", subject_id=deal.id,
        provider_message_id=actor.message_id))


def _announce_handover(uow: AbstractUnitOfWork, deal: Deal, job_id: int, actor: Actor,
                       settings: BusinessSettings, catalog: Catalog, now: datetime, *,
                       invite_customer: bool = True) -> None:
    """A deal just won: the dispatchers hear of its job, the timeline records the handover, and
    the customer is invited (on their own channel) to reply with a time that suits, unless they
    won it themselves and the reply to their text invites them."""
    job = _job(uow, job_id)
    site = uow.sites.get(deal.site_id)
    account = uow.accounts.get(deal.account_id)
    where = site.one_line() if site is not None else "their address"
    skill = catalog.get(deal.service_id).skill
    who = account.name if account is not None else "the customer"
    rep = uow.staff.get(actor.staff_id) if actor.staff_id is not None else None
    by = (rep.name if rep else actor.label()) if actor.role is not Role.CUSTOMER else (
        "the customer's approval of its quote")
    notify_staff(uow, now=now, account_id=deal.account_id,
                 body=f"Deal won by {by}: {who}, {deal.title} "
                      f"({format_cents(deal.amount_cents)}). Job {job.number} ({skill} work) at "
                      f"{where} is ready to schedule; the customer was asked to pick a time.",
                 key=f"deal-won:{deal.id}")
    uow.activities.add(Activity(
        account_id=deal.account_id, kind=ActivityKind.NOTE, at=now,
        summary=f"Deal '{deal.title}' won and handed over as job {job.number}; dispatch told",
        actor=actor.label(), channel=actor.channel.value, subject_type="job", subject_id=job_id,
        provider_message_id=actor.message_id))
    if not invite_customer:
        return
    notify_customer(uow, now=now, account_id=deal.account_id, key=f"deal-won:{deal.id}",
                    timezone=site.timezone if site is not None else None,
                    body=f"{settings.name}: thanks for choosing us! Job {job.number} "
                         f"({deal.title}) is ready to schedule. Reply with a day that suits "
                         f"(e.g. 'tuesday morning') and we'll offer times.")


def register_customer(cmd: commands.RegisterCustomer, *, uow: AbstractUnitOfWork,
                      settings: BusinessSettings, clock: Clock) -> Customer:
    """Open the account, contact and site of someone new who wrote in from `cmd.address`."""
    zone = settings.zone_for_postal_code(cmd.postal_code)
    if zone is None:
        raise OutsideServiceArea(f"ZIP {cmd.postal_code} is outside the area we serve")
    account = uow.accounts.add(Account(name=cmd.name))
    assert account.id is not None
    contact = Contact(account_id=account.id, name=cmd.name,
                      preferred_channel=cmd.channel if cmd.channel is not Channel.CONSOLE
                      else Channel.SMS)
    if cmd.channel is Channel.TELEGRAM:
        contact.telegram_chat_id = int(cmd.address)
    else:
        contact.phone = cmd.address
    uow.contacts.add(contact)
    site = uow.sites.add(Site(account_id=account.id, address=cmd.street, city=cmd.city,
                              postal_code=cmd.postal_code, zone_id=zone.id,
                              timezone=zone.timezone, access_notes=cmd.access_notes))
    uow.activities.add(Activity(
        account_id=account.id, kind=ActivityKind.NOTE, at=clock.now(),
        summary=f"Signed up by {cmd.channel.value}", actor=f"customer:{contact.id}",
        channel=cmd.channel.value, provider_message_id=cmd.message_id,
    ))
    return Customer(account=account, contact=contact, sites=[site])


def request_call_back(cmd: commands.RequestCallBack, *, uow: AbstractUnitOfWork,
                      clock: Clock) -> None:
    """Ask the dispatchers to call someone back, and note it on their account's timeline."""
    now = clock.now()
    reach = cmd.address if cmd.channel is not Channel.TELEGRAM else f"Telegram chat {cmd.address}"
    message_id = cmd.message_id
    head = "URGENT, call now" if cmd.urgent else "Call-back request"
    notify_staff(uow, now=now, account_id=cmd.account_id,
                 body=f"{head}: {cmd.who} ({reach}) {cmd.reason} via {cmd.channel.value}.",
                 key=f"handoff:{cmd.channel.value}:{message_id or cmd.address + now.isoformat()}")
    if cmd.account_id is not None:
        summary = f"Customer {cmd.reason}; dispatchers asked to call back"
        uow.activities.add(Activity(
            account_id=cmd.account_id, kind=ActivityKind.NOTE, at=now,
            summary=f"URGENT: {summary}" if cmd.urgent else summary,
            actor=cmd.actor.label() if cmd.actor else "system", channel=cmd.channel.value,
            provider_message_id=message_id,
        ))


def opt_out(cmd: commands.OptOut, *, uow: AbstractUnitOfWork, clock: Clock) -> None:
    """Stop automated messages to an address on a channel: one record per address, ever."""
    at = ensure_utc(cmd.at) if cmd.at is not None else clock.now()
    consent = uow.consents.for_address(cmd.channel, cmd.address, at)
    consent.opt_out(at, by=cmd.actor, message_id=cmd.message_id)


def opt_in(cmd: commands.OptIn, *, uow: AbstractUnitOfWork, clock: Clock) -> None:
    """Allow automated messages again; an address that never opted out needs no record."""
    consent = uow.consents.first(channel=cmd.channel, address=cmd.address)
    if consent is not None:
        at = ensure_utc(cmd.at) if cmd.at is not None else clock.now()
        consent.opt_in(at, by=cmd.actor, message_id=cmd.message_id)


def job_for_won_deal(uow: AbstractUnitOfWork, deal: Deal, now: datetime) -> int:
    """The deal's job, created on first call only, so a repeated "won" never makes a second job."""
    if deal.job_id is None:
        job = _new_job(uow, deal.account_id, deal.site_id, deal.service_id,
                       deal.scope or deal.title, now, deal_id=deal.id)
        assert job.id is not None
        deal.hand_over(job.id)
    assert deal.job_id is not None
    return deal.job_id


def _new_job(uow: AbstractUnitOfWork, account_id: int, site_id: int, service_id: str, scope: str,
             now: datetime, deal_id: int | None = None) -> Job:
    job = uow.jobs.add(Job(account_id=account_id, site_id=site_id, service_id=service_id,
                           scope=scope, deal_id=deal_id, created_at=now, updated_at=now))
    assert job.id is not None
    job.events.append(events.JobCreated(job_id=job.id, account_id=account_id, deal_id=deal_id))
    return job


def require_account(uow: AbstractUnitOfWork, actor: Actor, account_id: int) -> int:
    """The account id when the actor may act for it (a customer: only their own)."""
    if actor.role is Role.CUSTOMER and actor.account_id != account_id:
        raise NotFound("No account of yours matches that")
    if actor.role not in (Role.CUSTOMER, Role.DISPATCHER) or uow.accounts.get(account_id) is None:
        raise NotFound("No account of yours matches that")
    return account_id


def _tell_crew(uow: AbstractUnitOfWork, appointment: Appointment, job: Job, actor: Actor,
               now: datetime, *, what: str, key: str, go: str) -> None:
    """A visit `what` ("cancelled", "moved") while its technician is on the way or there: the
    technician hears it with `go` ("No need to go."), dispatch without."""
    site = uow.sites.get(job.site_id)
    where = site.one_line() if site is not None else f"job {job.number}"
    state = "on the way" if job.state is JobState.EN_ROUTE else "on site"
    body = f"Visit {what} by {actor.label()} while {state}: {job.number} at {where}."
    notify_staff(uow, now=now, body=f"{body} {go}", key=key, owner_id=appointment.technician_id,
                 account_id=job.account_id)
    notify_staff(uow, now=now, body=body, key=key, account_id=job.account_id)


def _own_site(uow: AbstractUnitOfWork, actor: Actor, account_id: int, site_id: int) -> Site:
    site = uow.sites.get(site_id)
    if site is None or site.account_id != account_id:
        raise NotFound(f"Site {site_id} does not belong to account {account_id}")
    return require(actor, site, "site")


def _technician(uow: AbstractUnitOfWork, technician_id: int, service: Service,
                zone_id: str) -> StaffMember:
    """The technician who would do `service` in `zone_id`, if they can."""
    technician = uow.staff.get(technician_id)
    if technician is None or technician.role is not Role.TECHNICIAN:
        raise NotFound(f"No technician with id {technician_id}")
    if not technician.can_do(service.skill, zone_id):
        raise SchedulingConflict(
            f"{technician.name} does not do {service.skill} work in zone {zone_id}")
    return technician


def _job(uow: AbstractUnitOfWork, job_id: int) -> Job:
    job = uow.jobs.get(job_id)
    if job is None:
        raise NotFound(f"No job J-{job_id}")
    return job


def _job_for_actor(uow: AbstractUnitOfWork, actor: Actor, job_id: int) -> Job:
    """A job whose status the actor may change: technicians and dispatchers only (see authz)."""
    if actor.role not in (Role.TECHNICIAN, Role.DISPATCHER):
        raise NotAllowed(f"A {actor.role.value} cannot change a job's status")
    return require(actor, uow.jobs.get(job_id), "job", uow)


def _not_past(start: datetime, now: datetime) -> datetime:
    if start < now:
        raise SchedulingConflict(f"{start:%Y-%m-%d %H:%M} UTC is already past; pick a later time")
    return start


def _ensure_free(uow: AbstractUnitOfWork, technician: StaffMember, start: datetime,
                 end: datetime, zone_id: str, settings: BusinessSettings,
                 ignore: int | None) -> None:
    """Raise SchedulingConflict unless the technician is free, holding their diary until commit."""
    assert technician.id is not None
    uow.lock_technician(technician.id)
    travel_buffer = settings.travel_buffer
    nearby = uow.appointments.overlapping(start - travel_buffer, end + travel_buffer,
                                          technician_ids=[technician.id])
    for other in nearby:
        if other.id != ignore and other.clashes_with(start, end, zone_id, travel_buffer):
            local = ZoneInfo(settings.timezone)
            raise SchedulingConflict(
                f"{technician.name} already has a visit from "
                f"{other.start.astimezone(local):%a %b %d %H:%M} to "
                f"{other.end.astimezone(local):%H:%M}; pick a time that leaves room for travel"
            )


COMMAND_HANDLERS: dict[type[commands.Command], Callable[..., Any]] = {
    commands.CreateJob: create_job,
    commands.BookAppointment: book_appointment,
    commands.RescheduleAppointment: reschedule_appointment,
    commands.CancelAppointment: cancel_appointment,
    commands.ConfirmAppointment: confirm_appointment,
    commands.RestoreAppointment: restore_appointment,
    commands.AddSite: add_site,
    commands.CorrectSiteAddress: correct_site_address,
    commands.CorrectContactName: correct_contact_name,
    commands.NameAccount: name_account,
    commands.ChangeJobSite: change_job_site,
    commands.ChangeJobState: change_job_state,
    commands.ReviseEta: revise_eta,
    commands.UndoJobState: undo_job_state,
    commands.AddJobNote: add_job_note,
    commands.AddToJobSummary: add_to_job_summary,
    commands.CompleteJob: complete_job,
    commands.ApproveQuote: approve_quote,
    commands.DeclineQuote: decline_quote,
    commands.MarkDealWon: mark_deal_won,
    commands.MarkDealLost: mark_deal_lost,
    commands.RecordLossReason: record_loss_reason,
    commands.SnoozeDeal: snooze_deal,
    commands.RegisterCustomer: register_customer,
    commands.RequestCallBack: request_call_back,
    commands.ReportDisputedWin: report_disputed_win,
    commands.OptOut: opt_out,
    commands.OptIn: opt_in,
}
