"""Absolute calendar dates ("jan 5", "March 10th", "3/14"), read by dateparser and cached.

dateparser is imported on first use only: its import and first parse cost about half a second,
and most messages never name a calendar date.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

# A leap year, so that "feb 29" is a real month and day; the year is never used unless written.
_BASE = datetime(2000, 1, 1)  # noqa: DTZ001 - dateparser wants a naive base; only month/day are read
_SETTINGS = {"DATE_ORDER": "MDY", "RELATIVE_BASE": _BASE, "REQUIRE_PARTS": ["day", "month"]}


@lru_cache(maxsize=4096)
def month_and_day(span: str) -> tuple[int, int, int] | None:
    """Read month, day and year from a date span such as "jan 12 2027" (year 2000 if unwritten)."""
    import dateparser

    try:
        parsed = dateparser.parse(span, languages=["en"], settings=_SETTINGS)
    except (ValueError, OverflowError, KeyError, TypeError):
        return None
    if parsed is None:
        return None
    return parsed.month, parsed.day, parsed.year


def next_occurrence(today: date, month: int, day: int, year: int | None) -> date | None:
    """Return the first `month`/`day` on or after today (rolling into next year), or the written year."""
    if year is not None:
        if year < 100:
            year += 2000
        try:
            return date(year, month, day)
        except ValueError:
            return None
    for candidate_year in range(today.year, today.year + 5):
        try:
            candidate = date(candidate_year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    return None
