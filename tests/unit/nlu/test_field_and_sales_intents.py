"""Technicians and salespeople: the same words mean different things by role."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("on my way", "tech_en_route", {}),
        ("omw eta 10", "tech_en_route", {"minutes": 10}),
        ("be there in 25 mins", "tech_en_route", {"minutes": 25}),
        ("leaving now, should be there in half an hour", "tech_en_route", {"minutes": 30}),
        ("all done at the last stop, on my way to Elm St", "tech_en_route", {}),
        ("i'm here", "tech_arrived", {}),
        ("just pulled up", "tech_arrived", {}),
        ("job done", "tech_done", {}),
        ("Done ✅", "tech_done", {}),
        ("running 10 minutes late", "tech_late", {"minutes": 10}),
        ("gonna be an hour late, truck trouble", "tech_late", {"minutes": 60}),
        ("running about 20 min behind", "tech_late", {"minutes": 20}),
        ("waiting for a part, need to come back tomorrow", "tech_paused", {}),
        ("nobody home, can't get in", "tech_paused", {}),
        ("next job?", "tech_next", {}),
        ("what do i have today", "tech_next", {}),
        ("note: customer prefers text over calls", "note", {}),
        ("ok", "affirm", {}),
    ],
)
def test_technician_updates(understand, text, intent, slots):
    result = understand(text, role="technician")
    assert (result.intent, result.slots) == (intent, slots)


def test_done_from_a_customer_is_not_a_finished_job(understand):
    assert understand("done", role="customer").intent != "tech_done"


@pytest.mark.parametrize(
    ("text", "intent", "target"),
    [
        ("what follow ups do i have", "followups", None),
        ("who do I need to call", "followups", None),
        ("remind me about Pinecrest Realty on friday", "snooze", "pinecrest realty"),
        ("snooze Oakwood Clinic 2 days", "snooze", "oakwood clinic"),
        ("Pinecrest Realty signed!", "deal_won", "pinecrest realty"),
        ("mark Oakwood Clinic as won", "deal_won", "oakwood clinic"),
        ("we won the Brightside deal", "deal_won", "brightside"),
        ("we lost Summit Storage", "deal_lost", "summit storage"),
        ("mark Harbor Foods lost, they chose a competitor", "deal_lost", "harbor foods"),
        ("Lakeside Motel went with a competitor", "deal_lost", "lakeside motel"),
    ],
)
def test_sales_messages(understand, text, intent, target):
    result = understand(text, role="sales")
    assert (result.intent, result.slots.get("target")) == (intent, target)


def test_targets_snap_to_known_account_names(understand):
    result = understand("we won pinecrest", role="sales", known_targets=["Pinecrest Realty"])
    assert result.slots["target"] == "pinecrest realty"


def test_misspelled_targets_snap_to_known_account_names(understand):
    result = understand("lost Oakwod Clinc", role="sales", known_targets=["Oakwood Clinic", "Acme"])
    assert result.slots["target"] == "oakwood clinic"


def test_a_customer_cannot_win_a_deal(understand):
    assert understand("Pinecrest Realty signed!", role="customer").intent != "deal_won"
