"""Benchmark slot search: 50 technicians, 14-day horizon, 2,000 booked visits, 200+ searches.

Run with `make bench` or `.venv/bin/python bench/slot_bench.py`; prints median and p95 in ms.
"""

from __future__ import annotations

import random
import statistics
import sys
import time as timer
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.business import BusinessSettings, ServiceZone
from domain.catalog import DEMO_CATALOG
from domain.hours import WeeklyHours
from domain.jobs import Appointment
from domain.scheduling import Wish, find_offers
from domain.staff import Role, StaffMember

SEED = 20261126
TECHNICIANS = 50
APPOINTMENTS = 2_000
SEARCHES = 300
HORIZON_DAYS = 14
ZONE = "America/Chicago"
ZONES = ("north", "south", "west")
SKILLS = ("hvac", "plumbing", "electrical")
WISHES = (
    {"date": None, "start": None, "end": None},
    {"date": None, "start": "08:00", "end": "12:00"},
    {"date": None, "start": "12:00", "end": "17:00"},
    {"date": None, "start": "14:00", "end": None},
    {"date": "+3", "start": None, "end": None},
    {"date": "+5", "start": "08:00", "end": "12:00"},
    {"date": "+1", "start": "14:00", "end": None},
)


def build(rng: random.Random) -> tuple[BusinessSettings, list[StaffMember], list[Appointment]]:
    settings = BusinessSettings(
        name="Bench", timezone=ZONE, phone="+13125550100",
        business_hours=WeeklyHours.weekdays("07:00", "19:00", saturday="08:00-14:00"),
        zones=tuple(ServiceZone(z, z.title(), (), ZONE) for z in ZONES),
    )
    technicians = [
        StaffMember(
            name=f"Tech {i}", role=Role.TECHNICIAN, id=i,
            skills=tuple(rng.sample(SKILLS, rng.randint(1, 2))),
            zones=tuple(rng.sample(ZONES, rng.randint(1, 3))),
            working_hours=WeeklyHours.weekdays(
                rng.choice(("07:00", "08:00", "09:00")), rng.choice(("16:00", "17:00", "18:00")),
                saturday=rng.choice((None, "08:00-12:00")),
            ),
        )
        for i in range(1, TECHNICIANS + 1)
    ]
    zone, first = ZoneInfo(ZONE), date(2026, 11, 30)
    appointments = []
    for job_id in range(1, APPOINTMENTS + 1):
        day = first + timedelta(days=rng.randrange(HORIZON_DAYS))
        start = datetime.combine(day, time(rng.randint(7, 16), rng.choice((0, 30))), zone)
        start = start.astimezone(UTC)
        appointments.append(Appointment(
            job_id=job_id, technician_id=rng.randint(1, TECHNICIANS), start=start,
            end=start + timedelta(minutes=rng.choice((60, 90, 120))), window_start=start,
            window_end=start + timedelta(hours=2), account_id=1, zone_id=rng.choice(ZONES),
        ))
    return settings, technicians, appointments


def main() -> int:
    rng = random.Random(SEED)
    settings, technicians, appointments = build(rng)
    zone = ZoneInfo(ZONE)
    now = datetime.combine(date(2026, 11, 30), time(6), zone).astimezone(UTC)
    durations, empty = [], 0
    for _ in range(SEARCHES):
        when = dict(rng.choice(WISHES))
        if when["date"]:
            when["date"] = (date(2026, 11, 30) + timedelta(days=int(when["date"]))).isoformat()
        service = rng.choice(DEMO_CATALOG.services)
        began = timer.perf_counter()
        offers = find_offers(
            service=service, zone_id=rng.choice(ZONES), timezone=ZONE, wish=Wish.from_when(when),
            technicians=technicians, appointments=appointments, settings=settings, now=now,
        )
        durations.append((timer.perf_counter() - began) * 1000)
        empty += not offers
    durations.sort()
    p95 = durations[int(len(durations) * 0.95) - 1]
    print(
        f"slot search: {SEARCHES} searches, {TECHNICIANS} technicians, {APPOINTMENTS} appointments, "
        f"{HORIZON_DAYS}-day horizon: median {statistics.median(durations):.2f} ms, "
        f"p95 {p95:.2f} ms, max {durations[-1]:.2f} ms, {empty} with no offer"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
