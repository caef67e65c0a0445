"""A move stays a move: a visit asked at other hours of its own day is moved, a job waiting for
its visit never takes the times asked for another visit, and a move broken off by another
request is taken up again by the next time asked for its work, never booked a second time."""

from __future__ import annotations

import re

import pytest

from tests.unit.dialogue.chat_world import MARIA, ChatWorld


def _jobs(chat: ChatWorld) -> int:
    return len(chat.uow.jobs.find())


@pytest.mark.parametrize("ask", [
    "thursday heating repair. later in the day?",
    "thu furnace repair - any later that day",
    "the heating repair on thursday, could it be earlier?",
])
def test_a_visit_asked_at_other_hours_of_its_day_is_moved(chat: ChatWorld, ask: str) -> None:
    jobs = _jobs(chat)
    said = chat.text(MARIA, ask).text
    assert "Reply 1" in said, said
    said = chat.text(MARIA, "2").text
    assert said.startswith("Done! Moved your Heating & cooling repair"), said
    assert _jobs(chat) == jobs


def test_a_job_waiting_for_its_visit_never_takes_another_visits_move(chat: ChatWorld) -> None:
    chat.text(MARIA, "approve the AC replacement quote")
    said = chat.text(MARIA, "yes").text
    assert "Approved" in said
    chat.text(MARIA, "nah")
    jobs = _jobs(chat)
    thursday = chat.visit("maria_thu").start
    said = chat.text(MARIA, "thurs heating repair. later in day?").text
    assert "AC replacement" not in said and "Reply 1" in said, said
    said = chat.text(MARIA, "2").text
    assert said.startswith("Done! Moved your Heating & cooling repair"), said
    assert _jobs(chat) == jobs
    assert chat.visit("maria_thu").start != thursday


@pytest.mark.parametrize("again", [
    "for the heating repair: friday at 1pm then",
    "I meant Friday 1pm for the furnace",
])
def test_a_move_broken_off_is_taken_up_by_the_next_time_for_its_work(chat: ChatWorld,
                                                                      again: str) -> None:
    said = chat.text(MARIA, "can the heating repair on thursday go to friday instead").text
    assert "Reply 1" in said
    said = chat.text(MARIA, "also our kitchen sink is leaking, can a plumber come wednesday?").text
    assert "Reply 1" in said  # the leak is a booking of its own
    jobs = _jobs(chat)
    said = chat.text(MARIA, again).text
    assert "Reply 1" in said and "Booked" not in said, said
    said = chat.text(MARIA, "1").text
    assert said.startswith("Done! Moved your Heating & cooling repair"), said
    assert _jobs(chat) == jobs
    assert re.search(r"Fri Mar 6", said)


def test_another_visit_asked_for_after_a_broken_off_move_is_a_booking(chat: ChatWorld) -> None:
    chat.text(MARIA, "can the heating repair on thursday go to friday instead")
    chat.text(MARIA, "also our kitchen sink is leaking, can a plumber come wednesday?")
    thursday = chat.visit("maria_thu").start
    said = chat.text(MARIA, "and another furnace repair at the same address next monday").text
    assert "Moved" not in said
    assert chat.visit("maria_thu").start == thursday


@pytest.mark.parametrize("ask", [
    "can the heating visit on the 5th move to the monday after? mornings best",
    "could we move thursday's furnace repair to the tuesday after",
])
def test_a_move_to_a_day_counted_from_the_visit_is_never_a_booking(chat: ChatWorld,
                                                                   ask: str) -> None:
    jobs = _jobs(chat)
    said = chat.text(MARIA, ask).text
    assert "Reply 1" in said and ("Mon Mar 9" in said or "Tue Mar 10" in said), said
    said = chat.text(MARIA, "1").text
    assert said.startswith("Done! Moved your Heating & cooling repair"), said
    assert _jobs(chat) == jobs


@pytest.mark.parametrize("wish", ["same day after 12 so its right after the electrical",
                                  "same day after 12, just after the electrical one"])
def test_another_visit_named_as_the_mark_for_a_time_is_no_new_booking(chat: ChatWorld,
                                                                       wish: str) -> None:
    said = chat.text(MARIA, "can the thursday heating repair be later that day").text
    assert "Reply 1" in said, said
    jobs = _jobs(chat)
    said = chat.text(MARIA, wish).text
    # that day ("same day after 12" is no day later), for the repair: no electrical booking
    assert said.startswith("We can come:\n1) Thu Mar 5, 12-2pm"), said
    said = chat.text(MARIA, "1").text
    assert said.startswith("Done! Moved your Heating & cooling repair"), said
    assert _jobs(chat) == jobs
