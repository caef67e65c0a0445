"""The clock is injected so that rules and tests agree on what "now" is; it is always UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """Wall-clock time in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that stands still until told to move, for tests and replays."""

    def __init__(self, at: datetime) -> None:
        self._at = ensure_utc(at)

    def now(self) -> datetime:
        return self._at

    def advance(self, delta: timedelta) -> None:
        self._at += delta


def ensure_utc(moment: datetime) -> datetime:
    """Return an aware UTC datetime; a naive one is a programming error."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: fieldbot stores and compares aware UTC datetimes only")
    return moment.astimezone(UTC)
