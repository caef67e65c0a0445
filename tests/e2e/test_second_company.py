"""A second company, loaded through `fieldbot business load`, runs the SMS dialog as itself: its
name, its zones, its services, its hours in its own time zone, its technicians."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.bootstrap import bootstrap
from api.cli import main
from domain.clock import FixedClock
from tests.e2e.conftest import ADMIN, SMS_NOW, sms_settings
from tests.e2e.sms import Phone

DESERT_AIR = Path(__file__).resolve().parents[1] / "data" / "desert_air.toml"
PHOENIX = ZoneInfo("America/Phoenix")
OPEN, CLOSE = time(6, 0), time(15, 0)  # Monday to Friday; SMS_NOW is Monday 08:30 in Phoenix
# "1) Tue Mar 3, 6-7am with Mia": the day, the arrival window, the technician's first name.
OFFER = re.compile(r"^\d\) \w{3} (\w{3} \d{1,2}), (\d{1,2})(?::(\d\d))?(am|pm)?-\S+ with (\w+)$")


@pytest.fixture
def desert_client(database_url: str) -> Iterator[TestClient]:
    """The app on a database that holds Desert Air & Pools, loaded by the command line."""
    assert main(["business", "load", str(DESERT_AIR), "--database-url", database_url]) == 0
    container = bootstrap(sms_settings(database_url), clock=FixedClock(SMS_NOW))
    with TestClient(create_app(container=container)) as client:
        yield client
    container.engine.dispose()


def offered(reply: str) -> list[tuple[datetime, str]]:
    """The offers of a reply as (local start in Phoenix, technician's first name)."""
    found = []
    for line in reply.splitlines():
        match = OFFER.match(line.strip())
        if match is None:
            continue
        day, hour, minute, half, name = match.groups()
        # An arrival window like "11am-1pm" carries its half on the start; "6-7am" on the end.
        half = half or line.split("-", 1)[1].split()[0][-2:]
        clock = time((int(hour) % 12) + (12 if half == "pm" else 0), int(minute or 0))
        local_day = datetime.strptime(f"{day} {SMS_NOW.year} +0000", "%b %d %Y %z").date()
        found.append((datetime.combine(local_day, clock, PHOENIX), name))
    return found


@pytest.mark.parametrize(("request_text", "address", "duration", "technician"), [
    # Hector has the skill but works the West Valley; Rosa is the East Valley's cooler tech.
    ("my swamp cooler is blowing warm air, can someone come tomorrow?",
     "Jane Doe, 120 W Main St, Mesa 85203", timedelta(hours=1, minutes=30), "Rosa Delgado"),
    # Mia works 05:00-16:00, but the business opens 06:00-15:00: its hours bound her visits.
    ("the pool pump stopped working, can you come tomorrow?",
     "Jane Doe, 7 N Center St, Mesa 85201", timedelta(hours=2), "Mia Chen"),
], ids=["cooler", "pool_pump"])
def test_a_new_customer_books_inside_the_company_hours_with_a_technician_of_its_zone(
        desert_client: TestClient, request_text: str, address: str, duration: timedelta,
        technician: str) -> None:
    phone = Phone(desert_client, "+14805559876")
    greeting = phone.text(request_text)
    assert "Desert Air & Pools" in greeting and "service address" in greeting

    reply = phone.text(address)

    assert "Thanks, Jane" in reply
    offers = offered(reply)
    assert len(offers) == 3, reply
    for start, first_name in offers:
        assert first_name == technician.split()[0]
        assert start.date() == date(2026, 3, 3)  # tomorrow, a Tuesday in Phoenix
        assert OPEN <= start.time() and (start + duration).time() <= CLOSE, reply
    confirmation = phone.text("1")
    assert "Booked" in confirmation and technician.split()[0] in confirmation

    response = desert_client.get("/api/appointments", params={"phone": "+14805559876"},
                                 headers=ADMIN)
    [visit] = response.json()
    assert visit["technician_name"] == technician
    assert visit["zone_id"] == "east_valley"
    assert visit["start"]["zone"] == "America/Phoenix"
    start = datetime.fromisoformat(visit["start"]["local"])
    end = datetime.fromisoformat(visit["end"]["local"])
    assert (start, end - start) == (offers[0][0], duration)
    assert start.utcoffset() == timedelta(hours=-7)


def test_an_address_outside_its_zones_gets_the_outside_area_answer(
        desert_client: TestClient) -> None:
    phone = Phone(desert_client, "+14805559877")
    assert "Desert Air & Pools" in phone.text("can someone look at my swamp cooler tomorrow?")

    # A Chicago ZIP the demo company serves is outside this company's area.
    reply = phone.text("Jane Doe, 1 N Clark St, Chicago 60614")

    assert "we don't serve ZIP 60614" in reply
    response = desert_client.get("/api/customers", params={"phone": "+14805559877"},
                                 headers=ADMIN)
    assert response.json() == []  # nobody is set up at an address the company does not serve
