"""Staff texts the eighth blind set showed the parser missing, in fresh wordings: what the
labelled rows cannot say (no time asked, an account known, a saying about something else).

Reference time: Monday 2 March 2026, 09:30 in Chicago (the `understand` fixture).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("remind me about Bellamy later", "bellamy"),
        ("ping me re the Okafor deal sometime", "okafor"),
        ("remind me later about Summit Roofing", "summit roofing"),
        ("bug me about castillo roofing at some point", "castillo roofing"),
    ],
)
def test_a_snooze_without_a_time_names_the_deal_and_leaves_the_time_to_ask(understand, text, target):
    got = understand(text, role="sales")
    assert (got.intent, got.slots.get("target")) == ("snooze", target)
    assert "when" not in got.slots


@pytest.mark.parametrize(
    "text", ["remind me later", "remind me to grab milk later", "ping me sometime"]
)
def test_a_reminder_about_no_account_is_no_snooze(understand, text):
    assert understand(text, role="sales").intent != "snooze"


@pytest.mark.parametrize(
    "text",
    ["Bellamy went another way", "no go on bellamy", "bellamy is going in a different direction"],
)
def test_a_saying_of_a_loss_about_a_known_account_is_a_loss(understand, text):
    got = understand(text, role="sales", known_targets=["Bellamy Homes", "Okafor Dental"])
    assert (got.intent, got.slots.get("target")) == ("deal_lost", "bellamy homes")


@pytest.mark.parametrize(
    "text",
    [
        "Sarah went another way on the logo",
        "Weather went another way",
        "the offer is off the table",
        "no go on drinks tonight",
        "no go on Friday, slammed",
        "Bellamy went another way",  # one word, nothing known, no reason: who knows what Bellamy is
    ],
)
def test_a_saying_about_plans_or_people_loses_no_deal(understand, text):
    assert understand(text, role="sales").intent == "unknown"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("homeowner let me in, heading to the attic", "tech_arrived"),
        ("heading down to the basement now", "unknown"),
        ("need to reschedule my dentist appt", "unknown"),
        ("need to reschedule to the 14th", "unknown"),
        ("will need to reschedule the Kim job, wrong part", "tech_paused"),
        ("what does the weather look like tomorrow", "unknown"),
        ("what does tomorrow look like", "tech_next"),
    ],
)
def test_a_way_inside_the_house_or_the_writers_own_plans_are_no_trip_or_pause(understand, text, intent):
    assert understand(text, role="technician").intent == intent
