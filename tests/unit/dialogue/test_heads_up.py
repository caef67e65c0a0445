"""Asking to be told before the technician comes is a note for the office, never a new visit."""

from __future__ import annotations

import pytest

from tests.unit.dialogue.chat_world import JOE, MARIA, ChatWorld


@pytest.mark.parametrize("text", ["also can the tech text me when theyre heading over",
                                  "can you call me before he comes",
                                  "pls text me when the plumber is on the way"])
def test_a_heads_up_wish_for_the_one_visit_is_passed_on(chat: ChatWorld, text: str) -> None:
    notices, jobs = len(chat.notices()), len(chat.uow.jobs.find())
    reply = chat.text(JOE, text).text
    assert "let you know when heading over" in reply and "Mon Mar 2" in reply
    assert len(chat.notices()) == notices + 1 and len(chat.uow.jobs.find()) == jobs


def test_after_a_move_the_wish_is_for_the_visit_moved(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("move the electrical one to thursday", "Thu Mar 5"),
                            ("1", "Moved your Electrical repair visit"),
                            ("can the tech text me when they're on their way", "Thu Mar 5")])


@pytest.mark.parametrize("text", ["thermostat upstairs, can he look at it today, yes or no",
                                  "can he look at the thermostat upstairs today"])
def test_more_work_asked_of_the_visit_today_is_a_note_never_times(chat: ChatWorld, text: str) -> None:
    jobs = len(chat.uow.jobs.find())
    reply = chat.text(JOE, text).text
    assert "as a note for" in reply and "Reply 1" not in reply
    assert len(chat.uow.jobs.find()) == jobs
