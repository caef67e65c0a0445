"""The business itself: its name, zone, hours, quiet hours, reminders and service zones."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.hours import Span, WeeklyHours


@dataclass(frozen=True)
class ServiceZone:
    """An area the business serves, defined by postal codes, with its own time zone."""

    id: str
    name: str
    postal_codes: tuple[str, ...]
    timezone: str

    def covers(self, postal_code: str) -> bool:
        return postal_code.strip()[:5] in self.postal_codes


@dataclass(frozen=True)
class BusinessSettings:
    """What a business configures once: who it is and when it may work and write."""

    name: str
    timezone: str
    phone: str
    business_hours: WeeklyHours
    zones: tuple[ServiceZone, ...]
    quiet_hours: Span = field(default=Span(time(8, 0), time(21, 0)))  # messages allowed inside
    reminder_offsets: tuple[timedelta, ...] = (timedelta(hours=24), timedelta(hours=2))
    travel_buffer: timedelta = timedelta(minutes=30)  # between appointments in different zones
    min_lead_time: timedelta = timedelta(hours=2)
    arrival_window: timedelta = timedelta(hours=2)

    @property
    def zone_info(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def zone(self, zone_id: str) -> ServiceZone:
        for zone in self.zones:
            if zone.id == zone_id:
                return zone
        raise KeyError(zone_id)

    def zone_for_postal_code(self, postal_code: str) -> ServiceZone | None:
        """The service zone that covers a postal code, or None when it is outside the area."""
        for zone in self.zones:
            if zone.covers(postal_code):
                return zone
        return None


def next_allowed_moment(now: datetime, zone: ZoneInfo, business: BusinessSettings) -> datetime:
    """`now` if it is inside quiet hours' allowed span in `zone`, else when that span next opens."""
    local = now.astimezone(zone)
    window = business.quiet_hours
    if window.contains(local.time()):
        return now
    day = local.date() if local.time() < window.start else local.date() + timedelta(days=1)
    opens, _ = window.on(day, zone)
    return opens.astimezone(now.tzinfo)
