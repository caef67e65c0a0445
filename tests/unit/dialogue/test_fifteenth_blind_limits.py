"""Time limits said when moving a visit: "after 1" is a bound met only by windows starting at
1pm or later (never 1am, even beside "in the morning"), and a fallback hanging on a question
("anything tmrw afternoon? if not friday after 1 is fine") picks no time before the answer."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest

from bot.dialogue.offers import _hangs_on_what_is_open, says_open_start, time_told_beside_question
from bot.nlu.text import normalize
from bot.nlu.when import resolve_when

TODAY = date(2026, 12, 9)


@pytest.mark.parametrize("text", [
    "the drain guy tomorrow, can he come later instead, like after 1? i have a dentist appt in the morning",
    "no thats morning, i said after 1",
])
def test_after_a_small_hour_beside_morning_is_the_afternoon(text: str) -> None:
    when = resolve_when(normalize(text), TODAY) or {}
    assert when.get("start") == "13:00"


def _turn(text: str) -> SimpleNamespace:
    return SimpleNamespace(text=text, now=datetime(2026, 12, 9, 16, 20, tzinfo=UTC),
                           timezone="America/Chicago")


@pytest.mark.parametrize("text", [
    "is there anything tmrw afternoon at all? if not friday after 1 is fine",
    "anything thursday? otherwise friday at 2 works",
])
def test_a_fallback_beside_a_question_is_no_pick(text: str) -> None:
    assert time_told_beside_question(_turn(text)) is None  # type: ignore[arg-type]


def test_a_time_of_its_own_beside_a_question_is_still_a_pick() -> None:
    when = time_told_beside_question(_turn("friday at 2 works, will it be carla?"))  # type: ignore[arg-type]
    assert when is not None and when["start"] == "14:00"


@pytest.mark.parametrize(("text", "bound"), [
    ("friday after 1 is fine", True),
    ("from 2 on works", True),
    ("the 1pm one", False),
    ("1 works", False),
])
def test_after_is_a_bound_not_a_moment_held(text: str, bound: bool) -> None:
    assert says_open_start(text) is bound


@pytest.mark.parametrize(("text", "hangs"), [
    ("if friday afternoon isnt open just put it back to tomorrow at 9 i guess", True),
    ("if that time is not available, monday works", True),
    ("friday afternoon is open for me, put it then", False),
])
def test_a_change_asked_only_if_a_time_is_not_free_waits(text: str, hangs: bool) -> None:
    assert _hangs_on_what_is_open(text) is hangs
