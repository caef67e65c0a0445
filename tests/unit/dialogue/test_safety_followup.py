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


@pytest.mark.parametrize("text", [
    "nobody called yet",
    "its been 20 min, still no call",
    "we haven't heard from anyone. how soon can someone get here",
    "is anybody on call tonight?",
])
def test_waiting_for_the_urgent_call_tells_the_team_again_and_keeps_the_times(
        chat: ChatWorld, text: str) -> None:
    chat.text(MARIA, BURST)
    said = chat.text(MARIA, text)
    assert "our team" in said.text and "urgent" in said.text and "call you right away" in said.text
    assert "still open" in said.text and said.replies[-1].expects is Expect.CHOICE
    urgent = [n for n in chat.notices() if n.body.startswith("URGENT")]
    assert len(urgent) == 2 and "urgent call" in urgent[-1].body
    assert "Booked" in chat.text(MARIA, "1").text


def test_waiting_for_the_call_beside_a_move_tells_the_team_and_the_move_goes_on(
        chat: ChatWorld) -> None:
    chat.text(MARIA, "no heat and its 5 below tonight, thermostat says 50 inside")
    said = chat.text(MARIA, "still no call. can my thursday visit be moved up?").text
    assert said.startswith("I'm sorry nobody has called yet") and "Thu" in said
    assert len([n for n in chat.notices() if n.body.startswith("URGENT")]) == 2


@pytest.mark.parametrize("text", ["nvm false alarm, sorry!",
                                  "it was just the low battery chirp, all good",
                                  "never mind, it was only the battery"])
def test_a_false_alarm_tells_the_team_drops_the_emergency_offers_and_forgets_the_danger(
        chat: ChatWorld, text: str) -> None:
    chat.text(MARIA, "the co alarm is going off")
    said = chat.text(MARIA, text)
    assert said.text.startswith("Glad it was a false alarm") and "Reply" not in said.text
    assert "false alarm" in chat.notices()[-1].body and not chat.notices()[-1].body.startswith(
        "URGENT")
    assert "leave the house" not in chat.text(MARIA, "should i turn the furnace off?").text


def test_a_danger_cleared_by_the_fire_department_lets_them_back_in(chat: ChatWorld) -> None:
    chat.text(MARIA, GAS)
    said = chat.text(MARIA, "fire dept left, they said the gas is cleared. ok to use a space heater?")
    assert "you can go back in" in said.text and "space heater is OK" in said.text
    assert "Stay outside" not in said.text


@pytest.mark.parametrize(("danger", "question", "answer"), [
    ("burning smell from the vents when the furnace kicks on",
     "prob just dust burning off? first time we turned it on", "dusty burning smell is common"),
    (BURST, "water is near the furnace, is it ok to leave it running", "turn it off at its switch"),
    ("no heat and it's 3 degrees out", "should we leave the faucets dripping?", "cabinet doors"),
])
def test_a_question_about_the_danger_gets_its_own_answer(chat: ChatWorld, danger: str,
                                                         question: str, answer: str) -> None:
    chat.text(MARIA, danger)
    assert answer in chat.text(MARIA, question).text


def test_a_step_taken_naming_the_trade_is_news_not_a_booking(chat: ChatWorld) -> None:
    chat.text(NEWCOMER, "sparks coming out of the outlet!!")
    said = chat.text(NEWCOMER, "ok i flipped the breaker for the outlet, its off now").text
    assert said.startswith("Good, keep that breaker off") and "Happy to help" not in said


@pytest.mark.parametrize("zip_text", [
    "60618. ok i got the valve closed, water stopped",
    "zip is 60618, main is off now",
])
def test_a_zip_sent_with_news_completes_an_emergency_sign_up(chat: ChatWorld,
                                                             zip_text: str) -> None:
    chat.transcript(NEWCOMER, [
        ("water pouring out of the ceiling, pipe burst upstairs", "water main"),
        ("Dee Novak 2231 W Roscoe St", "ZIP"),
    ])
    said = chat.text(NEWCOMER, zip_text).text
    assert "keep the main off" in said.lower()
    assert "2231 W Roscoe St" in said and "name and the service address" not in said
    assert chat.contact(NEWCOMER) is not None


def test_a_street_without_zip_and_only_news_creates_no_account(chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("basement is flooding, a pipe burst", "water main"),
        ("Dee Novak 2231 W Roscoe St", "ZIP"),
        ("turned the main off, its stopped", "keep the main off"),
    ])
    assert chat.contact(NEWCOMER) is None


def test_anyone_coming_after_the_water_is_off_gets_the_times_again_not_the_step(
        chat: ChatWorld) -> None:
    chat.text(MARIA, BURST)
    chat.text(MARIA, "ok i shut the main off")
    said = chat.text(MARIA, "so is anybody coming today or what").text
    assert "Shut off the water main now" not in said
    assert "1)" in said


def test_made_safe_then_asking_for_the_repair_offers_a_visit_without_a_second_notice(
        chat: ChatWorld) -> None:
    chat.text(MARIA, "smells like gas by the water heater")
    notices = len(chat.notices())
    said = chat.text(MARIA, "peoples gas came and capped the line. can you send someone to "
                               "repair it").text
    assert "What do you need help with" not in said
    assert "1)" in said and "leave the house" not in said.lower()
    assert len(chat.notices()) == notices


def test_how_long_till_they_call_is_answered_with_no_second_notice(chat: ChatWorld) -> None:
    chat.text(MARIA, SPARKS)
    notices = len(chat.notices())
    said = chat.text(MARIA, "how soon will somebody call me?").text
    assert "call you right away" in said
    assert len(chat.notices()) == notices


@pytest.mark.parametrize("question", [
    "should we cancel the friday electrician since someone is coming anyway",
    "should i skip friday's visit then?",
    "not sure if we should cancel the electrical one on friday",
])
def test_whether_to_cancel_a_visit_is_answered_and_nothing_changes(chat: ChatWorld,
                                                                  question: str) -> None:
    chat.text(MARIA, SPARKS)
    before = chat.model()
    said = chat.text(MARIA, question).text
    assert "Fri Mar 6" in said and "cancel" in said
    assert "We can come" not in said and "Reply Y" not in said
    assert chat.changed_since(before) <= {"outbox"}


def test_fine_now_drops_the_emergency_and_its_times(chat: ChatWorld) -> None:
    chat.text(MARIA, BURST)
    said = chat.text(MARIA, "actually it's all fine now, just a loose hose, i tightened it").text
    assert "no longer an emergency" in said and "water main" not in said
    assert "1)" not in said
    conversation = chat.conversation(MARIA)
    assert conversation is None or "danger" not in conversation.data
    assert "Booked" not in chat.text(MARIA, "1").text


def test_a_zip_joined_to_news_completes_the_sign_up(chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("our co detector is beeping like crazy", "leave the house"),
        ("Sam Ortiz", "address"),
        ("2231 W Roscoe St", "ZIP"),
        ("60618 and the firemen are here now", "2231 W Roscoe St, Chicago 60618"),
    ])
    assert chat.contact(NEWCOMER) is not None


def test_is_someone_coming_after_a_danger_the_office_calls_about_says_so(chat: ChatWorld) -> None:
    chat.text(MARIA, SPARKS)
    notices = len(chat.notices())
    said = chat.text(MARIA, "is anybody coming out?").text
    assert "call you right away" in said and "Thu Mar 5" not in said
    assert len(chat.notices()) == notices
