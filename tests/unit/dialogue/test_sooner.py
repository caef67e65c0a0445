"""Bringing a booked visit forward moves that visit; it never books the same work twice."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.unit.dialogue.chat_world import MARIA, ChatWorld

THURSDAY_8AM = datetime(2026, 3, 5, 14, 0, tzinfo=UTC)  # Maria's heating repair with Tom


@pytest.mark.parametrize("text", ["can tom come sooner for the heating repair?",
                                  "the heating visit on thursday is too far out, can it be sooner",
                                  "tom is coming thursday right? could he come earlier"])
def test_asking_a_booked_visit_sooner_offers_earlier_times_to_move_it(chat: ChatWorld,
                                                                     text: str) -> None:
    before = chat.model()
    said = chat.text(MARIA, text).text
    assert said.startswith("Your heating & cooling repair visit is Thu Mar 5") and "Reply 1" in said
    assert "Thu Mar 5" not in said.split("To move it sooner:")[1]  # only earlier times
    assert chat.changed_since(before) == set()
    chat.transcript(MARIA, [("1", "Moved your Heating & cooling repair visit")])
    moved = chat.visit("maria_thu")
    assert moved.start < THURSDAY_8AM and len(chat.visits(MARIA)) == 2  # moved, not booked again


def test_sooner_for_the_work_being_offered_moves_its_visit_instead_of_a_second_one(
        chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("my furnace is making a grinding noise, can someone come this week",
                             "Reply 1")])
    said = chat.text(MARIA, "tom is coming thursday anyway, can he come sooner instead?").text
    assert "To move it sooner" in said
    chat.transcript(MARIA, [("1", "Moved")])
    assert len(chat.visits(MARIA)) == 2 and chat.visit("maria_thu").start < THURSDAY_8AM


def test_today_instead_of_a_visit_of_other_work_leaves_that_visit_alone(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("the outlet in the kitchen stopped working", "Reply 1")])
    said = chat.text(MARIA, "can you do today instead of waiting for the heating visit thursday").text
    assert "To move it sooner" not in said
    assert chat.visit("maria_thu").start == THURSDAY_8AM
