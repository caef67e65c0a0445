"""The job says the technician is on the way, the customer says otherwise: "he's here now" is
thanked and the office told once, "he left, what do i owe" is never answered "still on the way",
and nothing about the visits changes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.commands import ChangeJobState
from domain.jobs import JobState
from domain.messages import MessageKind
from tests.unit.dialogue.chat_world import JOE, ChatWorld


def _on_the_way(chat: ChatWorld, late: bool) -> None:
    job_id = chat.visit("joe_today").job_id
    chat.run(ChangeJobState(job_id=job_id, new_state=JobState.EN_ROUTE, actor=chat.dispatcher(),
                            eta_minutes=20))
    if late:
        chat.clock.advance(timedelta(minutes=40))


def _notices(chat: ChatWorld) -> int:
    return len(chat.uow.messages.find(kind=MessageKind.NOTICE))


@pytest.mark.parametrize("late", [True, False])
@pytest.mark.parametrize("arrived", ["ok hes here now nvm", "she just arrived, thanks",
                                     "the plumber is here finally", "they showed up"])
def test_an_arrival_told_is_thanked_and_passed_on(chat: ChatWorld, late: bool,
                                                  arrived: str) -> None:
    _on_the_way(chat, late)
    if late:
        assert "running late" in chat.text(JOE, "nobody here yet??").text
    notices = _notices(chat)
    before = chat.model()
    said = chat.text(JOE, arrived).text
    assert "on the way" not in said and "running late" not in said, said
    assert "Tom" in said
    assert _notices(chat) > notices
    assert chat.changed_since(before) <= {"notices", "outbox", "timeline"}


@pytest.mark.parametrize("left", ["he left. done? what do i owe", "tech is gone, are we finished?"])
def test_a_technician_said_to_have_left_is_checked_by_the_office(chat: ChatWorld,
                                                                 left: str) -> None:
    _on_the_way(chat, late=True)
    said = chat.text(JOE, left).text
    assert "on the way" not in said and "running late" not in said, said
    assert "hasn't marked" in said and "office" in said


def test_a_question_asking_if_he_is_here_is_still_answered_from_the_record(chat: ChatWorld) -> None:
    _on_the_way(chat, late=False)
    said = chat.text(JOE, "is he here yet?").text
    assert "on the way" in said
