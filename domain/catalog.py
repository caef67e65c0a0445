"""The service catalog: what the business sells and the words customers use for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from domain.errors import UnknownService


@dataclass(frozen=True)
class Service:
    """One bookable service: how long it takes, who can do it, how customers describe it."""

    id: str
    name: str
    duration: timedelta
    skill: str
    keywords: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Catalog:
    """The business's services, looked up by id."""

    services: tuple[Service, ...]

    def get(self, service_id: str) -> Service:
        for service in self.services:
            if service.id == service_id:
                return service
        known = ", ".join(s.id for s in self.services)
        raise UnknownService(f"Unknown service '{service_id}'. Known services: {known}")

    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.services)


DEMO_CATALOG = Catalog(
    services=(
        Service(
            id="hvac_repair",
            name="Heating & cooling repair",
            duration=timedelta(hours=2),
            skill="hvac",
            keywords=(
                "ac", "a/c", "air conditioner", "air conditioning", "furnace", "heat pump",
                "heater", "heating", "no heat", "not cooling", "blowing warm air",
                "thermostat", "hvac", "boiler not working", "compressor", "condenser",
            ),
        ),
        Service(
            id="hvac_maintenance",
            name="Heating & cooling tune-up",
            duration=timedelta(hours=1, minutes=30),
            skill="hvac",
            keywords=(
                "tune-up", "tune up", "tuneup", "maintenance", "annual service", "inspection",
                "boiler service", "check-up", "checkup", "filter change", "seasonal service",
            ),
        ),
        Service(
            id="plumbing_repair",
            name="Plumbing repair",
            duration=timedelta(hours=2),
            skill="plumbing",
            keywords=(
                "leak", "leaking", "pipe", "burst pipe", "faucet", "tap", "toilet", "running toilet",
                "plumber", "plumbing", "water pressure", "sump pump", "garbage disposal",
            ),
        ),
        Service(
            id="drain_cleaning",
            name="Drain cleaning",
            duration=timedelta(hours=1, minutes=30),
            skill="plumbing",
            keywords=(
                "drain", "clog", "clogged", "blocked", "backed up", "slow drain", "sewer",
                "sewer line", "rooter", "snake", "hydro jetting",
            ),
        ),
        Service(
            id="water_heater",
            name="Water heater service",
            duration=timedelta(hours=2),
            skill="plumbing",
            keywords=(
                "water heater", "hot water", "no hot water", "tankless", "hot water tank",
                "pilot light", "cylinder",
            ),
        ),
        Service(
            id="electrical",
            name="Electrical repair",
            duration=timedelta(hours=1, minutes=30),
            skill="electrical",
            keywords=(
                "outlet", "socket", "breaker", "electrical", "electrician", "wiring", "light switch",
                "switch", "lights flickering", "panel", "fuse", "gfci", "power out", "ceiling fan",
            ),
        ),
    )
)
