"""Closing words get a short kind answer, change nothing, and are never misunderstood."""

from __future__ import annotations

import pytest

from tests.unit.dialogue.chat_world import MARIA, NEWCOMER, ChatWorld

# Maria's visits: Thu 5 Mar (heating repair) and Fri 6 Mar (electrical); it is Mon 2 Mar.


@pytest.mark.parametrize("text", ["see you thursday", "ok thanks, see ya thursday!",
                                  "great see u thursday"])
def test_see_you_on_a_visit_day_confirms_that_visit(chat: ChatWorld, text: str) -> None:
    before = chat.model()
    said = chat.text(MARIA, text).text
    assert "See you then" in said and "Thu Mar 5" in said and "didn't get" not in said
    assert chat.changed_since(before) == set()


def test_see_you_on_a_day_with_no_visit_says_which_one_is_booked(chat: ChatWorld) -> None:
    said = chat.text(MARIA, "see you wednesday").text
    assert "don't have a visit for you on Wednesday" in said and "Thu Mar 5" in said


@pytest.mark.parametrize("text", ["bye", "ok bye", "talk soon", "have a good one", "see you then",
                                  "thanks, looking forward to it"])
def test_a_goodbye_is_answered_kindly(chat: ChatWorld, text: str) -> None:
    before = chat.model()
    said = chat.text(MARIA, text).text
    assert "didn't get" not in said and "Text us anytime" in said
    assert chat.changed_since(before) == set() and chat.notices() == []


@pytest.mark.parametrize("text", ["oops wrong number sorry", "wrong number", "sorry wrong person"])
def test_a_wrong_number_is_let_go_without_a_sign_up_or_a_promised_call(chat: ChatWorld,
                                                                       text: str) -> None:
    before = chat.model()
    chat.transcript(NEWCOMER, [("yes", "name"), (text, "No problem"), ("ok bye", "Text us anytime")])
    assert chat.changed_since(before) == set() and chat.notices() == []
    assert chat.contact(NEWCOMER) is None


@pytest.mark.parametrize("text", ["nvm", "no thanks", "n thanks", "never mind",
                                  "nah forget it", "nope, never mind", "meh nvm"])
def test_a_stranger_saying_never_mind_is_no_name_and_gets_no_sign_up_form(chat: ChatWorld,
                                                                          text: str) -> None:
    chat.transcript(NEWCOMER, [("do u cover 60614", "Yes, we serve 60614"), (text, "Text us anytime")])
    assert chat.contact(NEWCOMER) is None


def test_a_goodbye_while_a_booking_question_waits_leaves_it_to_that_question(
        chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("the outlet in the kitchen stopped working", "Reply 1, 2 or 3"),
                            ("bye", "")])
    assert chat.visits(MARIA) == [chat.visit("maria_thu"), chat.visit("maria_fri")]
