"""Every automated message's words, at their longest: at most two SMS segments, GSM only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.dialogue.gsm import MAX_REPLY, is_gsm
from bot.scheduler_texts import render
from domain import due
from domain.messages import MessageKind
from domain.parties import Channel

LONG = "Extremely Long Name " * 12
START = datetime(2026, 11, 1, 15, 30, tzinfo=UTC)
MANY = due.Listed(250, (LONG, LONG, LONG))
FACTS: list[due.Facts] = [
    due.VisitReminder(LONG, LONG, START, START + timedelta(hours=2), True),
    due.VisitReminder(LONG, LONG, START, START + timedelta(hours=2), False),
    due.QuoteNudge("Q-" + "9" * 20, LONG),
    due.QuoteStale("Q-" + "9" * 20, LONG, 7),
    due.ReviewRequest(LONG),
    due.TuneUpReminder(LONG, LONG),
    due.RepDigest(LONG, due.FollowUps(MANY, MANY, MANY, MANY)),
    due.UnscheduledAlert(123456789, LONG, LONG),
]


@pytest.mark.parametrize("facts", FACTS, ids=lambda facts: type(facts).__name__)
def test_each_message_at_its_longest_fits_two_segments(facts: due.Facts) -> None:
    item = due.Due("x", "x", MessageKind.REMINDER, START,
                   due.Recipient(Channel.SMS, "+13125550142", "America/Chicago"), "x", 1, 1,
                   facts)
    body = render(item, LONG)
    assert len(body) <= MAX_REPLY and is_gsm(body), body


def test_a_reminder_names_the_window_in_the_recipients_zone_on_the_fall_back_day() -> None:
    item = due.Due("reminder", "k", MessageKind.REMINDER, START,
                   due.Recipient(Channel.SMS, "+13125550142", "America/Denver"), "appointment",
                   1, 1, due.VisitReminder("Furnace repair", "Tom Baker", START,
                                           START + timedelta(hours=2), True))
    assert render(item, "Northwind") == (
        "Northwind reminder: your Furnace repair visit is Sun Nov 1, 8:30-10:30am with Tom "
        "Baker. Reply Y to confirm or R to reschedule.")
