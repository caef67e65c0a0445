"""The quote approved is the one named with the go-ahead: "that one" after a title is that quote,
one held off on stays open, and a quote ruled out ("not the water heater") is never the one asked
about, so a Y after the correction approves the quote meant."""

from __future__ import annotations

from domain.quotes import QuoteState
from tests.unit.dialogue.chat_world import MARIA, ChatWorld


def test_that_one_after_a_title_is_approved_and_the_held_one_stays_open(chat: ChatWorld) -> None:
    reply = chat.text(MARIA, "ok lets do the AC. go ahead with that one, the water heater we'll "
                             "hold off on for now").text
    assert "Approve quote Q-1043" in reply and "Approve quote Q-1042" not in reply


def test_a_title_gone_with_then_that_one_is_approved_and_the_other_held(chat: ChatWorld) -> None:
    reply = chat.text(MARIA, "alright lets go with the AC. do that one, the water heater we'll "
                             "hold off on till spring").text
    assert "Q-1042 stays open" in reply and "Approve quote Q-1043" in reply


def test_a_quote_ruled_out_is_never_asked_about(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("approve the AC quote", "Approve quote Q-1043"),
                            ("no!! not the water heater. the AC quote, 1043", "Approve quote Q-1043"),
                            ("Y", "Approved: quote Q-1043")])
    states = chat.quote_states()
    assert states["Q-1043"] is QuoteState.APPROVED and states["Q-1042"] is QuoteState.SENT
