"""Command handlers: load aggregates in the unit of work, apply the rules, let events record the rest."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from domain import commands, events
from domain.actors import Actor
from domain.authz import check_owner
from domain.business import BusinessSettings
from domain.catalog import Catalog
from domain.clock import Clock, ensure_utc
from domain.deals import Deal, DealStage
from domain.errors import NotAllowed, NotFound, SchedulingConflict
from domain.jobs import Appointment, AppointmentStatus, Job, JobState
from domain.ports import AbstractUnitOfWork
from domain.staff import Role, StaffMember


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
    technician = _technician(uow, cmd.technician_id)
    if not technician.can_do(service.skill, site.zone_id):
        raise SchedulingConflict(
            f"{technician.name} does not do {service.skill} work in zone {site.zone_id}"
        )
    _ensure_free(uow, technician, start, end, site.zone_id, settings, ignore=None)
    if cmd.job_id is None:
        job = _new_job(uow, cmd.account_id, cmd.site_id, cmd.service_id, cmd.scope, clock.now())
    else:
        found = uow.jobs.get(cmd.job_id)
        if found is not None and (found.account_id, found.site_id) != (cmd.account_id,
                                                                       cmd.site_id):
            found = None  # a visit is always at its own job's site
        check_owner(cmd.actor, found, "job")
        assert found is not None
        job = found
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
            confirmed=True,
        )
    )
    assert appointment.id is not None
    appointment.events.append(
        events.AppointmentBooked(
            appointment_id=appointment.id,
            job_id=job.id,
            account_id=cmd.account_id,
            actor=cmd.actor.label(),
            channel=cmd.actor.channel.value,
        )
    )
    return appointment.id


def reschedule_appointment(cmd: commands.RescheduleAppointment, *, uow: AbstractUnitOfWork,
                           settings: BusinessSettings, catalog: Catalog, clock: Clock) -> None:
    appointment = uow.appointments.get(cmd.appointment_id)
    check_owner(cmd.actor, appointment, "appointment")
    assert appointment is not None
    job = _job(uow, appointment.job_id)
    service = catalog.get(job.service_id)
    technician = _technician(uow, cmd.technician_id)
    if not technician.can_do(service.skill, appointment.zone_id):
        raise SchedulingConflict(
            f"{technician.name} does not do {service.skill} work in zone {appointment.zone_id}"
        )
    start = _not_past(ensure_utc(cmd.start), clock.now())
    end = start + service.duration
    _ensure_free(uow, technician, start, end, appointment.zone_id, settings,
                 ignore=appointment.id)
    appointment.move(
        technician_id=cmd.technician_id,
        start=start,
        end=end,
        window_start=start,
        window_end=start + settings.arrival_window,
        by=cmd.actor,
    )


def cancel_appointment(cmd: commands.CancelAppointment, *, uow: AbstractUnitOfWork,
                       clock: Clock) -> None:
    """Cancel a visit; the job is cancelled too when no other visit remains and work hasn't started."""
    appointment = uow.appointments.get(cmd.appointment_id)
    check_owner(cmd.actor, appointment, "appointment")
    assert appointment is not None
    appointment.cancel(by=cmd.actor)
    job = _job(uow, appointment.job_id)
    others = [a for a in uow.appointments.find(job_id=job.id) if a.is_active]
    if not others and JobState.CANCELLED in job.allowed_next():
        job.move_to(JobState.CANCELLED, by=cmd.actor, at=clock.now(), note="visit cancelled")


def change_job_state(cmd: commands.ChangeJobState, *, uow: AbstractUnitOfWork,
                     clock: Clock) -> None:
    job = _job_for_actor(uow, cmd.actor, cmd.job_id)
    job.move_to(cmd.new_state, by=cmd.actor, at=clock.now(), note=cmd.note)
    if cmd.new_state is JobState.EN_ROUTE and cmd.eta_minutes is not None:
        job.eta = clock.now() + timedelta(minutes=cmd.eta_minutes)


def complete_job(cmd: commands.CompleteJob, *, uow: AbstractUnitOfWork, clock: Clock) -> None:
    job = _job_for_actor(uow, cmd.actor, cmd.job_id)
    job.complete(summary=cmd.summary, lines=cmd.lines, by=cmd.actor, at=clock.now())
    for appointment in uow.appointments.find(job_id=job.id):
        if appointment.is_active and appointment.start <= clock.now():
            appointment.status = AppointmentStatus.DONE


