"""Phones, money, hours and the catalog: the small values everything else leans on."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.catalog import DEMO_CATALOG
from domain.clock import FixedClock, ensure_utc
from domain.errors import InvalidPhoneNumber, UnknownService
from domain.hours import Span, WeeklyHours
from domain.money import Line, format_cents, total_cents
from domain.phones import mask_phone, normalize_phone

CHICAGO = ZoneInfo("America/Chicago")


@pytest.mark.parametrize("raw", [
    "(312) 555-0142", "312-555-0142", "312.555.0142", "3125550142", "+1 312 555 0142",
    "1-312-555-0142", "  +13125550142 ",
])
def test_a_us_number_in_any_usual_format_becomes_e164(raw):
    assert normalize_phone(raw) == "+13125550142"


def test_a_foreign_number_keeps_its_country_code():
    assert normalize_phone("+44 20 7946 0958") == "+442079460958"


@pytest.mark.parametrize("raw", ["", "hello", "555-0142", "12", "+1 312 555 01423 99"])
def test_garbage_is_not_a_phone_number_and_the_error_shows_a_good_example(raw):
    with pytest.raises(InvalidPhoneNumber, match=r"\+13125550142"):
        normalize_phone(raw)


def test_the_phone_error_does_not_repeat_the_whole_input():
    with pytest.raises(InvalidPhoneNumber) as raised:
        normalize_phone("call me maybe 555")
    assert "call me maybe" not in str(raised.value)


def test_a_masked_phone_shows_only_the_last_four_digits():
    assert mask_phone("+13125550142") == "***0142"


@pytest.mark.parametrize(("cents", "shown"), [
    (0, "$0.00"), (5, "$0.05"), (1999, "$19.99"), (1234567, "$12,345.67"), (-250, "-$2.50"),
])
def test_money_is_shown_with_thousands_and_two_decimals(cents, shown):
    assert format_cents(cents) == shown


def test_lines_total_in_integer_cents_and_refuse_nonsense():
    lines = [Line("Labour", 3, 9_500), Line("Part", 1, 1)]
    assert total_cents(lines) == 28_501
    assert Line.from_dict(lines[0].to_dict()) == lines[0]
    with pytest.raises(ValueError, match="quantity"):
        Line("Labour", 0, 100)
    with pytest.raises(ValueError, match="negative"):
        Line("Refund", 1, -1)


def test_weekly_hours_survive_a_round_trip_through_a_dict():
    hours = WeeklyHours.weekdays("07:00", "19:00", saturday="08:00-14:00")
    raw = hours.to_dict()
    assert raw["mon"] == "07:00-19:00" and raw["sat"] == "08:00-14:00" and raw["sun"] is None
    assert WeeklyHours.from_dict(raw) == hours


def test_weekly_hours_know_which_day_is_closed():
    hours = WeeklyHours.weekdays("07:00", "19:00")
    assert hours.for_day(date(2026, 3, 2)) == Span(time(7), time(19))  # Monday
    assert hours.for_day(date(2026, 3, 8)) is None  # Sunday


def test_a_span_must_end_after_it_starts_and_knows_what_it_contains():
    with pytest.raises(ValueError, match="before it starts"):
        Span.parse("17:00-08:00")
    span = Span.parse("08:00 - 17:00")
    assert span.contains(time(8)) and not span.contains(time(17))


def test_a_span_on_a_dst_day_keeps_its_wall_clock_hours():
    span = Span.parse("08:00-17:00")
    spring_start, spring_end = span.on(date(2026, 3, 8), CHICAGO)
    fall_start, fall_end = span.on(date(2026, 11, 1), CHICAGO)
    assert ensure_utc(spring_start) == datetime(2026, 3, 8, 13, tzinfo=UTC)
    assert ensure_utc(fall_start) == datetime(2026, 11, 1, 14, tzinfo=UTC)
    assert spring_end - spring_start == fall_end - fall_start == timedelta(hours=9)


def test_the_clock_is_aware_utc_and_refuses_naive_times():
    clock = FixedClock(datetime(2026, 3, 8, 9, tzinfo=CHICAGO))
    assert clock.now() == datetime(2026, 3, 8, 14, tzinfo=UTC)
    assert clock.now().tzinfo is UTC
    with pytest.raises(ValueError, match="naive"):
        FixedClock(datetime(2026, 3, 8, 9))  # noqa: DTZ001


def test_an_unknown_service_names_the_services_that_exist():
    with pytest.raises(UnknownService) as raised:
        DEMO_CATALOG.get("roofing")
    message = str(raised.value)
    assert "Unknown service 'roofing'" in message
    assert all(service_id in message for service_id in DEMO_CATALOG.ids())
