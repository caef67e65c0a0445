"""Safety first: a danger gets the safety step, an urgent dispatcher notice, then the soonest visit."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.dialogue.reply import Expect
from domain.timeline import ActivityKind
from tests.unit.dialogue.chat_world import JOE, MARIA, NEWCOMER, ChatWorld

GAS = "i smell gas near the furnace, what should i do"


def test_a_gas_smell_gets_the_safety_step_an_urgent_notice_and_no_routine_list(
        chat: ChatWorld) -> None:
    before = chat.model()
    safety, offer = chat.text(MARIA, GAS).replies
    assert "leave the house now" in safety.text.lower() and "911" in safety.text
    assert "gas utility" in safety.text and "alerted our team as urgent" in safety.text
    [notice] = chat.notices()
    assert notice.body.startswith("URGENT, call now: Maria Rivera (+13125550142) reported a gas "
                                  "smell or CO alarm at 1 Clark St, Chicago 60614")
    assert GAS in notice.body
    assert offer.expects is Expect.CHOICE and offer.text == "The soonest we can send someone:"
    assert "We can come" not in chat.text(MARIA, GAS).text
    assert chat.changed_since(before) == {"notices", "outbox", "timeline"}  # nothing booked yet


def test_the_emergency_offers_are_the_soonest_ones_within_a_day(chat: ChatWorld) -> None:
    chat.text(MARIA, GAS)
    conversation = chat.conversation(MARIA)
    assert conversation is not None and conversation.step == "pick"
    starts = [offer["start"] for offer in conversation.data["offers"]]
    assert starts == sorted(starts) and starts
    assert all(datetime.fromisoformat(s) - chat.clock.now() <= timedelta(hours=24)
               for s in starts)


def test_picking_the_soonest_visit_books_it_with_the_emergency_as_its_scope(
        chat: ChatWorld) -> None:
    chat.transcript(MARIA, [(GAS, "Reply 1, 2 or 3"), ("1", "repair on Mon Mar 2, 11am-1pm")])
    job = max(chat.uow.jobs.find(), key=lambda j: j.id or 0)
    assert job.scope == f"Emergency: {GAS}"


def test_the_timeline_notes_the_urgent_call(chat: ChatWorld) -> None:
    chat.text(MARIA, GAS, message_id="SMgas")
    note = chat.timeline(chat.ids["maria_account"])[-1]
    assert note.kind is ActivityKind.NOTE and note.provider_message_id == "SMgas"
    assert note.summary.startswith("URGENT: Customer reported a gas smell or CO alarm")


@pytest.mark.parametrize(("text", "step"), [
    ("there's smoke coming out of the breaker panel", "shut off the breaker"),
    ("the outlet in the kitchen is sparking", "call 911"),
    ("pipe burst in the basement, water everywhere", "Shut off the water main"),
    ("CO alarm going off in the hallway", "leave the house now"),
    ("no heat and it's freezing, we have a newborn", "Keep everyone warm"),
])
def test_each_danger_gets_the_safety_step_that_fits_it(chat: ChatWorld, text: str,
                                                       step: str) -> None:
    first = chat.text(MARIA, text).replies[0]
    assert step.lower() in first.text.lower()
    assert chat.notices()[0].body.startswith("URGENT")


def test_a_danger_wins_over_a_pending_booking_question(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("my ac is not cooling", "We can come:"),
                            ("wait now i smell gas", "leave the house now")])
    conversation = chat.conversation(MARIA)
    assert conversation is not None and conversation.data["scope"] == "Emergency: wait now i smell gas"
    assert [n.body[:6] for n in chat.notices()] == ["URGENT"]


def test_a_danger_wins_over_what_else_the_text_asks(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("cancel my thursday visit, the basement is flooding",
                             "Shut off the water main")])
    assert chat.changed_since(before) == {"notices", "outbox", "timeline"}  # no visit cancelled


def test_with_nothing_free_soon_the_office_calls_instead_of_a_list(chat: ChatWorld) -> None:
    # Ana, the only electrician, works Wednesday to Friday: nothing within a day of Monday 9am.
    said = chat.text(MARIA, "the outlet in the kitchen is sparking")
    assert said.replies[-1].expects is Expect.TEXT
    assert "will call you right away" in said.text and "Reply 1" not in said.text
    conversation = chat.conversation(MARIA)
    assert conversation is None or conversation.flow is None


def test_a_customer_with_two_addresses_is_called_instead_of_guessing_the_address(
        chat: ChatWorld) -> None:
    chat.transcript(JOE, [("the basement is flooding!!", "will call you right away")])
    assert "5 Lake St" not in chat.notices()[0].body  # which address is for the call to settle


def test_a_new_number_gets_the_safety_step_before_any_sign_up_question(chat: ChatWorld) -> None:
    before = chat.model()
    safety, details = chat.text(NEWCOMER, "i smell gas").replies
    assert "leave the house now" in safety.text.lower()
    assert "name and the service address" in details.text
    [notice] = chat.notices()
    assert notice.body.startswith(f"URGENT, call now: A new number ({NEWCOMER}) reported a gas "
                                  "smell or CO alarm")
    assert chat.changed_since(before) == {"notices", "outbox"}  # no account yet


def test_a_new_number_that_signs_up_after_an_emergency_gets_the_soonest_times(
        chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("i smell gas", "leave the house now"),
        ("Linda Park, 2231 W Roscoe St, Chicago 60618", "The soonest we can send someone:"),
        ("1", "repair on Mon Mar 2, 11am-1pm"),
    ])
    assert len(chat.notices()) == 1  # the urgent one, not a second


@pytest.mark.parametrize("text", [
    "no gas smell anymore", "the smoke detector needs a battery", "gas furnace tune-up please",
    "not flooding, just a slow drip under the sink",
])
def test_a_denied_or_harmless_mention_is_not_treated_as_an_emergency(chat: ChatWorld,
                                                                    text: str) -> None:
    said = chat.text(MARIA, text).text
    assert "911" not in said and "water main" not in said
    assert not any(n.body.startswith("URGENT") for n in chat.notices())


def test_a_hurried_request_gets_the_soonest_times_first_and_says_so(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("leak under the kitchen sink, can someone come asap",
                             "Here are our soonest times:\n1) Mon Mar 2, 11am-1pm with Tom")])
    assert chat.notices() == []  # a hurry is not a danger: no dispatcher alarm


def test_a_hurried_request_naming_another_day_keeps_that_day(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("water heater leaking, can you come thursday",
                             "1) Thu Mar 5")])


def test_a_hurried_request_for_a_day_gone_by_is_told_so(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("can someone fix my leaking sink yesterday?", "That time has passed")])


def test_a_hurried_request_for_today_gets_todays_soonest_times(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("water heater leaking, can you come today",
                             "Here are our soonest times:\n1) Mon Mar 2")])


@pytest.mark.parametrize("text", ["my furnace stopped working last night, can someone come",
                                  "the sink started leaking yesterday, need a plumber",
                                  "the drain clogged last week, can you send someone"])
def test_a_past_day_telling_the_problem_is_no_wish_gone_by(chat: ChatWorld, text: str) -> None:
    said = chat.text(MARIA, text).text
    assert "That time has passed" not in said and "Reply 1" in said


@pytest.mark.parametrize("tonight", ["the main is off. can somebody come tonight?",
                                     "can a plumber get here tonight"])
def test_tonight_after_a_danger_gets_the_soonest_times_saying_none_is_tonight(
        chat: ChatWorld, tonight: str) -> None:
    chat.clock.advance(timedelta(hours=10, minutes=30))  # Monday 7:30pm
    chat.transcript(MARIA, [("a pipe burst in the kitchen", "Shut off the water main")])
    said = chat.text(MARIA, tonight).text
    assert "Nobody is free tonight" in said and "The soonest we can send someone" in said
    assert "Nothing is free then" not in said and "5-7pm" not in said


def test_a_question_naming_tonight_while_times_are_offered_is_no_new_search(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("a pipe burst in the kitchen", "The soonest we can send someone")])
    before = chat.model()
    said = chat.text(MARIA, "is it safe to stay in the house tonight?").text
    assert "Nothing is free then" not in said and "Booked" not in said
    assert chat.changed_since(before) <= {"notices", "outbox", "timeline"}


def test_a_bare_day_asked_while_times_are_offered_is_still_a_new_wish(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("the outlet in the kitchen stopped working", "Reply 1"),
                            ("no, friday afternoon?", "Fri Mar 6")])
