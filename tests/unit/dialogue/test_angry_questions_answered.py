"""An upset customer's questions about their visits are answered from them, never turned into
times offered: a problem told beside "why do i have visits on the 5th and the 6th", and "are
you a robot?? what are the 5th and 6th visits".

The chat world's clock starts Mon Mar 2, 9am Chicago; Maria has a heating repair Thu Mar 5 and
an electrical visit Fri Mar 6."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.unit.dialogue.chat_world import MARIA, ChatWorld


def test_visits_asked_about_beside_a_problem_are_listed(chat: ChatWorld) -> None:
    for day in (9, 10):
        chat.book("maria", "water_heater", "tom", datetime(2026, 3, day, 16, 0, tzinfo=UTC))
    said = chat.text(MARIA, "i have 2 kids and no hot water. and why do i have ANOTHER water "
                            "heater visit on the 9th and the 10th, nobody told me").text
    assert "Mon Mar 9" in said and "Tue Mar 10" in said and "Reply 1" not in said


def test_a_question_after_are_you_a_robot_is_answered_too(chat: ChatWorld) -> None:
    said = chat.text(MARIA, "are u a robot?? answer the question. what are the 5th and 6th visits").text
    assert "automated assistant" in said and "Thu Mar 5" in said and "Fri Mar 6" in said
