"""The customer of a deal just won answers its "pick a time" text, on real SQLite and PostgreSQL:
another day asked for after the times shown, or a danger told on the way, keeps to that job (its
trade, its scope); exactly one job is booked and no second one is opened."""

from __future__ import annotations

import pytest

from domain.jobs import Job, JobState
from tests.conversation_people import DANA
from tests.integration.dialogue_world import World
from tests.integration.sales_world import ACME_PHONE, MAPLE_PHONE, build_sales_world, won_by_rita
from tests.integration.test_sales_texts import answer, notices_to


@pytest.fixture
def world(uow_factory) -> World:  # type: ignore[no-untyped-def]
    return build_sales_world(uow_factory)


def jobs_at(world: World, account: str) -> list[Job]:
    with world.uow_factory() as uow:
        return uow.jobs.find(account_id=world.ids[f"{account}_account"])


def visits_of(world: World, job: Job) -> list[str]:
    with world.uow_factory() as uow:
        return [a.start.isoformat() for a in uow.appointments.find(job_id=job.id) if a.is_active]


@pytest.mark.parametrize(("said", "day"), [
    ("hmm none of those, tuesday afternoon?", "Tue Mar 3"),
    ("none of those work. tuesday after 1?", "Tue Mar 3"),
    ("those don't work for us, tues afternoon?", "Tue Mar 3"),
])
def test_another_day_after_the_times_shown_offers_that_day_for_the_won_job(
        world: World, said: str, day: str) -> None:
    # A visit of another job is booked already: the day asked about is no question about it.
    world.text(MAPLE_PHONE, "my kitchen sink is clogged, can someone come friday")
    assert answer(world, MAPLE_PHONE, "1").startswith("Booked: Drain cleaning")
    job = won_by_rita(world, "maple grove signed", "maple")
    assert "1) " in answer(world, MAPLE_PHONE, "yes")
    times = answer(world, MAPLE_PHONE, said)
    assert times.startswith("We can come:") and f"1) {day}, " in times
    assert "no visit booked" not in times
    assert answer(world, MAPLE_PHONE, "1").startswith(f"Booked: Boiler service contract on {day}")
    assert len(visits_of(world, job)) == 1 and len(jobs_at(world, "maple")) == 2


@pytest.mark.parametrize("texts", [
    ["ok. whens the earliest you can do it? basement is flooding a bit", "2"],
    ["yes", "the basement is flooding now", "1"],
    ["sure. water is pouring into the basement, how soon can you come", "1"],
])
def test_a_flood_told_while_the_won_job_waits_books_that_job_soonest(
        world: World, texts: list[str]) -> None:
    job = won_by_rita(world, "maple grove signed", "maple")
    told = "\n".join(answer(world, MAPLE_PHONE, text) for text in texts)
    assert "Shut off the water main" in told
    assert any("URGENT" in m.body.upper() for m in notices_to(world, DANA))
    assert "Booked: Boiler service contract on " in told
    [only] = jobs_at(world, "maple")
    assert only.id == job.id and only.scope == "Boiler service contract at Maple Grove Apartments"
    assert only.state is JobState.SCHEDULED and len(visits_of(world, only)) == 1


def test_a_flood_beside_a_won_job_of_another_trade_is_a_job_of_its_own(world: World) -> None:
    job = won_by_rita(world, "Acme signed!", "acme")  # a furnace: heating, not plumbing
    told = answer(world, ACME_PHONE, "ok. whens the earliest you can do it? basement is flooding")
    assert "Shut off the water main" in told
    assert answer(world, ACME_PHONE, "1").startswith("Booked: Plumbing repair")
    furnace = [j for j in jobs_at(world, "acme") if j.id == job.id]
    assert len(jobs_at(world, "acme")) == 2 and furnace[0].state is JobState.REQUESTED
