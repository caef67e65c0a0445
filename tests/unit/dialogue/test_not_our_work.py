"""Work next to our trades that the catalog has no service for ("solar panels", "a tesla charger",
"medical vacuum lines") gets an honest no with what we do, never times to book; a company's
name with such a word in it asks nothing of the kind."""

from __future__ import annotations

import pytest

from bot.dialogue.reply import Expect
from tests.unit.dialogue.chat_world import MARIA, ChatWorld


@pytest.mark.parametrize("text", [
    "quick q, do you guys install solar panels?",
    "would you service medical vacuum lines at our clinic?",
    "tesla charger install in the garage - is that something you do",
    "do u fix garage doors?",
])
def test_work_we_do_not_do_gets_a_no_and_our_services(chat: ChatWorld, text: str) -> None:
    before = chat.model()
    replies = chat.answer(MARIA, text)
    said = "\n".join(reply.text for reply in replies)
    assert "we don't" in said.lower() and "electrical repair" in said.lower()
    assert all(reply.expects is not Expect.CHOICE for reply in replies)
    assert chat.changed_since(before) <= {"conversations", "messages"}


def test_a_fee_asked_beside_it_is_answered_too(chat: ChatWorld) -> None:
    replies = chat.answer(MARIA, "whats the fee for a visit? and do you put in ev charging stations?")
    said = "\n".join(reply.text for reply in replies)
    assert "$" in said and "EV charging" in said and "we don't" in said.lower()


def test_a_company_name_is_no_question_about_that_work(chat: ChatWorld) -> None:
    replies = chat.answer(MARIA, "hi its maria from lakeview dental, which of my visits is friday?")
    assert not any("we don't" in reply.text.lower() for reply in replies)
