"""The date table of the contract, rule by rule, with SMS spellings and UK wording."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.unit.nlu.conftest import MONDAY


def when_of(understand, text, now=MONDAY, role="customer"):
    return understand(text, role=role, now=now).slots.get("when")


def day(date, start=None, end=None):
    return {"date": date, "start": start, "end": end}


def hours(start=None, end=None):
    return {"date": None, "start": start, "end": end}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can you come today", day("2026-03-02")),
        ("tonight possible?", day("2026-03-02", "17:00", "20:00")),
        ("can someone come this afternoon", day("2026-03-02", "12:00", "17:00")),
        ("book me in tomorrow", day("2026-03-03")),
        ("tmrw?? need a plumber", day("2026-03-03")),
        ("can u come tmw", day("2026-03-03")),
        ("2moro pls, the sink is blocked", day("2026-03-03")),
        ("tomorow works for the tune up", day("2026-03-03")),
        ("the day after tomorrow please", day("2026-03-04")),
        ("book me for the day after tmrw", day("2026-03-04")),
    ],
)
def test_relative_days_count_from_the_local_today(understand, text, expected):
    assert when_of(understand, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can you come thursday", "2026-03-05"),
        ("this thursday please", "2026-03-05"),
        ("next thursday", "2026-03-05"),
        ("on thurs", "2026-03-05"),
        ("thrusday works", "2026-03-05"),
        ("wensday?", "2026-03-04"),
        ("can the engineer come wed morning", "2026-03-04"),
        ("monday please", "2026-03-09"),
        ("Saturday", "2026-03-07"),
        ("can you come sat", "2026-03-07"),
        ("fri", "2026-03-06"),
    ],
)
def test_a_weekday_is_the_first_such_day_strictly_after_today(understand, text, expected):
    assert when_of(understand, text)["date"] == expected


def test_next_week_is_monday_of_next_week(understand):
    assert when_of(understand, "any time next week") == day("2026-03-09")


def test_a_weekday_of_next_week_falls_in_next_week(understand):
    friday = datetime(2026, 3, 6, 10, 0, tzinfo=ZoneInfo("America/Chicago"))
    assert when_of(understand, "tuesday next week", now=friday)["date"] == "2026-03-10"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("could you come in 3 days", "2026-03-05"),
        ("in two weeks please", "2026-03-16"),
        ("in a week", "2026-03-09"),
        ("in a fortnight", "2026-03-16"),
        ("a week today", "2026-03-09"),
    ],
)
def test_in_n_days_and_weeks_count_from_today(understand, text, expected):
    assert when_of(understand, text)["date"] == expected


def test_for_n_days_is_a_snooze_length_for_sales(understand):
    when = when_of(understand, "snooze Oakwood Clinic for 4 days", role="sales")
    assert when == day("2026-03-06")


def test_a_customer_saying_for_3_days_names_no_day(understand):
    assert when_of(understand, "no heat for 3 days, furnace is dead") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the 14th works", "2026-03-14"),
        ("on the 2nd of next month", "2026-04-02"),
        ("how about the 1st", "2026-04-01"),
        ("the 31st", "2026-03-31"),
    ],
)
def test_the_nth_is_the_first_such_date_on_or_after_today(understand, text, expected):
    assert when_of(understand, text)["date"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tuesday the 10th", "2026-03-10"),
        ("can you come tuesday the 10th at 3", "2026-03-10"),
        ("friday the 13th?", "2026-03-13"),
        ("monday 16th works", "2026-03-16"),
        ("wednesday the 8th", "2026-04-08"),  # the 8th on a Wednesday, not the next Wednesday
        ("tuesday the 8th", "2026-03-08"),  # no Tuesday the 8th soon: the date said wins
    ],
)
def test_a_weekday_with_a_day_of_month_is_that_date(understand, text, expected):
    assert when_of(understand, text)["date"] == expected


def test_a_weekday_with_a_clock_time_stays_the_next_such_weekday(understand):
    assert when_of(understand, "thursday 10:30") == day("2026-03-05", "10:30")


def test_the_31st_skips_months_without_one(understand):
    april = datetime(2026, 4, 5, 9, 0, tzinfo=ZoneInfo("America/Chicago"))
    assert when_of(understand, "the 31st please", now=april)["date"] == "2026-05-31"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 10", "2026-03-10"),
        ("10 March", "2026-03-10"),
        ("march 10th", "2026-03-10"),
        ("3/10", "2026-03-10"),
        ("jan 5", "2027-01-05"),
        ("the 5th of january", "2027-01-05"),
        ("sept 3", "2026-09-03"),
        ("March 2", "2026-03-02"),
        ("3/1", "2027-03-01"),
    ],
)
def test_calendar_dates_roll_into_next_year_once_past(understand, text, expected):
    assert when_of(understand, f"can you come {text}")["date"] == expected


def test_a_written_year_is_kept(understand):
    assert when_of(understand, "book for jan 12 2027")["date"] == "2027-01-12"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tuesday morning", ("08:00", "12:00")),
        ("tuesday afternoon", ("12:00", "17:00")),
        ("tuesday evening", ("17:00", "20:00")),
    ],
)
def test_parts_of_day_give_fixed_windows(understand, text, expected):
    when = when_of(understand, text)
    assert (when["start"], when["end"]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow at 3 works", ("2026-03-03", "15:00", None)),
        ("tomorrow around 3", ("2026-03-03", "15:00", None)),
        ("tomorrow 3ish", ("2026-03-03", "15:00", None)),
        ("thursday after 2", ("2026-03-05", "14:00", None)),
        ("before noon monday", ("2026-03-09", None, "12:00")),
        ("friday by 11", ("2026-03-06", None, "11:00")),
        ("friday between 1 and 3", ("2026-03-06", "13:00", "15:00")),
        ("friday 1-3", ("2026-03-06", "13:00", "15:00")),
        ("tomorrow at 10am", ("2026-03-03", "10:00", None)),
        ("tomorrow at 2:30pm", ("2026-03-03", "14:30", None)),
        ("tomorrow at noon", ("2026-03-03", "12:00", None)),
        ("tomorrow at half 3", ("2026-03-03", "15:30", None)),
        ("tomorrow at 8", ("2026-03-03", "08:00", None)),
        ("tomorrow at 12", ("2026-03-03", "12:00", None)),
        ("tomorrow at 7", ("2026-03-03", "19:00", None)),
        ("friday 9-11am", ("2026-03-06", "09:00", "11:00")),
        ("friday 11-1", ("2026-03-06", "11:00", "13:00")),
        ("tonight at 8", ("2026-03-02", "20:00", None)),
        ("saturday morning at 7", ("2026-03-07", "07:00", None)),
    ],
)
def test_hours_follow_the_business_hour_rule(understand, text, expected):
    when = when_of(understand, text)
    assert (when["date"], when["start"], when["end"]) == expected


def test_tomorrow_at_3_is_afternoon(understand):
    assert when_of(understand, "can you come tmrw at 3") == day("2026-03-03", "15:00")


def test_a_time_without_a_day_keeps_date_empty(understand):
    assert when_of(understand, "can the tech come at 4pm instead?") == hours("16:00")


def test_the_wanted_day_wins_over_the_refused_one(understand):
    assert when_of(understand, "can't do tomorrow, how about Monday") == day("2026-03-09")


def test_moving_from_one_day_to_another_keeps_the_new_day(understand):
    when = when_of(understand, "move my appointment from Tuesday to Friday morning")
    assert when == day("2026-03-06", "08:00", "12:00")


def test_what_already_happened_is_not_the_wanted_day(understand):
    when = when_of(understand, "heating stopped this morning, can someone come tomorrow")
    assert when == day("2026-03-03")


@pytest.mark.parametrize(
    "text",
    [
        "my number is 312-555-0199",
        "quote 1042 looks high",
        "I live at 1420 Elm St",
        "replaced filter 16x25x1",
        "it's 68 degrees inside",
        "the unit is 15 years old",
        "its like 15 yrs old",
        "furnace is about 20yr old",
        "it stopped like 2 hrs ago",
        "a good morning to you",
    ],
)
def test_numbers_that_are_not_times_name_no_time(understand, text):
    assert when_of(understand, text) is None


def test_dates_use_the_message_zone_not_utc(understand):
    late_evening = datetime(2026, 3, 2, 23, 30, tzinfo=ZoneInfo("America/Los_Angeles"))
    assert when_of(understand, "tomorrow please", now=late_evening)["date"] == "2026-03-03"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can you come a week on tuesday", day("2026-03-10")),
        ("tuesday week", day("2026-03-10")),
        ("could someone come round at half 10 tomorrow", day("2026-03-03", "10:30")),
        ("tues eve", day("2026-03-03", "17:00", "20:00")),
        ("in a fortnight please", day("2026-03-16")),
    ],
)
def test_uk_wording(understand, text, expected):
    assert when_of(understand, text) == expected


def test_how_long_something_has_been_broken_is_not_a_day(understand):
    assert when_of(understand, "tap's been dripping for a fortnight") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can we push thursdays tune up to friday morning instead", day("2026-03-06", "08:00", "12:00")),
        ("move the 10th to friday the 13th", day("2026-03-13")),
        ("reschedule the electrical on mar 10 to mar 12", day("2026-03-12")),
        ("the plumbing one on wed the 4th -> thu the 5th", day("2026-03-05")),
        ("can you bump tuesday's visit to thursday", day("2026-03-05")),
        ("leave the 10th alone. move the thursday one instead", day("2026-03-05")),
    ],
)
def test_in_a_move_the_day_after_to_is_the_new_day(understand, text, expected):
    assert when_of(understand, text) == expected


def test_a_range_of_days_to_book_is_not_a_move(understand):
    assert when_of(understand, "can you come any day tuesday to thursday") == day("2026-03-03")


@pytest.mark.parametrize("text", ["just keep thursday then", "leave friday alone"])
def test_a_day_kept_is_not_a_day_wished_for(understand, text):
    assert when_of(understand, text) is None


@pytest.mark.parametrize("text", [
    "the mar 10 plumbing visit -> mar 12 please",
    "the 10th -> the 12th please",
    "and eddies visit that same day, can that move to monday the 16th",
    "can carla's visit move to the 12th",
    "can you bump tuesday's drain cleaning to thursday",
])
def test_a_visit_pointed_to_another_day_is_a_move(understand, text):
    assert understand(text, role="customer", now=MONDAY).intent == "reschedule"
