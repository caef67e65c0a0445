"""Technicians' texts from the field that name a customer or ask about their own visit: a delay
said beside setting off with no time, an ETA as a clock time at a customer named, a fresh ETA
while on the way, and questions about the visit (address, access, phone) answered from the
technician's own schedule only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.jobs import JobState
from tests.unit.dialogue.chat_world import JOE, TOM, ChatWorld
from tests.unit.dialogue.test_technician_flow import add_visit, day, job_of, told

__all__ = ["day"]  # the fixture, shared with the technician flow's tests


@pytest.mark.parametrize("text", ["omw to okafor, running a bit behind", "omw, running behind"])
def test_setting_off_behind_with_no_time_tells_the_customer_of_the_delay(
        day: ChatWorld, text: str) -> None:
    day.clock.advance(timedelta(hours=3, minutes=30))  # 12:30pm, Joe's window opens at 1pm
    answer = day.text(TOM, text).text
    assert job_of(day, "joe_today").state is JobState.EN_ROUTE
    assert "Joe has been told you're running behind" in answer
    [message] = told(day, JOE)
    assert "on the way, running a little behind" in message.body


@pytest.mark.parametrize("text", ["prob 1:45 at okafor", "maybe 1:45 at joes"])
def test_a_hedged_clock_time_at_a_customer_named_is_an_arrival_asked_about(
        day: ChatWorld, text: str) -> None:
    day.clock.advance(timedelta(hours=3, minutes=30))  # 12:30pm, Joe's window opens at 1pm
    before = day.model()
    day.transcript(TOM, [(text, "Reply Y to tell Joe you're on the way and should arrive about "
                                "1:45pm")])
    assert day.changed_since(before) == set()
    day.transcript(TOM, [("y", "ETA 1:45pm. Joe has been told")])
    assert told(day, JOE)[-1].body.endswith("should arrive about 1:45pm.")


def test_a_hedged_bound_is_no_arrival(day: ChatWorld) -> None:
    before = day.model()
    day.text(TOM, "prob 2 at the earliest")
    assert day.changed_since(before) == set() and told(day, JOE) == []


@pytest.mark.parametrize("text", ["its 2 more min", "like 5 more mins"])
def test_minutes_more_while_on_the_way_are_a_fresh_eta_from_now(day: ChatWorld, text: str) -> None:
    day.clock.advance(timedelta(hours=3, minutes=30))  # 12:30pm
    day.text(TOM, "omw 20")
    minutes = int(text.split()[1])
    day.clock.advance(timedelta(minutes=15))
    answer = day.text(TOM, text).text
    assert "Joe has been told" in answer
    job = job_of(day, "joe_today")
    assert job.eta == day.clock.now() + timedelta(minutes=minutes)
    assert told(day, JOE)[-1].body.endswith(f"should arrive about 12:{45 + minutes}pm.")


# --- questions about one's own visit ------------------------------------------------------------


@pytest.mark.parametrize(("text", "fact"), [
    ("whats the address for fischer", "42 Elm St, Chicago"),
    ("gate code for the fischer job?", "Side gate, code 4412"),
    ("whats the phone # for my 1pm", JOE),
    ("whats the phone number for okafor", JOE),
])
def test_a_question_about_an_own_visit_is_answered_from_it(day: ChatWorld, text: str,
                                                          fact: str) -> None:
    before = day.model()
    answer = day.text(TOM, text).text
    assert fact in answer
    assert day.changed_since(before) == set()


def test_a_question_naming_another_technicians_visit_reveals_nothing(day: ChatWorld) -> None:
    before = day.model()
    answer = day.text(TOM, "whats the address for lopez?").text
    assert "Pine" not in answer and "Lopez" not in answer
    assert "don't see that on your schedule" in answer
    assert day.changed_since(before) == set()


def test_a_fact_given_is_still_a_note(day: ChatWorld) -> None:
    answer = day.text(TOM, "gate code 7781 at okafor").text
    assert answer.startswith("Noted")


# --- a first name that is not one's own visit's ------------------------------------------------


@pytest.fixture
def two_alvarezes(day: ChatWorld) -> ChatWorld:
    """Tom has Elena Alvarez at 11am; Ana has Grace Alvarez at 4pm, both today."""
    add_visit(day, "elena", "Elena Alvarez", "+13125550191", "2644 W Roscoe St", "hvac_repair",
              "tom", datetime(2026, 3, 2, 17, 0, tzinfo=UTC))
    add_visit(day, "grace", "Grace Alvarez", "+13125550192", "3822 N Clark St", "electrical",
              "ana", datetime(2026, 3, 2, 22, 0, tzinfo=UTC))
    return day


@pytest.mark.parametrize("text", ["omw to grace alvarez", "heading to grace alvarez now",
                                  "omw to grace alvarez, 20 min", "here at grace alvarez's",
                                  "whats the address for grace alvarez",
                                  "heading to grace alvarez place on the north side now"])
def test_a_first_name_not_ones_own_is_refused_without_revealing(two_alvarezes: ChatWorld,
                                                               text: str) -> None:
    before = two_alvarezes.model()
    answer = two_alvarezes.text(TOM, text).text
    assert two_alvarezes.changed_since(before) == set()
    assert "Clark" not in answer and "Ana" not in answer
    assert "Elena" not in answer or "don't see that" in answer or "can't find" in answer


def test_a_phone_asked_for_no_customer_is_no_visits(day: ChatWorld) -> None:
    answer = day.text(TOM, "need the phone # for the supply house").text
    assert JOE not in answer
