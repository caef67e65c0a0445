"""The due pass over a real database (SQLite and PostgreSQL): written once, moved and cancelled
visits change what is due with no extra step, opt-outs get nothing, time travels with the clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from bot.outbox import OutboxSender
from bot.scheduler import DuePass
from domain.actors import Actor
from domain.bus import MessageBus
from domain.catalog import DEMO_CATALOG
from domain.clock import FixedClock
from domain.commands import (
    BookAppointment,
    CancelAppointment,
    ChangeJobState,
    CompleteJob,
    OptOut,
    RescheduleAppointment,
)
from domain.demo import demo_business, demo_company
from domain.due import Due, QuoteNudge, Recipient
from domain.jobs import JobState
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
from domain.quotes import Quote
from domain.staff import Role
from store.uow import SqlAlchemyUnitOfWork
from tests.fakes import DemoWorld
from tests.integration.world import MONDAY_9AM_CHICAGO, bus_on, stored_world

UowFactory = Callable[[], SqlAlchemyUnitOfWork]
PHONE = "+13125550142"  # the demo customer, Maria Rivera
VISIT = datetime(2026, 3, 9, 14, 0, tzinfo=UTC)  # Monday 09:00 in Chicago (CDT)
DISPATCH = Actor(role=Role.DISPATCHER, channel=Channel.CONSOLE)


class RecordingProvider:
    """Takes every message and remembers it, as a provider that never fails."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def send(self, *, channel: Channel, to: str, body: str) -> str:
        self.sent.append((to, body))
        return f"SM{len(self.sent):032d}"


class Scheduler:
    """A due pass and its sender sharing one clock that tests move."""

    def __init__(self, uow_factory: UowFactory, bus: MessageBus, clock: FixedClock) -> None:
        self.clock, self.provider = clock, RecordingProvider()
        business = demo_business()
        sender = OutboxSender(uow_factory=uow_factory, bus=bus,
                              providers={Channel.SMS: self.provider,
                                         Channel.TELEGRAM: self.provider},
                              business=business, clock=clock)
        self.due = DuePass(uow_factory=uow_factory, business=business, catalog=DEMO_CATALOG,
                           clock=clock, sender=sender)

    def at(self, moment: datetime) -> list[str]:
        """Run a pass at `moment`; the bodies sent to the customer."""
        self.clock._at = moment  # noqa: SLF001  # the clock travels, as in a replay
        before = len(self.provider.sent)
        self.due.run()
        return [body for to, body in self.provider.sent[before:] if to == PHONE]


@pytest.fixture
def world(uow_factory: UowFactory) -> DemoWorld:
    with uow_factory() as uow:
        uow.business.replace(demo_company())  # the catalog names the services
        uow.commit()
    return stored_world(uow_factory)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(MONDAY_9AM_CHICAGO)


@pytest.fixture
def bus(uow_factory: UowFactory, clock: FixedClock) -> MessageBus:
    return bus_on(uow_factory, clock)


@pytest.fixture
def scheduler(uow_factory: UowFactory, bus: MessageBus, clock: FixedClock) -> Scheduler:
    return Scheduler(uow_factory, bus, clock)


def book(bus: MessageBus, world: DemoWorld, start: datetime = VISIT) -> int:
    appointment_id: int = bus.handle(BookAppointment(
        account_id=world.account_id, site_id=world.site_id, service_id="hvac_repair",
        technician_id=world.tom_id, start=start, actor=DISPATCH))
    return appointment_id


def reminders(uow_factory: UowFactory) -> list[Message]:
    with uow_factory() as uow:
        return uow.messages.find(kind=MessageKind.REMINDER)


