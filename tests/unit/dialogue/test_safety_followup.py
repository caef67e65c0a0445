"""A danger reported stays known: safety questions get its step again, the times stay open."""

from __future__ import annotations

import pytest

from bot.dialogue.reply import Expect
from tests.unit.dialogue.chat_world import MARIA, NEWCOMER, ChatWorld

GAS = "i smell gas in the basement"
BURST = "a pipe burst under the sink, water everywhere"
SPARKS = "the outlet in the kitchen is sparking"


@pytest.mark.parametrize(("danger", "question", "step"), [
    (GAS, "should i open the windows?", "leave the house now"),
    (GAS, "do we have to get out??", "leave the house now"),
    (GAS, "is it safe to stay inside", "leave the house now"),
    (BURST, "how can i shut the water off", "water main"),
    (BURST, "what do i do now", "water main"),
])
def test_a_safety_question_after_a_danger_gets_its_step_and_the_times_stay_open(
        chat: ChatWorld, danger: str, question: str, step: str) -> None:
    chat.text(MARIA, danger)
    before = chat.model()
    said = chat.text(MARIA, question)
    assert step in said.text.lower()
    assert "still open" in said.text and said.replies[-1].expects is Expect.CHOICE
    assert "Which time suits you" not in said.text
    assert chat.changed_since(before) <= {"outbox"}  # nothing booked, no second notice
    assert "Booked" in chat.text(MARIA, "1").text  # the times were kept


@pytest.mark.parametrize("text", [
    "2 please. what should i do in the meantime?",
    "the second one, should i keep the water off till then?",
])
def test_a_pick_told_with_a_safety_question_is_booked_and_answered(chat: ChatWorld,
                                                                   text: str) -> None:
    chat.text(MARIA, BURST)
    offered = chat.conversation(MARIA)
    assert offered is not None
    second = offered.data["offers"][1]["start"]
    said = chat.text(MARIA, text).text
    assert "water main" in said and "Booked" in said
    booked = [a for a in chat.uow.appointments.find() if a.start.isoformat() == second]
    assert len(booked) == 1


def test_a_safety_question_while_the_office_is_calling_gets_the_step_alone(
        chat: ChatWorld) -> None:
    chat.text(MARIA, SPARKS)  # no electrician free within a day: the office calls
    before = chat.model()
    said = chat.text(MARIA, "should i unplug everything? could it catch fire")
    assert "breaker" in said.text and said.replies[-1].expects is Expect.TEXT
    assert chat.changed_since(before) <= {"outbox"}


def test_a_new_number_asking_what_to_do_before_signing_up_gets_the_step_and_the_sign_up_again(
        chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("theres a gas smell in the hallway", "leave the house now"),
        ("do i need to get out of the house?", "leave the house now"),
        ("Linda Park, 2231 W Roscoe St, Chicago 60618", "The soonest we can send someone:"),
    ])
    assert len(chat.notices()) == 1


def test_a_hurry_after_a_danger_gets_a_reminder_and_the_soonest_times(chat: ChatWorld) -> None:
    chat.text(MARIA, BURST)
    said = chat.text(MARIA, "can someone come tonight?").text
    assert "water main" in said and "no openings" not in said
    assert "1)" in said


def test_a_question_without_a_danger_reported_is_not_answered_with_a_safety_step(
        chat: ChatWorld) -> None:
    chat.text(MARIA, "my ac is not cooling, can you come thursday")
    said = chat.text(MARIA, "should i turn it off till then?").text
    assert "911" not in said and "water main" not in said and "breaker" not in said


@pytest.mark.parametrize("text", [
    "AC died and its 97 in here, my dad is 88",
    "ac quit, 96 inside and we have a newborn",
    "no ac in this heat wave and my grandma lives with us",
])
def test_no_cooling_in_the_heat_with_someone_vulnerable_is_an_urgent_emergency(
        chat: ChatWorld, text: str) -> None:
    said = chat.text(MARIA, text).text
    assert "coolest room" in said and "911" in said
    assert any(n.body.startswith("URGENT") for n in chat.notices())


def test_no_cooling_without_anyone_at_risk_is_not_an_emergency(chat: ChatWorld) -> None:
    said = chat.text(MARIA, "ac died and its 90 in here, can you come asap").text
    assert "911" not in said
    assert not any(n.body.startswith("URGENT") for n in chat.notices())


@pytest.mark.parametrize("text", ["do i need to be home for the tech", "is it ok if he comes at 9",
                                  "can i call you back later"])
def test_a_question_about_the_visit_after_a_danger_is_not_answered_with_the_step_again(
        chat: ChatWorld, text: str) -> None:
    chat.text(MARIA, BURST)
    assert "water main" not in chat.text(MARIA, text).text


def test_no_cooling_on_a_hot_day_with_someone_vulnerable_counts_with_the_heat_told_outside(
        chat: ChatWorld) -> None:
    said = chat.text(MARIA, "ac broke, its 101 out and my grandma is 90").text
    assert "coolest room" in said
