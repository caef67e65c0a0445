"""Time-of-day constraints and days given as alternatives.

A deadline ("needs to be finished by 4", "the shop shuts at 3") is when the visit must be OVER,
never when it starts; a part of the day bounds an open time ("friday afternoon before 4": noon to
4); "wednesday or thursday" is one wish, either day, never the last one alone.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.nlu.text import normalize
from bot.nlu.when import alternative_days, resolve_when
from domain.scheduling import Offer, Wish

TODAY = date(2026, 3, 2)  # a Monday
ZONE = "America/Chicago"


def _when(text: str) -> dict[str, str | None]:
    return resolve_when(normalize(text), TODAY) or {}


@pytest.mark.parametrize(("text", "finish"), [
    ("it needs to be finished by 4", "16:00"),
    ("the guy has to be out before 3 tomorrow", "15:00"),
    ("we close at 5 so whatever time works", "17:00"),
    ("the office shuts at 4, can you come wednesday", "16:00"),
    ("all wrapped up by noon please", "12:00"),
    ("can u come wed? i gotta leave for work at 1", "13:00"),
    ("wednesday works, i have to head out at 2", "14:00"),
    ("need someone tomorrow before we open at 11am if possible", "11:00"),
    ("can someone come before the store opens at 10", "10:00"),
])
def test_a_deadline_is_when_the_visit_must_be_over(text: str, finish: str) -> None:
    when = _when(text)
    assert when.get("finish") == finish
    assert when.get("start") is None  # "close at 5" is never a 5pm arrival


def test_a_time_to_leave_after_a_morning_asked_is_the_afternoon_hour() -> None:
    when = _when("anything earlier thurs morning? i gotta leave for work at 1")
    assert (when.get("start"), when.get("end"), when.get("finish")) == ("08:00", "12:00", "13:00")


@pytest.mark.parametrize("text", [
    "can the tech be here by 11",
    "can someone come at 1, i leave work early",
    "we are out until 3, any slot after that",
    "come at 2 please",
])
def test_arrival_times_are_no_deadline(text: str) -> None:
    assert "finish" not in _when(text)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("friday afternoon before 4?", "12:00", "16:00"),
    ("tomorrow morning after 9", "09:00", "12:00"),
    ("friday at 10 in the morning", "10:00", None),  # one time, no span
])
def test_a_part_of_the_day_bounds_an_open_time(text: str, start: str, end: str | None) -> None:
    when = _when(text)
    assert (when.get("start"), when.get("end")) == (start, end)


@pytest.mark.parametrize(("text", "first", "days"), [
    ("can someone come wed or thurs instead, mornings best", "2026-03-04", 2),
    ("sometime next week, tuesday or friday afternoon", "2026-03-10", 2),
    ("tue, wed or thu works", "2026-03-03", 3),
])
def test_days_joined_by_or_are_one_wish_from_the_first(text: str, first: str, days: int) -> None:
    assert _when(text).get("date") == first
    assert len(alternative_days(normalize(text), TODAY)) == days


@pytest.mark.parametrize("text", ["next week, like tuesday or wednesday",
                                  "next week tuesday or wednesday"])
def test_a_weekday_beside_a_day_of_next_week_is_in_that_week(text: str) -> None:
    # said on a Monday: Tuesday and Wednesday of next week, never tomorrow's Tuesday
    assert alternative_days(normalize(text), TODAY) == (date(2026, 3, 10), date(2026, 3, 11))
    assert _when(text).get("date") == "2026-03-10"
    tuesday = TODAY + timedelta(days=1)  # said on a Tuesday: never tomorrow's Wednesday
    assert alternative_days(normalize(text), tuesday) == (date(2026, 3, 10), date(2026, 3, 11))


@pytest.mark.parametrize("text", ["monday, tuesday", "move monday to friday"])
def test_days_without_or_are_no_alternatives(text: str) -> None:
    assert alternative_days(normalize(text), TODAY) == ()


def test_a_place_closed_that_morning_wishes_no_morning() -> None:
    when = _when("we're closed that morning. can you do thursday instead")
    assert when.get("date") == "2026-03-05" and when.get("start") is None


def _offer(start: time, hours: int = 2) -> Offer:
    begins = datetime.combine(TODAY, start, ZoneInfo(ZONE))
    return Offer(1, "Dave Smith", begins, begins + timedelta(hours=hours), begins,
                 begins + timedelta(hours=2))


def test_an_offer_meets_a_deadline_only_when_it_is_over_by_then() -> None:
    wish = Wish.from_when({"date": TODAY.isoformat(), "end": "17:00", "finish": "17:00"})
    assert wish.is_met_by(_offer(time(14)), ZONE)  # 2-4pm
    assert not wish.is_met_by(_offer(time(16)), ZONE)  # 4-6pm arrives before 5, ends after
    assert not wish.is_met_by(_offer(time(14), hours=4), ZONE)  # the work runs past 5


@pytest.mark.parametrize(("text", "start", "end"), [
    ("we're open to customers 9-6, could the tech come after 6 on friday?", "18:00", None),
    ("our hours are 8-4. anytime after 4 tomorrow", "16:00", None),
    ("we are open 8-5", "08:00", "17:00"),  # the only time told: still read
])
def test_the_hours_a_place_is_open_are_no_wish_beside_one(text: str, start: str,
                                                          end: str | None) -> None:
    when = _when(text)
    assert (when.get("start"), when.get("end")) == (start, end)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("tomorrow at 930", "09:30", None),
    ("1030am on thursday", "10:30", None),
    ("anytime after 1230", "12:30", None),
    ("between 1030 and 1230 friday", "10:30", "12:30"),
])
def test_times_in_bare_figures_are_read(text: str, start: str, end: str | None) -> None:
    when = _when(text)
    assert (when.get("start"), when.get("end")) == (start, end)


@pytest.mark.parametrize("text", [
    "come to 930 w belmont tomorrow",
    "the office at 1030 n clark st, tomorrow",
    "unit 930, tomorrow",
])
def test_street_and_unit_numbers_are_no_time(text: str) -> None:
    assert _when(text).get("start") is None