@pytest.mark.parametrize(("visit", "a_day_before", "shown"), [
    # Sunday 2026-03-08 09:00 CDT, the spring-forward day: Saturday 09:00 CST, 23 hours before.
    (datetime(2026, 3, 8, 14, 0, tzinfo=UTC), datetime(2026, 3, 7, 15, 0, tzinfo=UTC),
     "Sun Mar 8, 9-11am"),
    # Sunday 2026-11-01 09:00 CST, the fall-back day: Saturday 09:00 CDT, 25 hours before.
    (datetime(2026, 11, 1, 15, 0, tzinfo=UTC), datetime(2026, 10, 31, 14, 0, tzinfo=UTC),
     "Sun Nov 1, 9-11am"),
])
def test_the_24h_reminder_goes_once_at_the_same_local_time_across_dst(
        uow_factory: UowFactory, world: DemoWorld, bus: MessageBus, scheduler: Scheduler,
        visit: datetime, a_day_before: datetime, shown: str) -> None:
    appointment_id = book(bus, world, visit)

    assert scheduler.at(a_day_before - timedelta(minutes=1)) == []
    [sent] = scheduler.at(a_day_before)
    assert scheduler.at(a_day_before + timedelta(minutes=5)) == []  # a second pass: nothing

    assert f"{shown} with Tom Baker" in sent and "Reply Y to confirm or R" in sent
    [stored] = reminders(uow_factory)
    assert (stored.about_kind, stored.about_id, stored.status) == (
        "appointment", appointment_id, MessageStatus.SENT)


def test_a_moved_visit_is_reminded_of_its_new_time_only(
        uow_factory: UowFactory, world: DemoWorld, bus: MessageBus, clock: FixedClock,
        scheduler: Scheduler) -> None:
    appointment_id = book(bus, world)
    night_before = datetime(2026, 3, 9, 2, 0, tzinfo=UTC)  # Sunday 21:00 CDT: quiet hours
    assert scheduler.at(night_before) == []  # written, deferred to 08:00
    [queued] = [m for m in reminders(uow_factory) if m.status is MessageStatus.QUEUED]
    assert "9-11am" in queued.body

    clock._at = night_before  # noqa: SLF001
    later = VISIT + timedelta(hours=5)  # 14:00 CDT
    bus.handle(RescheduleAppointment(appointment_id=appointment_id, technician_id=world.tom_id,
                                     start=later, actor=DISPATCH))
    withdrawn = [m for m in reminders(uow_factory) if m.id == queued.id]
    assert withdrawn[0].status is MessageStatus.CANCELLED  # at once, by the move itself

    morning = datetime(2026, 3, 9, 13, 0, tzinfo=UTC)  # 08:00 CDT
    sent = scheduler.at(morning) + scheduler.at(later - timedelta(hours=2))
    assert len(sent) == 2
    assert all("2-4pm" in body and "9-11am" not in body for body in sent)
    assert "Reply Y" in sent[0] and "Reply Y" not in sent[1]


def test_moving_a_visit_back_to_its_old_time_reminds_again(
        uow_factory: UowFactory, world: DemoWorld, bus: MessageBus, clock: FixedClock,
        scheduler: Scheduler) -> None:
    appointment_id = book(bus, world)
    evening = datetime(2026, 3, 9, 1, 30, tzinfo=UTC)  # Sunday 20:30 CDT
    clock._at = datetime(2026, 3, 9, 2, 0, tzinfo=UTC)  # noqa: SLF001
    scheduler.due.run()  # 21:00: the reminder is written and waits for 08:00
    for start in (VISIT + timedelta(hours=5), VISIT):
        bus.handle(RescheduleAppointment(appointment_id=appointment_id,
                                         technician_id=world.tom_id, start=start,
                                         actor=DISPATCH))
    assert evening < clock.now()
    [sent] = scheduler.at(datetime(2026, 3, 9, 13, 0, tzinfo=UTC))
    assert "9-11am" in sent


def test_a_cancelled_visit_gets_no_reminder_and_its_queued_one_is_voided(
        uow_factory: UowFactory, world: DemoWorld, bus: MessageBus, clock: FixedClock,
        scheduler: Scheduler) -> None:
    appointment_id = book(bus, world)
    scheduler.at(datetime(2026, 3, 9, 2, 0, tzinfo=UTC))  # queued for the morning
    bus.handle(CancelAppointment(appointment_id=appointment_id, actor=DISPATCH))

    assert scheduler.at(datetime(2026, 3, 9, 13, 0, tzinfo=UTC)) == []
    assert scheduler.at(VISIT - timedelta(hours=2)) == []
    [voided] = reminders(uow_factory)
    assert (voided.status, voided.last_error) == (MessageStatus.CANCELLED,
                                                  "the visit was cancelled")


