"""Greetings, thanks, nods and no's with nothing pending, and answers to a lapsed question."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.unit.dialogue.chat_world import JOE, MARIA, ChatWorld

MENU = ("Hi from Northwind Heating & Plumbing! I can book a visit, reschedule it, tell you where "
        "your tech is, or approve a quote, and answer questions about our hours, area and prices.")


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


@pytest.mark.parametrize("nod", ["Y", "yes", "ok", "\N{THUMBS UP SIGN}"])
def test_a_nod_with_nothing_pending_says_nothing_waits_and_asks_what_they_need(chat: ChatWorld,
                                                                              nod: str) -> None:
    before = chat.model()
    said = chat.text(MARIA, nod).text
    assert "Nothing is waiting for a yes" in said and "What do you need?" in said
    assert "Great" not in said and "Done" not in said
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("nod", ["yes", "ok", "\N{THUMBS UP SIGN}"])
def test_a_nod_with_nothing_pending_is_not_a_misunderstanding(chat: ChatWorld, nod: str) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("asdf", "didn't get that"),
                            (nod, "Nothing is waiting for a yes from you right now. What do you need?"),
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
    chat.transcript(MARIA, [("ok", "Nothing is waiting for a yes")])  # the booking is long past


@pytest.mark.parametrize("late", ["Y", "2", "no"])
def test_an_answer_to_a_lapsed_question_changes_nothing_and_says_so(chat: ChatWorld,
                                                                   late: str) -> None:
    chat.transcript(JOE, [("cancel my appointment", "Reply Y or N")])
    before = chat.model()
    chat.clock.advance(timedelta(minutes=31))
    chat.transcript(JOE, [(late, "that question has timed out, so nothing was changed")])
    assert chat.changed_since(before) == set()
    chat.transcript(JOE, [("Y", "Nothing is waiting for a yes")])  # told once, then an ordinary nod


def test_a_nod_after_an_answered_question_is_a_short_acknowledgement(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("what are your hours", "Mon-Fri 7am-7pm"),
                            ("ok", "Great! Text us anytime")])


def test_a_nod_after_a_complaint_says_someone_will_call_not_great(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("the tech left a mess", "I'm sorry about the mess"),
                            ("ok", "Someone from the office will call you soon")])


def test_a_nod_after_a_cancellation_is_no_see_you_then(chat: ChatWorld) -> None:
    chat.transcript(JOE, [("cancel my appointment", "Reply Y or N"), ("Y", "cancelled")])
    said = chat.text(JOE, "ok").text
    assert "see you then" not in said.lower()


@pytest.mark.parametrize("thanks", ["thanks", "thank you so much!", "thx"])
def test_thanks_is_answered_kindly(chat: ChatWorld, thanks: str) -> None:
    assert chat.text(MARIA, thanks).text == "You're welcome! Text us anytime."


def test_the_menu_names_the_questions_it_can_answer(chat: ChatWorld) -> None:
    said = chat.text(MARIA, "what can you do?").text
    assert all(word in said for word in ("hours", "area", "prices"))
    assert len(said) <= 320


def test_ok_thanks_with_nothing_pending_is_thanks(chat: ChatWorld) -> None:
    assert chat.text(MARIA, "ok thanks").text == "You're welcome! Text us anytime."


def test_a_nod_that_answers_no_pending_question_leaves_it_open(chat: ChatWorld) -> None:
    chat.transcript(JOE, [("the outlet in the kitchen stopped working", "Which address"),
                          ("ok", "Back to my question: Which address is this for?"),
                          ("1", "Reply 1, 2 or 3")])
