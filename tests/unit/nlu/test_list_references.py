"""A cancel that points at a list ("the last one on the list you sent") stays a cancel when
another clause names work and a day: the list sent is of visits booked, never times offered.
A visit named by its day before "move to" is a move; a plain cancel sentence stays a cancel
beside a doubtful one, while a cancel in doubt is none."""

from __future__ import annotations

import pytest

from tests.unit.nlu.conftest import MONDAY


@pytest.mark.parametrize(("text", "intent"), [
    ("cancel the last one on the list you sent, she can do the drain friday", "cancel"),
    ("pls cancel the 2nd one from that text u sent, the plumber can do the sink thursday", "cancel"),
    ("cancel the first one in the message you sent me. dave can do the tune up on monday", "cancel"),
    ("my sink is leaking, can i get the friday time you sent", "book"),
    ("the 22nd move to the monday after, same time", "reschedule"),
    ("thursday move to friday pls", "reschedule"),
    ("the 3rd moved to the 10th if you can", "reschedule"),
    ("i suppose we will not need the second visit? please cancel that one only", "cancel"),
    ("i think the plumber fixed it already, maybe? cancel the tuesday visit please.", "cancel"),
    ("cancel the later one, keep the first", "cancel"),
    ("looks like two visits on the 14th, i think one is a duplicate - please cancel the 4pm one",
     "cancel"),
])
def test_what_each_clause_asks_decides_the_intent(understand, text, intent):
    assert understand(text, now=MONDAY).intent == intent


@pytest.mark.parametrize("text", [
    "should i cancel the tuesday visit?",
    "maybe cancel the tuesday visit, not sure yet",
    "i might cancel it later",
    "two visits on the 14th - maybe cancel the 4pm one, not sure",
])
def test_a_cancel_in_doubt_is_still_no_cancel(understand, text):
    assert understand(text, now=MONDAY).intent != "cancel"