def test_after_stop_a_due_reminder_is_neither_written_nor_sent(
        uow_factory: UowFactory, world: DemoWorld, bus: MessageBus,
        scheduler: Scheduler) -> None:
    book(bus, world)
    bus.handle(OptOut(channel=Channel.SMS, address=PHONE, at=MONDAY_9AM_CHICAGO))

    assert scheduler.at(VISIT - timedelta(hours=23)) == []
    assert scheduler.at(VISIT - timedelta(hours=2)) == []
    assert reminders(uow_factory) == []
    report = scheduler.due.run()
    assert report.opted_out == 1 and report.queued == []


def test_a_reminder_queued_before_stop_is_withheld(
        uow_factory: UowFactory, world: DemoWorld, bus: MessageBus,
        scheduler: Scheduler) -> None:
    book(bus, world)
    scheduler.at(datetime(2026, 3, 9, 2, 0, tzinfo=UTC))  # queued for 08:00
    bus.handle(OptOut(channel=Channel.SMS, address=PHONE, at=MONDAY_9AM_CHICAGO))
    assert scheduler.at(datetime(2026, 3, 9, 13, 0, tzinfo=UTC)) == []
    [withdrawn] = reminders(uow_factory)
    assert withdrawn.status is MessageStatus.CANCELLED


def test_a_visit_started_before_its_deferred_reminder_could_go_is_recorded_as_dropped(
        uow_factory: UowFactory, world: DemoWorld, bus: MessageBus,
        scheduler: Scheduler) -> None:
    early = datetime(2026, 3, 10, 13, 0, tzinfo=UTC)  # Tuesday 08:00 CDT
    book(bus, world, early)
    scheduler.at(early - timedelta(hours=24))  # the 24 h one goes (Monday 08:00)
    assert scheduler.at(early - timedelta(hours=2)) == []  # 06:00: would wait until the start
    dropped = [m for m in reminders(uow_factory) if m.status is MessageStatus.CANCELLED]
    assert len(dropped) == 1 and "quiet hours" in (dropped[0].last_error or "")


def test_quotes_reviews_and_tune_ups_are_derived_from_their_rows(
        uow_factory: UowFactory, world: DemoWorld, bus: MessageBus, clock: FixedClock,
        scheduler: Scheduler) -> None:
    sent_at = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
    with uow_factory() as uow:
        quote = uow.quotes.add(Quote(number="Q-1001", account_id=world.account_id, lines=(),
                                     title="New furnace"))
        quote.send(at=sent_at)
        uow.commit()
    appointment_id = book(bus, world, datetime(2026, 3, 3, 15, 0, tzinfo=UTC))
    clock._at = datetime(2026, 3, 3, 17, 0, tzinfo=UTC)  # noqa: SLF001
    with uow_factory() as uow:
        [appointment] = uow.appointments.find(id=appointment_id)
        job_id = appointment.job_id
    tech = Actor(role=Role.TECHNICIAN, channel=Channel.SMS, staff_id=world.tom_id)
    for state in (JobState.EN_ROUTE, JobState.ON_SITE):
        bus.handle(ChangeJobState(job_id=job_id, new_state=state, actor=tech))
    bus.handle(CompleteJob(job_id=job_id, summary="Replaced the igniter", lines=(), actor=tech))

    review_time = datetime(2026, 3, 4, 16, 0, tzinfo=UTC)  # Wednesday 10:00 CST
    got = scheduler.at(review_time)
    assert any("How did we do?" in body for body in got)
    assert any("quote Q-1001" in body for body in got)  # two days unanswered
    assert scheduler.at(review_time + timedelta(hours=1)) == []  # once
    a_year_on = scheduler.at(datetime(2027, 3, 3, 16, 0, tzinfo=UTC))
    assert any("tune-up" in body.lower() for body in a_year_on)


