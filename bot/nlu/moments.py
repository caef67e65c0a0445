"""Reading the `--now`/`--tz` pair of the command line into a timezone-aware local time."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# The business's zone until settings arrive.
DEFAULT_TIME_ZONE = "America/Chicago"


class BadMoment(ValueError):
    """A `now` or `tz` value that cannot be read."""


@lru_cache(maxsize=256)
def zone(name: str) -> ZoneInfo:
    """Return the IANA zone called `name`, with a clear error for a wrong name."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise BadMoment(f"Unknown time zone '{name}'") from error


def local_now(now: str | None, tz: str | None) -> datetime:
    """Read a local wall-clock ISO time in zone `tz`; the current time when `now` is absent."""
    tzinfo = zone(tz or DEFAULT_TIME_ZONE)
    if not now:
        return datetime.now(tzinfo)
    try:
        moment = datetime.fromisoformat(now)
    except (TypeError, ValueError) as error:
        raise BadMoment(f"Cannot read time '{now}': use ISO form like 2026-03-02T09:30:00") from error
    if moment.tzinfo is None:
        return moment.replace(tzinfo=tzinfo)
    return moment.astimezone(tzinfo)
