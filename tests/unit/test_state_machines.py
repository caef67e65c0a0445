"""Jobs, quotes and deals move only along their state machines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.actors import Actor
from domain.deals import Deal, DealStage
from domain.errors import InvalidTransition
from domain.events import JobCompleted, JobStateChanged
from domain.jobs import Job, JobState
from domain.money import Line
from domain.parties import Channel
from domain.quotes import Quote, QuoteState
from domain.staff import Role

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
TECH = Actor(role=Role.TECHNICIAN, channel=Channel.SMS, staff_id=7)


def a_job(state: JobState = JobState.REQUESTED) -> Job:
    return Job(account_id=1, site_id=1, service_id="hvac_repair", state=state, id=10)


def a_quote(state: QuoteState = QuoteState.DRAFT, expires_at: datetime | None = None) -> Quote:
    return Quote(number="Q-1042", account_id=1, lines=(Line("Capacitor", 1, 18_500),),
                 state=state, expires_at=expires_at, id=3)


def a_deal(stage: DealStage = DealStage.NEW) -> Deal:
    return Deal(account_id=1, site_id=1, title="New furnace", service_id="hvac_repair",
                owner_id=5, stage=stage, id=4)


def walk(job: Job, *states: JobState) -> None:
    for state in states:
        job.move_to(state, by=TECH, at=NOW)


def test_a_job_goes_requested_scheduled_en_route_on_site_paused_and_back_for_a_return_visit():
    job = a_job()
    walk(job, JobState.SCHEDULED, JobState.EN_ROUTE, JobState.ON_SITE, JobState.PAUSED,
         JobState.SCHEDULED, JobState.EN_ROUTE, JobState.ON_SITE)
    assert job.state is JobState.ON_SITE
    changes = [e for e in job.events if isinstance(e, JobStateChanged)]
    assert [(c.old, c.new) for c in changes][3:5] == [("on_site", "paused"),
                                                       ("paused", "scheduled")]


def test_a_job_on_site_completes_then_is_invoiced_and_says_it_completed_once():
    job = a_job(JobState.ON_SITE)
    walk(job, JobState.COMPLETED, JobState.INVOICED)
    assert job.state is JobState.INVOICED
    assert sum(isinstance(e, JobCompleted) for e in job.events) == 1
    assert not job.is_open


@pytest.mark.parametrize("state", [JobState.REQUESTED, JobState.SCHEDULED, JobState.EN_ROUTE])
def test_a_job_can_be_cancelled_before_the_technician_is_on_site(state):
    job = a_job(state)
    job.move_to(JobState.CANCELLED, by=TECH, at=NOW)
    assert job.state is JobState.CANCELLED


def test_a_job_on_site_cannot_be_cancelled_and_the_error_names_what_is_allowed():
    job = a_job(JobState.ON_SITE)
    with pytest.raises(InvalidTransition) as raised:
        job.move_to(JobState.CANCELLED, by=TECH, at=NOW)
    assert "completed, paused" in str(raised.value)
    assert job.state is JobState.ON_SITE
    assert job.events == []


@pytest.mark.parametrize(("start", "target"), [
    (JobState.REQUESTED, JobState.COMPLETED),
    (JobState.SCHEDULED, JobState.ON_SITE),
    (JobState.COMPLETED, JobState.SCHEDULED),
    (JobState.INVOICED, JobState.CANCELLED),
    (JobState.CANCELLED, JobState.SCHEDULED),
])
def test_a_job_refuses_to_skip_or_reopen_states(start, target):
    with pytest.raises(InvalidTransition, match=f"is {start.value} and cannot become"):
        a_job(start).move_to(target, by=TECH, at=NOW)


def test_a_finished_job_says_nothing_is_allowed():
    with pytest.raises(InvalidTransition, match="can become: nothing"):
        a_job(JobState.CANCELLED).move_to(JobState.SCHEDULED, by=TECH, at=NOW)


def test_a_quote_must_be_sent_before_it_can_be_approved():
    with pytest.raises(InvalidTransition, match="can become: sent"):
        a_quote().approve(by=TECH, at=NOW)


def test_a_decided_quote_cannot_be_decided_again():
    quote = a_quote(QuoteState.SENT)
    quote.approve(by=TECH, at=NOW)
    with pytest.raises(InvalidTransition, match="is approved and cannot become declined"):
        quote.decline(by=TECH, at=NOW)


def test_an_expired_quote_cannot_be_approved():
    quote = a_quote(QuoteState.SENT, expires_at=NOW - timedelta(days=1))
    with pytest.raises(InvalidTransition, match="expired"):
        quote.approve(by=TECH, at=NOW)
    assert quote.state is QuoteState.SENT


def test_a_sent_quote_remembers_who_approved_it_and_through_which_channel():
    quote = a_quote(QuoteState.SENT)
    quote.approve(by=TECH, at=NOW)
    assert (quote.state, quote.decided_at, quote.decided_by, quote.decided_channel) == (
        QuoteState.APPROVED, NOW, "technician:7", "sms")


def test_a_lost_deal_cannot_be_won_and_the_error_names_what_is_allowed():
    deal = a_deal(DealStage.LOST)
    with pytest.raises(InvalidTransition, match="is lost and cannot become won.*nothing"):
        deal.move_to(DealStage.WON, by=TECH, at=NOW)


def test_a_quoted_deal_can_only_be_won_or_lost():
    with pytest.raises(InvalidTransition, match="can become: lost, won"):
        a_deal(DealStage.QUOTED).move_to(DealStage.QUALIFIED, by=TECH, at=NOW)


def test_winning_a_deal_twice_is_harmless_and_clears_its_follow_up():
    deal = a_deal()
    deal.next_follow_up_at = NOW
    assert deal.mark_won(by=TECH, at=NOW) is True
    assert deal.mark_won(by=TECH, at=NOW) is False
    assert deal.next_follow_up_at is None
    assert not deal.follow_up_due(NOW)


def test_work_added_to_a_finished_jobs_summary_keeps_what_was_said_before():
    job = a_job(JobState.ON_SITE)
    job.complete(summary="reset the bathroom gfci", lines=(), by=TECH, at=NOW)
    job.add_to_summary("2 receptacles replaced", at=NOW)
    assert job.summary == "reset the bathroom gfci; 2 receptacles replaced"
    open_job = a_job(JobState.ON_SITE)
    with pytest.raises(InvalidTransition):
        open_job.add_to_summary("2 receptacles replaced", at=NOW)
