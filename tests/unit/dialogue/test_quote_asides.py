"""A question about a quote read by the parser as a booking, a move or a cancel is answered from
the quote; times offered before stay offered (unless the text says nothing is to be booked); a
"does it include X" is a yes only when a line names X; and "undo that approval" goes to a person."""

from __future__ import annotations

import pytest

from domain.money import Line
from domain.quotes import QuoteState
from tests.unit.dialogue.chat_world import JOE, MARIA, ChatWorld
from tests.unit.dialogue.test_quote_questions import add_quote

OPEN = {"Q-1042": QuoteState.SENT, "Q-1043": QuoteState.SENT, "Q-2001": QuoteState.SENT}
PLAN_LINES = (Line("Spring cooling check", 1, 14900), Line("Fall heating check", 1, 14900))
LINER_LINES = (Line("Liner for the main line", 1, 600000), Line("Trenching labor", 8, 36250))


@pytest.mark.parametrize("ask", ["what's this care plan thing you sent? worth it?",
                                 "so is the care plan worth the money",
                                 "whats the care plan you sent"])
def test_a_question_about_a_plan_quote_is_answered_from_its_lines(chat: ChatWorld,
                                                                  ask: str) -> None:
    add_quote(chat, "Q-1050", "maria", "Care plan", PLAN_LINES)
    before = chat.model()
    said = chat.text(MARIA, ask).text
    assert "$298.00" in said and "Fall heating check" in said
    assert "We can come" not in said and "Reply 1" not in said
    assert chat.changed_since(before) <= {"outbox"}


def test_a_quote_question_while_times_are_offered_keeps_them_offered(chat: ChatWorld) -> None:
    add_quote(chat, "Q-1050", "maria", "Care plan", PLAN_LINES)
    chat.transcript(MARIA, [("can the thursday visit move to next tuesday", "Reply 1")])
    said = chat.text(MARIA, "hang on, how much is the care plan quote?").text
    assert "$298.00" in said and "still stands" in said and "Reply 1" not in said
    chat.transcript(MARIA, [("1", "Moved")])


@pytest.mark.parametrize("say", ["we don't need anything moved. what's in quote Q-1050?",
                                 "i'm not moving anything, how much is the care plan quote"])
def test_nothing_to_book_beside_a_quote_question_drops_the_times(chat: ChatWorld,
                                                                 say: str) -> None:
    add_quote(chat, "Q-1050", "maria", "Care plan", PLAN_LINES)
    chat.transcript(MARIA, [("can the thursday visit move to next tuesday", "Reply 1")])
    before = chat.model()
    said = chat.text(MARIA, say).text
    assert "$298.00" in said and "nothing booked or moved" in said and "still stands" not in said
    assert chat.changed_since(before) <= {"outbox"}


@pytest.mark.parametrize(("ask", "told"), [
    ("does that 8900 include trenching?", "Yes, it includes Trenching labor"),
    ("does the 8900 include the digging or is that extra", "Yes, it includes Trenching labor"),
    ("does the 8900 cover re-sodding the lawn afterwards?", "doesn't list re-sodding the lawn"),
    ("whats included in the liner one? does it cover hauling off the dirt",
     "doesn't list hauling off the dirt"),
])
def test_whether_an_open_quote_includes_something_asked_mid_confirmation(
        chat: ChatWorld, ask: str, told: str) -> None:
    add_quote(chat, "Q-1051", "maria", "Drain liner", LINER_LINES)
    chat.transcript(MARIA, [("approve the drain liner quote", "Approve quote Q-1051")])
    said = chat.text(MARIA, ask).text
    assert told in said and "Yes, it includes Liner" not in said
    assert "When would suit" not in said and said.rstrip().endswith("Reply Y or N")
    assert chat.quote_states()["Q-1051"] is QuoteState.SENT


def test_a_shared_word_is_no_yes(chat: ChatWorld) -> None:
    add_quote(chat, "Q-1050", "maria", "Care plan", PLAN_LINES)
    said = chat.text(MARIA, "does the care plan quote include a heating repair?").text
    assert "Yes" not in said and "doesn't list a heating repair" in said


@pytest.mark.parametrize("undo", ["can you undo that approval?", "actually reverse that please",
                                  "take it back, we want to shop around first"])
def test_undoing_a_quote_approval_goes_to_a_person(chat: ChatWorld, undo: str) -> None:
    chat.transcript(JOE, [("approve the sewer quote", "Approve quote Q-2001"),
                          ("Y", "Approved")])
    notices = len(chat.notices())
    said = chat.text(JOE, undo).text
    assert "Q-2001 is approved" in said and "call you" in said
    assert "nothing I changed" not in said
    assert len(chat.notices()) == notices + 1
    assert chat.quote_states() == {**OPEN, "Q-2001": QuoteState.APPROVED}


@pytest.mark.parametrize("ask", ["whats this thing on thursday for?", "what's that stuff friday about"])
def test_a_what_is_this_question_naming_no_quote_is_no_quote_question(chat: ChatWorld,
                                                                      ask: str) -> None:
    add_quote(chat, "Q-1050", "maria", "Care plan", PLAN_LINES)
    said = chat.text(MARIA, ask).text
    assert "Q-1050" not in said and "$298.00" not in said
