"""General questions answered from the company's settings, never a sign-up prompt or "not
something we can help with": whether the office is open now, its phone number, and a supposed
emergency ("if a pipe bursts on a sunday, do you come?").

The chat world's clock starts Mon Mar 2, 9am Chicago (open 7am-7pm); the demo company's phone is
+13125550100."""

from __future__ import annotations

from datetime import timedelta

from bot.nlu.text import normalize
from bot.nlu.urgency import danger_in, urgency_of
from tests.unit.dialogue.chat_world import MARIA, NEWCOMER, ChatWorld

SIGN_UP = "e.g. Maria"


def test_still_open_and_the_phone_number_are_both_answered(chat: ChatWorld) -> None:
    said = chat.text(NEWCOMER, "are u still open right now? whats the office phone number").text
    assert "open now, until 7pm" in said and "(312) 555-0100" in said
    assert "not something we can help" not in said and SIGN_UP not in said


def test_the_phone_number_alone_is_answered_to_a_customer(chat: ChatWorld) -> None:
    assert "(312) 555-0100" in chat.text(MARIA, "what number can i call").text


def test_a_call_asked_with_whether_open_says_until_when(chat: ChatWorld) -> None:
    said = chat.text(NEWCOMER, "i asked if youre open now. can a person call me").text
    assert "7pm" in said


def test_a_supposed_emergency_on_a_day_is_answered_not_signed_up(chat: ChatWorld) -> None:
    chat.clock.advance(timedelta(hours=9))  # 6pm
    for text in ("if a pipe bursts on a sunday do u have emergency service or no",
                 "if something breaks on a sunday can you come?"):
        said = chat.text(NEWCOMER, text).text
        assert "Sunday" in said and "emergency" in said and SIGN_UP not in said


def test_a_supposed_danger_is_no_danger_reported() -> None:
    for text in ("if a pipe bursts on a sunday do you have emergency service",
                 "what if my pipes burst over the weekend, do you come out"):
        assert danger_in(normalize(text)) is None and urgency_of(normalize(text)) is None
    assert danger_in(normalize("if you can come today, water is pouring in")) is not None
