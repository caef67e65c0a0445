"""A weekday followed by a bare number past any clock hour ("thu 12", "tue 17") names that
date when the weekday agrees; a small number stays a time and a disagreeing weekday wins."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "date"), [
    ("thu 19", "2026-03-19"),
    ("can he come tues 17 instead", "2026-03-17"),
    ("friday 20 morning works", "2026-03-20"),
    ("what about wed 25?", "2026-03-25"),
])
def test_weekday_and_number_is_that_date(understand, text: str, date: str) -> None:
    assert understand(text).slots["when"]["date"] == date


@pytest.mark.parametrize("text", ["fri 10", "wed 17", "monday 14 days from now"])
def test_no_date_read_from_a_clock_hour_or_a_wrong_weekday(understand, text: str) -> None:
    when = understand(text).slots.get("when") or {}
    assert when.get("date") not in ("2026-03-10", "2026-03-17", "2026-03-14")
