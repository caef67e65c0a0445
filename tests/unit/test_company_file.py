"""A company file is read whole: every problem named by its key path, or a Company that writes back
the same."""

from __future__ import annotations

import copy
import tomllib
from datetime import time, timedelta
from pathlib import Path
from typing import Any

import pytest

from domain.catalog import DEMO_CATALOG
from domain.company import CompanyFileError, company_document, parse_company, read_company
from domain.company_values import format_duration, parse_duration, parse_span
from domain.demo import demo_business, demo_company, demo_company_text
from domain.staff import Role

DESERT_AIR = Path(__file__).resolve().parents[1] / "data" / "desert_air.toml"


def desert_air() -> dict[str, Any]:
    return tomllib.loads(DESERT_AIR.read_text("utf-8"))


def problems_of(document: dict[str, Any]) -> list[str]:
    with pytest.raises(CompanyFileError) as refused:
        read_company(document)
    return list(refused.value.problems)


def test_the_demo_company_is_its_bundled_file() -> None:
    company = demo_company()
    business = company.business
    assert (business.name, business.phone, business.timezone) == (
        "Northwind Heating & Plumbing", "+13125550100", "America/Chicago")
    assert business.business_hours.to_dict() == {
        "mon": "07:00-19:00", "tue": "07:00-19:00", "wed": "07:00-19:00", "thu": "07:00-19:00",
        "fri": "07:00-19:00", "sat": "08:00-14:00", "sun": None}
    assert [zone.id for zone in business.zones] == ["north", "west", "south"]
    assert business.zone_for_postal_code("60637").id == "south"  # type: ignore[union-attr]
    assert DEMO_CATALOG is company.catalog and demo_business() is business
    tune_up = DEMO_CATALOG.get("hvac_maintenance")
    assert (tune_up.price_cents, tune_up.upkeep_months, tune_up.duration) == (
        12900, 12, timedelta(hours=1, minutes=30))
    assert "no hot water" in DEMO_CATALOG.get("water_heater").keywords
    technicians = [m for m in company.staff if m.role is Role.TECHNICIAN]
    assert [m.phone for m in technicians] == [f"+155501000{91 + i}" for i in range(6)]
    assert [m.name for m in company.staff if m.role is Role.SALES] == [
        "Rachel Green", "Tony Marsh", "Lena Ortiz"]


@pytest.mark.parametrize("text", [demo_company_text(), DESERT_AIR.read_text("utf-8")],
                         ids=["northwind", "desert_air"])
def test_a_company_written_back_reads_the_same(text: str) -> None:
    company = parse_company(text)
    document = company_document(company)
    again = read_company(copy.deepcopy(document))
    assert company_document(again) == document
    assert again.business == company.business and again.catalog == company.catalog


def test_the_second_company_keeps_its_own_time_zone_hours_and_people() -> None:
    company = read_company(desert_air())
    business = company.business
    assert business.timezone == "America/Phoenix"
    assert {zone.timezone for zone in business.zones} == {"America/Phoenix"}
    assert business.business_hours.days[5:] == (None, None)  # closed at weekends
    assert (business.min_lead_time, business.arrival_window, business.reminder_offsets) == (
        timedelta(hours=3), timedelta(hours=1), (timedelta(hours=48),))
    jordan = next(m for m in company.staff if m.name == "Jordan Blake")
    assert jordan.manages_all_deals and jordan.timezone == "America/Phoenix"
    assert company.skills == ("cooling", "pool")


def test_every_problem_is_listed_at_once_with_its_key_path_and_what_is_allowed() -> None:
    document = desert_air()
    document["colour"] = "teal"
    document["business"]["timezone"] = "Mars/Base"
    document["business"]["hours"]["tue"] = "15:00-06:00"
    document["zones"][0]["postal_codes"][3] = "6061"
    document["staff"][1]["phone"] = "12"
    document["staff"][2]["zones"] = ["east_valley", "north_pole"]
    document["services"][1]["skill"] = "roofing"
    document["services"][0]["duration"] = "0m"
    document["services"][0]["price"] = 119
    problems = problems_of(document)
    assert problems == [
        "colour: unknown key; allowed: skills, business, zones, services, staff",
        "business.timezone: 'Mars/Base' is not an IANA time zone (e.g. America/Chicago)",
        'business.hours.tue: expected a span such as "07:00-19:00" (24-hour, ending after it '
        "starts), got text '15:00-06:00'",
        "zones[0].postal_codes[3]: '6061' is not a 5-digit ZIP",
        "staff[1].phone: '12' is not a complete phone number; include the country or area code, "
        "e.g. +13125550142",
        "staff[2].zones[1]: 'north_pole' is not a zone id of this file; allowed: east_valley, "
        "west_valley",
        "services[0].price: unknown key; allowed: id, name, duration, price_cents, skill, "
        "upkeep_months, keywords",
        "services[0].duration: must be longer than 0m",
        "services[1].skill: 'roofing' is not a skill any technician or the file declares; "
        "allowed: cooling, pool",
    ]


def test_missing_parts_are_named() -> None:
    document = desert_air()
    del document["staff"]
    del document["business"]["phone"]
    del document["zones"][1]["postal_codes"]
    del document["services"][0]["price_cents"]
    assert problems_of(document) == [
        "staff: missing",
        "business.phone: missing",
        "zones[1].postal_codes: missing",
        "services[0].price_cents: missing",
    ]


