"""A technician's day by text on real SQLite and PostgreSQL: the customer's outbox row, the
invoice draft, the timeline and undo, stored and read back in fresh units of work."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.jobs import AppointmentStatus, JobState
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.quotes import InvoiceState
from tests.integration.dialogue_world import JOE, MONDAY_MORNING, TOM_PHONE, World, build_world


@pytest.fixture
def world(uow_factory) -> World:  # type: ignore[no-untyped-def]
    return build_world(uow_factory)


def told(world: World, phone: str) -> list[Message]:
    with world.uow_factory() as uow:
        return [m for m in uow.messages.find(direction=Direction.OUT, kind=MessageKind.NOTICE)
                if m.address == phone]


def joes_job_state(world: World) -> tuple[JobState, object]:
    with world.uow_factory() as uow:
        visit = uow.appointments.get(world.ids["joe_today"])
        assert visit is not None
        job = uow.jobs.get(visit.job_id)
        assert job is not None
        return job.state, job.eta


def test_on_my_way_queues_the_customers_message_and_where_is_the_tech_says_so(
        world: World) -> None:
    world.transcript(TOM_PHONE, [("omw 20", "Joe Okafor")])
    assert joes_job_state(world) == (JobState.EN_ROUTE, MONDAY_MORNING + timedelta(minutes=20))
    [message] = told(world, JOE)
    assert message.status is MessageStatus.QUEUED and message.contact_id == world.ids[
        "joe_contact"]
    assert "Tom from" in message.body and "about 9:50am" in message.body
    world.transcript(JOE, [("where's the tech?", "on the way")])


def test_done_completes_the_job_drafts_the_invoice_and_writes_the_timeline(world: World) -> None:
    world.clock.advance(timedelta(hours=4))  # 1:30pm, Joe's visit under way
    world.transcript(TOM_PHONE, [("here", "Checked in"),
                                 ("done, replaced the capacitor", "invoice INV-")])
    with world.uow_factory() as uow:
        visit = uow.appointments.get(world.ids["joe_today"])
        assert visit is not None and visit.status is AppointmentStatus.DONE
        job = uow.jobs.get(visit.job_id)
        assert job is not None and job.state is JobState.COMPLETED
        assert job.summary == "replaced the capacitor"
        [invoice] = uow.invoices.find(job_id=job.id)
        assert invoice.state is InvoiceState.DRAFT and invoice.total_cents == 8900
        timeline = [a.summary for a in uow.activities.find(account_id=job.account_id)]
        assert f"Invoice {invoice.number} drafted for $89.00" in timeline
        assert f"Job {job.number} on_site -> completed: replaced the capacitor" in timeline
    assert "completed your visit" in told(world, JOE)[-1].body


def test_undo_survives_between_texts_and_withdraws_the_queued_message(world: World) -> None:
    world.text(TOM_PHONE, "omw 20")
    world.clock.advance(timedelta(minutes=5))
    world.transcript(TOM_PHONE, [("my day", "en route"), ("undo", "scheduled again")])
    assert joes_job_state(world) == (JobState.SCHEDULED, None)
    assert [m.status for m in told(world, JOE)] == [MessageStatus.CANCELLED]


def test_only_the_assigned_technician_may_move_a_job(world: World) -> None:
    from domain.actors import Actor
    from domain.commands import ChangeJobState
    from domain.errors import NotFound
    from domain.parties import Channel
    from domain.staff import Role
    from tests.conversation_people import ANA

    with world.uow_factory() as uow:
        visit = uow.appointments.get(world.ids["joe_today"])
        assert visit is not None
        job_id = visit.job_id
    ana = Actor(role=Role.TECHNICIAN, channel=Channel.SMS, staff_id=world.ids["ana"])
    with pytest.raises(NotFound, match="No job of yours"):
        world.engine.bus.handle(ChangeJobState(job_id=job_id, new_state=JobState.EN_ROUTE,
                                               actor=ana))
    world.transcript(ANA, [("omw to Joe's", "can't find a visit of yours")])
    assert joes_job_state(world) == (JobState.SCHEDULED, None)
    assert told(world, JOE) == []


def test_a_named_visit_on_another_day_is_not_replaced_by_todays(world: World) -> None:
    world.transcript(TOM_PHONE, [("omw to maria rivera 20", "Maria Rivera's visit is Thu"),
                                 ("omw to sofia chen", "can't find a visit of yours")])
    assert joes_job_state(world) == (JobState.SCHEDULED, None)
    assert told(world, JOE) == []


def test_running_late_counts_from_the_planned_arrival_and_is_stored(world: World) -> None:
    world.clock.advance(timedelta(hours=3, minutes=10))  # 12:40pm; Joe expects Tom from 1pm
    world.transcript(TOM_PHONE, [("running 20 late", "new ETA 1:20pm")])
    state, eta = joes_job_state(world)
    assert state is JobState.SCHEDULED and eta == MONDAY_MORNING + timedelta(hours=3, minutes=50)
    assert told(world, JOE) == []  # still inside the 1-3pm window Joe was promised
    world.transcript(TOM_PHONE, [("running 2 hrs behind now", "new ETA 3:20pm")])
    assert "should now arrive about 3:20pm" in told(world, JOE)[-1].body


def test_done_on_a_visit_not_started_waits_for_a_yes_with_the_work_description(
        world: World) -> None:
    world.transcript(TOM_PHONE, [("done, replaced the capacitor", "hasn't started")])
    assert joes_job_state(world) == (JobState.SCHEDULED, None)
    assert told(world, JOE) == []
    world.transcript(TOM_PHONE, [("y", "invoice INV-")])
    with world.uow_factory() as uow:
        visit = uow.appointments.get(world.ids["joe_today"])
        assert visit is not None
        job = uow.jobs.get(visit.job_id)
        assert job is not None and job.state is JobState.COMPLETED
        assert job.summary == "replaced the capacitor"


def test_the_completion_text_leaves_out_shorthand_and_an_unsafe_finding_goes_to_the_office(
        world: World) -> None:
    world.clock.advance(timedelta(hours=4))
    world.text(TOM_PHONE, "here")
    world.text(TOM_PHONE, "done cracked hx, red tagged furnace, told customer needs replacment")
    body = told(world, JOE)[-1].body
    assert body.startswith("Tom from") and "has completed your visit. Your invoice" in body
    with world.uow_factory() as uow:
        [notice] = [m for m in uow.messages.find(direction=Direction.OUT, kind=MessageKind.NOTICE)
                    if m.staff_id == world.ids["dana"]]
        assert "unsafe finding: cracked hx, red tagged furnace" in notice.body


def test_a_plan_to_set_off_later_sets_nothing_en_route(world: World) -> None:
    world.transcript(TOM_PHONE, [("lunch then headed to lake st", "nothing sent yet")])
    assert joes_job_state(world) == (JobState.SCHEDULED, None)
    assert told(world, JOE) == []
    world.transcript(TOM_PHONE, [("omw 20", "Joe has been told")])
    assert joes_job_state(world) == (JobState.EN_ROUTE, MONDAY_MORNING + timedelta(minutes=20))


def test_a_note_right_after_done_is_filed_on_the_job_just_finished(world: World) -> None:
    world.clock.advance(timedelta(hours=4))
    world.text(TOM_PHONE, "here")
    world.text(TOM_PHONE, "done, replaced the capacitor")
    world.clock.advance(timedelta(minutes=2))
    world.transcript(TOM_PHONE, [("note: customer wants a quote for a softener", "Noted on J-")])
    with world.uow_factory() as uow:
        visit = uow.appointments.get(world.ids["joe_today"])
        assert visit is not None
        job = uow.jobs.get(visit.job_id)
        assert job is not None
        assert f"Note on {job.number}: customer wants a quote for a softener" in [
            a.summary for a in uow.activities.find(account_id=job.account_id)]


@pytest.mark.parametrize(("text", "arrives"), [("otw to okafors, traffic bad prob 1:15", "1:15pm"),
                                               ("omw 45", "1:15pm"),
                                               ("on my way, there by 1:20", "1:20pm")])
def test_a_new_arrival_time_while_on_the_way_is_stored_and_reaches_the_customer(
        world: World, text: str, arrives: str) -> None:
    world.clock.advance(timedelta(hours=3))  # 12:30pm
    world.text(TOM_PHONE, "omw 15")
    world.transcript(TOM_PHONE, [(text, f"ETA {arrives}")])
    assert f"should arrive about {arrives}" in told(world, JOE)[-1].body
    world.transcript(JOE, [("where is he?", f"arriving about {arrives}")])


@pytest.mark.parametrize("ask", ["when is he coming back?", "is tom coming back tomorrow?"])
def test_a_paused_jobs_customer_is_told_the_office_arranges_the_return_visit(
        world: World, ask: str) -> None:
    world.clock.advance(timedelta(hours=4))
    world.transcript(TOM_PHONE, [("here", "Checked in"), ("need a part, back tmrw", "Paused")])
    world.transcript(JOE, [(ask, "Our office will contact you to arrange it.")])
    with world.uow_factory() as uow:
        assert len(uow.jobs.find(account_id=world.ids["joe_account"])) == 1


@pytest.mark.parametrize("ask", ["did tom finish? he left", "the sink still doesnt work, is he "
                                 "coming back?"])
def test_an_open_job_the_technician_seems_to_have_left_is_checked_by_dispatch(
        world: World, ask: str) -> None:
    world.clock.advance(timedelta(hours=4))
    world.transcript(TOM_PHONE, [("here", "Checked in")])
    world.transcript(JOE, [(ask, "check with Tom")])
    with world.uow_factory() as uow:
        [notice] = [m for m in uow.messages.find(direction=Direction.OUT, kind=MessageKind.NOTICE)
                    if m.staff_id == world.ids["dana"]]
        assert "still open (on site) with Tom" in notice.body


def test_a_note_an_hour_after_the_last_job_is_done_stays_on_it_and_a_quote_wish_reaches_sales(
        world: World) -> None:
    world.clock.advance(timedelta(hours=4))
    world.transcript(TOM_PHONE, [("here", "Checked in"), ("done, replaced the trap", "completed")])
    world.clock.advance(timedelta(hours=1))
    world.transcript(TOM_PHONE, [("note: customer wants a quote for a water softener",
                                  "asked to follow up on the quote")])
    with world.uow_factory() as uow:
        visit = uow.appointments.get(world.ids["joe_today"])
        assert visit is not None
        job = uow.jobs.get(visit.job_id)
        assert job is not None
        assert f"Note on {job.number}: customer wants a quote for a water softener" in [
            a.summary for a in uow.activities.find(account_id=job.account_id)]
        assert any("Quote request from the field" in m.body
                   for m in uow.messages.find(direction=Direction.OUT, kind=MessageKind.NOTICE))


@pytest.mark.parametrize(("arrived", "paused"), [
    ("on-site, starting diagnostics", "parts on backorder, need to reschedule Joe"),
    ("I'm at Mr Okafor's", "have to stop and wait for the water co to shut the main"),
    ("in the house, starting on the sink", "cust wants to hold off till payday"),
])
def test_arrival_and_a_pause_said_in_other_words_move_the_job(
        world: World, arrived: str, paused: str) -> None:
    world.clock.advance(timedelta(hours=4))
    world.transcript(TOM_PHONE, [(arrived, "Checked in")])
    assert joes_job_state(world)[0] is JobState.ON_SITE
    world.transcript(TOM_PHONE, [(paused, "Paused")])
    assert joes_job_state(world)[0] is JobState.PAUSED


@pytest.mark.parametrize(("at_door", "back"), [
    ("here, nobody home. knocked and called twice", "sorry!! back from the store, did he leave?"),
    ("at the house, no answer at the door", "on my way back now, 5 min"),
])
def test_nobody_home_asks_the_customer_and_their_answer_reaches_tom_and_the_office(
        world: World, at_door: str, back: str) -> None:
    world.clock.advance(timedelta(hours=3, minutes=35))  # 1:05pm, Joe's window is 1-3pm
    world.transcript(TOM_PHONE, [(at_door, "nobody home at Joe Okafor")])
    asked = told(world, JOE)[-1].body
    assert "is at your door" in asked and "can't finish" not in asked
    world.clock.advance(timedelta(minutes=6))
    world.transcript(JOE, [(back, "passed your message to Tom and our office")])
    with world.uow_factory() as uow:
        passed = [m for m in uow.messages.find(direction=Direction.OUT, kind=MessageKind.NOTICE)
                  if "texted back after nobody was home" in m.body]
    assert {m.staff_id for m in passed} == {world.ids["tom"], world.ids["dana"]}
    assert all(back in m.body for m in passed)


def test_scratch_that_after_an_eta_takes_it_back_across_texts(world: World) -> None:
    world.transcript(TOM_PHONE, [("omw 20", "Joe Okafor"),
                                 ("scratch that, still loading the van", "Undone")])
    assert joes_job_state(world)[0] is JobState.SCHEDULED
    assert [m.status for m in told(world, JOE)] == [MessageStatus.CANCELLED]
