"""A question about the change just made is answered from it, and changes nothing."""

from __future__ import annotations

import pytest

from domain.commands import ChangeJobState
from domain.jobs import JobState
from tests.unit.dialogue.chat_world import MARIA, ChatWorld


def _move_friday_to_thursday(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("move the electrical one to thursday", "Thu Mar 5"),
                            ("1", "Moved your Electrical repair visit")])


@pytest.mark.parametrize("text", ["so the friday one is gone now right?",
                                  "is it still on friday?", "so ana comes thursday now?"])
def test_a_question_about_the_visit_just_moved_says_where_it_is_now(chat: ChatWorld,
                                                                    text: str) -> None:
    _move_friday_to_thursday(chat)
    before = chat.model()
    reply = chat.text(MARIA, text).text
    assert "now Thu Mar 5" in reply and "no longer Fri Mar 6, 1-3pm" in reply
    assert chat.changed_since(before) <= {"conversations", "messages"}


def test_a_question_about_another_visit_is_not_taken_for_the_one_moved(chat: ChatWorld) -> None:
    _move_friday_to_thursday(chat)
    reply = chat.text(MARIA, "is the furnace repair still on friday?").text
    assert "was moved" not in reply


def test_the_technician_told_of_a_cancel_is_named_when_asked(chat: ChatWorld) -> None:
    chat.run(ChangeJobState(job_id=chat.uow.appointments.get(chat.ids["maria_thu"]).job_id,
                            new_state=JobState.EN_ROUTE, actor=chat.dispatcher(),
                            eta_minutes=20))
    chat.transcript(MARIA, [("cancel the furnace one", "already on the way"),
                            ("y", "is cancelled"),
                            ("will tom know not to come?", "Tom has been told")])


def test_a_cancel_with_nobody_under_way_is_confirmed_plainly(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("cancel the furnace one", "Cancel your Thu Mar 5"),
                            ("y", "is cancelled"),
                            ("so nobody comes thursday right?", "Your Thu Mar 5, 8-10am "
                                                                "visit is cancelled")])


def test_what_changed_names_the_move_and_the_other_visit_asked_about(chat: ChatWorld) -> None:
    _move_friday_to_thursday(chat)
    before = chat.model()
    reply = chat.text(MARIA, "ok so what exactly changed? is the furnace guy still thursday?").text
    assert "Electrical repair visit was moved" in reply
    assert "Heating & cooling repair visit is unchanged: still Thu Mar 5, 8-10am with Tom" in reply
    assert chat.changed_since(before) <= {"conversations", "messages"}


def test_a_question_about_another_visit_is_answered_about_that_visit(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("cancel the furnace one", "Cancel your Thu Mar 5"),
                            ("y", "is cancelled")])
    reply = chat.text(MARIA, "is ana still coming friday?").text
    assert "Fri Mar 6" in reply and "Ana" in reply and "cancelled" not in reply


def test_a_question_naming_the_day_changed_and_another_technician_says_both(
        chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("move the electrical one to thursday", "Thu Mar 5"),
                            ("2", "Moved your Electrical repair visit"),
                            ("is tom still coming thursday?", "still Thu Mar 5, 8-10am with Tom")])


def test_did_it_go_through_beside_a_question_about_another_visit_answers_both(
        chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("cancel the furnace one", "Cancel your Thu Mar 5"),
                            ("y", "is cancelled")])
    before = chat.model()
    reply = chat.text(MARIA, "did it go through? and is the electrician still on for friday").text
    assert "Thu Mar 5, 8-10am visit is cancelled" in reply and "Fri Mar 6" in reply
    assert chat.changed_since(before) <= {"conversations", "messages"}
