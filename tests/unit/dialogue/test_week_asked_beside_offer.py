"""A question about the visits of the week of the times offered ("anything else that week?") is
answered with every visit of that week, never a false "No", and the times stay offered."""

from __future__ import annotations

import pytest

from tests.unit.dialogue.chat_world import MARIA, ChatWorld


@pytest.mark.parametrize("ask", ["do we have anything else that week? i don't want two on one day",
                                 "is anything else already booked the same week?"])
def test_the_week_of_the_times_offered_is_listed_and_the_offer_kept(chat: ChatWorld,
                                                                    ask: str) -> None:
    chat.transcript(MARIA, [("the kitchen faucet drips, can a plumber come wednesday afternoon",
                             "Reply 1")])
    before = chat.model()
    said = chat.text(MARIA, ask).text
    assert "Thu Mar 5" in said and "Fri Mar 6" in said and "still stands" in said
    assert not said.startswith("No")
    assert chat.changed_since(before) <= {"outbox"}
    chat.transcript(MARIA, [("1", "Booked")])
