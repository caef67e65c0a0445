"""A place once said to be outside the area is never asked for again: a ZIP given alone beside
other words is read, a newcomer told their town or ZIP is not served hears the same no to a
later request, and a safety question still gets its step though no visit is offered."""

from __future__ import annotations

from tests.unit.dialogue.chat_world import NEWCOMER, ChatWorld

ASKS_DETAILS = "e.g. Maria"


def test_a_zip_given_beside_other_words_is_read_and_turned_away(chat: ChatWorld) -> None:
    chat.text(NEWCOMER, "my furnace keeps banging, can someone look at it")
    said = chat.text(NEWCOMER, "im right on the border tho, 60202. rogers park is close").text
    assert "60202" in said and ASKS_DETAILS not in said


def test_a_request_after_the_area_was_refused_hears_the_same_no(chat: ChatWorld) -> None:
    chat.text(NEWCOMER, "do you come out to evanston? my furnace keeps banging")
    said = chat.text(NEWCOMER, "so can you come fix it tomorrow or no").text
    assert "Evanston" in said and ASKS_DETAILS not in said
    assert any("outside area" in notice.body for notice in chat.notices())


def test_a_safety_question_after_the_refusal_gets_the_step(chat: ChatWorld) -> None:
    chat.text(NEWCOMER, "do you come out to evanston? my furnace keeps banging")
    said = chat.text(NEWCOMER, "is that dangerous? should i turn it off").text
    assert "turn it off" in said and "not something we can help" not in said


def test_a_danger_after_the_refusal_never_asks_the_address_again(chat: ChatWorld) -> None:
    chat.text(NEWCOMER, "furnace is banging. 60202")
    said = chat.text(NEWCOMER, "now i smell gas near it").text
    assert "911" in said and "ZIP" not in said and ASKS_DETAILS not in said


def test_an_address_in_the_area_after_a_refusal_still_signs_up(chat: ChatWorld) -> None:
    chat.text(NEWCOMER, "do you come out to evanston? my furnace keeps banging")
    said = chat.text(NEWCOMER, "ok then my moms place, Pat Lee, 12 elm st chicago 60614").text
    assert "Thanks, Pat" in said
