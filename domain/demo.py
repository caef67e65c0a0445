"""The demo company, Northwind Heating & Plumbing in Chicago: its company file, and the streets and
work its demo data is made of (store/seed.py)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from domain.business import BusinessSettings
from domain.catalog import Catalog
from domain.company import Company, parse_company
from domain.money import Line
from domain.places import town_of

DEMO_TIMEZONE = "America/Chicago"
DEMO_COMPANY_FILE = "northwind.toml"


def demo_company_text() -> str:
    """The bundled company file of the demo company (domain/companies/northwind.toml)."""
    return resources.files("domain").joinpath("companies", DEMO_COMPANY_FILE).read_text("utf-8")


@cache
def demo_company() -> Company:
    """The demo company, read once from its bundled file."""
    return parse_company(demo_company_text())


def demo_business() -> BusinessSettings:
    """The business the demo data belongs to."""
    return demo_company().business


def demo_catalog() -> Catalog:
    """The demo company's services and the words its customers use for them."""
    return demo_company().catalog


@dataclass(frozen=True)
class DemoWork:
    """What a demo visit of one service is about, what the technician did, and what it cost."""

    scope: str
    summary: str
    lines: tuple[Line, ...]
    quote_title: str  # the larger job a sales rep quotes for this service
    quote_lines: tuple[Line, ...]


# Real streets of each served ZIP, so that a demo address belongs to its town and its zone.
DEMO_STREETS: dict[str, tuple[str, ...]] = {
    "60613": ("W Addison St", "N Sheffield Ave", "W Irving Park Rd"),
    "60614": ("N Clark St", "W Armitage Ave", "W Fullerton Ave"),
    "60618": ("W Roscoe St", "N Kedzie Ave", "W Belmont Ave"),
    "60625": ("W Lawrence Ave", "N Kimball Ave", "W Montrose Ave"),
    "60640": ("N Broadway", "W Argyle St", "N Sheridan Rd"),
    "60302": ("N Oak Park Ave", "N Ridgeland Ave", "N Euclid Ave"),
    "60304": ("S Oak Park Ave", "S Harvey Ave", "S Scoville Ave"),
    "60305": ("Lathrop Ave", "Thatcher Ave", "Ashland Ave"),
    "60130": ("Madison St", "Desplaines Ave", "Elgin Ave"),
    "60153": ("S 5th Ave", "S 9th Ave", "W St Charles Rd"),
    "60615": ("S Dorchester Ave", "E 53rd St", "S Blackstone Ave"),
    "60616": ("S Wentworth Ave", "S Prairie Ave", "W 26th St"),
    "60637": ("S University Ave", "E 57th St", "S Woodlawn Ave"),
    "60649": ("S Jeffery Blvd", "E 71st St", "S South Shore Dr"),
    "60653": ("S King Dr", "E 43rd St", "S Vincennes Ave"),
}

DEMO_WORK: dict[str, DemoWork] = {
    "hvac_repair": DemoWork(
        "Furnace short-cycling, upstairs rooms cold",
        "Replaced the flame sensor, cleaned the burners, tested a full heating cycle",
        (Line("Flame sensor", 1, 4500), Line("Labor (1 h)", 1, 12500)),
        "Furnace replacement",
        (Line("96% AFUE gas furnace, 80k BTU", 1, 345000), Line("Installation labor", 8, 12500))),
    "hvac_maintenance": DemoWork(
        "Annual furnace tune-up",
        "Cleaned the burners, replaced the filter, checked the heat exchanger and CO levels",
        (Line("Tune-up", 1, 12900), Line("Pleated filter 16x25x1", 1, 1800)),
        "Maintenance plan (2 visits a year)",
        (Line("Spring AC check", 1, 12900), Line("Fall furnace tune-up", 1, 12900))),
    "plumbing_repair": DemoWork(
        "Kitchen sink leaking under the cabinet",
        "Replaced the P-trap and both supply lines, no leaks after a 15-minute test",
        (Line("P-trap kit", 1, 2400), Line("Supply lines", 2, 1200), Line("Labor (1 h)", 1, 12500)),
        "Kitchen repipe in PEX",
        (Line("PEX pipe and fittings", 1, 68000), Line("Installation labor", 6, 12500))),
    "drain_cleaning": DemoWork(
        "Basement floor drain backing up",
        "Snaked the main line 60 ft, cleared roots, drain flowing; camera shows a cracked joint",
        (Line("Main line cleaning", 1, 14900),),
        "Sewer line repair",
        (Line("Spot repair of the cracked joint", 1, 240000), Line("Excavation labor", 6, 12500))),
    "water_heater": DemoWork(
        "No hot water, pilot keeps going out",
        "Replaced the thermocouple, relit the pilot, hot water back at 120 F",
        (Line("Thermocouple", 1, 3200), Line("Labor (1 h)", 1, 12500)),
        "Water heater replacement",
        (Line("50-gallon gas water heater", 1, 160000), Line("Installation labor", 4, 12500))),
    "electrical": DemoWork(
        "Kitchen outlets dead, breaker keeps tripping",
        "Replaced a failed GFCI outlet, tightened the neutral at the panel, circuit tested",
        (Line("GFCI outlet", 1, 3800), Line("Labor (1 h)", 1, 12500)),
        "Panel upgrade to 200 A",
        (Line("200 A panel and breakers", 1, 210000), Line("Installation labor", 10, 12500))),
}


def demo_town(postal_code: str) -> str:
    """The town of a served demo ZIP ("60302" -> "Oak Park")."""
    return town_of(postal_code) or "Chicago"


def served_zip_table(business: BusinessSettings) -> list[tuple[str, str, str]]:
    """(zone name, ZIP, town) for every ZIP the business serves, as the README lists them."""
    return [(zone.name, code, town_of(code) or "") for zone in business.zones
            for code in zone.postal_codes]
