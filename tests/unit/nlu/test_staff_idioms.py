"""How staff say things in their own words: idioms of deals, shorthand and slang from the field.

Reference time: Monday 2 March 2026, 09:30 in Chicago (the `understand` fixture).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "intent", "target"),
    [
        ("Harbor Bakery ghosted us, close it as lost", "deal_lost", "harbor bakery"),
        ("Birchwood Inn went dark, close it out as lost", "deal_lost", "birchwood inn"),
        ("kill the Lakeview Dental deal, they moved out of state", "deal_lost", "lakeview dental"),
        ("scrap Summit Storage, no budget", "deal_lost", "summit storage"),
        ("Baker Street Pharmacy pulled the trigger", "deal_won", "baker street pharmacy"),
        ("Quintana family chiropractic finally pulled the trigger. signed today",
         "deal_won", "quintana family chiropractic"),
    ],
)
def test_deal_idioms_name_the_whole_account(understand, text, intent, target):
    parsed = understand(text, role="sales")
    assert (parsed.intent, parsed.slots.get("target")) == (intent, target)


@pytest.mark.parametrize(
    ("text", "target", "date"),
    [
        ("put Greenway Foods off till march 20 - waiting on their board", "greenway foods", "2026-03-20"),
        ("put off Hilltop Realty until friday", "hilltop realty", "2026-03-06"),
    ],
)
def test_putting_an_account_off_snoozes_it(understand, text, target, date):
    parsed = understand(text, role="sales")
    assert parsed.intent == "snooze"
    assert (parsed.slots.get("target"), parsed.slots["when"]["date"]) == (target, date)


@pytest.mark.parametrize(
    "text", ["kill the lights", "put the meeting off till friday", "did Fenwick Deli ghost us?"]
)
def test_the_same_words_about_something_else_are_no_deal(understand, text):
    assert understand(text, role="sales").intent not in {"deal_lost", "deal_won", "snooze"}


@pytest.mark.parametrize(
    ("text", "intent", "minutes"),
    [
        ("b there in fifteen", "tech_en_route", 15),
        ("on my weight to the Nguyen house", "tech_en_route", None),
        ("on my weigh now", "tech_en_route", None),
        ("finito", "tech_done", None),
        ("all finito here", "tech_done", None),
        ("made it 👌", "tech_arrived", None),
        ("im in the building", "tech_arrived", None),
        ("in the building, going up to the roof units", "tech_arrived", None),
        ("just got to Lakeside Apartments. parking in the back", "tech_arrived", None),
        ("just got to the Hernandez place", "tech_arrived", None),
        ("what do i got tomorrow", "tech_next", None),
        ("what i got next", "tech_next", None),
        ("for the file - customer prefers texts", "note", None),
        ("just got to work on the compressor", "unknown", None),
    ],
)
def test_field_slang_and_dictation(understand, text, intent, minutes):
    parsed = understand(text, role="technician")
    assert (parsed.intent, parsed.slots.get("minutes")) == (intent, minutes)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("what accounts am i behind on", "followups"),
        ("who am i behind with", "followups"),
        ("who haven't i called back yet", "followups"),
        ("who did i not get back to", "followups"),
        ("no keep it open", "deny"),
        ("leave it open", "deny"),
        ("get me my manager", "human"),
        ("put my manager on", "human"),
    ],
)
def test_a_reps_everyday_asks(understand, text, intent):
    assert understand(text, role="sales").intent == intent


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Brightline Auto wants to wait. remind me 1/4", "brightline auto"),
        ("Harlow Dental said to try again, remind me monday", "harlow dental"),
    ],
)
def test_what_is_said_of_a_written_name_is_not_part_of_it(understand, text, target):
    parsed = understand(text, role="sales")
    assert (parsed.intent, parsed.slots.get("target")) == ("snooze", target)
