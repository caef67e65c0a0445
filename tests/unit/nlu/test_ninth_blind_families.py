"""Staff texts the ninth blind set showed the parser missing, in fresh wordings: the readings the
labelled rows in tests/data/staff_idioms.jsonl cannot pin down alone (another role writing the same
words, a saying about life rather than a deal, a question or a hedge around an idiom).

Reference time: Monday 2 March 2026, 09:30 in Chicago (the `understand` fixture).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "intent", "target"),
    [
        ("alderwood pulled the trigger", "deal_won", "alderwood"),
        ("penrose is a yes!", "deal_won", "penrose"),
        ("vickery gave us the thumbs up", "deal_won", "vickery"),
        ("bagged the tolliver account", "deal_won", "tolliver"),
        ("got the signature from okonkwo", "deal_won", "okonkwo"),
        ("alderwood pulled the plug", "deal_lost", "alderwood"),
        ("penrose walked", "deal_lost", "penrose"),
        ("vickery is dead", "deal_lost", "vickery"),
        ("tolliver went with the cheaper bid", "deal_lost", "tolliver"),
        ("we are out on okonkwo", "deal_lost", "okonkwo"),
    ],
)
def test_a_deal_said_as_an_idiom_is_won_or_lost(understand, text, intent, target):
    got = understand(text, role="sales")
    assert (got.intent, got.slots.get("target")) == (intent, target)


@pytest.mark.parametrize(
    "text",
    [
        "plans fell through",
        "my cousin backed out of the wedding",
        "phone is dead again",
        "coffee walked off the table",
        "finally got the signature from my landlord",
        "did penrose pull the trigger?",
        "hopefully vickery is a yes",
        "not sure alderwood is dead",
        "no go on drinks tonight",
        "Weather went another way",
    ],
)
def test_an_idiom_about_life_or_a_question_is_no_deal(understand, text):
    assert understand(text, role="sales").intent not in {"deal_won", "deal_lost"}


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("sit on penrose till monday", "penrose"),
        ("bring the tolliver deal back up monday", "tolliver"),
        ("no rush on vickery homes, ping me monday", "vickery homes"),
        ("alderwood asked me to check back monday", "alderwood"),
    ],
)
def test_a_snooze_said_another_way_names_the_account(understand, text, target):
    got = understand(text, role="sales")
    assert (got.intent, got.slots.get("target")) == ("snooze", target)
    assert got.slots["when"]["date"] == "2026-03-09"


def test_an_office_matter_brought_up_again_is_no_snooze(understand):
    assert understand("bring up the training again monday", role="sales").intent != "snooze"


@pytest.mark.parametrize(
    ("text", "role", "intent"),
    [
        ("anybody i still owe a callback", "sales", "followups"),
        ("i gotta talk to my supervisor", "technician", "human"),
        ("i need to talk to my manager first", "customer", "unknown"),
        ("call me back please", "sales", "human"),
    ],
)
def test_who_owes_and_who_is_asked_for(understand, text, role, intent):
    assert understand(text, role=role).intent == intent


@pytest.mark.parametrize(
    ("text", "intent", "minutes"),
    [
        ("omw, gps shows 12", "tech_en_route", 12),
        ("headed out, bridge traffic so prob 35", "tech_en_route", 35),
        ("running like fifteen min behind", "tech_late", 15),
        ("tack another 10 onto my eta", "tech_late", 10),
    ],
)
def test_minutes_said_away_from_the_cue(understand, text, intent, minutes):
    got = understand(text, role="technician")
    assert (got.intent, got.slots.get("minutes")) == (intent, minutes)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("got anything lined up for me tomorrow", "tech_next"),
        ("where am i going after this one", "tech_next"),
        ("condensate line runs out the side of the house", "note"),
        ("heads up, homeowner works from home, keep it quiet", "note"),
        ("stopping til the inspector signs off", "tech_paused"),
        ("lol this traffic", "unknown"),
        ("is the water heater under warranty?", "unknown"),
        ("the coffee machine at the shop is broken", "unknown"),
    ],
)
def test_schedule_asks_and_plain_job_facts(understand, text, intent):
    assert understand(text, role="technician").intent == intent
