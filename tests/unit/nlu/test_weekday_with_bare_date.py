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


# Holidays by name, and a day refused right after it is named ("xmas?? no").
@pytest.mark.parametrize(("text", "date"), [
    ("could someone come christmas eve morning", "2026-12-24"),
    ("xmas?? no. fri 18th afternoon?", "2026-12-18"),
    ("the 21st? nope. tuesday the 22nd then", "2026-12-22"),
    ("i said after christmas. the 28th?", "2026-12-28"),
])
def test_holidays_and_days_refused_after_them(text: str, date: str) -> None:
    from datetime import date as day

    from bot.nlu.text import normalize
    from bot.nlu.when import resolve_when

    when = resolve_when(normalize(text), day(2026, 12, 11)) or {}
    assert when.get("date") == date


def test_a_day_followed_by_no_is_turned_down_but_no_problem_is_not() -> None:
    from datetime import date as day

    from bot.nlu.text import normalize
    from bot.nlu.when import turned_down_days

    today, through = day(2026, 12, 11), day(2026, 12, 31)
    assert day(2026, 12, 25) in turned_down_days(normalize("xmas?? no"), today, through=through)
    assert not turned_down_days(normalize("the 24th no problem"), today, through=through)


def test_a_day_refused_alone_is_never_the_day_wished() -> None:
    from datetime import date as day

    from bot.nlu.text import normalize
    from bot.nlu.when import resolve_when

    when = resolve_when(normalize("christmas?? no. anything else that week?"), day(2026, 12, 11))
    assert (when or {}).get("date") != "2026-12-25"
