"""Field updates and radio replies the fifth blind set showed the parser missing, in fresh wordings.

Reference time: Monday 2 March 2026, 09:30 in Chicago (the `understand` fixture).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "intent", "minutes"),
    [
        ("left the yard, 25 out", "tech_en_route", 25),
        ("grabbing parts then headed over, 35 out", "tech_en_route", 35),
        ("finishing up at the supply store, half hour out", "tech_en_route", 30),
        ("omw, hour and a half out", "tech_en_route", 90),
        ("headed there now, an hour out", "tech_en_route", 60),
        ("omw 20ish", "tech_en_route", 20),
        ("on my way, like 15ish", "tech_en_route", 15),
        ("on the way, twenty out", "tech_en_route", 20),
        ("leaving the shop, back in 30", "tech_en_route", 30),
        ("omw, 15-20 min", "tech_en_route", 15),
        ("thirty out", "tech_en_route", 30),
        ("be there in like twenty", "tech_en_route", 20),
        ("delayed ~30", "tech_late", 30),
        ("llegando en 10 minutos", "tech_en_route", 10),
        ("forty five out", "tech_en_route", 45),
        ("delayed 25", "tech_late", 25),
        ("delayed like 10", "tech_late", 10),
        ("late, maybe 30ish", "tech_late", 30),
        ("running late like 20ish", "tech_late", 20),
        ("hour late, flat tire", "tech_late", 60),
        ("running an hour and a half behind", "tech_late", 90),
        ("half hour late, traffic", "tech_late", 30),
        ("running late, twenty min", "tech_late", 20),
        ("running behind, 10-15 min", "tech_late", 10),
        # Spanish basics
        ("voy en camino, llego en 15", "tech_en_route", 15),
        ("voy en camino", "tech_en_route", None),
        ("llego en 20 minutos", "tech_en_route", 20),
        ("ya llegué", "tech_arrived", None),
        ("ya terminé, cambié la válvula", "tech_done", None),
        ("ya termine", "tech_done", None),
        ("voy tarde, 10 minutos", "tech_late", 10),
    ],
)
def test_minutes_said_in_shorthand_or_spanish_are_read(understand, text, intent, minutes):
    parse = understand(text, role="technician")
    assert parse.intent == intent
    assert parse.slots.get("minutes") == minutes


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("gonna be a few min late", "tech_late"),
        ("running a few mins behind", "tech_late"),
        ("omw to 42 elm", "tech_en_route"),
        ("heading to unit 12B now", "tech_en_route"),
        ("on my way to job #1290", "tech_en_route"),
        ("running late, at 2:30 now", "tech_late"),
        ("omw with the 3/4 PRV", "tech_en_route"),
        ("on the way to 118 Birch", "tech_en_route"),
        ("omw 3/4 copper", "tech_en_route"),
        ("omw to job 12", "tech_en_route"),
        ("late for job 1290", "tech_late"),
        ("late for the 2:30", "tech_late"),
        ("omw, be there around 2ish", "tech_en_route"),
    ],
)
def test_numbers_that_are_no_minutes_stay_out(understand, text, intent):
    parse = understand(text, role="technician")
    assert parse.intent == intent
    assert "minutes" not in parse.slots


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("just got to the customer's", "tech_arrived"),
        ("just got to the customers house", "tech_arrived"),
        ("got to the job", "tech_arrived"),
        ("pulling up", "tech_arrived"),
        ("just rolled up", "tech_arrived"),
        ("walking up to the door", "tech_arrived"),
        ("we're here", "tech_arrived"),
        ("at the house now", "tech_arrived"),
        ("knocked it out, new flapper in the toilet", "tech_done"),
        ("knocked that one out", "tech_done"),
        ("wrapped up here", "tech_done"),
        ("all set here", "tech_done"),
        ("here but gate's locked, no code", "tech_paused"),
        ("here but nobody gave me the gate code", "tech_paused"),
        ("dog loose, can't get to the unit", "tech_paused"),
        ("can't get to the panel, garage locked", "tech_paused"),
        ("parts needed, schedule return", "tech_paused"),
        ("no key for the lockbox", "tech_paused"),
        ("need to reschedule, missing part", "tech_paused"),
        ("need to schedule a return trip for the valve", "tech_paused"),
        ("where am i going after this", "tech_next"),
        ("where do i go after this one", "tech_next"),
        ("got another job after this?", "tech_next"),
        ("anything after this?", "tech_next"),
        ("who's my 2pm", "tech_next"),
        ("who is my 10am", "tech_next"),
        ("done for the day? or is there more", "tech_next"),
        ("is there more after this", "tech_next"),
        ("what's after this", "tech_next"),
        ("where to after this?", "tech_next"),
        ("done for today? anything else", "tech_next"),
        ("is there another job today?", "tech_next"),
        ("who do i have at 2", "tech_next"),
        ("any more today?", "tech_next"),
        ("ya acabé", "tech_done"),
        ("no parts needed, all done", "tech_done"),
        ("pls note water shutoff is behind the dryer", "note"),
        ("please note the panel is in the garage", "note"),
    ],
)
def test_field_updates_in_fresh_words(understand, text, intent):
    assert understand(text, role="technician").intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("copy that", "affirm"),
        ("copy", "affirm"),
        ("10-4", "affirm"),
        ("10 4", "affirm"),
        ("roger", "affirm"),
        ("roger that", "affirm"),
        ("negative", "deny"),
        ("negative, can't take it", "deny"),
        ("negative on the part, not in stock", "deny"),
    ],
)
def test_radio_words_affirm_and_deny(understand, text, intent):
    for role in ("technician", "sales"):
        assert understand(text, role=role).intent == intent


@pytest.mark.parametrize("text", ["voy en camino, llego en 15", "ya terminé, cambié la válvula", "ya llegué"])
def test_a_technicians_spanish_update_is_marked_spanish(understand, text):
    assert understand(text, role="technician").slots.get("language") == "es"
