"""Staff texts the tenth blind set showed the parser missing, in fresh wordings: a deal closed
in the CRM's words or said in capitals, a possessive that is a verdict ("bayview's toast"), a
street named as the deal, a technician's shorthand ("on way", "1 hr 15") and a count taken back
in the same text ("20 make that 30", "won 2 - sorry, 3").

Reference time: Monday 2 March 2026, 09:30 in Chicago (the `understand` fixture).
"""

from __future__ import annotations

import pytest

from bot.dialogue.sales import read_list_line


@pytest.mark.parametrize(
    ("text", "intent", "target"),
    [
        ("close Rowan Bakery as lost", "deal_lost", "rowan bakery"),
        ("close out tamsin dental as won", "deal_won", "tamsin dental"),
        ("close Ferris Tool out as won", "deal_won", "ferris tool"),
        ("Quill Press, close it out as lost", "deal_lost", "quill press"),
        ("penrose's dead", "deal_lost", "penrose"),
        ("WE GOT OKONKWO", "deal_won", "okonkwo"),
        ("yes!! the Delmar Court lofts are ours", "deal_won", "delmar court lofts"),
        ("didnt land Corbin Hall, they hired a cheaper crew", "deal_lost", "corbin hall"),
        ("Vickery Homes just signed the PO", "deal_won", "vickery homes"),
    ],
)
def test_a_deal_closed_in_other_words_is_won_or_lost(understand, text, intent, target):
    got = understand(text, role="sales")
    assert (got.intent, got.slots.get("target")) == (intent, target)


@pytest.mark.parametrize(
    "text",
    [
        "lost my sunglasses lol",
        "we won the office raffle",
        "we didn't lose Penrose, they moved it to Q3",
        "Okonkwo hasn't signed yet",
        "close out the quarter as won and celebrate",
        "WE GOT FIRED",
        "GOT NACHOS",
        "my laptop's dead",
        "did not get the invite",
    ],
)
def test_life_a_wait_or_a_cheer_about_nothing_is_no_deal(understand, text):
    assert understand(text, role="sales").intent not in {"deal_won", "deal_lost"}


def test_a_street_named_as_the_deal_is_its_target_as_written(understand):
    got = understand("park the 77 Juniper Ln job till thursday", role="sales")
    assert (got.intent, got.slots.get("target")) == ("snooze", "77 juniper ln")


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("on my wy 25", 25),
        ("on way, 40", 40),
        ("omw, 2 hrs 10", 130),
        ("running an hour 5 late", 65),
        ("headed over, 15 no wait 25", 25),
        ("running 10 late sorry i mean 20", 20),
    ],
)
def test_a_technicians_shorthand_or_corrected_eta_gives_the_minutes(understand, text, minutes):
    got = understand(text, role="technician")
    assert got.intent in {"tech_en_route", "tech_late"}
    assert got.slots.get("minutes") == minutes


def test_on_way_to_lunch_is_still_no_trip(understand):
    assert understand("on way to lunch", role="technician").intent != "tech_en_route"


@pytest.mark.parametrize(("text", "number"), [("won 2 - sorry, 3", 3), ("lost 4 no wait 1 - price", 1)])
def test_a_list_line_taken_back_gives_the_one_put_in_its_place(text, number):
    line = read_list_line(text)
    assert line is not None and line.number == number
