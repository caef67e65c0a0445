"""Everyone acts only on what is theirs; what isn't looks as if it did not exist."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.commands import (
    ApproveQuote,
    BookAppointment,
    CancelAppointment,
    ChangeJobState,
    CompleteJob,
    MarkDealLost,
    MarkDealWon,
    RescheduleAppointment,
)
from domain.deals import Deal, DealStage
from domain.errors import NotAllowed, NotFound
from domain.jobs import Appointment, AppointmentStatus, Job, JobState
from domain.money import Line
from domain.quotes import Quote, QuoteState

LATER = datetime(2026, 3, 3, 15, 0, tzinfo=UTC)


@pytest.fixture
def others_visit(world) -> Appointment:
    """A visit Tom makes for the other household."""
    job = world.uow.jobs.add(Job(account_id=world.other_account_id, site_id=world.other_site_id,
                                 service_id="hvac_repair", state=JobState.SCHEDULED))
    return world.uow.appointments.add(Appointment(
        job_id=job.id, technician_id=world.tom_id, start=LATER, end=LATER, window_start=LATER,
        window_end=LATER, account_id=world.other_account_id, zone_id="north"))


def test_a_customer_cannot_cancel_another_accounts_visit(bus, world, others_visit):
    with pytest.raises(NotFound, match="No appointment of yours"):
        bus.handle(CancelAppointment(appointment_id=others_visit.id, actor=world.customer()))
    assert others_visit.status is AppointmentStatus.BOOKED
    assert not world.uow.committed


def test_a_customer_cannot_move_another_accounts_visit(bus, world, others_visit):
    with pytest.raises(NotFound):
        bus.handle(RescheduleAppointment(appointment_id=others_visit.id,
                                         technician_id=world.tom_id, start=LATER,
                                         actor=world.customer()))


def test_a_customer_cannot_approve_another_accounts_quote(bus, world):
    quote = world.uow.quotes.add(Quote(number="Q-9", account_id=world.other_account_id,
                                       lines=(Line("Pump", 1, 100),), state=QuoteState.SENT))
    with pytest.raises(NotFound, match="No quote of yours"):
        bus.handle(ApproveQuote(quote_id=quote.id, actor=world.customer()))
    assert quote.state is QuoteState.SENT


def test_a_customer_cannot_book_at_another_accounts_site(bus, world):
    with pytest.raises(NotFound):
        bus.handle(BookAppointment(account_id=world.other_account_id,
                                   site_id=world.other_site_id, service_id="hvac_repair",
                                   technician_id=world.tom_id, start=LATER,
                                   actor=world.customer()))


def test_a_visit_for_an_existing_job_must_be_at_that_jobs_site(bus, world, others_visit):
    with pytest.raises(NotFound):
        bus.handle(BookAppointment(account_id=world.account_id, site_id=world.site_id,
                                   service_id="hvac_repair", technician_id=world.ana_id,
                                   start=LATER, job_id=others_visit.job_id,
                                   actor=world.dispatcher()))


def test_a_technician_cannot_change_a_job_they_have_no_visit_for(bus, world, others_visit):
    with pytest.raises(NotFound, match="No job of yours"):
        bus.handle(ChangeJobState(job_id=others_visit.job_id, new_state=JobState.EN_ROUTE,
                                  actor=world.technician(world.ana_id)))
    bus.handle(ChangeJobState(job_id=others_visit.job_id, new_state=JobState.EN_ROUTE,
                              actor=world.technician(world.tom_id)))
    assert world.uow.jobs.get(others_visit.job_id).state is JobState.EN_ROUTE


def test_a_technician_whose_visit_was_cancelled_can_no_longer_complete_the_job(
        bus, world, others_visit):
    others_visit.status = AppointmentStatus.CANCELLED
    with pytest.raises(NotFound):
        bus.handle(CompleteJob(job_id=others_visit.job_id, summary="done",
                               actor=world.technician(world.tom_id)))


def test_a_customer_cannot_change_a_jobs_status(bus, world, others_visit):
    job = world.uow.jobs.get(others_visit.job_id)
    job.account_id = world.account_id
    with pytest.raises(NotAllowed, match="customer cannot change"):
        bus.handle(ChangeJobState(job_id=job.id, new_state=JobState.CANCELLED,
                                  actor=world.customer()))


def test_a_sales_rep_can_only_win_or_lose_their_own_deals(bus, world):
    deal = world.uow.deals.add(Deal(account_id=world.account_id, site_id=world.site_id,
                                    title="AC", service_id="hvac_repair", owner_id=world.sam_id))
    with pytest.raises(NotFound, match="No deal of yours"):
        bus.handle(MarkDealWon(deal_id=deal.id, actor=world.sales(world.other_rep_id)))
    with pytest.raises(NotFound):
        bus.handle(MarkDealLost(deal_id=deal.id, actor=world.sales(world.other_rep_id)))
    bus.handle(MarkDealWon(deal_id=deal.id, actor=world.sales(world.sam_id)))
    assert deal.stage is DealStage.WON


def test_a_customer_cannot_mark_their_own_deal_won(bus, world):
    deal = world.uow.deals.add(Deal(account_id=world.account_id, site_id=world.site_id,
                                    title="AC", service_id="hvac_repair", owner_id=world.sam_id))
    with pytest.raises(NotFound):
        bus.handle(MarkDealWon(deal_id=deal.id, actor=world.customer()))
    assert len(world.uow.jobs) == 0


def test_a_missing_item_and_someone_elses_item_give_the_same_answer(bus, world, others_visit):
    with pytest.raises(NotFound) as missing:
        bus.handle(CancelAppointment(appointment_id=999, actor=world.customer()))
    with pytest.raises(NotFound) as foreign:
        bus.handle(CancelAppointment(appointment_id=others_visit.id, actor=world.customer()))
    assert str(missing.value) == str(foreign.value)