@pytest.mark.postgres
def test_two_passes_racing_write_each_message_once(postgres_url: str) -> None:
    """ON CONFLICT DO NOTHING on PostgreSQL: two transactions writing the same keys at once."""
    from store.engine import create_db_engine, make_session_factory

    engine = create_db_engine(postgres_url)
    factory = make_session_factory(engine)
    first, second = SqlAlchemyUnitOfWork(factory), SqlAlchemyUnitOfWork(factory)

    def message(key: str, body: str) -> tuple[Due, str]:
        return Due("reminder", key, MessageKind.REMINDER, VISIT,
                   Recipient(Channel.SMS, PHONE, "America/Chicago"), "appointment", 1, None,
                   QuoteNudge("Q-1", "New furnace")), body

    try:
        with first, second:
            # Both read before either writes: neither knows the other's keys.
            assert first.messages.known_keys(["a", "b"]) == set()
            assert second.messages.known_keys(["b", "c"]) == set()
            first.messages.add_due([message("a", "first"), message("b", "first")], VISIT)
            first.commit()
            second.messages.add_due([message("b", "second"), message("c", "second")], VISIT)
            second.commit()
        with SqlAlchemyUnitOfWork(factory) as uow:
            stored = {m.idempotency_key: m.body for m in uow.messages.find()}
        assert stored == {"a": "first", "b": "first", "c": "second"}
    finally:
        engine.dispose()


def test_a_reminder_whose_visit_changed_under_it_is_withdrawn_by_the_next_pass(
        uow_factory: UowFactory, world: DemoWorld, bus: MessageBus,
        scheduler: Scheduler) -> None:
    """A visit's start changed without the domain (an import, a fix by hand): the pass itself
    withdraws the reminder naming the old time, frees its key, and reminds of the new one."""
    from sqlalchemy import update

    from store import orm

    appointment_id = book(bus, world)
    scheduler.at(datetime(2026, 3, 9, 2, 0, tzinfo=UTC))  # queued for 08:00
    later = VISIT + timedelta(hours=5)
    with uow_factory() as uow:
        uow.session.execute(update(orm.appointments).where(orm.appointments.c.id == appointment_id)
                            .values(start=later, window_start=later,
                                    window_end=later + timedelta(hours=2)))
        uow.commit()
    [sent] = scheduler.at(datetime(2026, 3, 9, 13, 0, tzinfo=UTC))
    assert "2-4pm" in sent and "9-11am" not in sent
    old = [m for m in reminders(uow_factory) if m.status is MessageStatus.CANCELLED]
    assert [m.last_error for m in old] == ["the visit was moved"]
    assert (old[0].idempotency_key or "").endswith(f":void:{old[0].id}")


def test_reminders_withdrawn_together_keep_each_its_reason_and_free_each_its_key(
        uow_factory: UowFactory) -> None:
    """A pass after a long stop withdraws many at once: each queued one is cancelled with its
    own reason and its key freed; one already sent is left as it is."""
    statuses = (MessageStatus.QUEUED,) * 3 + (MessageStatus.SENT,)
    with uow_factory() as uow:
        written = [uow.messages.add(Message(
            Channel.SMS, Direction.OUT, PHONE, "Reminder", VISIT - timedelta(days=1), status,
            MessageKind.REMINDER, idempotency_key=f"reminder:{n}:{VISIT.isoformat()}:60m"))
            for n, status in enumerate(statuses)]
        uow.commit()
    ids = [message.id or 0 for message in written]
    reasons = ["the visit was cancelled", "the visit was moved", "the visit was cancelled",
               "the visit was moved"]
    with uow_factory() as uow:
        assert uow.messages.withdraw(list(zip(ids, reasons, strict=True))) == 3
        uow.commit()

    with uow_factory() as uow:
        stored = {message.id: message for message in uow.messages.find(kind=MessageKind.REMINDER)}
    key = f"{VISIT.isoformat()}:60m"
    assert [(stored[i].status, stored[i].last_error, stored[i].idempotency_key) for i in ids] == [
        (MessageStatus.CANCELLED, reasons[0], f"reminder:0:{key}:void:{ids[0]}"),
        (MessageStatus.CANCELLED, reasons[1], f"reminder:1:{key}:void:{ids[1]}"),
        (MessageStatus.CANCELLED, reasons[2], f"reminder:2:{key}:void:{ids[2]}"),
        (MessageStatus.SENT, None, f"reminder:3:{key}")]


