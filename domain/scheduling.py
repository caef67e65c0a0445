"""Slot search: the few best times a qualified technician can visit a site, spread over the days.

Local wall-clock rules (working hours, business hours, the customer's wish) are applied in the
site's zone with zoneinfo; everything compared and returned is an aware UTC datetime.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from domain.business import BusinessSettings
from domain.catalog import Service
from domain.clock import ensure_utc
from domain.jobs import BookedTime
from domain.staff import StaffMember

GRID = timedelta(minutes=30)
Day = date  # the type, inside `Wish` whose field `date` hides it
NOON = time(12, 0)


@dataclass(frozen=True)
class Wish:
    """When the customer would like the visit: a local date and/or a window for the arrival."""

    date: date | None = None
    start: time | None = None
    end: time | None = None
    # Days turned down ("any morning but not wed"), and for a move, arrivals that are no move:
    # any inside its own arrival window, and any not after `later_than` ("push it back").
    not_days: frozenset[Day] = frozenset()
    not_within: tuple[datetime, datetime] | None = None
    later_than: datetime | None = None
    through: Day | None = None  # "next week": any day from `date` through this one meets it
    # "has to be done by 5": the visit must be over by then (its work and arrival window both)
    finish_by: time | None = None

    @classmethod
    def from_when(cls, when: Mapping[str, str | None] | None) -> Wish:
        """Read the parser's `when` slot ({"date": "YYYY-MM-DD", "start": "HH:MM", "end": ...})."""
        if not when:
            return cls()
        day, start, end = when.get("date"), when.get("start"), when.get("end")
        finish = when.get("finish")
        return cls(
            date=date.fromisoformat(day) if day else None,
            start=time.fromisoformat(start) if start else None,
            end=time.fromisoformat(end) if end else None,
            finish_by=time.fromisoformat(finish) if finish else None,
        )

    def over_in_time(self, latest_end: datetime, zone: ZoneInfo) -> bool:
        """True when a visit whose work or arrival window ends last at `latest_end` is over by
        the time the customer needs it done (always, with no such time)."""
        if self.finish_by is None:
            return True
        return latest_end.astimezone(zone).time() <= self.finish_by

    def allows(self, local_start: time) -> bool:
        """True when an arrival starting at this local time is inside the wished window."""
        if self.start is not None and local_start < self.start:
            return False
        return self.end is None or local_start < self.end

    def is_met_by(self, offer: Offer, timezone: str) -> bool:
        """True when the offer is on the wished date (if any) and inside the wished window."""
        local = offer.start.astimezone(ZoneInfo(timezone))
        if self.date is not None and not self.date <= local.date() <= (self.through or self.date):
            return False
        return self.allows(local.time()) and self.takes(offer.start, local.date()) and \
            self.over_in_time(max(offer.end, offer.window_end), ZoneInfo(timezone))

    def takes(self, start: datetime, day: Day) -> bool:
        """False for an arrival on a day turned down, in the window ruled out, or not late enough."""
        if self.not_within is not None and self.not_within[0] <= start < self.not_within[1]:
            return False
        return day not in self.not_days and (self.later_than is None or start > self.later_than)


class Booked(Protocol):
    """What slot search needs of a booked visit: an Appointment, or a lean `Busy` row."""

    @property
    def technician_id(self) -> int: ...

    @property
    def start(self) -> datetime: ...

    @property
    def end(self) -> datetime: ...

    @property
    def is_active(self) -> bool: ...

    def clashes_with(
        self, start: datetime, end: datetime, zone_id: str, travel_buffer: timedelta
    ) -> bool: ...


@dataclass(frozen=True, slots=True)
class Busy(BookedTime):
    """A technician's booked time, read without the rest of the appointment (for slot search)."""

    appointment_id: int
    technician_id: int
    start: datetime
    end: datetime
    zone_id: str

    @property
    def is_active(self) -> bool:
        return True  # only booked visits are read as busy time


