"""Customer texts the fifteenth blind set showed misread: a question whether a visit "gets
cancelled" cancels nothing, and "can dave come later thursday, after 3?" moves his visit."""

from __future__ import annotations

import pytest

from bot.dialogue.status import ARRIVED


@pytest.mark.parametrize("text", [
    "wed the 16th. and is that still separate from the tune up on friday or does the tune up "
    "get cancelled now",
    "is the tune-up separate or will it get cancelled",
    "so does my other appointment get canceled then",
])
def test_asking_whether_a_visit_gets_cancelled_is_no_cancel(understand, text: str) -> None:
    assert understand(text).intent != "cancel"


@pytest.mark.parametrize("text", ["can i get the tune up cancelled", "i need it cancelled please"])
def test_wanting_a_visit_cancelled_still_cancels(understand, text: str) -> None:
    assert understand(text).intent == "cancel"


@pytest.mark.parametrize("text", [
    "wait actually can dave come later thursday, after 3? forgot i work early that day",
    "could carla come later tomorrow",
])
def test_the_booked_technician_asked_to_come_later_is_a_move(understand, text: str) -> None:
    assert understand(text).intent == "reschedule"


@pytest.mark.parametrize(("text", "arrived"), [
    ("can dave look at the thermostat too while hes here today", False),
    ("when she gets here can she check the sink", False),
    ("ok hes here now", True),
    ("the plumber just arrived", True),
])
def test_a_visit_mentioned_is_no_arrival_report(text: str, arrived: bool) -> None:
    assert (ARRIVED.search(text) is not None) is arrived
