"""A price asked in Spanish is said in the Spanish hand-off when the work is known (named in the
text, or in a Spanish text just before); with no work known, only the hand-off."""

from __future__ import annotations

from tests.unit.dialogue.chat_world import NEWCOMER, ChatWorld

CALL_BACK = "Una persona del equipo le va a llamar pronto."


def test_a_price_asked_with_the_work_named_is_said_with_the_call_back(chat: ChatWorld) -> None:
    [reply] = chat.answer(NEWCOMER, "buenas tardes, cuanto cuesta que revisen una fuga en la tuberia?")
    assert "$" in reply.text and CALL_BACK in reply.text


def test_the_work_told_before_prices_a_later_question(chat: ChatWorld) -> None:
    chat.answer(NEWCOMER, "hola, el desague de la cocina esta tapado, pueden venir el lunes?")
    [reply] = chat.answer(NEWCOMER, "y cuanto cobran por venir?")
    assert "Drain cleaning" in reply.text and "$" in reply.text and CALL_BACK in reply.text


def test_a_price_asked_with_no_work_known_is_only_handed_over(chat: ChatWorld) -> None:
    [reply] = chat.answer(NEWCOMER, "hola, cuanto cobran ustedes por la visita?")
    assert "$" not in reply.text and CALL_BACK in reply.text