QUOTE_SENT = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)


def send_furnace_quote(uow_factory: UowFactory, world: DemoWorld) -> int:
    """Rita's furnace deal with its quote Q-1001 sent at QUOTE_SENT; the deal's id."""
    from domain.deals import Deal

    with uow_factory() as uow:
        deal = uow.deals.add(Deal(account_id=world.account_id, site_id=world.site_id,
                                  title="New furnace", service_id="hvac_repair",
                                  owner_id=world.other_rep_id))
        quote = uow.quotes.add(Quote(number="Q-1001", account_id=world.account_id, lines=(),
                                     title="New furnace", deal_id=deal.id))
        quote.send(at=QUOTE_SENT)
        uow.commit()
    assert deal.id is not None
    return deal.id


def test_a_quote_unanswered_for_a_week_is_flagged_stale_to_its_rep_once(
        uow_factory: UowFactory, world: DemoWorld, scheduler: Scheduler) -> None:
    sent_at = QUOTE_SENT
    send_furnace_quote(uow_factory, world)
    scheduler.at(sent_at + timedelta(days=7))
    scheduler.at(sent_at + timedelta(days=7, minutes=5))
    with uow_factory() as uow:
        told = uow.messages.find(staff_id=world.other_rep_id)
        flagged = [a.summary for a in uow.activities.find(account_id=world.account_id)
                   if "stale" in a.summary]
    stale, digest = (m for m in told if "stale" in m.body), (m for m in told if "Good" in m.body)
    assert [m.body for m in stale] == [
        "Quote Q-1001 (New furnace) has had no answer for 7 days: it is now stale. Worth a call?"]
    # Monday 10:00 in her zone: her digest went out too, once, listing what `followups` would:
    # the deal (never touched, its quote unanswered) and the quote.
    assert [m.body for m in digest] == [
        "Good morning Rita. Today:\n1 follow-up due: New furnace (Rivera...\n"
        "1 quote waiting: Q-1001 (Rivera household)"]
    assert all(m.status is MessageStatus.SENT for m in told)
    assert flagged == ["Quote Q-1001 flagged stale: no answer in 7 days; rep told"]


def test_a_quote_whose_deal_the_rep_won_is_never_nudged_flagged_or_listed(
        uow_factory: UowFactory, world: DemoWorld, bus: MessageBus, clock: FixedClock,
        scheduler: Scheduler) -> None:
    from domain.commands import MarkDealWon

    sent_at = QUOTE_SENT
    deal_id = send_furnace_quote(uow_factory, world)
    clock._at = sent_at + timedelta(hours=3)  # noqa: SLF001
    bus.handle(MarkDealWon(deal_id=deal_id, actor=Actor(role=Role.SALES, channel=Channel.SMS,
                                                        staff_id=world.other_rep_id)))
    to_customer = [body for days in (1, 2, 3, 5, 7, 8)
                   for body in scheduler.at(sent_at + timedelta(days=days))]
    assert not any("Q-1001" in body or "quote" in body.lower() for body in to_customer)
    with uow_factory() as uow:
        told = uow.messages.find(staff_id=world.other_rep_id)
        flagged = [a.summary for a in uow.activities.find(account_id=world.account_id)
                   if "stale" in a.summary]
    assert told and not any("Q-1001" in m.body for m in told) and flagged == []


