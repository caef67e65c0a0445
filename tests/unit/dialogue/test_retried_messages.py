"""A provider's retry of the same message id gets the stored answer and does nothing again."""

from __future__ import annotations

from domain.messages import Direction
from tests.unit.dialogue.chat_world import MARIA, NEWCOMER, ChatWorld


def test_a_retried_pick_gets_the_same_answer_and_books_once(chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("my sink is leaking, tomorrow morning please", "name and service address"),
        ("Pat Lee, 40 Oak Ave, Chicago 60625", "Reply 1, 2 or 3"),
    ])
    first = chat.text(NEWCOMER, "1", message_id="SMreplayed")
    assert not first.duplicate and first.text.startswith("Booked")
    before = chat.model()
    messages = len(chat.uow.messages.find())
    again = chat.text(NEWCOMER, "1", message_id="SMreplayed")
    assert again.duplicate and again.texts == first.texts
    assert again.replies == []  # answered from the log, not by the engine
    assert chat.changed_since(before) == set()
    assert len(chat.uow.messages.find()) == messages
    assert len(chat.visits(NEWCOMER)) == 1
    [inbound] = [m for m in chat.uow.messages.find() if m.provider_message_id == "SMreplayed"]
    assert [m.body for m in chat.uow.messages.find() if m.reply_to_id == inbound.id] == first.texts


def test_a_retried_request_for_a_person_tells_the_dispatcher_once(chat: ChatWorld) -> None:
    first = chat.text(MARIA, "can I talk to a person", message_id="SMcall")
    again = chat.text(MARIA, "can I talk to a person", message_id="SMcall")
    assert again.duplicate and again.texts == first.texts
    assert len(chat.notices()) == 1


def test_every_text_and_reply_is_stored_with_the_account(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("hi", "Hi from")])
    stored = [m for m in chat.uow.messages.find() if m.address == MARIA]
    assert [m.direction for m in stored] == [Direction.IN, Direction.OUT]
    assert stored[1].reply_to_id == stored[0].id
    assert all(m.account_id == chat.ids["maria_account"] for m in stored)
