"""A cancel that points at a list ("the last one on the list you sent") stays a cancel when
another clause names work and a day: the list sent is of visits booked, never times offered."""

from __future__ import annotations

import pytest

from tests.unit.nlu.conftest import MONDAY


@pytest.mark.parametrize("text", [
    "cancel the last one on the list you sent, she can do the drain friday",
    "pls cancel the 2nd one from that text u sent, the plumber can do the sink thursday",
    "cancel the first one in the message you sent me. dave can do the tune up on monday",
])
def test_a_cancel_of_a_visit_on_a_list_sent_is_a_cancel(understand, text):
    assert understand(text, now=MONDAY).intent == "cancel"


def test_times_you_sent_are_still_an_offer_to_book(understand):
    parse = understand("my sink is leaking, can i get the friday time you sent", now=MONDAY)
    assert parse.intent == "book"
