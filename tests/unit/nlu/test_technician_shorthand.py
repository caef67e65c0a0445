"""Technicians' shorthand from the field: the update meant, and the minutes it names."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ('omw', 'tech_en_route', {}),
        ('omw 20', 'tech_en_route', {'minutes': 20}),
        ('otw 15', 'tech_en_route', {'minutes': 15}),
        ('on my way, 20 min', 'tech_en_route', {'minutes': 20}),
        ('omw eta 10', 'tech_en_route', {'minutes': 10}),
        ('omw, half hour', 'tech_en_route', {'minutes': 30}),
        ('heading to the next one, 25 min', 'tech_en_route', {'minutes': 25}),
        ('leaving now, there in 15', 'tech_en_route', {'minutes': 15}),
        ('on my way be there in 20', 'tech_en_route', {'minutes': 20}),
        ('headed your way', 'tech_en_route', {}),
        ('omw ~20', 'tech_en_route', {'minutes': 20}),
        ('omw 45m', 'tech_en_route', {'minutes': 45}),
        ('omw 20min', 'tech_en_route', {'minutes': 20}),
        ('10 min out', 'tech_en_route', {'minutes': 10}),
        ('on the road to the fischers', 'tech_en_route', {}),
        ('omw to fischers 20', 'tech_en_route', {'minutes': 20}),
        ('5 mins away', 'tech_en_route', {'minutes': 5}),
        ('en route', 'tech_en_route', {}),
        ('omw, about an hour', 'tech_en_route', {'minutes': 60}),
        ('on site', 'tech_arrived', {}),
        ('here', 'tech_arrived', {}),
        ('onsite', 'tech_arrived', {}),
        ('im here', 'tech_arrived', {}),
        ('arrived', 'tech_arrived', {}),
        ('at the house', 'tech_arrived', {}),
        ('pulling up now', 'tech_arrived', {}),
        ('at fischers', 'tech_arrived', {}),
        ('just got to 42 elm', 'tech_arrived', {}),
        ('done - new capacitor, unit cooling', 'tech_done', {}),
        ('done, replaced the capacitor', 'tech_done', {}),
        ('finished', 'tech_done', {}),
        ('all done here', 'tech_done', {}),
        ('job complete, flushed the heater', 'tech_done', {}),
        ('replaced the igniter, furnace running again', 'tech_done', {}),
        ('wrapped up at fischers', 'tech_done', {}),
        ('fixed', 'tech_done', {}),
        ('running 20 behind, traffic', 'tech_late', {'minutes': 20}),
        ('running 15 late', 'tech_late', {'minutes': 15}),
        ('15 late', 'tech_late', {'minutes': 15}),
        ('gonna be 30 min late', 'tech_late', {'minutes': 30}),
        ('late 10', 'tech_late', {'minutes': 10}),
        ('running late', 'tech_late', {}),
        ('stuck in traffic, 20 more min', 'tech_late', {'minutes': 20}),
        ('behind 15', 'tech_late', {'minutes': 15}),
        ('traffic, 20 late', 'tech_late', {'minutes': 20}),
        ('need a part, back tmrw', 'tech_paused', {}),
        ('waiting on parts', 'tech_paused', {}),
        ('nobody home', 'tech_paused', {}),
        ('no access, gate locked', 'tech_paused', {}),
        ('need to come back tomorrow with a new valve', 'tech_paused', {}),
        ('customer not home', 'tech_paused', {}),
        ('have to order a part', 'tech_paused', {}),
        ('whats next', 'tech_next', {}),
        ("what's next?", 'tech_next', {}),
        ('next job?', 'tech_next', {}),
        ('where to next', 'tech_next', {}),
        ('my day', 'tech_next', {}),
        ('whats my schedule today', 'tech_next', {}),
        ("who's next", 'tech_next', {}),
        ('what do i have today', 'tech_next', {}),
        ('next', 'tech_next', {}),
        ('add note gate code 4412', 'note', {}),
        ('note: dog in yard', 'note', {}),
        ('fyi customer wants a quote for a new unit', 'note', {}),
        ('note - filter size 16x25x1', 'note', {}),
        ('omw to 42 elm', 'tech_en_route', {}),
        ('omw to unit 12', 'tech_en_route', {}),
        ('omw 9:30', 'tech_en_route', {}),
        ('omw 10am', 'tech_en_route', {}),
    ],
)
def test_a_technicians_shorthand_is_read_with_its_minutes(understand, text, intent, slots):
    result = understand(text, role="technician")
    assert (result.intent, {k: v for k, v in result.slots.items() if k == "minutes"}) == (
        intent, slots)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # two neighbouring letters swapped, or one letter dropped from a longer word
        ("on my wya", "tech_en_route"),
        ("on teh way", "tech_en_route"),
        ("omw to teh next job", "tech_en_route"),
        ("arived", "tech_arrived"),
        ("just arived", "tech_arrived"),
        ("arrvied at the house", "tech_arrived"),
        ("what jbos do i have left", "tech_next"),
        ("on my wayy", "tech_en_route"),
        ("onmyway", "tech_en_route"),
        ("donee, unit running", "tech_done"),
        ("heree", "tech_arrived"),
        # the day's remaining work, however it is asked
        ("what jobs do i have left", "tech_next"),
        ("what calls are left today", "tech_next"),
        ("any stops left", "tech_next"),
        ("how many more jobs to go", "tech_next"),
        ("whats left for me today", "tech_next"),
        ("what else do i have today", "tech_next"),
        # a job finished, in a saying
        ("thats a wrap on the novak job", "tech_done"),
        ("that's a wrap", "tech_done"),
        ("its a wrap here", "tech_done"),
        # let in by nobody: the job waits, it is no note
        ("tenant wont let me in, cant do the job", "tech_paused"),
        ("owner won't let us in the basement", "tech_paused"),
        ("property manager refused access", "tech_paused"),
        ("tenant refusing entry", "tech_paused"),
        ("they turned me away at the door", "tech_paused"),
        ("cant do the install, no power to the unit", "tech_paused"),
    ],
)
def test_a_technicians_slips_and_sayings_are_read_as_meant(understand, text, intent):
    assert understand(text, role="technician").intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "omw to lunch",
        "heading to lunch",
        "grabbing lunch then headed to maple ave",
        "lunch first, then the novak job",
        "headed to lunch then to the novak job",
        "on my way to the supply house",
        "headed to the parts store for a capacitor",
        "going to grab coffee",
        "heading back to the shop",
        "headed home",
        "headed to the gas station",
        "stopping for gas then omw",
        "after lunch ill head to the garcia place",
        "on my lunch break, heading to grab food",
    ],
)
def test_a_trip_to_lunch_a_break_the_supplier_or_home_is_not_en_route(understand, text):
    assert understand(text, role="technician").intent != "tech_en_route"


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("omw 2 u", None),
        ("headed over, 15", 15),
        ("heading out 20", 20),
        ("headed to 1420 oak st", None),
        ("headed to maple ave", None),
        ("leaving the shop now", None),
        ("omw from the supply house", None),
        ("on my way back from lunch to the novak job", None),
        ("leaving the supply house, headed your way", None),
        ("stopping for gas, be there in 20", 20),
        ("quick stop at the supply house first, eta 35", 35),
        ("headed to the office park on 5th", None),
    ],
)
def test_a_trip_to_a_visit_stays_en_route_whatever_stop_it_passes(understand, text, minutes):
    result = understand(text, role="technician")
    assert result.intent == "tech_en_route"
    assert result.slots.get("minutes") == minutes
