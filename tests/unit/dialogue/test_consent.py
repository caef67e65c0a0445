"""Consent by SMS: carrier keywords and a plain-words opt-out, decided once for every flow."""

from __future__ import annotations

from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
from tests.fakes import NOW
from tests.unit.dialogue.chat_world import JOE, MARIA, NEWCOMER, ChatWorld

OPTED_OUT = ("You won't get more texts from Northwind Heating & Plumbing. Your visits stay booked "
             "(next: Thu Mar 5, 8-10am); we just won't text you about them. Reply START to "
             "resubscribe.")


def queue_reminder(chat: ChatWorld, phone: str) -> Message:
    contact = chat.contact(phone)
    assert contact is not None
    return chat.uow.messages.add(Message(
        channel=Channel.SMS, direction=Direction.OUT, address=phone, body="Reminder: visit "
        "tomorrow", created_at=NOW, status=MessageStatus.QUEUED, kind=MessageKind.REMINDER,
        account_id=contact.account_id, contact_id=contact.id, due_at=NOW))


def test_stop_gets_no_reply_when_the_provider_answers_keywords_and_nothing_goes_out_after(
        chat: ChatWorld) -> None:
    reminder = queue_reminder(chat, MARIA)
    chat.transcript(MARIA, [("STOP", None), ("hello?", None), ("where's the tech?", None)])
    assert chat.opted_out(MARIA)
    assert reminder.status is MessageStatus.CANCELLED
    assert [m for m in chat.uow.messages.claim_due(chat.clock.now(), 100)
            if m.address == MARIA] == []


def test_start_opts_back_in_silently_when_the_provider_answers_it(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("STOP", None), ("start", None), ("hello", "Hi from Northwind")])
    assert not chat.opted_out(MARIA)


def test_keywords_are_answered_when_we_answer_them_ourselves(chat: ChatWorld) -> None:
    assert chat.text(MARIA, "STOP", answer_keywords=True).text == OPTED_OUT
    assert chat.text(MARIA, "hi", answer_keywords=True).text == ""
    assert chat.text(MARIA, "start", answer_keywords=True).text == (
        "You're resubscribed to Northwind Heating & Plumbing texts. Reply STOP to opt out.")
    assert "Hi from Northwind" in chat.text(MARIA, "hi", answer_keywords=True).text


def test_help_is_left_to_the_provider_or_answered_with_the_carrier_text(chat: ChatWorld) -> None:
    before = chat.model()
    assert chat.text(MARIA, "HELP").text == ""
    answer = chat.text(MARIA, "HELP", answer_keywords=True).text
    assert "Msg & data rates may apply" in answer and "Reply STOP to opt out" in answer
    assert chat.changed_since(before) == set()


def test_an_opt_out_in_plain_words_is_confirmed_and_honoured(chat: ChatWorld) -> None:
    reminder = queue_reminder(chat, MARIA)
    chat.transcript(MARIA, [("stop texting me", OPTED_OUT), ("hello", None)])
    assert reminder.status is MessageStatus.CANCELLED


def test_a_bare_cancel_at_the_cancel_question_opts_out_and_keeps_the_visit(
        chat: ChatWorld) -> None:
    chat.transcript(JOE, [("please cancel my appointment", "Reply Y or N"), ("CANCEL", None)])
    assert chat.visits(JOE) == [chat.visit("joe_today")]
    assert chat.opted_out(JOE)
    conversation = chat.conversation(JOE)
    assert conversation is not None and conversation.flow is None  # no Y can cancel it later
    chat.transcript(JOE, [("START", None), ("Y", "Nothing is waiting for a yes")])
    assert chat.visits(JOE) == [chat.visit("joe_today")]


def test_opting_out_leaves_the_visits_booked_and_says_so(chat: ChatWorld) -> None:
    before = chat.model()
    said = chat.text(MARIA, "please stop sending me texts").text
    assert "Your visits stay booked (next: Thu Mar 5, 8-10am)" in said
    assert chat.changed_since(before) <= {"outbox", "consents", "conversations", "timeline"}
    assert chat.visits(MARIA) == [chat.visit("maria_thu"), chat.visit("maria_fri")]
    chat.transcript(MARIA, [("will you still come thursday?", None), ("START", None),
                            ("will you still come thursday?", "Thu Mar 5")])


def test_opting_out_with_no_visit_booked_says_nothing_of_visits(chat: ChatWorld) -> None:
    said = chat.text(NEWCOMER, "stop texting me").text
    assert said.startswith("You won't get more texts") and "visits" not in said
