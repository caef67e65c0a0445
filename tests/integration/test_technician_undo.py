"""A technician takes back an update on real SQLite and PostgreSQL: whoever already got the
update (the customer, the dispatchers asked to arrange a return visit) gets a short correction
through the outbox; an update still queued is withdrawn instead."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.outbox import OutboxSender
from bot.providers import LogProvider
from domain.demo import demo_business
from domain.jobs import JobState
from domain.parties import Channel
from tests.conversation_people import DANA
from tests.integration.dialogue_world import JOE, TOM_PHONE, World, build_world


@pytest.fixture
def world(uow_factory) -> World:  # type: ignore[no-untyped-def]
    return build_world(uow_factory)


def deliver(world: World, provider: LogProvider) -> None:
    OutboxSender(uow_factory=world.uow_factory, bus=world.engine.bus,
                 providers={Channel.SMS: provider, Channel.TELEGRAM: provider},
                 business=demo_business(), clock=world.clock).send_due()


def received(provider: LogProvider, phone: str) -> list[str]:
    return [body for _, to, body in provider.sent if to == phone]


def joes_job(world: World) -> JobState:
    with world.uow_factory() as uow:
        visit = uow.appointments.get(world.ids["joe_today"])
        assert visit is not None
        job = uow.jobs.get(visit.job_id)
        assert job is not None
        return job.state


@pytest.mark.parametrize("undo", ["undo", "wrong job", "oops wrong one", "pls undo that"])
def test_an_on_the_way_taken_back_after_it_was_sent_is_corrected_with_the_window(
        world: World, undo: str) -> None:
    provider = LogProvider()
    world.transcript(TOM_PHONE, [("omw 20", "Joe has been told")])
    deliver(world, provider)
    world.clock.advance(timedelta(minutes=3))
    world.transcript(TOM_PHONE, [(undo, "Joe got a short correction")])
    deliver(world, provider)
    assert joes_job(world) is JobState.SCHEDULED
    on_the_way, correction = received(provider, JOE)
    assert "on the way" in on_the_way
    assert "sent by mistake" in correction and "Tom is not on the way yet" in correction
    assert "1-3pm" in correction


@pytest.mark.parametrize("done", ["done, replaced the trap", "all done - trap replaced"])
def test_a_completion_taken_back_tells_the_customer_no_invoice_is_coming_yet(
        world: World, done: str) -> None:
    provider = LogProvider()
    world.clock.advance(timedelta(hours=4))  # 1:30pm, Tom at Joe's
    world.transcript(TOM_PHONE, [("here", "Checked in"), (done, "completed")])
    deliver(world, provider)
    world.transcript(TOM_PHONE, [("undo", "on site again. Joe got a short correction")])
    deliver(world, provider)
    assert joes_job(world) is JobState.ON_SITE
    correction = received(provider, JOE)[-1]
    assert "sent by mistake" in correction and "still working" in correction
    assert "no invoice" in correction


@pytest.mark.parametrize(("pause", "undo"), [
    ("need a part, back tmrw", "undo - found one in the van"),
    ("waiting on parts", "undo"),
    ("have to come back tomorrow for a part", "wrong job"),
])
def test_a_pause_taken_back_tells_the_customer_and_the_office_no_return_visit_is_needed(
        world: World, pause: str, undo: str) -> None:
    provider = LogProvider()
    world.clock.advance(timedelta(hours=4))
    world.transcript(TOM_PHONE, [("here", "Checked in"), (pause, "Paused")])
    deliver(world, provider)
    assert any("arrange the return visit" in body for body in received(provider, DANA))
    world.transcript(TOM_PHONE, [(undo, "no return visit is needed")])
    deliver(world, provider)
    assert joes_job(world) is JobState.ON_SITE
    assert "no return visit is needed" in received(provider, JOE)[-1]
    assert "No return visit is needed" in received(provider, DANA)[-1]


def test_a_pause_taken_back_before_anything_went_out_is_withdrawn_not_corrected(
        world: World) -> None:
    provider = LogProvider()
    world.clock.advance(timedelta(hours=4))
    world.transcript(TOM_PHONE, [("here", "Checked in"), ("waiting on parts", "Paused")])
    world.transcript(TOM_PHONE, [("undo", "on site again.")])
    deliver(world, provider)
    assert received(provider, JOE) == [] and received(provider, DANA) == []


@pytest.mark.parametrize("undo", ["undo", "wrong job"])
def test_the_technician_hears_an_update_that_never_went_out_was_withdrawn(
        world: World, undo: str) -> None:
    world.transcript(TOM_PHONE, [("omw 20", "Joe has been told"),
                                 (undo, "The text to Joe had not gone out; it was withdrawn.")])


def test_finishing_a_paused_job_taken_back_tells_the_office_the_return_visit_is_needed(
        world: World) -> None:
    provider = LogProvider()
    world.clock.advance(timedelta(hours=4))
    world.transcript(TOM_PHONE, [("here", "Checked in"), ("waiting on parts", "Paused")])
    world.clock.advance(timedelta(minutes=20))
    world.transcript(TOM_PHONE, [("done, found the part in the van - replaced the valve",
                                  "completed")])
    deliver(world, provider)
    assert "no return visit is needed" in received(provider, DANA)[-1]
    world.transcript(TOM_PHONE, [("undo", "the return visit is still needed")])
    deliver(world, provider)
    assert joes_job(world) is JobState.PAUSED
    assert "return visit IS needed after all" in received(provider, DANA)[-1]
    assert "our office will contact you to arrange the return visit" in received(
        provider, JOE)[-1]
