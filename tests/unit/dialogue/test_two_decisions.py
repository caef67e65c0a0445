"""Two quotes decided in one text: one Y/N naming each decision and total, a Y makes both, a no
makes neither; a decision naming no quote of its own is never given to the quote talked about."""

from __future__ import annotations

import pytest

from domain.quotes import QuoteState
from tests.unit.dialogue.chat_world import MARIA, ChatWorld

OPEN = {"Q-1042": QuoteState.SENT, "Q-1043": QuoteState.SENT, "Q-2001": QuoteState.SENT}


@pytest.mark.parametrize("say", [
    "lets do the AC, the water heater is too pricey so pass on that one",
    "we'll take the AC one. no on the water heater",
    "decline Q-1042 and approve Q-1043 please",
])
def test_one_approved_one_declined_is_one_question_naming_both(chat: ChatWorld, say: str) -> None:
    before = chat.model()
    said = chat.text(MARIA, say).text
    assert "Q-1042" in said and "Q-1043" in said and "$4,250.00" in said and "$1,850.00" in said
    assert said.rstrip().endswith("Reply Y or N") and chat.changed_since(before) <= {"outbox"}
    chat.transcript(MARIA, [("yes", "Approved: quote Q-1043")])
    assert chat.quote_states() == {**OPEN, "Q-1043": QuoteState.APPROVED,
                                   "Q-1042": QuoteState.DECLINED}


def test_a_no_to_both_leaves_both_open(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("approve the AC one and decline the water heater one", "Reply Y"),
                            ("no", "stay open")])
    assert chat.quote_states() == OPEN


def test_a_decision_pointing_at_the_quote_talked_about_is_not_doubled(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("whats in the water heater quote", "Q-1042")])
    said = chat.text(MARIA, "the AC one is too much, pass on that for now").text
    assert "Decline quote Q-1043" in said and "Q-1042" not in said
    assert chat.quote_states() == OPEN