@dataclass(frozen=True)
class Offer:
    """A bookable visit: who, when (UTC) and the arrival window promised to the customer."""

    technician_id: int
    technician_name: str
    start: datetime
    end: datetime
    window_start: datetime
    window_end: datetime


class _Diary:
    """One technician's active appointments, sorted by start, for bisecting."""

    def __init__(self, appointments: list[Booked]) -> None:
        self.appointments = sorted(appointments, key=lambda a: a.start)
        self.starts = [a.start for a in self.appointments]
        self.longest = max((a.end - a.start for a in self.appointments), default=timedelta(0))

    def is_free(self, start: datetime, end: datetime, zone_id: str, buffer: timedelta) -> bool:
        # Only appointments starting in (start - buffer - longest, end + buffer) can clash.
        high = bisect_left(self.starts, end + buffer)
        low = bisect_left(self.starts, start - buffer - self.longest)
        return not any(
            a.clashes_with(start, end, zone_id, buffer) for a in self.appointments[low:high]
        )


def find_offers(
    *,
    service: Service,
    zone_id: str,
    timezone: str,
    wish: Wish | None,
    technicians: Sequence[StaffMember],
    appointments: Sequence[Booked],
    settings: BusinessSettings,
    now: datetime,
    horizon_days: int = 14,
    limit: int = 3,
) -> list[Offer]:
    """The best `limit` offers: the earliest good one first, the rest on other half-days.

    With a wished date the offers come from that date first, then from the nearest days after
    it; compare with `Wish.is_met_by` to tell the customer when the wish itself could not be met.
    Returns [] when no technician has the skill for the zone or nothing is free in the horizon.
    """
    wish = wish or Wish()
    zone = ZoneInfo(timezone)
    now = ensure_utc(now)
    earliest = now + settings.min_lead_time
    crew = sorted(
        (t for t in technicians if t.id is not None and t.can_do(service.skill, zone_id)),
        key=lambda t: t.id or 0,
    )
    if not crew or limit <= 0:
        return []
    first_day = max(wish.date or date.min, now.astimezone(zone).date(),
                    wish.later_than.astimezone(zone).date() if wish.later_than else date.min)
    until = datetime.combine(first_day + timedelta(days=horizon_days + 1), time(0), zone)
    by_technician: dict[int, list[Booked]] = {t.id or 0: [] for t in crew}
    for appointment in appointments:
        mine = by_technician.get(appointment.technician_id)
        if mine is not None and appointment.is_active and appointment.start < until:
            mine.append(appointment)
    diaries = {tech_id: _Diary(booked) for tech_id, booked in by_technician.items()}
    search = _DaySearch(service, zone_id, zone, wish, crew, diaries, settings, earliest)

    offers: list[Offer] = []
    for day in (first_day + timedelta(days=i) for i in range(horizon_days)):
        slots = search.slots(day)
        if not slots:
            continue
        if day == wish.date:
            offers.extend(_spread_within_day(slots, limit, zone))
        else:
            offers.extend(_first_per_half_day(slots, zone))
        if len(offers) >= limit:
            break
    return offers[:limit]


