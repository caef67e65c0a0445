"""A finished job is written to the account's timeline and drafts its invoice once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.commands import ChangeJobState, CompleteJob
from domain.events import JobCompleted
from domain.jobs import Appointment, AppointmentStatus, Job, JobState
from domain.money import Line
from domain.quotes import Quote, QuoteState
from domain.timeline import ActivityKind
from tests.fakes import NOW

REPAIR = (Line("Capacitor", 1, 18_500), Line("Labour, hour", 2, 9_500))


@pytest.fixture
def job(world):
    """A job Tom is working on right now."""
    job = world.uow.jobs.add(Job(account_id=world.account_id, site_id=world.site_id,
                                 service_id="hvac_repair", state=JobState.ON_SITE))
    world.uow.appointments.add(Appointment(
        job_id=job.id, technician_id=world.tom_id, start=NOW, end=NOW, window_start=NOW,
        window_end=NOW, account_id=world.account_id, zone_id="north"))
    return job


def test_completing_a_job_writes_the_timeline_and_drafts_an_invoice_from_its_lines(
        bus, world, job):
    bus.handle(CompleteJob(job_id=job.id, summary="Replaced capacitor", lines=REPAIR,
                           actor=world.technician(world.tom_id)))
    [invoice] = world.uow.invoices.items
    assert (invoice.job_id, invoice.account_id, invoice.lines, invoice.total_cents) == (
        job.id, world.account_id, REPAIR, 37_500)
    summaries = [a.summary for a in world.uow.activities.items]
    assert f"Job J-{job.id} on_site -> completed: Replaced capacitor" in summaries
    assert f"Invoice INV-{job.id} drafted for $375.00" in summaries
    assert all(a.kind is ActivityKind.STATUS_CHANGE for a in world.uow.activities.items)
    assert world.uow.appointments.first(job_id=job.id).status is AppointmentStatus.DONE


def test_a_job_without_lines_is_invoiced_from_its_approved_quote(bus, world, job):
    world.uow.quotes.add(Quote(number="Q-7", account_id=world.account_id, lines=REPAIR[:1],
                               job_id=job.id, state=QuoteState.DECLINED))
    world.uow.quotes.add(Quote(number="Q-8", account_id=world.account_id, lines=REPAIR,
                               job_id=job.id, state=QuoteState.APPROVED))
    bus.handle(CompleteJob(job_id=job.id, summary="Done", actor=world.dispatcher()))
    [invoice] = world.uow.invoices.items
    assert invoice.lines == REPAIR


def test_a_completed_job_is_invoiced_exactly_once(bus, world, job):
    bus.handle(CompleteJob(job_id=job.id, summary="Done", lines=REPAIR,
                           actor=world.dispatcher()))
    bus.handle(ChangeJobState(job_id=job.id, new_state=JobState.INVOICED,
                              actor=world.dispatcher()))
    # the same event delivered again (a retried worker) finds the invoice already there
    job.events.append(JobCompleted(job_id=job.id, account_id=world.account_id))
    bus.drain(world.uow)
    assert len(world.uow.invoices) == 1


def test_a_technician_sets_an_eta_when_heading_out(bus, world, job):
    job.state = JobState.SCHEDULED
    bus.handle(ChangeJobState(job_id=job.id, new_state=JobState.EN_ROUTE, eta_minutes=25,
                              actor=world.technician(world.tom_id)))
    assert job.state is JobState.EN_ROUTE
    assert job.eta == datetime(2026, 3, 2, 15, 25, tzinfo=UTC)


def test_a_finished_tune_up_opens_the_next_ones_follow_up_deal_a_month_before_it_is_due(
        bus, world):
    from datetime import timedelta

    from domain.deals import DealStage

    tune_up = world.uow.jobs.add(Job(account_id=world.account_id, site_id=world.site_id,
                                     service_id="hvac_maintenance", state=JobState.ON_SITE))
    bus.handle(CompleteJob(job_id=tune_up.id, summary="Yearly tune-up",
                           actor=world.dispatcher()))
    [deal] = world.uow.deals.find(account_id=world.account_id)
    assert (deal.service_id, deal.stage) == ("hvac_maintenance", DealStage.NEW)
    # 12 months on (the catalog's upkeep interval), less the month the rep calls ahead.
    assert deal.next_follow_up_at == NOW + timedelta(days=360) - timedelta(days=30)