def approve_quote(cmd: commands.ApproveQuote, *, uow: AbstractUnitOfWork, clock: Clock) -> None:
    quote = uow.quotes.get(cmd.quote_id)
    check_owner(cmd.actor, quote, "quote")
    assert quote is not None
    quote.approve(by=cmd.actor, at=clock.now())


def decline_quote(cmd: commands.DeclineQuote, *, uow: AbstractUnitOfWork, clock: Clock) -> None:
    quote = uow.quotes.get(cmd.quote_id)
    check_owner(cmd.actor, quote, "quote")
    assert quote is not None
    quote.decline(by=cmd.actor, at=clock.now())


def mark_deal_won(cmd: commands.MarkDealWon, *, uow: AbstractUnitOfWork, clock: Clock) -> int:
    """Mark a deal won and hand it over as exactly one dispatch-ready job; returns the job id."""
    deal = uow.deals.get(cmd.deal_id)
    check_owner(cmd.actor, deal, "deal")
    assert deal is not None
    deal.mark_won(by=cmd.actor, at=clock.now())
    return job_for_won_deal(uow, deal, clock.now())


def mark_deal_lost(cmd: commands.MarkDealLost, *, uow: AbstractUnitOfWork, clock: Clock) -> None:
    deal = uow.deals.get(cmd.deal_id)
    check_owner(cmd.actor, deal, "deal")
    assert deal is not None
    deal.move_to(DealStage.LOST, by=cmd.actor, at=clock.now())


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
        deal.job_id = job.id
    assert deal.job_id is not None
    return deal.job_id


def _new_job(uow: AbstractUnitOfWork, account_id: int, site_id: int, service_id: str, scope: str,
             now: datetime, deal_id: int | None = None) -> Job:
    job = uow.jobs.add(Job(account_id=account_id, site_id=site_id, service_id=service_id,
                           scope=scope, deal_id=deal_id, created_at=now, updated_at=now))
    assert job.id is not None
    job.events.append(events.JobCreated(job_id=job.id, account_id=account_id, deal_id=deal_id))
    return job


def _own_site(uow: AbstractUnitOfWork, actor: Actor, account_id: int, site_id: int) -> Any:
    site = uow.sites.get(site_id)
    if site is None or site.account_id != account_id:
        raise NotFound(f"Site {site_id} does not belong to account {account_id}")
    if actor.role is Role.CUSTOMER and actor.account_id != account_id:
        raise NotFound("No site of yours matches that")
    return site


def _technician(uow: AbstractUnitOfWork, technician_id: int) -> StaffMember:
    technician = uow.staff.get(technician_id)
    if technician is None or technician.role is not Role.TECHNICIAN:
        raise NotFound(f"No technician with id {technician_id}")
    return technician


def _job(uow: AbstractUnitOfWork, job_id: int) -> Job:
    job = uow.jobs.get(job_id)
    if job is None:
        raise NotFound(f"No job J-{job_id}")
    return job


def _job_for_actor(uow: AbstractUnitOfWork, actor: Actor, job_id: int) -> Job:
    """A technician may change only jobs they have a visit for; dispatchers any."""
    job = uow.jobs.get(job_id)
    if job is not None and actor.role is Role.TECHNICIAN:
        assigned = [a for a in uow.appointments.find(job_id=job_id, technician_id=actor.staff_id)
                    if a.status is not AppointmentStatus.CANCELLED]
        if not assigned:
            job = None
    elif job is not None and actor.role is not Role.DISPATCHER:
        raise NotAllowed(f"A {actor.role.value} cannot change a job's status")
    if job is None:
        raise NotFound("No job of yours matches that")
    return job


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
    commands.ChangeJobState: change_job_state,
    commands.CompleteJob: complete_job,
    commands.ApproveQuote: approve_quote,
    commands.DeclineQuote: decline_quote,
    commands.MarkDealWon: mark_deal_won,
    commands.MarkDealLost: mark_deal_lost,
    commands.OptOut: opt_out,
    commands.OptIn: opt_in,
}
