"""Zero unintended changes: a question never books, a visit under way is never moved unasked,
and a missed visit is moved rather than booked again."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.dialogue.reply import Expect
from domain.commands import ChangeJobState
from domain.jobs import JobState
from tests.unit.dialogue.chat_world import JOE, MARIA, ChatWorld

AFTER_JOES_WINDOW = timedelta(hours=6, minutes=30)  # 3:30pm, Joe's 1-3pm visit is over


def _en_route(chat: ChatWorld) -> None:
    chat.run(ChangeJobState(job_id=chat.visit("joe_today").job_id, new_state=JobState.EN_ROUTE,
                            actor=chat.dispatcher(), eta_minutes=40))


def _told_of_move(chat: ChatWorld, staff_key: str) -> list[str]:
    return [m.body for m in chat.uow.messages.find()
            if m.staff_id == chat.ids[staff_key] and "moved" in m.body]


@pytest.mark.parametrize("text", [
    "i already have a visit on thursday. what time is it",
    "what time is my thursday visit?",
    "is thursday 8am free?",
    "when is the thursday one",
    "we already booked thursday didnt we",
])
def test_a_question_among_offered_times_books_nothing(chat: ChatWorld, text: str) -> None:
    [offered] = chat.answer(MARIA, "my water heater is leaking, thursday works")
    assert offered.expects is Expect.CHOICE
    before = chat.model()
    replies = chat.answer(MARIA, text)
    assert "Booked" not in " ".join(r.text for r in replies)
    assert "visits" not in chat.changed_since(before) and "jobs" not in chat.changed_since(before)


def test_a_clear_day_pick_among_offered_times_still_books(chat: ChatWorld) -> None:
    chat.answer(MARIA, "my water heater is leaking, thursday works")
    [booked] = chat.answer(MARIA, "thursday morning is good")
    assert "Booked" in booked.text


@pytest.mark.parametrize("text", [
    "can tom come later today instead? like after 3",
    "move my appointment to tomorrow",
    "reschedule to wednesday morning please",
    "can we push it to thursday",
])
def test_moving_a_visit_under_way_warns_first_and_n_changes_nothing(chat: ChatWorld,
                                                                    text: str) -> None:
    _en_route(chat)
    before = chat.model()
    [question] = chat.answer(JOE, text)
    assert question.expects is Expect.YES_NO
    assert "Tom is already on the way" in question.text
    assert chat.changed_since(before) == set()
    chat.transcript(JOE, [("n", "stays as booked")])
    assert chat.changed_since(before) == set()


def test_a_pick_never_moves_a_visit_under_way_before_a_yes(chat: ChatWorld) -> None:
    _en_route(chat)
    before = chat.model()
    chat.answer(JOE, "move my appointment to tomorrow")
    chat.answer(JOE, "1")  # not a yes to the warning
    assert "visits" not in chat.changed_since(before)


def test_y_moves_it_tells_the_technician_and_dispatch_and_the_job_is_scheduled_again(
        chat: ChatWorld) -> None:
    _en_route(chat)
    chat.answer(JOE, "move my appointment to tomorrow")
    [offered] = chat.answer(JOE, "y")
    assert offered.expects is Expect.CHOICE
    assert _told_of_move(chat, "tom") == []
    [done] = chat.answer(JOE, "1")
    assert "We've told Tom and our dispatcher" in done.text
    job = chat.uow.jobs.get(chat.visit("joe_today").job_id)
    assert job is not None and job.state is JobState.SCHEDULED and job.eta is None
    assert len(_told_of_move(chat, "tom")) == 1 and len(_told_of_move(chat, "dana")) == 1


@pytest.mark.parametrize("text", [
    "reschedule the plumbing visit to tomorrow morning",
    "nobody came, move my appointment to tomorrow",
    "can you reschedule today's visit to wednesday",
])
def test_a_missed_visit_is_moved_not_booked_again(chat: ChatWorld, text: str) -> None:
    chat.clock.advance(AFTER_JOES_WINDOW)
    jobs_before = len(chat.model()["jobs"])
    replies = chat.answer(JOE, text)
    assert "no upcoming visits" not in " ".join(r.text for r in replies)
    chat.answer(JOE, "1")
    assert len(chat.model()["jobs"]) == jobs_before
    assert chat.visit("joe_today").start > chat.clock.now()


@pytest.mark.parametrize("text", [
    "can someone come tomorrow morning instead",
    "book me in for tomorrow",
])
def test_a_booking_asked_after_a_missed_visit_moves_that_visit(chat: ChatWorld, text: str) -> None:
    chat.clock.advance(AFTER_JOES_WINDOW)
    jobs_before = len(chat.model()["jobs"])
    chat.answer(JOE, text)
    chat.answer(JOE, "1")
    assert len(chat.model()["jobs"]) == jobs_before
    assert chat.visit("joe_today").start > chat.clock.now()


@pytest.mark.parametrize("text", [
    "whats the earliest on thursday",
    "whens the earliest thursday",
    "hows thursday afternoon looking",
    "whats open thursday",
])
def test_a_question_without_a_question_mark_among_offers_books_nothing(chat: ChatWorld,
                                                                       text: str) -> None:
    chat.answer(MARIA, "my water heater is leaking, thursday works")
    before = chat.model()
    replies = chat.answer(MARIA, text)
    assert "Booked" not in " ".join(r.text for r in replies)
    assert "visits" not in chat.changed_since(before) and "jobs" not in chat.changed_since(before)


@pytest.mark.parametrize("text", [
    "heat stopped working, need someone here asap",
    "furnace stopped working, need someone asap",
    "no heat at all now, can someone come earlier asap",
])
def test_a_hurried_booking_of_work_already_booked_moves_that_visit(chat: ChatWorld,
                                                                   text: str) -> None:
    jobs_before = len(chat.model()["jobs"])
    start_before = chat.visit("maria_thu").start
    before = chat.model()
    chat.answer(MARIA, text)
    assert "visits" not in chat.changed_since(before) and "jobs" not in chat.changed_since(before)
    chat.answer(MARIA, "1")
    assert len(chat.model()["jobs"]) == jobs_before
    assert chat.visit("maria_thu").start < start_before


@pytest.mark.parametrize("text", ["friday morning", "friday", "friday afternoon", "on friday"])
def test_restating_the_day_offered_asks_which_time_and_moves_nothing(chat: ChatWorld,
                                                                     text: str) -> None:
    chat.answer(MARIA, "move my thursday visit to friday")
    before = chat.model()
    replies = chat.answer(MARIA, text)
    assert "Done" not in " ".join(r.text for r in replies)
    assert "visits" not in chat.changed_since(before) and "jobs" not in chat.changed_since(before)


def test_a_day_with_a_go_ahead_still_moves_the_visit(chat: ChatWorld) -> None:
    start_before = chat.visit("maria_thu").start
    chat.answer(MARIA, "move my thursday visit to friday")
    [done] = chat.answer(MARIA, "friday morning works")
    assert "Done" in done.text and chat.visit("maria_thu").start != start_before


@pytest.mark.parametrize("text", [
    "the thursday heating repair. i want it moved",
    "the hvac repair on thursday, can it be moved",
    "please reschedule the heating repair thursday",
    "need to push the thursday ac repair",
])
def test_a_visit_named_with_a_move_word_is_moved_never_booked_again(chat: ChatWorld,
                                                                    text: str) -> None:
    jobs_before = len(chat.model()["jobs"])
    before = chat.model()
    replies = chat.answer(MARIA, text)
    assert "Booked" not in " ".join(r.text for r in replies)
    assert "visits" not in chat.changed_since(before) and "jobs" not in chat.changed_since(before)
    chat.answer(MARIA, "friday afternoon works")
    chat.answer(MARIA, "1")
    assert len(chat.model()["jobs"]) == jobs_before
