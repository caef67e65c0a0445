"""Every aggregate comes back from the database as it went in: enums, lines, aware UTC times."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import event

from domain.conversations import Conversation
from domain.deals import DealStage
from domain.hours import WeeklyHours
from domain.jobs import Appointment, AppointmentStatus, Job, JobState
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.money import Line
from domain.parties import AccountKind, Channel, Site
from domain.quotes import Invoice, Quote, QuoteState
from domain.staff import Role
from domain.timeline import Activity, ActivityKind
from store.uow import SqlAlchemyUnitOfWork
from tests.integration.world import MONDAY_9AM_CHICAGO, stored_deal, stored_world

CHICAGO = ZoneInfo("America/Chicago")
LINES = (Line("Blower motor", 1, 38_500), Line("Labour (hour)", 2, 12_000))


def test_people_and_places_come_back_with_their_enums_and_hours(uow_factory):
    world = stored_world(uow_factory)

    with uow_factory() as uow:
        account = uow.accounts.get(world.account_id)
        contact = uow.contacts.get(world.contact_id)
        tom = uow.staff.get(world.tom_id)
        site = uow.sites.get(world.site_id)

    assert account.kind is AccountKind.HOUSEHOLD
    assert contact.preferred_channel is Channel.SMS and contact.phone == "+13125550142"
    assert contact.events == []
    assert tom.role is Role.TECHNICIAN
    assert tom.skills == ("hvac", "plumbing") and tom.zones == ("north", "west")
    assert tom.working_hours == WeeklyHours.weekdays("07:00", "19:00")
    assert site.zone_id == "north" and site.timezone == "America/Chicago"


def test_jobs_quotes_and_invoices_keep_lines_states_and_utc_times(uow_factory):
    world = stored_world(uow_factory)
    local_eta = datetime(2026, 3, 2, 10, 30, tzinfo=CHICAGO)
    with uow_factory() as uow:
        job = uow.jobs.add(Job(account_id=world.account_id, site_id=world.site_id,
                               service_id="hvac_repair", state=JobState.EN_ROUTE, eta=local_eta,
                               lines=LINES, created_at=MONDAY_9AM_CHICAGO))
        quote = uow.quotes.add(Quote(number="Q-1042", account_id=world.account_id, lines=LINES,
                                     job_id=job.id, state=QuoteState.SENT,
                                     expires_at=MONDAY_9AM_CHICAGO + timedelta(days=14)))
        uow.invoices.add(Invoice(number="INV-1", account_id=world.account_id, job_id=job.id,
                                 lines=LINES, created_at=MONDAY_9AM_CHICAGO))
        uow.commit()

    with uow_factory() as uow:
        stored_job = uow.jobs.get(job.id)
        stored_quote = uow.quotes.first(number="Q-1042")
        invoice = uow.invoices.first(job_id=job.id)

        assert stored_job.state is JobState.EN_ROUTE
        assert stored_job.lines == LINES
        assert stored_job.eta == local_eta and stored_job.eta.tzinfo is UTC
        assert stored_job.events == []
        assert stored_quote.id == quote.id and stored_quote.state is QuoteState.SENT
        assert stored_quote.total_cents == 62_500
        assert stored_quote.expires_at == datetime(2026, 3, 16, 15, 0, tzinfo=UTC)
        assert invoice.lines == LINES and invoice.created_at.tzinfo is UTC


def test_deals_appointments_and_activities_round_trip(uow_factory):
    world = stored_world(uow_factory)
    deal_id = stored_deal(uow_factory, world)
    start = MONDAY_9AM_CHICAGO
    with uow_factory() as uow:
        deal = uow.deals.get(deal_id)
        deal.stage = DealStage.QUALIFIED
        deal.next_follow_up_at = start + timedelta(days=2)
        job = uow.jobs.add(Job(account_id=world.account_id, site_id=world.site_id,
                               service_id="hvac_repair"))
        uow.appointments.add(Appointment(
            job_id=job.id, technician_id=world.tom_id, start=start, end=start + timedelta(hours=2),
            window_start=start, window_end=start + timedelta(hours=2),
            account_id=world.account_id, zone_id="north"))
        uow.activities.add(Activity(account_id=world.account_id, kind=ActivityKind.NOTE,
                                    summary="Gate code 4411", at=start))
        uow.commit()

    with uow_factory() as uow:
        deal = uow.deals.get(deal_id)
        (appointment,) = uow.appointments.find(job_id=job.id)
        (activity,) = uow.activities.find(account_id=world.account_id)

        assert deal.stage is DealStage.QUALIFIED and deal.amount_cents == 650_000
        assert deal.next_follow_up_at == datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
        assert appointment.status is AppointmentStatus.BOOKED
        assert appointment.start == start and appointment.end.tzinfo is UTC
        assert appointment.events == []
        assert activity.kind is ActivityKind.NOTE and activity.at == start


def test_messages_and_conversations_round_trip(uow_factory):
    world = stored_world(uow_factory)
    with uow_factory() as uow:
        message = uow.messages.add(Message(
            channel=Channel.SMS, direction=Direction.OUT, address="+13125550142",
            body="Your visit is tomorrow", created_at=MONDAY_9AM_CHICAGO,
            status=MessageStatus.QUEUED, kind=MessageKind.REMINDER,
            contact_id=world.contact_id, account_id=world.account_id,
            idempotency_key="reminder:1:24h", due_at=MONDAY_9AM_CHICAGO,
            timezone="America/Chicago"))
        conversation = uow.conversations.add(Conversation(channel=Channel.SMS,
                                                          address="+13125550142"))
        conversation.start("book", "pick_time", {"service_id": "hvac_repair", "offers": [1, 2]},
                           now=MONDAY_9AM_CHICAGO,
                           expires_at=MONDAY_9AM_CHICAGO + timedelta(hours=1))
        uow.commit()

    with uow_factory() as uow:
        stored = uow.messages.get(message.id)
        found = next(iter(uow.conversations.find(channel=Channel.SMS, address="+13125550142")), None)

        assert stored.kind is MessageKind.REMINDER and stored.status is MessageStatus.QUEUED
        assert stored.direction is Direction.OUT and stored.due_at == MONDAY_9AM_CHICAGO
        assert found.id == conversation.id
        assert (found.flow, found.step) == ("book", "pick_time")
        assert found.data == {"service_id": "hvac_repair", "offers": [1, 2]}
        assert found.is_active(MONDAY_9AM_CHICAGO)
        assert next(iter(uow.conversations.find(channel=Channel.SMS, address="+13125559999")), None) is None


def test_a_conversation_notices_changes_made_inside_its_data(uow_factory):
    with uow_factory() as uow:
        conversation = uow.conversations.add(Conversation(channel=Channel.TELEGRAM,
                                                          address="4242"))
        uow.commit()
    with uow_factory() as uow:
        found = next(iter(uow.conversations.find(channel=Channel.TELEGRAM, address="4242")), None)
        found.data["name"] = "Maria"
        uow.commit()
    with uow_factory() as uow:
        assert uow.conversations.get(conversation.id).data == {"name": "Maria"}


def test_find_with_a_set_reads_the_items_matching_any_of_its_members(uow_factory):
    world = stored_world(uow_factory)

    with uow_factory() as uow:
        both = uow.sites.find(account_id=frozenset({world.account_id, world.other_account_id}))
        west = uow.sites.find(account_id=frozenset({world.account_id}), zone_id="west")
        none = uow.sites.find(account_id=frozenset())

    assert [s.id for s in both] == sorted({world.site_id, world.west_site_id, world.other_site_id})
    assert [s.id for s in west] == [world.west_site_id]
    assert none == []


def test_get_many_reads_only_the_items_the_unit_of_work_does_not_hold_yet(uow_factory):
    world = stored_world(uow_factory)
    wanted = [world.west_site_id, world.site_id, world.other_site_id]

    with uow_factory() as uow:
        held = uow.sites.get(world.site_id)
        with statements_run(uow) as statements:
            first = uow.sites.get_many(wanted)
            again = uow.sites.get_many(wanted)

    assert [s.id for s in first] == wanted and first[1] is held
    assert again == first
    assert len(statements) == 1 and "IN" in statements[0]


def test_a_lookup_is_read_once_a_transaction_until_something_is_written(uow_factory):
    world = stored_world(uow_factory)

    with uow_factory() as uow, statements_run(uow) as statements:
        first = uow.sites.find(account_id=world.account_id)
        again = uow.sites.find(account_id=world.account_id)
        reads_before_write = len(statements)
        uow.sites.add(Site(account_id=world.account_id, address="7 Elm St", city="Chicago",
                           postal_code="60614", zone_id="north", timezone="America/Chicago"))
        after_write = uow.sites.find(account_id=world.account_id)
        uow.lock_technician(world.tom_id)
        locked = len(statements)
        after_lock = uow.sites.find(account_id=world.account_id)

    assert reads_before_write == 1 and again == first and again is not first
    assert len(after_write) == len(first) + 1
    assert after_lock == after_write and len(statements) == locked + 1


@contextmanager
def statements_run(uow: SqlAlchemyUnitOfWork) -> Iterator[list[str]]:
    """The SQL statements the unit of work sends while the block runs."""
    engine = uow.session.get_bind()
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)
