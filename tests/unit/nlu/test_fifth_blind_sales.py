"""A salesperson's texts the fifth blind set showed the parser missing, in fresh wordings.

Reference time: Monday 2 March 2026, 09:30 in Chicago (the `understand` fixture).
"""

from __future__ import annotations

import pytest

from bot.nlu.intents import CONSEQUENTIAL


@pytest.mark.parametrize(
    "text",
    [
        "anything overdue?",
        "what's overdue",
        "what's due today",
        "anything due today",
        "who needs a call back",
        "morning! who needs a call back?",
        "whos due for a callback",
        "who's due a call back today",
        "what did i snooze for today?",
        "what have i got snoozed",
        "who needs a callback today",
        "call back list",
        "whats on deck today",
        "what did i push to today",
    ],
)
def test_a_rep_asking_for_the_list_gets_followups_not_a_person(understand, text):
    assert understand(text, role="sales").intent == "followups"


@pytest.mark.parametrize(
    ("text", "target", "date"),
    [
        ("acme still hasn't signed, push to monday", "acme", "2026-03-09"),
        ("Summit Storage - remind me in 10 days", "summit storage", "2026-03-12"),
        ("Riverside is close to signing, ping me thursday", "riverside", "2026-03-05"),
        ("Bayview not lost, just slow. remind me about them next week", "bayview", "2026-03-09"),
        ("Greenleaf Farms: remind me tomorrow", "greenleaf farms", "2026-03-03"),
        ("put Lakeshore Dental on hold till next week", "lakeshore dental", "2026-03-09"),
        ("put Harbor Freight Co on hold until thursday", "harbor freight co", "2026-03-05"),
        ("move Tri-County Schools to next tues", "tri-county schools", "2026-03-03"),
        ("move pine hill to friday", "pine hill", "2026-03-06"),
        ("hit me up about monarch hotel jan 5", "monarch hotel", "2027-01-05"),
        ("hit me up on Cedar Ridge next week", "cedar ridge", "2026-03-09"),
        ("Pine Hill, circle back friday", "pine hill", "2026-03-06"),
        ("Riverside still thinking it over, follow up tuesday", "riverside", "2026-03-03"),
        ("put Acme on ice till march 20", "acme", "2026-03-20"),
        ("kick Acme to friday", "acme", "2026-03-06"),
        ("remind me abt Acme's renewal monday", "acme", "2026-03-09"),
        ("remind me about B&B Supply friday", "b&b supply", "2026-03-06"),
        ("Acme still thinking. nudge me friday", "acme", "2026-03-06"),
        ("remind me about O'Malley Roofing the day after tomorrow", "o'malley roofing", "2026-03-04"),
        ("push Hollis & Sons to next fri", "hollis & sons", "2026-03-06"),
        ("remind me about Dunn's Auto till friday", "dunn's auto", "2026-03-06"),
    ],
)
def test_snoozes_name_the_account_wherever_it_stands(understand, text, target, date):
    parse = understand(text, role="sales")
    assert parse.intent == "snooze"
    assert parse.slots.get("target") == target
    assert parse.slots["when"]["date"] == date


@pytest.mark.parametrize(
    ("text", "intent", "target"),
    [
        ("PO came in from Northgate Pharmacy, mark it won", "deal_won", "northgate pharmacy"),
        ("PO just came in from Elm Street Bakery", "deal_won", "elm street bakery"),
        ("O'Malley Roofing is closed won", "deal_won", "o'malley roofing"),
        ("Baker & Co is closed-won", "deal_won", "baker & co"),
        ("WON brightline logistics", "deal_won", "brightline logistics"),
        ("WON Castle Rock Dental!", "deal_won", "castle rock dental"),
        ("mark the Hollis & Sons deal won", "deal_won", "hollis & sons"),
        ("Westgate Church decided not to move forward", "deal_lost", "westgate church"),
        ("Pinecrest HOA decided not to go ahead", "deal_lost", "pinecrest hoa"),
        ("lsot kessler plumbing, price", "deal_lost", "kessler plumbing"),
        ("lsot the Dover account", "deal_lost", "dover"),
        ("Acme decided not to renew", "deal_lost", "acme"),
        ("got the PO from Acme", "deal_won", "acme"),
        ("PO received from Acme", "deal_won", "acme"),
        ("Acme ghosted us, mark lost", "deal_lost", "acme"),
        ("Acme is a go, mark it won", "deal_won", "acme"),
        ("Acme signed up", "deal_won", "acme"),
        ("Acme decided not to move forward, went with a cheaper guy", "deal_lost", "acme"),
    ],
)
def test_deals_won_and_lost_in_fresh_words(understand, text, intent, target):
    parse = understand(text, role="sales")
    assert parse.intent == intent
    assert parse.slots.get("target") == target


@pytest.mark.parametrize(
    "text",
    [
        "acme didn't sign yet",
        "is acme done?",
        "Bayview not lost, just slow",
        "signed the NDA, not the contract",
        "did Westgate decide not to move forward?",
        "won the office pool lol",
        "WON?",
        "lost my keys at Kessler Plumbing",
        "they decided not to move forward",
        "my boss decided not to move forward",
        "won't sign till Q2",
        "we lost power at the office",
        "closed won?",
        "lsot kessler",
        "PO came in from the supplier",
        "got the PO from accounting",
        "WON a free lunch lol",
        "hoping Acme is closed won soon",
        "Talked to John at Acme, mark it lost",
        "acme ghosted us, mark it lost?",
        "Acme didn't ghost us, don't mark lost",
        "Acme signed the NDA",
        "Acme signed for the delivery",
        "we closed the office early",
        "Acme won an award",
        "Acme lost their CFO",
        "Acme decided not to move forward with the second phase, but signed phase 1",
    ],
)
def test_hard_negatives_decide_nothing(understand, text):
    assert understand(text, role="sales").intent not in CONSEQUENTIAL | {"opt_out"}


def test_moving_ones_own_appointment_snoozes_no_account(understand):
    assert "target" not in understand("move my dentist appt to friday", role="sales").slots
