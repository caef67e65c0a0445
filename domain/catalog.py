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
                "boiler", "radiator", "radiators", "no heating", "not heating", "heat", "heat is out",
                "heat went out", "ac unit", "air con", "aircon", "central air", "mini split",
                "ductless", "blower", "vents", "ductwork", "ducts", "warm air", "not blowing",
                "frozen coil", "refrigerant", "freon", "cooling", "air handler", "evaporator coil",
                "short cycling", "heat exchanger", "ac not working", "baseboard heat",
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
                "annual maintenance", "yearly service", "servicing", "boiler servicing",
                "preventive maintenance", "preventative maintenance", "precision tune-up",
                "safety check", "gas safety check", "furnace cleaning", "ac cleaning",
                "furnace service", "ac service", "boiler check", "annual inspection",
                "maintenance plan", "service plan", "winterize", "winterizing", "spring tune-up",
                "annual", "yearly", "tune", "furnace inspection", "ac inspection", "boiler inspection",
                "hvac inspection", "duct cleaning", "clean and check", "service visit",
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
                "dishwasher", "washing machine", "dripping", "drip", "leaky", "burst",
                "frozen pipe", "frozen pipes", "pipes", "water line", "shut off valve", "shutoff valve",
                "valve", "water softener", "well pump", "hose bib", "spigot", "taps", "mixer tap",
                "cistern", "will not flush", "does not flush", "flush", "flooding", "flooded",
                "water everywhere", "gas line", "ice maker line", "repipe", "disposal", "waste disposal",
                "loo", "sink", "shower", "bath", "bathtub", "tub",
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
                "drains", "blockage", "unclog", "backing up", "backs up", "slow draining",
                "draining slowly", "will not drain", "not draining", "does not drain", "standing water",
                "overflowing", "gurgling", "sewage", "septic", "main line", "plunger", "clogging",
                "clogs", "blocked sink", "blocked toilet", "root intrusion", "drain cleaning",
                "unblock", "unblocking", "unclogging", "blocked up", "clogged up", "stopped up",
                "wont drain", "slow to drain", "drain unblocking", "jetting", "drains slowly",
                "drain slowly", "drains slow", "drain is slow", "drains are slow",
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
                "hot water heater", "immersion", "immersion heater", "lukewarm water",
                "only cold water", "cold showers", "no hot", "water tank", "expansion tank",
                "anode rod", "heater tank", "water too hot",
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
                "light", "lights", "power", "no power", "sparking", "sparks", "tripping", "tripped",
                "trips", "circuit", "fuse box", "fusebox", "consumer unit", "rcd", "sockets", "plug",
                "gfi", "lighting", "light fixture", "fixture", "ceiling light", "dimmer",
                "ev charger", "generator", "surge", "rewire", "rewiring", "smoke detector",
                "electric", "electrics", "power outage", "flickering", "buzzing", "shock",
            ),
        ),
    )
)