class _DaySearch:
    """Finds, for each grid time of one local day, the first technician free for the visit."""

    def __init__(self, service: Service, zone_id: str, zone: ZoneInfo, wish: Wish,
                 crew: list[StaffMember], diaries: dict[int, _Diary],
                 settings: BusinessSettings, earliest: datetime) -> None:
        self.service, self.zone_id, self.zone, self.wish = service, zone_id, zone, wish
        self.crew, self.diaries, self.settings, self.earliest = crew, diaries, settings, earliest

    def slots(self, day: date) -> list[Offer]:
        business = self.settings.business_hours.for_day(day)
        if business is None or day in self.wish.not_days:
            return []
        shifts: list[tuple[StaffMember, datetime, datetime, time, time]] = []
        for tech in self.crew:
            span = tech.working_hours.for_day(day) if tech.working_hours else None
            if span is None:
                continue
            opens, closes = max(span.start, business.start), min(span.end, business.end)
            if opens < closes:
                start_utc, end_utc = _utc(day, opens, self.zone), _utc(day, closes, self.zone)
                shifts.append((tech, start_utc, end_utc, opens, closes))
        if not shifts:
            return []
        first = min(s[3] for s in shifts)
        if self.wish.start is not None:
            first = max(first, self.wish.start)
        last = max(s[4] for s in shifts)
        found: list[Offer] = []
        # On the ~363 days a year with no DST change, every wall time is the same offset from UTC.
        offset = _fixed_offset(day, self.zone)
        for wall in _grid(first, last):
            if not self.wish.allows(wall):
                continue
            start = (_existing_utc(day, wall, self.zone) if offset is None
                     else datetime.combine(day, wall, UTC) - offset)
            if start is None or start < self.earliest or not self.wish.takes(start, day):
                continue
            end = start + self.service.duration
            if not self.wish.over_in_time(max(end, start + self.settings.arrival_window), self.zone):
                continue
            for tech, shift_start, shift_end, _, _ in shifts:
                assert tech.id is not None
                if shift_start <= start and end <= shift_end and self.diaries[tech.id].is_free(
                    start, end, self.zone_id, self.settings.travel_buffer
                ):
                    found.append(self._offer(tech, start, end))
                    break
        return found

    def _offer(self, tech: StaffMember, start: datetime, end: datetime) -> Offer:
        # The same window book_appointment records, so what we promise is what gets booked.
        assert tech.id is not None
        return Offer(
            technician_id=tech.id,
            technician_name=tech.name,
            start=start,
            end=end,
            window_start=start,
            window_end=start + self.settings.arrival_window,
        )


def _first_per_half_day(slots: list[Offer], zone: ZoneInfo) -> list[Offer]:
    """The earliest slot of the morning and of the afternoon, their arrival windows apart."""
    picked: list[Offer] = []
    for slot in slots:
        if not picked or (
            _is_morning(picked[-1], zone) != _is_morning(slot, zone)
            and slot.start >= picked[-1].window_end
        ):
            picked.append(slot)
    return picked


def _spread_within_day(slots: list[Offer], limit: int, zone: ZoneInfo) -> list[Offer]:
    """Earliest slot, then each half-day's first, then further slots whose windows don't overlap.

    Two offers with overlapping arrival windows are no real choice, so a day that has no more
    room for distinct windows offers fewer and the next days fill the rest.
    """
    picked = _first_per_half_day(slots, zone)[:limit]
    for slot in slots:
        if len(picked) >= limit:
            break
        if all(slot.start >= p.window_end or p.start >= slot.window_end for p in picked):
            picked.append(slot)
    return sorted(picked, key=lambda o: o.start)


def _is_morning(offer: Offer, zone: ZoneInfo) -> bool:
    return offer.start.astimezone(zone).time() < NOON


def _grid(first: time, last: time) -> list[time]:
    """Local wall-clock times on the half-hour grid in [first, last)."""
    step = int(GRID.total_seconds() // 60)
    minute = -(-(first.hour * 60 + first.minute + (first.second > 0)) // step) * step
    end = last.hour * 60 + last.minute
    return [time(m // 60, m % 60) for m in range(minute, end, step)]


def _utc(day: date, wall: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, wall, zone).astimezone(UTC)


def _fixed_offset(day: date, zone: ZoneInfo) -> timedelta | None:
    """The zone's UTC offset all day long, or None on a day whose offset changes (DST)."""
    opens = datetime.combine(day, time(0), zone).utcoffset()
    closes = datetime.combine(day + timedelta(days=1), time(0), zone).utcoffset()
    return opens if opens == closes else None


def _existing_utc(day: date, wall: time, zone: ZoneInfo) -> datetime | None:
    """The UTC instant of a local wall time, or None when DST skips it (e.g. 02:30 in spring)."""
    local = datetime.combine(day, wall, zone)
    instant = local.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        return None
    return instant
