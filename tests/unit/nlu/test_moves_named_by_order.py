"""A move that names its visit by its order in a day ("the last one on friday") still asks for the
day after "to"; "3 in one day" counts visits and names no day."""

from __future__ import annotations

import pytest

from tests.unit.nlu.conftest import MONDAY


@pytest.mark.parametrize(("text", "wanted"), [
    ("move the last one on friday to saturday if possible", "2026-03-07"),
    ("3 in one day is too much. move the last one on friday to saturday", "2026-03-07"),
    ("push the last appointment on thursday to monday please", "2026-03-09"),
    ("two visits in one day is a lot, can the last one on wed move to friday", "2026-03-06"),
    ("all in one day wont work. move the last visit of friday to tuesday", "2026-03-03"),
    ("can the middle one on friday go to monday", "2026-03-09"),
    ("the earliest one friday, can we make it saturday?", "2026-03-07"),
    ("push friday's last appointment to next tuesday", "2026-03-03"),
])
def test_the_day_asked_is_wanted_when_the_visit_is_named_by_its_place_in_a_day(understand, text, wanted):
    parse = understand(text, now=MONDAY)
    assert parse.intent == "reschedule"
    assert (parse.slots.get("when") or {}).get("date") == wanted


@pytest.mark.parametrize("text", ["3 in one day is too much", "all in one day? thats a lot",
                                  "two appointments in one day is too many"])
def test_visits_counted_in_one_day_name_no_day(understand, text):
    assert (understand(text, now=MONDAY).slots.get("when") or {}).get("date") is None


def test_in_one_day_alone_still_counts_a_day_ahead(understand):
    assert understand("can someone come in one day", now=MONDAY).slots["when"]["date"] == "2026-03-03"


@pytest.mark.parametrize("text", ["can the drain cleaning move to monday",
                                  "could my furnace repair be moved to friday"])
def test_a_visit_named_by_its_work_that_can_move_is_a_move(understand, text):
    assert understand(text, now=MONDAY).intent == "reschedule"
