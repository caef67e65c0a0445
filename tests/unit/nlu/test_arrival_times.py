"""A technician's time of arrival said as a clock time is that time, never minutes after now."""

from __future__ import annotations

import pytest


def at(start: str) -> dict[str, object]:
    return {"when": {"date": None, "start": start, "end": None}}


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("ok nvm. leaving for hughes in 10, shud be there by 145", "tech_en_route", at("13:45")),
        ("gonna be late to alvarez, prob 11", "tech_late", at("11:00")),
        ("no i meant 11 oclock, like an hour late", "tech_late", at("11:00")),
        ("stuck behind a crash on kedzie, gonna be there 1230ish", "tech_late", at("12:30")),
        ("running late, there by 2", "tech_late", at("14:00")),
        ("omw, be there at 4", "tech_en_route", at("16:00")),
        ("late - eta 2:15pm", "tech_late", at("14:15")),
        ("running behind, back by noon", "tech_late", at("12:00")),
        # minutes stay minutes: a unit, a delay, or a usual count after a hedge
        ("omw 20", "tech_en_route", {"minutes": 20}),
        ("omw prob 10", "tech_en_route", {"minutes": 10}),
        ("running late by 2 hrs", "tech_late", {"minutes": 120}),
        ("omw 10ish", "tech_en_route", {"minutes": 10}),
        # the hour of a visit is no arrival
        ("gonna be half an hour late to the 2 o'clock", "tech_late", {"minutes": 30}),
        ("still at the last job, gonna be late for the 2pm", "tech_late", {}),
        ("omw to 211 thatcher ave", "tech_en_route", {}),
    ],
)
def test_a_time_of_arrival_is_read_as_a_clock_time(understand, text, intent, slots):
    parsed = understand(text, role="technician")
    assert (parsed.intent, parsed.slots) == (intent, slots)
