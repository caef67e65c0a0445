"""Times as a customer reads them: in their own zone, short, "Thu Mar 5, 8-10am"."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


def local(moment: datetime, timezone: str) -> datetime:
    return moment.astimezone(ZoneInfo(timezone))


def day_label(moment: datetime, timezone: str) -> str:
    """ "Thu Mar 5"."""
    at = local(moment, timezone)
    return f"{at:%a %b} {at.day}"


def clock_label(moment: datetime, timezone: str) -> str:
    """ "2:40pm", "9am", "12pm"."""
    at = local(moment, timezone)
    return _clock(at.hour, at.minute) + ("am" if at.hour < 12 else "pm")


def window_label(start: datetime, end: datetime, timezone: str) -> str:
    """ "8-10am", "11am-1pm", "11:30am-1:30pm": the suffix once when both ends share it."""
    first, last = local(start, timezone), local(end, timezone)
    first_half, last_half = _half(first.hour), _half(last.hour)
    head = _clock(first.hour, first.minute)
    tail = _clock(last.hour, last.minute) + last_half
    return f"{head}-{tail}" if first_half == last_half else f"{head}{first_half}-{tail}"


def visit_label(start: datetime, end: datetime, timezone: str) -> str:
    """ "Thu Mar 5, 8-10am"."""
    return f"{day_label(start, timezone)}, {window_label(start, end, timezone)}"


def _half(hour: int) -> str:
    return "am" if hour < 12 else "pm"


def _clock(hour: int, minute: int) -> str:
    twelve = hour % 12 or 12
    return f"{twelve}" if minute == 0 else f"{twelve}:{minute:02d}"
