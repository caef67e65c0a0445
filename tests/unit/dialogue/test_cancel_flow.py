"""Cancelling a visit: which one, then always a Y/N before anything changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.dialogue.reply import Expect
from domain.commands import ChangeJobState
from domain.jobs import AppointmentStatus, JobState
from tests.unit.dialogue.chat_world import JOE, MARIA, ChatWorld


def test_cancelling_asks_yes_or_no_first_and_y_cancels(chat: ChatWorld) -> None:
    before = chat.model()
    [question] = chat.answer(JOE, "please cancel my appointment")
    assert question.expects is Expect.YES_NO
    assert question.text == "Cancel your Mon Mar 2, 1-3pm visit?"
    assert chat.changed_since(before) == set()
    chat.transcript(JOE, [("Y", "Your Mon Mar 2, 1-3pm visit is cancelled.")])
    assert chat.changed_since(before) == {"visits", "jobs", "timeline"}
    assert chat.visit("joe_today").status is AppointmentStatus.CANCELLED


def test_n_keeps_the_visit_chosen_from_several(chat: ChatWorld) -> None:
    before = chat.model()
    [which] = chat.answer(MARIA, "cancel my appointment")
    assert which.expects is Expect.CHOICE and len(which.options) == 2
    chat.transcript(MARIA, [
        ("2", "Cancel your Fri Mar 6, 1-3pm visit? Reply Y or N"),
        ("N", "OK, your Fri Mar 6, 1-3pm visit stays as booked."),
    ])
    assert chat.changed_since(before) == set()


def test_a_visit_is_chosen_by_naming_its_day(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("cancel my appointment", "Which visit do you want to cancel?"),
                            ("thursday", "Cancel your Thu Mar 5, 8-10am visit?"),
                            ("y", "is cancelled")])
    assert chat.visit("maria_thu").status is AppointmentStatus.CANCELLED
    assert chat.visit("maria_fri").status is AppointmentStatus.BOOKED


def test_an_unclear_answer_to_the_confirmation_asks_for_y_or_n(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(JOE, [("please cancel my appointment", "Reply Y or N")])
    [again] = chat.text(JOE, "maybe").replies
    assert again.expects is Expect.YES_NO and again.text.startswith("Please answer Y or N.")
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("no", ["n", "no", "never mind"])
def test_no_or_never_mind_while_choosing_drops_the_question(chat: ChatWorld, no: str) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("cancel my appointment", "Which visit do you want to cancel?"),
                            (no, "OK, I've left everything as it is."),
                            ("2", "didn't get that")])
    assert chat.changed_since(before) == set()
    conversation = chat.conversation(MARIA)
    assert conversation is not None and conversation.flow is None


def test_never_mind_at_the_confirmation_keeps_the_visit(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(JOE, [("please cancel my appointment", "Reply Y or N"),
                          ("never mind", "stays as booked")])
    assert chat.changed_since(before) == set()


def test_nothing_to_cancel_is_said_so(chat: ChatWorld) -> None:
    chat.transcript(JOE, [("please cancel my appointment", "Reply Y or N"), ("y", "cancelled"),
                          ("cancel my appointment", "You have no upcoming visits")])


def test_a_yes_to_which_visit_asks_which_again(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("cancel my appointment", "Which visit do you want to cancel?"),
                            ("y", "Which visit do you want to cancel?"),
                            ("2", "Cancel your Fri Mar 6, 1-3pm visit?")])


def _underway(chat: ChatWorld, state: JobState, eta_minutes: int | None = None) -> None:
    job_id = chat.visit("joe_today").job_id
    if state is JobState.ON_SITE:
        chat.run(ChangeJobState(job_id=job_id, new_state=JobState.EN_ROUTE,
                                actor=chat.dispatcher()))
    chat.run(ChangeJobState(job_id=job_id, new_state=state, actor=chat.dispatcher(),
                            eta_minutes=eta_minutes))


def _told(chat: ChatWorld, staff_key: str) -> list[str]:
    return [m.body for m in chat.uow.messages.find()
            if m.staff_id == chat.ids[staff_key] and "cancelled" in m.body]


def test_a_technician_on_the_way_is_said_before_asking_and_told_on_yes(chat: ChatWorld) -> None:
    _underway(chat, JobState.EN_ROUTE, eta_minutes=40)
    [question] = chat.answer(JOE, "cancel my appointment")
    assert question.expects is Expect.YES_NO
    assert question.text == "Tom is already on the way (ETA 9:40am). Cancel anyway?"
    assert _told(chat, "tom") == [] and _told(chat, "dana") == []
    chat.transcript(JOE, [("y", "We've told Tom and our dispatcher")])
    assert chat.visit("joe_today").status is AppointmentStatus.CANCELLED
    assert len(_told(chat, "tom")) == 1 and "No need to go" in _told(chat, "tom")[0]
    assert len(_told(chat, "dana")) == 1 and "5 Lake St" in _told(chat, "dana")[0]


def test_a_technician_on_site_is_said_and_n_changes_nothing(chat: ChatWorld) -> None:
    _underway(chat, JobState.ON_SITE)
    before = chat.model()
    chat.transcript(JOE, [("cancel my appointment", "Tom is already there. Cancel anyway?"),
                          ("n", "stays as booked")])
    assert chat.changed_since(before) == set()


def test_the_question_asked_again_still_says_the_technician_is_on_the_way(
        chat: ChatWorld) -> None:
    _underway(chat, JobState.EN_ROUTE, eta_minutes=40)
    chat.transcript(JOE, [("cancel my appointment", "Tom is already on the way"),
                          ("todays obviously", "Please answer Y or N. Tom is already on the way")])


@pytest.mark.parametrize("no", ["n. dont cancel, ill wait. but he better be here soon",
                                "dont cancel it"])
def test_dont_cancel_at_the_confirmation_says_the_visit_stays(chat: ChatWorld, no: str) -> None:
    _underway(chat, JobState.EN_ROUTE, eta_minutes=40)
    before = chat.model()
    chat.transcript(JOE, [("cancel my appointment", "Cancel anyway?"), (no, "stays as booked")])
    assert chat.changed_since(before) == set()


def test_cancel_it_after_hearing_where_the_technician_is_means_that_visit(
        chat: ChatWorld) -> None:
    chat.book("joe", "plumbing_repair", "tom", datetime(2026, 3, 5, 20, 0, tzinfo=UTC))
    _underway(chat, JobState.EN_ROUTE, eta_minutes=40)
    chat.transcript(JOE, [("where is the tech", "Tom is on the way"),
                          ("forget it. cancel it", "Tom is already on the way (ETA 9:40am). "
                                                   "Cancel anyway?")])


def test_a_technician_running_late_past_the_window_still_has_the_visit_to_cancel(
        chat: ChatWorld) -> None:
    chat.clock.advance(timedelta(hours=6, minutes=30))  # 3:30pm: the 1-3pm window is over
    _underway(chat, JobState.EN_ROUTE, eta_minutes=20)
    [question] = chat.answer(JOE, "just cancel my appointment")
    assert question.expects is Expect.YES_NO and question.text.startswith(
        "Tom is already on the way")


def test_a_plain_cancellation_tells_no_technician(chat: ChatWorld) -> None:
    chat.transcript(JOE, [("cancel my appointment", "Reply Y or N"), ("y", "is cancelled.")])
    assert _told(chat, "tom") == [] and _told(chat, "dana") == []


@pytest.mark.parametrize("say", ["cancel the thursday one and the friday one",
                                 "no more visits needed. cancel mar 5 and mar 6 please"])
def test_two_days_named_after_cancel_are_asked_together(chat: ChatWorld, say: str) -> None:
    chat.transcript(MARIA, [(say, "Cancel these 2 visits"), ("y", "Cancelled")])
    assert chat.visit("maria_thu").status is AppointmentStatus.CANCELLED
    assert chat.visit("maria_fri").status is AppointmentStatus.CANCELLED


def test_a_day_named_before_the_cancel_is_not_cancelled(chat: ChatWorld) -> None:
    answer = chat.text(MARIA, "i see visits on thursday and friday, we only need one. cancel "
                              "friday").text
    assert "Cancel these 2" not in answer and "Reply" in answer
    assert chat.visit("maria_thu").status is AppointmentStatus.BOOKED


@pytest.mark.parametrize("say", ["cancel it please", "just cancel it", "1. cancel, not move"])
def test_the_cancel_said_back_to_its_question_is_a_yes(chat: ChatWorld, say: str) -> None:
    chat.transcript(MARIA, [("cancel the thursday one", "Reply Y or N"), (say, "is cancelled")])
    assert chat.visit("maria_thu").status is AppointmentStatus.CANCELLED


@pytest.mark.parametrize("text", ["NO dont cancel anything!! i just asked if thursday is still on",
                                  "don't cancel, is thursday still on?"])
def test_dont_cancel_ends_the_cancel_question_and_the_question_is_answered(
        chat: ChatWorld, text: str) -> None:
    chat.transcript(MARIA, [("cancel my appointment", "Which visit do you want to cancel?")])
    before = chat.model()
    said = chat.text(MARIA, text).text
    assert "Thu Mar 5" in said and "cancel" not in said.lower()
    assert chat.changed_since(before) <= {"conversations"}
    assert "Cancel your" not in chat.text(MARIA, "1").text


def test_a_question_whether_a_visit_is_on_beside_no_need_is_never_a_cancel(
        chat: ChatWorld) -> None:
    said = chat.text(MARIA, "so no need to send anyone. are we still good for thursday").text
    assert "Thu Mar 5" in said and "cancel" not in said.lower()


@pytest.mark.parametrize(("answer", "visit"), [
    ("the later one", "Fri Mar 6, 1-3pm"), ("earlier one pls", "Thu Mar 5, 8-10am"),
    ("the later appointment", "Fri Mar 6, 1-3pm"),
])
def test_which_of_two_visits_is_answered_by_earlier_or_later(chat: ChatWorld, answer: str,
                                                             visit: str) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("cancel my appointment", "Which visit do you want to cancel?"),
                            (answer, f"Cancel your {visit} visit? Reply Y or N")])
    assert chat.changed_since(before) == set()


def test_the_visit_asked_about_named_again_by_its_day_asks_again(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("cancel my appointment", "Which visit do you want to cancel?"),
                            ("2", "Cancel your Fri Mar 6, 1-3pm visit?"),
                            ("the one on the 6th", "Cancel your Fri Mar 6, 1-3pm visit?")])
    assert chat.changed_since(before) == set()


def test_a_cancel_naming_another_visit_while_a_move_is_offered_asks_to_cancel_that_one(
        chat: ChatWorld) -> None:
    assert "Reply 1" in chat.text(MARIA, "can the thursday heating repair be moved to friday").text
    before = chat.model()
    for text in ("the one i dont need is the electrical, can u cancel that instead",
                 "no i dont want to move it, i want it cancelled",
                 "omg. cancel the electrical"):  # said again, not answered: asked again
        assert chat.text(MARIA, text).text == "Cancel your Fri Mar 6, 1-3pm visit? Reply Y or N"
    assert chat.changed_since(before) == set()
    assert chat.text(MARIA, "Y").text.startswith("Your Fri Mar 6, 1-3pm visit is cancelled")
    assert chat.visit("maria_thu").is_active


def test_a_day_the_technician_is_said_to_come_is_never_in_the_cancel_question(
        chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("cancel the thursday one, tom can look at it friday",
                             "Cancel your Thu Mar 5, 8-10am visit? Reply Y or N")])
    assert chat.changed_since(before) <= {"conversations"}


def test_a_correction_keeping_a_visit_on_the_way_asks_about_the_rest_only(
        chat: ChatWorld) -> None:
    _underway(chat, JobState.EN_ROUTE, eta_minutes=40)
    chat.book("joe", "plumbing_repair", "tom", datetime(2026, 3, 5, 20, 0, tzinfo=UTC))  # Thu 2pm
    chat.transcript(JOE, [("cancel my visits today and thursday", "Cancel these 2 visits")])
    before = chat.model()
    said = chat.text(JOE, "NO not todays!! tom is literally on his way. just thursday").text
    assert said == "Cancel your Thu Mar 5, 2-4pm visit? Reply Y or N"
    assert chat.changed_since(before) <= {"conversations"}


@pytest.mark.parametrize(("say", "visit"), [("cancel the first friday one", "Fri Mar 6, 9-11am"),
                                            ("cancel the last friday visit", "Fri Mar 6, 1-3pm")])
def test_a_place_among_one_days_visits_picks_that_visit(chat: ChatWorld, say: str,
                                                        visit: str) -> None:
    chat.book("maria", "plumbing_repair", "tom", datetime(2026, 3, 6, 15, 0, tzinfo=UTC))  # 9am
    chat.transcript(MARIA, [("what do i have this week", "You have 3 visits")])
    before = chat.model()
    chat.transcript(MARIA, [(say, f"Cancel your {visit} visit? Reply Y or N")])
    assert chat.changed_since(before) <= {"conversations"}


def test_the_day_of_month_one_names_the_visit_not_a_day_talked_about_after(
        chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("cancel the 6th one, its a duplicate. and the 5th is too early",
                             "Cancel your Fri Mar 6, 1-3pm visit? Reply Y or N")])
    assert chat.changed_since(before) <= {"conversations"}


def test_a_no_insisting_on_the_visit_asked_about_asks_again(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("cancel the 6th one", "Cancel your Fri Mar 6, 1-3pm visit?")])
    before = chat.model()
    [again] = chat.text(MARIA, "no!! the 6th. the MAR 6 one").replies
    assert again.text.startswith("Cancel your Fri Mar 6, 1-3pm visit?")
    assert again.expects is Expect.YES_NO
    assert chat.changed_since(before) <= {"conversations"}