@pytest.mark.parametrize("trouble", ["paused", "complaint", None])
def test_no_review_is_asked_after_a_paused_job_or_a_complaint(
        uow_factory: UowFactory, world: DemoWorld, bus: MessageBus, clock: FixedClock,
        scheduler: Scheduler, trouble: str | None) -> None:
    from domain.commands import RequestCallBack

    appointment_id = book(bus, world, datetime(2026, 3, 3, 15, 0, tzinfo=UTC))
    clock._at = datetime(2026, 3, 3, 17, 0, tzinfo=UTC)  # noqa: SLF001
    with uow_factory() as uow:
        [appointment] = uow.appointments.find(id=appointment_id)
    tech = Actor(role=Role.TECHNICIAN, channel=Channel.SMS, staff_id=world.tom_id)
    steps = [JobState.EN_ROUTE, JobState.ON_SITE]
    if trouble == "paused":
        steps += [JobState.PAUSED, JobState.ON_SITE]  # waiting on parts, then back
    for state in steps:
        bus.handle(ChangeJobState(job_id=appointment.job_id, new_state=state, actor=tech))
    if trouble == "complaint":
        bus.handle(RequestCallBack(reason="complaint: the technician was rude",
                                   channel=Channel.SMS, address=PHONE, who="Maria Rivera",
                                   account_id=world.account_id, actor=None, message_id="SM1"))
    bus.handle(CompleteJob(job_id=appointment.job_id, summary="Done", actor=tech))

    got = scheduler.at(datetime(2026, 3, 4, 16, 0, tzinfo=UTC))  # the next day, 10:00
    asked = [body for body in got if "How did we do?" in body]
    assert len(asked) == (1 if trouble is None else 0)


def test_a_customer_who_just_texted_is_not_nudged_about_the_quote(
        uow_factory: UowFactory, world: DemoWorld, scheduler: Scheduler) -> None:
    send_furnace_quote(uow_factory, world)
    with uow_factory() as uow:
        contact = uow.contacts.get(world.contact_id)
        assert contact is not None and contact.phone is not None
        uow.messages.add(Message(  # "ok thx ill think about it", a day and a half after
            channel=Channel.SMS, direction=Direction.IN, address=contact.phone, body="ok",
            created_at=QUOTE_SENT + timedelta(days=1, hours=12), status=MessageStatus.RECEIVED,
            kind=MessageKind.INBOUND, account_id=world.account_id, contact_id=contact.id))
        uow.commit()
    assert not any("Q-1001" in body for body in scheduler.at(QUOTE_SENT + timedelta(days=2)))
    with uow_factory() as uow:
        [dropped] = uow.messages.find(idempotency_key=f"quote-nudge:{quote_id(uow)}:2d")
    assert dropped.status is MessageStatus.CANCELLED and "texted" in (dropped.last_error or "")
    # Three quiet days later the next nudge goes as usual.
    assert any("Q-1001" in body for body in scheduler.at(QUOTE_SENT + timedelta(days=5)))


def quote_id(uow: SqlAlchemyUnitOfWork) -> int:
    [quote] = uow.quotes.find(number="Q-1001")
    assert quote.id is not None
    return quote.id


def test_a_quote_whose_deal_the_rep_lost_is_never_nudged_flagged_or_listed(
        uow_factory: UowFactory, world: DemoWorld, bus: MessageBus, clock: FixedClock,
        scheduler: Scheduler) -> None:
    from domain.commands import MarkDealLost

    deal_id = send_furnace_quote(uow_factory, world)
    clock._at = QUOTE_SENT + timedelta(hours=5)  # noqa: SLF001
    bus.handle(MarkDealLost(deal_id=deal_id, reason="went with their brother-in-law",
                            actor=Actor(role=Role.SALES, channel=Channel.SMS,
                                        staff_id=world.other_rep_id)))
    to_customer = [body for days in (1, 2, 3, 5, 7, 8)
                   for body in scheduler.at(QUOTE_SENT + timedelta(days=days))]
    assert not any("Q-1001" in body or "quote" in body.lower() for body in to_customer)
    with uow_factory() as uow:
        told = uow.messages.find(staff_id=world.other_rep_id)
        flagged = [a.summary for a in uow.activities.find(account_id=world.account_id)
                   if "stale" in a.summary]
    assert not any("Q-1001" in m.body for m in told) and flagged == []
