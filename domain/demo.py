"""The demo business: three service zones around Chicago and ordinary opening hours."""

from __future__ import annotations

from domain.business import BusinessSettings, ServiceZone
from domain.hours import WeeklyHours

DEMO_TIMEZONE = "America/Chicago"

DEMO_ZONES = (
    ServiceZone("north", "North Side", ("60613", "60614", "60618", "60625", "60640"), DEMO_TIMEZONE),
    ServiceZone("west", "West Suburbs", ("60302", "60304", "60305", "60130", "60153"), DEMO_TIMEZONE),
    ServiceZone("south", "South Side", ("60615", "60616", "60637", "60649", "60653"), DEMO_TIMEZONE),
)


def demo_business(name: str = "Northwind Heating & Plumbing", phone: str = "+13125550100",
                  timezone: str = DEMO_TIMEZONE) -> BusinessSettings:
    """The business the demo data belongs to."""
    return BusinessSettings(
        name=name,
        timezone=timezone,
        phone=phone,
        business_hours=WeeklyHours.weekdays("07:00", "19:00", saturday="08:00-14:00"),
        zones=DEMO_ZONES,
    )
