"""Questions after a booking or a request: reminders, and when the office will call."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.dialogue.follow_ups import before_visit
from tests.unit.dialogue.chat_world import JOE, MARIA, ChatWorld


@pytest.mark.parametrize("text", ["thanks! will I get a reminder?", "do you send reminders",
                                  "will you text me before he comes?", "any reminder the day before?",
                                  "will i get a text before?"])
def test_a_reminder_question_is_answered_from_the_business_reminder_times(chat: ChatWorld,
                                                                          text: str) -> None:
    before = chat.model()
    said = chat.text(MARIA, text).text
    assert said.startswith("Yes, we'll text you a reminder the day before and 2 hours before")
    assert "Thu Mar 5" in said  # her next visit
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize(("offset", "said"), [
    (timedelta(hours=24), "the day before"), (timedelta(hours=48), "2 days before"),
    (timedelta(hours=2), "2 hours before"), (timedelta(hours=1), "an hour before"),
    (timedelta(minutes=30), "30 minutes before"),
])
def test_each_reminder_offset_is_said_in_words(offset: timedelta, said: str) -> None:
    assert before_visit(offset) == said


@pytest.mark.parametrize("text", ["ok and whats he fixing, remind me?",
                                  "remind me when my appointment is"])
def test_remind_me_of_something_is_no_reminder_question(chat: ChatWorld, text: str) -> None:
    assert "we'll text you a reminder" not in chat.text(MARIA, text).text


@pytest.mark.parametrize("text", ["how long until i hear back with a price", "when will they call",
                                  "when will someone get back to me?"])
def test_when_will_i_hear_back_after_a_request_says_when_the_office_calls(chat: ChatWorld,
                                                                          text: str) -> None:
    chat.transcript(JOE, [("can you send me a quote for a new water heater", "quote")])
    before = chat.model()
    said = chat.text(JOE, text).text  # Monday 9am: the office is open
    assert said.startswith("Someone from the office will call you today") and "7pm" in said
    assert chat.changed_since(before) == set()


def test_when_will_they_call_with_the_office_closed_names_the_opening(chat: ChatWorld) -> None:
    chat.clock.advance(timedelta(hours=11))  # Monday 8pm
    chat.transcript(JOE, [("i want to talk to a manager", "will call you")])
    said = chat.text(JOE, "when will they call?").text
    assert "closed right now" in said and "tomorrow at 7am" in said


def test_when_will_they_call_with_no_request_made_is_not_answered_so(chat: ChatWorld) -> None:
    assert "Someone from the office will call you today" not in chat.text(JOE, "when will they call").text