def test_a_technician_needs_skills_zones_and_hours_and_only_technicians_have_them() -> None:
    document = desert_air()
    del document["staff"][0]["hours"]
    document["staff"][1]["skills"] = []
    document["staff"][3]["zones"] = ["east_valley"]
    document["staff"][4]["manages_all_deals"] = True
    document["staff"][2]["hours"] = {}
    assert problems_of(document) == [
        "staff[0].hours: missing: a technician needs skills, zones and hours",
        "staff[1].skills: at least one is needed",
        "staff[2].hours: at least one day must be open (a day left out is closed)",
        "staff[3].zones: only technicians have zones; this is sales",
        "staff[4].manages_all_deals: only a sales rep manages all deals; this is dispatcher",
    ]


def test_declared_skills_are_the_only_ones_technicians_may_have() -> None:
    document = {"skills": ["cooling", "pool", "roofing"], **desert_air()}
    document["staff"][1]["skills"] = ["cooling", "pools"]
    assert problems_of(document) == [
        "staff[1].skills[1]: 'pools' is not in skills; allowed: cooling, pool, roofing"]
    document["staff"][1]["skills"] = ["cooling"]
    document["services"][1]["skill"] = "roofing"  # declared: a service may wait for its hire
    assert read_company(document).catalog.get("pool_pump").skill == "roofing"


def test_ids_phones_names_and_zips_must_be_unique() -> None:
    document = desert_air()
    document["zones"].append({"id": "east_valley", "name": "Again", "postal_codes": ["85203"]})
    document["services"][1]["id"] = "cooler_service"
    document["staff"][1]["phone"] = "(480) 555-0111"  # Rosa's number, written another way
    document["staff"][2]["name"] = "rosa delgado"
    document["staff"][3]["telegram_chat_id"] = 7001
    document["services"][0]["keywords"].append("Swamp Cooler")
    assert problems_of(document) == [
        "zones[2].id: the same zone id as zones[0].id; each must be unique",
        "zones[2].postal_codes[0]: the same ZIP as zones[0].postal_codes[2]; each must be unique",
        "staff[1].phone: the same phone as staff[0].phone; each must be unique",
        "staff[2].name: the same name as staff[0].name; each must be unique",
        "staff[4].telegram_chat_id: the same telegram_chat_id as staff[3].telegram_chat_id; "
        "each must be unique",
        "services[0].keywords: 'Swamp Cooler' is listed twice",
        "services[1].id: the same service id as services[0].id; each must be unique",
    ]


def test_wrong_kinds_of_values_say_what_was_expected() -> None:
    document = desert_air()
    document["business"]["reminder_offsets"] = "48h"
    document["business"]["travel_buffer"] = 45
    document["zones"][1]["postal_codes"][0] = 85301
    document["staff"][0]["telegram_chat_id"] = "@rosa"
    document["staff"][3]["manages_all_deals"] = "yes"
    document["services"][0]["upkeep_months"] = 0
    document["services"][1]["keywords"] = ["pool", 7]
    document["services"][1]["price_cents"] = 145.0
    assert problems_of(document) == [
        "business.reminder_offsets: expected a list [...], got text '48h'",
        'business.travel_buffer: expected a duration such as "2h", "90m" or "1h30m", '
        "got a number 45",
        'zones[1].postal_codes[0]: write a ZIP as text in quotes, e.g. "85301"',
        "staff[0].telegram_chat_id: expected a whole number, got text '@rosa'",
        "staff[3].manages_all_deals: expected true or false, got text 'yes'",
        "services[0].upkeep_months: 0 is out of range; allowed: 1 to 120",
        "services[1].price_cents: expected a whole number, got a number 145.0",
        "services[1].keywords[1]: expected text in quotes, got a number 7",
    ]


def test_a_table_where_a_list_of_tables_belongs_is_named() -> None:
    document = desert_air()
    document["services"] = {"id": "pool_pump"}
    assert problems_of(document) == [
        "services: expected a list of [[services]] tables, got a table {'id': 'pool_pump'}"]


def test_text_that_is_not_toml_is_one_problem() -> None:
    with pytest.raises(CompanyFileError) as refused:
        parse_company("[business\nname = 'x'")
    [problem] = refused.value.problems
    assert problem.startswith("not valid TOML:") and "line 1" in problem


@pytest.mark.parametrize(("text", "minutes"), [
    ("2h", 120), ("90m", 90), ("1h30m", 90), ("0m", 0), (" 45M ", 45), ("24h", 1440)])
def test_durations_are_hours_and_minutes(text: str, minutes: int) -> None:
    assert parse_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["", "2", "h", "2 hours", "1.5h", "30m2h", "-1h", "PT2H"])
def test_other_duration_spellings_are_refused(text: str) -> None:
    assert parse_duration(text) is None


def test_durations_are_written_the_way_they_are_read() -> None:
    written = [format_duration(timedelta(minutes=m)) for m in (0, 45, 60, 90, 1440)]
    assert written == ["0m", "45m", "1h", "1h30m", "24h"]


def test_spans_are_24_hour_and_end_after_they_start() -> None:
    assert parse_span("07:00-19:00") is not None
    assert parse_span("06:30 - 15:00").start == time(6, 30)  # type: ignore[union-attr]
    for text in ("7-19", "07:00", "19:00-07:00", "08:00-08:00", "24:00-25:00", "7am-7pm"):
        assert parse_span(text) is None, text


def test_the_readme_example_is_a_company_file_load_accepts() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    company = parse_company(example)
    assert company.business.name == "Desert Air & Pools"
    assert company.catalog.get("cooler_service").upkeep_months == 6
