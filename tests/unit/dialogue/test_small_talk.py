"""Greetings, thanks, nods and no's with nothing pending, and answers to a lapsed question."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.unit.dialogue.chat_world import JOE, MARIA, ChatWorld

MENU = ("Hi from Northwind Heating & Plumbing! I can book a visit, reschedule it, tell you where "
        "your tech is, or approve a quote.")


@pytest.mark.parametrize("greeting", ["hi", "hello", "menu"])
def test_a_greeting_gets_the_menu(chat: ChatWorld, greeting: str) -> None:
    before = chat.model()
    assert chat.text(MARIA, greeting).text.startswith(MENU)
    assert chat.changed_since(before) == set()


def test_thanks_is_answered_and_writes_nothing_to_the_conversation(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("hi", "I can book a visit")])
    conversation = chat.conversation(MARIA)
    assert conversation is not None
    stamped = conversation.state(), conversation.updated_at
    chat.clock.advance(timedelta(minutes=5))
    chat.transcript(MARIA, [("thanks", "You're welcome! Text us anytime.")])
    assert (conversation.state(), conversation.updated_at) == stamped


@pytest.mark.parametrize("nod", ["yes", "ok", "\N{THUMBS UP SIGN}"])
def test_a_nod_with_nothing_pending_is_acknowledged_not_misunderstood(chat: ChatWorld,
                                                                     nod: str) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("asdf", "didn't get that"),
                            (nod, "Great! Text us anytime if you need anything."),
                            ("qwer zxcv", "didn't get that")])  # not a second misunderstanding
    assert chat.changed_since(before) == set()


def test_a_plain_no_with_nothing_pending_is_not_a_misunderstanding(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("asdf", "didn't get that"), ("no", "OK. Text us anytime."),
                            ("qwer zxcv", "didn't get that")])
    assert chat.changed_since(before) == set()


def test_a_nod_after_a_booking_is_answered_see_you_then(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("the outlet in the kitchen stopped working", "Reply 1, 2 or 3"),
                            ("2", "Booked"),
                            ("\N{THUMBS UP SIGN}", "Great, see you then!"),
                            ("ok", "Great, see you then!")])
    chat.clock.advance(timedelta(minutes=31))
    chat.transcript(MARIA, [("ok", "Great! Text us anytime")])  # the booking is long past


@pytest.mark.parametrize("late", ["Y", "2", "no"])
def test_an_answer_to_a_lapsed_question_changes_nothing_and_says_so(chat: ChatWorld,
                                                                   late: str) -> None:
    chat.transcript(JOE, [("cancel my appointment", "Reply Y or N")])
    before = chat.model()
    chat.clock.advance(timedelta(minutes=31))
    chat.transcript(JOE, [(late, "that question has timed out, so nothing was changed")])
    assert chat.changed_since(before) == set()
    chat.transcript(JOE, [("Y", "Great! Text us anytime")])  # told once, then an ordinary nod
