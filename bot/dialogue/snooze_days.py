"""The day a rep's snooze names in words a calendar does not hold: a holiday's day after ("after
xmas": the first working day after Christmas, never Christmas itself), the month's or week's end,
"in a couple weeks"; and the office's holidays, so that a snooze never lands on one unsaid.

Working days are Monday to Friday, less the holidays below (the US federal ones an HVAC and
plumbing office closes on).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta


def _next_month(day: date) -> date:
    """The first of the month after `day`'s."""
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The `nth` `weekday` (0 Monday) of the month; a negative `nth` counts from its end."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = _next_month(date(year, month, 1)) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-nth - 1))


def holidays(year: int) -> dict[date, str]:
    """The days the office is closed in `year`, with their names."""
    return {
        date(year, 1, 1): "New Year's Day",
        _nth_weekday(year, 5, 0, -1): "Memorial Day",
        date(year, 7, 4): "Independence Day",
        _nth_weekday(year, 9, 0, 1): "Labor Day",
        _nth_weekday(year, 11, 3, 4): "Thanksgiving",
        date(year, 12, 25): "Christmas Day",
    }


def holiday_on(day: date) -> str | None:
    """The holiday's name when `day` is one, else None."""
    return holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and holiday_on(day) is None


def working_day_from(day: date) -> date:
    """`day` itself when it is a working day, else the next one."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def _next(today: date, month: int, day: int) -> date:
    """The next `month`/`day` from today on (today's own counts)."""
    this_year = date(today.year, month, day)
    return this_year if this_year >= today else date(today.year + 1, month, day)


def _thanksgiving(today: date) -> date:
    this_year = _nth_weekday(today.year, 11, 3, 4)
    return this_year if this_year >= today else _nth_weekday(today.year + 1, 11, 3, 4)


def _after(holiday: Callable[[date], date]) -> Callable[[date], date]:
    """The first working day after the holiday's next occurrence."""
    return lambda today: working_day_from(holiday(today) + timedelta(days=1))


def _month_end(today: date) -> date:
    """The month's last working day; next month's when this one's is today or gone."""
    first_of_next = _next_month(today)
    last = first_of_next - timedelta(days=1)
    while not is_working_day(last):
        last -= timedelta(days=1)
    return last if last > today else _month_end(first_of_next)


def _week_end(today: date) -> date:
    """This week's Friday; next week's once Friday is here."""
    ahead = (4 - today.weekday()) % 7 or 7
    return today + timedelta(days=ahead)


def _monday_next_week(today: date) -> date:
    return today + timedelta(days=7 - today.weekday())


def _mid_month(today: date) -> date:
    """The 15th, or the working day after it; next month's once this month's is today or gone."""
    fifteenth = working_day_from(today.replace(day=15))
    if fifteenth > today:
        return fifteenth
    return working_day_from(_next_month(today).replace(day=15))


_CHRISTMAS = r"(?:christmas|xmas|x-mas|x mas)(?: day)?"
_NEW_YEAR = r"(?:new years?|new year'?s|the new year)(?: day)?"
# Each wording and the day it names, read against today. Longer wordings first.
SNOOZE_DAYS: tuple[tuple[re.Pattern[str], Callable[[date], date]], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), day) for pattern, day in (
        (rf"\b(?:after|past) (?:the )?{_CHRISTMAS}\b", _after(lambda t: _next(t, 12, 25))),
        (rf"\b(?:after|past) (?:the )?{_NEW_YEAR}\b", _after(lambda t: _next(t, 1, 1))),
        (r"\b(?:after|past) (?:the )?holidays\b", _after(lambda t: _next(t, 1, 1))),
        (r"\b(?:after|past) thanksgiving\b", _after(_thanksgiving)),
        # "till thanksgiving": the holiday itself, which the snooze then moves off and says so
        (r"\bthanksgiving(?: day)?\b", _thanksgiving),
        (r"\b(?:the )?end of next month\b",
         lambda t: _month_end(_next_month(t))),
        (r"\b(?:the )?end of next week\b", lambda t: _monday_next_week(t) + timedelta(days=4)),
        (r"\b(?:(?:the )?end of (?:the |this )?month|eom|month[- ]end)\b", _month_end),
        (r"\b(?:(?:the )?end of (?:the |this )?week|eow)\b", _week_end),
        (r"\b(?:later|late) next week\b", lambda t: _monday_next_week(t) + timedelta(days=3)),
        (r"\b(?:(?:the )?mid[- ]?month|(?:the )?middle of (?:the |this )?month)\b", _mid_month),
        (r"\b(?:(?:sometime|some time|early) next week|next week (?:sometime|some time))\b",
         _monday_next_week),
        (r"\b(?:in )?(?:a )?couple(?: of)? weeks\b", lambda t: t + timedelta(days=14)),
        (r"\b(?:in )?(?:a )?few weeks\b", lambda t: t + timedelta(days=21)),
        (r"\b(?:in )?(?:a )?couple(?: of)? days\b", lambda t: t + timedelta(days=2)),
        (r"\b(?:in )?(?:a )?few days\b", lambda t: t + timedelta(days=3)),
    ))


# The wordings that name the first working day after a holiday, and how to say so.
_AFTER_HOLIDAY = re.compile(r"\b(?:after|past) (?:the )?(?:(?P<christmas>christmas|xmas|x-mas|x mas)|"
                            r"(?P<new_year>new year|holidays)|(?P<thanksgiving>thanksgiving))",
                            re.IGNORECASE)
_HOLIDAY_NAMES = {"christmas": "Christmas", "new_year": "New Year's Day",
                  "thanksgiving": "Thanksgiving"}


def snooze_day(text: str, today: date) -> date | None:
    """The day a snooze's wording names ("after xmas", "end of month"), or None for any other."""
    for wording, day in SNOOZE_DAYS:
        if wording.search(text):
            return day(today)
    return None


def without_day(text: str) -> str:
    """`text` with the snooze wording cut ("remind me about lopez end of month": "remind me
    about lopez"); `text` itself when it holds none."""
    for wording, _ in SNOOZE_DAYS:
        if wording.search(text):
            return " ".join(wording.sub(" ", text).split())
    return text


def after_which(text: str) -> str:
    """ "the first working day after Christmas" for a snooze said "after xmas"; "" otherwise."""
    found = _AFTER_HOLIDAY.search(text)
    if found is None:
        return ""
    return f"the first working day after {_HOLIDAY_NAMES[found.lastgroup or 'christmas']}"
