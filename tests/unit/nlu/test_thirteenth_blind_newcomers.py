"""Round b13b's families, in other wordings: a flood told in everyday words, a day told as gone by."""

from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.days import find_days
from bot.nlu.text import normalize
from bot.nlu.urgency import Danger, danger_in

MONDAY = date(2026, 12, 7)


@pytest.mark.parametrize("text", [
    "omg water is literally streaming out of the light in the hallway ceiling",
    "theres water coming down through our bathroom ceiling really fast",
    "the ceiling is dripping all over, buckets arent enough",
    "our kitchen ceiling is leaking like crazy",
    "water just pouring out of the ceiling fixture!!",
    "the basement ceiling is caving in, theres water",
])
def test_water_through_a_ceiling_in_everyday_words_is_a_flood(text) -> None:
    assert danger_in(normalize(text)) is Danger.WATER


@pytest.mark.parametrize("text", [
    "water is dripping from the ceiling a little, can someone look this week",
    "small water stain on the ceiling",
    "roof is leaking through the ceiling",
    "the ceiling fan is making a noise",
])
def test_a_small_drip_or_a_roof_is_no_flood(text) -> None:
    assert danger_in(normalize(text)) is None


def _days(text: str) -> list[date]:
    return [m.day for m in find_days(normalize(text), MONDAY)]


@pytest.mark.parametrize(("text", "expected"), [
    ("the plumber who came by on friday left a mess", date(2026, 12, 4)),
    ("he was here saturday and now it is leaking again", date(2026, 12, 5)),
    ("this past sunday the tech serviced our furnace", date(2026, 12, 6)),
    ("last thursday", date(2026, 12, 3)),
    ("they installed it on the 2nd", date(2026, 12, 2)),
    ("last wednesday, the 2nd", date(2026, 12, 2)),
    ("you guys fixed it on nov 30", date(2026, 11, 30)),
])
def test_a_day_told_as_gone_by_is_the_past_one(text, expected) -> None:
    assert _days(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("can you come saturday", date(2026, 12, 12)),
    ("the guy who fixed it could come back friday?", date(2026, 12, 11)),
    ("next thursday works", date(2026, 12, 10)),
    ("he fixed the sink, now book the furnace for wednesday", date(2026, 12, 9)),
])
def test_a_day_wished_for_stays_ahead(text, expected) -> None:
    assert _days(text) == [expected]


@pytest.mark.parametrize(("text", "kept"), [
    ("zip is 60604... wait no, 60640", "zip is 60640"),
    ("4410 N Sheridan Rd 60604 oops i meant 60640", "4410 N Sheridan Rd 60640"),
    ("60625, sorry, make that 60618", "60618"),
    ("its 60640 not 60604", "its 60640"),
    ("60640. 60604 was a typo", "60640"),
])
def test_a_zip_taken_back_in_the_same_text_is_dropped(text, kept) -> None:
    from bot.nlu.taken_back import without_taken_back

    assert without_taken_back(text) == kept


@pytest.mark.parametrize("text", [
    "60613 no heat since last night",
    "is it 60657 or 60613?",
    "we have places in 60613 and 60640",
    "60604 was a typo",  # nothing in its place: left for the flow to ask
])
def test_a_text_taking_nothing_back_is_left_as_it_is(text) -> None:
    from bot.nlu.taken_back import without_taken_back

    assert without_taken_back(text) == text


def test_a_name_introduced_in_spanish_is_read() -> None:
    from bot.dialogue.addresses import introduced_name

    text = "buenas, soy Ana Torres, la direccion es 1610 W 18th St, Chicago 60608. pueden hoy?"
    assert introduced_name(text) == "Ana Torres"
    assert introduced_name("soy de chicago y no tengo agua caliente") is None
