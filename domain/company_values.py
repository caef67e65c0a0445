"""The values a company file is written in, read strictly and written back the same way.

Durations are text of hours and minutes: "2h", "90m", "1h30m". Spans are 24-hour local times:
"07:00-19:00". Weekly hours are a table of the days that are open, `mon` to `sun`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import time, timedelta
from functools import cache
from typing import Any, TypeVar
from zoneinfo import available_timezones

from domain.errors import InvalidPhoneNumber
from domain.hours import WEEKDAYS, Span, WeeklyHours
from domain.phones import normalize_phone

T = TypeVar("T")

DURATION_EXAMPLE = '"2h", "90m" or "1h30m"'
SPAN_EXAMPLE = '"07:00-19:00"'

_DURATION = re.compile(r"(?:(\d{1,3})h)?(?:(\d{1,4})m)?")
_SPAN = re.compile(r"([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)")
_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]{0,49}")  # fits the zone_id and service_id columns
_ZIP = re.compile(r"\d{5}")


def parse_duration(text: str) -> timedelta | None:
    """Read "2h", "90m" or "1h30m"; None when the text is not written that way."""
    match = _DURATION.fullmatch(text.strip().lower())
    if match is None or not any(match.groups()):
        return None
    hours, minutes = (int(part) if part else 0 for part in match.groups())
    return timedelta(hours=hours, minutes=minutes)


def format_duration(duration: timedelta) -> str:
    """Write a whole number of minutes as "2h", "45m" or "1h30m" (zero is "0m")."""
    hours, minutes = divmod(int(duration.total_seconds()) // 60, 60)
    if hours and minutes:
        return f"{hours}h{minutes}m"
    return f"{hours}h" if hours else f"{minutes}m"


def parse_span(text: str) -> Span | None:
    """Read "07:00-19:00"; None when malformed or when it ends before it starts."""
    match = _SPAN.fullmatch(text.replace(" ", ""))
    if match is None:
        return None
    start_h, start_m, end_h, end_m = (int(part) for part in match.groups())
    start, end = time(start_h, start_m), time(end_h, end_m)
    return Span(start, end) if start < end else None


def hours_table(hours: WeeklyHours) -> dict[str, str]:
    """The open days only, as {"mon": "07:00-19:00", ...}; a day left out is closed."""
    return {day: span.label() for day, span in zip(WEEKDAYS, hours.days, strict=True) if span}


def is_time_zone(name: str) -> bool:
    """True for an IANA time zone name such as "America/Chicago"."""
    return name in _time_zones()


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


class ValueReader:
    """Reads values out of a parsed document strictly, noting every problem under its key path.

    Each reader returns the value, or None after noting why it is wrong (a missing required key
    is noted once, by `keys`), so that one pass finds every problem in the file.
    """

    def __init__(self) -> None:
        self.problems: list[str] = []
        self._first: dict[tuple[str, object], str] = {}

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def keys(self, raw: Mapping[str, Any], path: str, allowed: Sequence[str],
             required: Sequence[str]) -> None:
        for key in raw:
            if key not in allowed:
                self.problem(_at(path, key), f"unknown key; allowed: {', '.join(allowed)}")
        for key in required:
            if key not in raw:
                self.problem(_at(path, key), "missing")

    def once(self, what: str, value: object, path: str) -> None:
        """Note a value (a zone id, a phone) that must not appear again elsewhere in the file."""
        first = self._first.setdefault((what, value), path)
        if first != path:
            self.problem(path, f"the same {what} as {first}; each must be unique")

    def section(self, raw: Mapping[str, Any], key: str, allowed: Sequence[str],
                required: Sequence[str],
                read_one: Callable[[Mapping[str, Any], str], T | None]) -> T | None:
        """One table such as [business]."""
        if key not in raw:
            return None
        table = raw[key]
        if not isinstance(table, dict):
            self.problem(key, f"expected a table [{key}], got {shown(table)}")
            return None
        self.keys(table, key, allowed, required)
        return read_one(table, key)

    def entries(self, raw: Mapping[str, Any], key: str, allowed: Sequence[str],
                required: Sequence[str], read_one: Callable[[Mapping[str, Any], str], T | None],
                *, at_least_one: bool = False) -> list[T]:
        """A list of tables such as [[services]]: the entries that could be read."""
        if key not in raw:
            return []
        entries = raw[key]
        if not isinstance(entries, list):
            self.problem(key, f"expected a list of [[{key}]] tables, got {shown(entries)}")
            return []
        if at_least_one and not entries:
            self.problem(key, f"at least one [[{key}]] is needed")
        found: list[T] = []
        for n, table in enumerate(entries):
            path = f"{key}[{n}]"
            if not isinstance(table, dict):
                self.problem(path, f"expected a table, got {shown(table)}")
                continue
            self.keys(table, path, allowed, required)
            item = read_one(table, path)
            if item is not None:
                found.append(item)
        return found

    def items(self, value: Any, path: str, read_one: Callable[[Any, str], T | None], *,
              at_least_one: bool = False) -> list[T]:
        """A list of plain values such as postal codes: the items that could be read."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(path, f"expected a list [...], got {shown(value)}")
            return []
        if at_least_one and not value:
            self.problem(path, "at least one is needed")
        read = [read_one(item, f"{path}[{n}]") for n, item in enumerate(value)]
        return [item for item in read if item is not None]

    def unique(self, items: list[T], path: str, key: Callable[[T], object]) -> None:
        seen: set[object] = set()
        for item in items:
            if key(item) in seen:
                self.problem(path, f"'{item}' is listed twice")
            seen.add(key(item))

    def text(self, value: Any, path: str, length: int = 200) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(path, f"expected text in quotes, got {shown(value)}")
            return None
        text = value.strip()
        if not text or len(text) > length:
            self.problem(path, f"must be 1 to {length} characters")
            return None
        return text

    def identifier(self, value: Any, path: str) -> str | None:
        text = self.text(value, path, length=50)
        if text is not None and not _IDENTIFIER.fullmatch(text):
            self.problem(path, f"'{text}' is not an id: use lowercase letters, digits and _, "
                               "starting with a letter (e.g. hvac_repair)")
            return None
        return text

    def choice(self, value: Any, path: str, allowed: Collection[str], what: str) -> str | None:
        text = self.text(value, path)
        if text is not None and text not in allowed:
            self.problem(path, f"'{text}' is not {what}; allowed: "
                               f"{', '.join(sorted(allowed)) or 'none'}")
            return None
        return text

    def integer(self, value: Any, path: str, minimum: int | None = None,
                maximum: int | None = None) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(path, f"expected a whole number, got {shown(value)}")
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            allowed = (f"{minimum} to {maximum}" if maximum is not None
                       else f"{minimum} or more")
            self.problem(path, f"{value} is out of range; allowed: {allowed}")
            return None
        return value

    def boolean(self, value: Any, path: str) -> bool | None:
        if not isinstance(value, bool):
            self.problem(path, f"expected true or false, got {shown(value)}")
            return None
        return value

    def phone(self, value: Any, path: str) -> str | None:
        text = self.text(value, path, length=32)
        if text is None:
            return None
        try:
            return normalize_phone(text)
        except InvalidPhoneNumber as exc:
            self.problem(path, str(exc))
            return None

    def timezone(self, value: Any, path: str) -> str | None:
        text = self.text(value, path, length=64)
        if text is not None and not is_time_zone(text):
            self.problem(path, f"'{text}' is not an IANA time zone (e.g. America/Chicago)")
            return None
        return text

    def zip_code(self, value: Any, path: str) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool):
            self.problem(path, f'write a ZIP as text in quotes, e.g. "{value:05d}"')
            return None
        text = self.text(value, path, length=10)
        if text is not None and not _ZIP.fullmatch(text):
            self.problem(path, f"'{text}' is not a 5-digit ZIP")
            return None
        return text

    def duration(self, value: Any, path: str, *, positive: bool) -> timedelta | None:
        if value is None:
            return None
        duration = parse_duration(value) if isinstance(value, str) else None
        if duration is None:
            self.problem(path, f"expected a duration such as {DURATION_EXAMPLE}, "
                               f"got {shown(value)}")
            return None
        if positive and not duration:
            self.problem(path, "must be longer than 0m")
            return None
        return duration

    def span(self, value: Any, path: str) -> Span | None:
        span = parse_span(value) if isinstance(value, str) else None
        if span is None:
            self.problem(path, f"expected a span such as {SPAN_EXAMPLE} (24-hour, ending after "
                               f"it starts), got {shown(value)}")
        return span

    def hours(self, value: Any, path: str, *, at_least_one_day: bool) -> WeeklyHours | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(path, f"expected a table of open days, e.g. {{ mon = {SPAN_EXAMPLE} }}, "
                               f"got {shown(value)}")
            return None
        self.keys(value, path, WEEKDAYS, required=())
        if at_least_one_day and not any(day in value for day in WEEKDAYS):
            self.problem(path, "at least one day must be open (a day left out is closed)")
        spans = {day: self.span(value[day], f"{path}.{day}") for day in WEEKDAYS if day in value}
        if None in spans.values():
            return None
        return WeeklyHours(tuple(spans.get(day) for day in WEEKDAYS))


def shown(value: Any) -> str:
    """A value as the file wrote it, with its kind, for "expected ..., got ..." messages."""
    kinds = {bool: "true/false", int: "a number", float: "a number", str: "text",
             list: "a list", dict: "a table"}
    kind = kinds.get(type(value), type(value).__name__)
    text = repr(value)
    return f"{kind} {text if len(text) <= 40 else text[:37] + '...'}"


def _at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
