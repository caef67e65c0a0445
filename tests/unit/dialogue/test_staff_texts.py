"""Staff who text the bot are read in their own role, never as a customer."""

from __future__ import annotations

import pytest

from domain.staff import Role
from tests.unit.dialogue.chat_world import RITA, TOM, ChatWorld


@pytest.mark.parametrize("text", ["cancel my appointment", "cancel the 1pm job",
                                  "I need to reschedule", "hi"])
def test_a_technicians_text_is_read_as_a_technicians_and_changes_nothing(chat: ChatWorld,
                                                                        text: str) -> None:
    before = chat.model()
    answer = chat.text(TOM, text).text
    assert "coming soon" not in answer and "book" not in answer.lower()
    # no visit cancelled, nobody onboarded ("I need to reschedule" is passed to the office)
    assert chat.changed_since(before) <= {"notices", "outbox"}
    assert all(m.staff_id is not None for m in chat.uow.messages.find()
               if m.kind.value == "notice")  # to the office only, never a customer
    conversation = chat.conversation(TOM)
    assert conversation is not None and conversation.role is Role.TECHNICIAN
    assert conversation.flow is None


@pytest.mark.parametrize("text", ["deal won for the Rivera job", "approve quote 1042",
                                  "book a visit for tomorrow"])
def test_a_reps_text_is_read_as_a_reps_and_changes_nothing(chat: ChatWorld, text: str) -> None:
    before = chat.model()
    answer = chat.text(RITA, text).text
    assert "followups" in answer and "coming soon" not in answer  # a rep's own answers
    assert chat.changed_since(before) == set()
    conversation = chat.conversation(RITA)
    assert conversation is not None and conversation.role is Role.SALES


def test_a_staff_members_reply_is_logged_against_them(chat: ChatWorld) -> None:
    chat.text(TOM, "hi")
    [reply] = [m for m in chat.uow.messages.find() if m.address == TOM and m.reply_to_id]
    assert reply.staff_id == chat.ids["tom"] and reply.account_id is None


@pytest.mark.parametrize("text", ["Y", "\N{THUMBS UP SIGN}", "ok"])
def test_a_staff_nod_with_nothing_pending_gets_a_staff_answer(chat: ChatWorld, text: str) -> None:
    for person in (TOM, RITA):
        answer = chat.text(person, text).text
        assert "book a visit" not in answer and "approve a quote" not in answer
        assert "nothing is waiting" in answer.lower()
