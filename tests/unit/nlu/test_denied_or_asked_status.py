"""A technician's status that the text denies or asks about is no update: each one would tell the
customer something that is not so.

Reference time: Monday 2 March 2026, 09:30 in Chicago (the `understand` fixture).
"""

from __future__ import annotations

import pytest

STATE_CHANGES = {"tech_en_route", "tech_arrived", "tech_done", "tech_paused", "tech_late"}


@pytest.mark.parametrize(
    "text",
    [
        "not on my way yet, still at the Lopez job",
        "not on the way yet, finishing up at the Reyes house",
        "havent left yet, still on the first call",
        "not leaving yet, still got another hour here",
        "not arrived yet",
        "haven't arrived yet, 5 more min",
        "not at the house yet",
        "not in the building yet",
        "not done yet, still flushing the tank",
        "not finished yet, still vacuuming the lines",
        "not done yet, still have to hook up the drain",
        "not finished yet, maybe 30 more min",
        "not done yet",
        "is the Patel job done?",
        "is the Brooks install finished?",
        "did the Kim job get closed out?",
        "was the Garcia job completed?",
        "am i supposed to be on site at 9?",
        "have i arrived at the right address?",
        "should i head over now?",
        "should i be on my way?",
        "did you let the customer know im on my way?",
    ],
)
def test_a_denied_or_asked_status_changes_nothing(understand, text):
    assert understand(text, role="technician").intent not in STATE_CHANGES


@pytest.mark.parametrize(
    "text",
    [
        "not done yet, waiting on the inspector",
        "not finished, waiting for the landlord to unlock the boiler room",
        "not done, waiting on parts",
        "can't finish, no access to the attic",
        "not done today, need to come back tomorrow",
    ],
)
def test_work_that_stops_for_a_reason_is_paused(understand, text):
    assert understand(text, role="technician").intent == "tech_paused"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("on my way, is the gate code still the same?", "tech_en_route"),
        ("all done, do you want photos of the panel?", "tech_done"),
        ("here now. is the dog friendly?", "tech_arrived"),
    ],
)
def test_a_question_beside_a_status_leaves_the_status(understand, text, intent):
    assert understand(text, role="technician").intent == intent
