"""Handing over to a person: a notice to the dispatchers in the outbox and a timeline note."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.messages import MessageStatus
from domain.parties import Channel
from domain.timeline import ActivityKind
from tests.unit.dialogue.chat_world import DANA, JOE, MARIA, NEWCOMER, ChatWorld


def test_asking_for_a_person_tells_the_dispatcher_and_notes_it(chat: ChatWorld) -> None:
    before = chat.model()
    chat.text(MARIA, "can I talk to a person", message_id="SMperson")
    assert chat.changed_since(before) == {"notices", "outbox", "timeline"}
    [notice] = chat.notices()
    assert (notice.channel, notice.address, notice.status) == (Channel.SMS, DANA,
                                                               MessageStatus.QUEUED)
    assert notice.body == ("Call-back request: Maria Rivera (+13125550142) asked for a person "
                           "via sms.")
    note = chat.timeline(chat.ids["maria_account"])[-1]
    assert note.kind is ActivityKind.NOTE and note.provider_message_id == "SMperson"
    assert note.summary == "Customer asked for a person; dispatchers asked to call back"


def test_the_customer_is_told_someone_will_call(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("can I talk to a person", "Got it. Someone from Northwind Heating & "
                                                       "Plumbing will call you shortly.")])


def test_asking_for_a_person_mid_question_leaves_the_question_and_the_visit(
        chat: ChatWorld) -> None:
    chat.transcript(JOE, [("please cancel my appointment", "Reply Y or N"),
                          ("let me talk to someone", "will call you shortly"),
                          # the cancel question is gone: a "y" only hears the call is coming
                          ("y", "Someone from the office will call you soon")])
    assert chat.visits(JOE) == [chat.visit("joe_today")]
    assert len(chat.notices()) == 1


def test_two_misunderstandings_in_a_row_hand_over(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [
        ("asdf", "didn't get that"),
        ("qwer zxcv", "I've asked someone from Northwind Heating & Plumbing to call you"),
    ])
    [notice] = chat.notices()
    assert "was not understood by the bot twice" in notice.body
    conversation = chat.conversation(MARIA)
    assert conversation is not None and conversation.misunderstandings == 0
    chat.transcript(MARIA, [("zzz", "didn't get that")])  # counting starts again
    assert len(chat.notices()) == 1


def test_an_unknown_number_asking_for_a_person_is_handed_over_without_an_account(
        chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(NEWCOMER, [("can I talk to a person", "will call you shortly")])
    assert chat.changed_since(before) == {"notices", "outbox"}
    assert chat.notices()[0].body.startswith(f"Call-back request: A new number ({NEWCOMER})")


def test_the_note_after_two_misunderstandings_says_the_bot_did_not_understand(
        chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("asdf", "didn't get that"), ("qwer zxcv", "call you")])
    note = chat.timeline(chat.ids["maria_account"])[-1].summary
    assert not note.startswith("Customer did not understand")


@pytest.mark.parametrize("question", [
    "are you a robot or a person", "who am i talking to?", "is this a real person lol",
    "who is this?", "r u a bot", "am i texting with a machine"])
def test_asking_who_answers_gets_an_honest_answer_and_calls_no_one(chat: ChatWorld,
                                                                   question: str) -> None:
    before = chat.model()
    for phone in (MARIA, NEWCOMER):
        said = chat.text(phone, question).text
        assert "automated assistant" in said and "Northwind" in said
        assert "will call you shortly" not in said
    assert chat.changed_since(before) <= {"conversations"}
    assert chat.notices() == []


def test_asking_who_answers_and_for_a_person_in_one_text_hands_over(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("are you a bot? i want to talk to a real person", "will call you")])
    assert len(chat.notices()) == 1


def test_small_talk_twice_is_no_misunderstanding_and_calls_no_one(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("did you watch the game last night?", "not something we can help"),
                            ("whats your favorite movie?", "not something we can help")])
    assert chat.notices() == []


def test_a_person_asked_for_while_the_office_is_closed_is_promised_when_it_opens(
        chat: ChatWorld) -> None:
    chat.clock.advance(timedelta(hours=12))  # Monday 21:00
    said = chat.text(MARIA, "let me talk to someone").text
    assert "when the office opens, tomorrow at" in said and "shortly" not in said
    said = chat.text(JOE, "who am i talking to").text
    assert "a person can call you when the office opens, tomorrow at" in said
    assert len(chat.notices()) == 1
