"""Until when the customer is busy bounds the wish from below: "working till 4" asks for a time
after 4, never one ending by 4; "later than 1" starts at 1."""

from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.text import normalize
from bot.nlu.when import resolve_when

TODAY = date(2026, 3, 2)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("i'm working till 4 on wednesday, anything after?", "16:00", None),
    ("busy with meetings until 1:30. maybe around 2?", "14:00", None),
    ("can it be later than 1?", "13:00", None),
    ("we are out until 3, any slot after that", "15:00", None),
])
def test_busy_until_is_the_earliest_start(text: str, start: str, end: str | None) -> None:
    when = resolve_when(normalize(text), TODAY) or {}
    assert (when.get("start"), when.get("end")) == (start, end)


def test_a_plain_by_is_still_the_latest_arrival() -> None:
    when = resolve_when(normalize("can the tech be here by 11"), TODAY) or {}
    assert when.get("end") == "11:00" and when.get("start") is None
