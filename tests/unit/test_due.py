"""What is due, derived from lean rows at a moment: offsets, quiet hours, DST, keys, windows."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain import due
from domain.demo import demo_business
from domain.due import (
    FinishedJob,
    FollowUps,
    Listed,
    QueuedReminder,
    Recipient,
    ReminderKey,
    Rep,
    UnscheduledJob,
    UpcomingVisit,
    WaitingQuote,
)
from domain.messages import MessageKind
from domain.parties import Channel

BUSINESS = demo_business()  # reminders 24 h and 2 h before; quiet hours 08:00-21:00
CHICAGO, NEW_YORK, DENVER = (ZoneInfo("America/Chicago"), ZoneInfo("America/New_York"),
                             ZoneInfo("America/Denver"))


def local(day: date, at: str, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time.fromisoformat(at), zone).astimezone(UTC)


def customer(zone: ZoneInfo = CHICAGO) -> Recipient:
    return Recipient(Channel.SMS, "+13125550142", str(zone), contact_id=1)


def visit(start: datetime, zone: ZoneInfo = CHICAGO, appointment_id: int = 7) -> UpcomingVisit:
    return UpcomingVisit(appointment_id, 1, start, start, start + timedelta(hours=2),
                         "Furnace repair", "Tom Baker", customer(zone))


def reminders_at(now: datetime, start: datetime, zone: ZoneInfo = CHICAGO) -> list[due.Due]:
    return due.visit_reminders(visit(start, zone), BUSINESS, now)


# --- Visit reminders ------------------------------------------------------------------------


def test_the_24h_reminder_asks_to_confirm_and_names_the_visits_current_window() -> None:
    start = local(date(2026, 3, 11), "09:00", CHICAGO)
    [reminder] = reminders_at(start - timedelta(hours=24), start)
    assert reminder.key == f"reminder:7:{start.isoformat()}:1440m"
    assert (reminder.kind, reminder.due_at, reminder.dropped) == (
        MessageKind.REMINDER, start - timedelta(hours=24), None)
    assert reminder.facts == due.VisitReminder("Furnace repair", "Tom Baker", start,
                                               start + timedelta(hours=2), True)
    assert (reminder.about_kind, reminder.about_id) == ("appointment", 7)


def test_nothing_is_due_before_the_first_offset_and_the_2h_reminder_does_not_ask() -> None:
    start = local(date(2026, 3, 11), "13:00", CHICAGO)
    assert reminders_at(start - timedelta(hours=24, minutes=1), start) == []
    [later] = reminders_at(start - timedelta(hours=2), start)
    assert later.key.endswith(":120m") and not later.facts.asks_confirmation  # type: ignore[union-attr]


def test_a_pass_that_missed_the_24h_reminder_sends_only_the_nearest_one() -> None:
    start = local(date(2026, 3, 11), "13:00", CHICAGO)
    found = reminders_at(start - timedelta(minutes=90), start)
    assert [r.key.rsplit(":", 1)[1] for r in found] == ["120m"]
    assert found[0].due_at == start - timedelta(minutes=90)  # due now, not in the past


def test_a_visit_already_started_gets_no_reminder() -> None:
    start = local(date(2026, 3, 11), "13:00", CHICAGO)
    assert reminders_at(start, start) == []


@pytest.mark.parametrize(("start", "expected"), [
    # Spring forward (Sun 2026-03-08, 02:00 -> 03:00): the 24 h reminder keeps 9:00 on the clock.
    ((date(2026, 3, 8), "09:00", CHICAGO), (date(2026, 3, 7), "09:00", CHICAGO)),
    ((date(2026, 3, 8), "08:30", NEW_YORK), (date(2026, 3, 7), "08:30", NEW_YORK)),
    # Fall back (Sun 2026-11-01, 02:00 -> 01:00).
    ((date(2026, 11, 1), "09:00", CHICAGO), (date(2026, 10, 31), "09:00", CHICAGO)),
    ((date(2026, 11, 1), "10:30", DENVER), (date(2026, 10, 31), "10:30", DENVER)),
])
def test_the_24h_reminder_comes_at_the_same_local_time_the_day_before_across_dst(
        start: tuple[date, str, ZoneInfo], expected: tuple[date, str, ZoneInfo]) -> None:
    begins, due_at = local(*start), local(*expected)
    assert abs(begins - due_at) != timedelta(hours=24)  # 23 or 25 real hours
    assert reminders_at(due_at - timedelta(seconds=1), begins, start[2]) == []
    [reminder] = reminders_at(due_at, begins, start[2])
    assert reminder.due_at == due_at and reminder.key.endswith(":1440m")


@pytest.mark.parametrize(("due_local", "goes_local"), [
    ("07:59", "08:00"), ("08:00", "08:00"), ("20:59", "20:59"), ("21:00", "08:00+1"),
])
def test_quiet_hours_in_the_recipients_zone_defer_a_reminder(due_local: str,
                                                             goes_local: str) -> None:
    """The server runs in UTC; the customer is in New York; the visit is two days away."""
    day = date(2026, 11, 2)
    due_at = local(day, due_local, NEW_YORK)
    start = due_at + timedelta(hours=24)
    [reminder] = reminders_at(due_at, start, NEW_YORK)
    clock, _, next_day = goes_local.partition("+")
    assert reminder.due_at == local(day + timedelta(days=int(next_day or 0)), clock, NEW_YORK)
    assert reminder.dropped is None


def test_a_reminder_that_quiet_hours_push_past_the_visit_start_is_dropped_and_says_why() -> None:
    start = local(date(2026, 3, 11), "08:00", CHICAGO)
    [reminder] = reminders_at(start - timedelta(hours=2), start)  # 06:00: quiet until 08:00
    assert reminder.dropped is not None and "quiet hours" in reminder.dropped


def test_a_reminder_due_at_6am_local_goes_at_8am_local() -> None:
    start = local(date(2026, 3, 12), "06:00", CHICAGO)
    [reminder] = reminders_at(start - timedelta(hours=24), start)
    assert reminder.due_at == local(date(2026, 3, 11), "08:00", CHICAGO)


def test_queued_reminders_of_moved_cancelled_or_started_visits_are_stale() -> None:
    start = local(date(2026, 3, 11), "13:00", CHICAGO)
    moved = start + timedelta(days=1)
    key = due.reminder_key(7, start, timedelta(hours=24))
    now = start - timedelta(hours=20)
    queued = [QueuedReminder(1, key, 7, start), QueuedReminder(2, key, 7, moved),
              QueuedReminder(3, key, 7, None)]
    assert due.stale_reminders(queued, now) == [(2, "the visit was moved"),
                                                (3, "the visit was cancelled")]
    assert due.stale_reminders(queued[:1], start) == [
        (1, "the visit started before it could go out")]


def test_a_reminder_key_reads_back() -> None:
    start = local(date(2026, 3, 8), "09:00", CHICAGO)
    key = ReminderKey.parse(due.reminder_key(12, start, timedelta(hours=24)))
    assert key == ReminderKey(12, start, timedelta(hours=24))
    assert key.asks_confirmation(BUSINESS)
    assert not ReminderKey(12, start, timedelta(hours=2)).asks_confirmation(BUSINESS)
    assert ReminderKey.parse("quote-nudge:3:2d") is None
    assert ReminderKey.parse(None) is None


# --- Quotes, reviews, tune-ups ---------------------------------------------------------------


SENT = local(date(2026, 3, 2), "15:00", CHICAGO)
REP = Recipient(Channel.TELEGRAM, "4242", "America/Chicago", staff_id=5)


def quote_due(now: datetime) -> list[str]:
    quote = WaitingQuote(3, 1, "Q-1003", "New furnace", SENT, customer(), REP)
    return [item.key for item in due.quote_follow_ups(quote, BUSINESS, now)]


def test_an_unanswered_quote_is_nudged_after_2_and_5_days_then_flagged_stale_to_its_rep() -> None:
    assert quote_due(SENT + timedelta(days=1, hours=23)) == []
    assert quote_due(SENT + timedelta(days=2)) == ["quote-nudge:3:2d"]
    assert quote_due(SENT + timedelta(days=4)) == ["quote-nudge:3:2d"]
    assert quote_due(SENT + timedelta(days=5)) == ["quote-nudge:3:5d"]
    assert quote_due(SENT + timedelta(days=7)) == ["quote-stale:3"]


def finished(**changes: object) -> FinishedJob:
    job = FinishedJob(9, 1, "hvac_repair", "Furnace repair",
                      local(date(2026, 3, 7), "16:00", CHICAGO), customer(),
                      upkeep_months=12, upkeep_service="HVAC tune-up")
    return replace(job, **changes)  # type: ignore[arg-type]


def test_a_review_is_asked_the_day_after_once_and_never_after_a_complaint_or_a_pause() -> None:
    next_day = local(date(2026, 3, 8), "10:00", CHICAGO)  # spring-forward Sunday, 10:00 CDT
    assert due.review_request(finished(), BUSINESS, next_day - timedelta(minutes=1)) == []
    [review] = due.review_request(finished(), BUSINESS, next_day)
    assert (review.key, review.due_at, review.kind) == ("review:9", next_day,
                                                         MessageKind.FOLLOW_UP)
    assert due.review_request(finished(complained=True), BUSINESS, next_day) == []
    assert due.review_request(finished(paused=True), BUSINESS, next_day) == []


def test_the_next_tune_up_is_due_at_the_services_interval_unless_one_is_booked() -> None:
    a_year_on = local(date(2027, 3, 7), "10:00", CHICAGO)
    assert due.tune_up_reminder(finished(), BUSINESS, a_year_on - timedelta(minutes=1)) == []
    [reminder] = due.tune_up_reminder(finished(), BUSINESS, a_year_on)
    assert (reminder.key, reminder.due_at) == ("tune-up:9", a_year_on)
    assert reminder.facts == due.TuneUpReminder("HVAC tune-up", "Furnace repair")
    assert due.tune_up_reminder(finished(upkeep_booked=True), BUSINESS, a_year_on) == []


def test_months_are_calendar_months() -> None:
    assert due.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert due.add_months(date(2026, 11, 1), 12) == date(2027, 11, 1)
    assert due.add_months(date(2026, 3, 15), -6) == date(2025, 9, 15)


# --- Staff: digests and unscheduled won jobs ------------------------------------------------


RITA = Rep(5, "Rita Moss", Recipient(Channel.SMS, "+13125550113", "America/Denver", staff_id=5))


def test_a_reps_digest_is_due_at_8_local_on_working_days_across_dst() -> None:
    monday_after_spring = date(2026, 3, 9)
    eight = local(monday_after_spring, "08:00", DENVER)
    assert eight == datetime(2026, 3, 9, 14, 0, tzinfo=UTC)  # 15:00 UTC the Monday before
    assert due.digest_day(RITA, BUSINESS, eight - timedelta(minutes=1)) is None
    assert due.digest_day(RITA, BUSINESS, eight) == monday_after_spring
    assert due.digest_day(RITA, BUSINESS, local(date(2026, 3, 8), "09:00", DENVER)) is None
    work = FollowUps(deals_due=Listed(1, ("Tune-up (Rivera household)",)))
    [digest] = due.rep_digest(RITA, monday_after_spring, work)
    assert (digest.key, digest.due_at) == ("digest:5:2026-03-09", eight)
    assert due.rep_digest(RITA, monday_after_spring, FollowUps()) == []


def test_yesterday_is_the_reps_local_day_23_hours_long_on_the_spring_forward_sunday() -> None:
    start, end = due.yesterday(RITA, local(date(2026, 3, 9), "08:00", DENVER))
    assert (start, end - start) == (local(date(2026, 3, 8), "00:00", DENVER), timedelta(hours=23))


def test_a_won_job_unscheduled_after_one_working_day_alerts_every_dispatcher() -> None:
    """Northwind works Saturdays 08:00-14:00 and not on Sundays."""
    dispatchers = [Recipient(Channel.SMS, "+13125550100", "America/Chicago", staff_id=8)]
    for won, alerted in ((local(date(2026, 3, 6), "15:00", CHICAGO),  # Friday afternoon
                          local(date(2026, 3, 7), "14:00", CHICAGO)),  # Saturday's closing
                         (local(date(2026, 3, 7), "10:00", CHICAGO),  # Saturday morning
                          local(date(2026, 3, 9), "10:00", CHICAGO))):  # Monday, after DST
        job = UnscheduledJob(4, 1, "Furnace repair", "Rivera household", won)
        assert due.unscheduled_alerts(job, dispatchers, BUSINESS,
                                      alerted - timedelta(minutes=1)) == []
        [alert] = due.unscheduled_alerts(job, dispatchers, BUSINESS, alerted)
        assert (alert.key, alert.kind, alert.due_at) == ("unscheduled:4:staff:8",
                                                          MessageKind.NOTICE, alerted)


def test_a_nudge_is_dropped_when_the_customer_texted_since_the_quote_and_lately() -> None:
    nudge_at = SENT + timedelta(days=2)
    day_one = SENT + timedelta(days=1)
    for texted, at, dropped in ((None, nudge_at, False), (SENT - timedelta(hours=1), nudge_at, False),
                                (day_one, nudge_at, True),
                                (nudge_at - timedelta(minutes=3), nudge_at, True),
                                (day_one, SENT + timedelta(days=5), False)):  # quiet since
        quote = WaitingQuote(3, 1, "Q-1003", "New furnace", SENT, customer(), REP,
                             last_customer_text=texted)
        [nudge] = due.quote_follow_ups(quote, BUSINESS, at)
        assert (nudge.dropped is not None) is dropped, (texted, at)
