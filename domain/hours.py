"""Opening hours and working hours: local wall-clock spans per weekday."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Span:
    """A local wall-clock span on one day, e.g. 08:00–17:00."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"span ends ({self.end:%H:%M}) before it starts ({self.start:%H:%M})")

    def on(self, day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
        """The span on a given local day, as aware datetimes in `zone` (DST-correct)."""
        return (datetime.combine(day, self.start, zone), datetime.combine(day, self.end, zone))

    def contains(self, moment: time) -> bool:
        return self.start <= moment < self.end

    def label(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    @classmethod
    def parse(cls, text: str) -> Span:
        """Read "08:00-17:00"."""
        start, end = text.split("-")
        return cls(time.fromisoformat(start.strip()), time.fromisoformat(end.strip()))


@dataclass(frozen=True)
class WeeklyHours:
    """One optional span per weekday, Monday first; None means closed / not working."""

    days: tuple[Span | None, ...]

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise ValueError("weekly hours need exactly seven days, Monday first")

    def for_day(self, day: date) -> Span | None:
        return self.days[day.weekday()]

    def to_dict(self) -> dict[str, str | None]:
        pairs = zip(WEEKDAYS, self.days, strict=True)
        return {name: (span.label() if span else None) for name, span in pairs}

    @classmethod
    def from_dict(cls, raw: dict[str, str | None]) -> WeeklyHours:
        return cls(tuple(Span.parse(v) if v else None for v in (raw.get(d) for d in WEEKDAYS)))

    @classmethod
    def weekdays(cls, start: str, end: str, saturday: str | None = None) -> WeeklyHours:
        """Mon–Fri start–end, optionally a Saturday span, Sunday closed."""
        span = Span(time.fromisoformat(start), time.fromisoformat(end))
        sat = Span.parse(saturday) if saturday else None
        return cls((span, span, span, span, span, sat, None))


def local_days(first: date, count: int) -> list[date]:
    return [first + timedelta(days=i) for i in range(count)]
