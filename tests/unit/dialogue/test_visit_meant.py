"""References resolve against what the customer sees: a day among offered times, a put-back to
the slot the last move left, and never another visit than the one meant."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.dialogue.reply import Expect
from domain.commands import CreateJob
from tests.unit.dialogue.chat_world import MARIA, ChatWorld

THU_8AM = datetime(2026, 3, 5, 14, 0, tzinfo=UTC)  # Maria's furnace visit, Thu Mar 5 8-10am
FRI_1PM = datetime(2026, 3, 6, 19, 0, tzinfo=UTC)  # her electrical visit, Fri Mar 6 1-3pm


def test_a_weekday_no_time_was_offered_on_shows_that_days_times_for_the_same_visit(
        chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("move my thursday appointment to monday", "Mon Mar 9"),
                            ("the friday one", "Fri Mar 6")])
    assert chat.changed_since(before) == set()
    [offered] = chat.answer(MARIA, "1")
    assert "Moved your Heating & cooling repair visit" in offered.text
    assert chat.visit("maria_thu").start.date().isoformat() == "2026-03-06"
    assert chat.visit("maria_fri").start == FRI_1PM  # the friday visit never moves


def test_a_correction_naming_another_visit_by_day_still_switches_visit(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("move my thursday appointment to monday", "Mon Mar 9"),
                            ("no i meant the friday one", "Your visit is Fri Mar 6, 1-3pm")])
    assert chat.changed_since(before) == set()


def test_put_back_to_the_day_it_had_undoes_the_move(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("move my thursday appointment to monday", "Mon Mar 9"),
                            ("1", "Moved"),
                            ("ugh sorry put it back to thursday", "back to Thu Mar 5, 8-10am")])
    assert chat.visit("maria_thu").start == THU_8AM
    assert chat.visit("maria_fri").start == FRI_1PM


def test_put_back_to_the_part_of_day_it_had_undoes_the_move(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("move my thursday appointment to the afternoon", "Thu Mar 5"),
                            ("1", "Moved"),
                            ("hmm no, move it back to the morning", "back to Thu Mar 5, 8-10am")])
    assert chat.visit("maria_thu").start == THU_8AM


def test_back_to_a_day_it_never_had_is_a_new_time_not_an_undo(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("move my thursday appointment to monday", "Mon Mar 9"),
                            ("1", "Moved")])
    moved = chat.visit("maria_thu").start
    before = chat.model()
    [reply] = chat.answer(MARIA, "put it back to tuesday")
    assert "back to Thu" not in reply.text
    assert chat.changed_since(before) == set()
    assert chat.visit("maria_thu").start == moved


def _second_furnace_visit(chat: ChatWorld) -> int:
    return chat.book("maria", "hvac_repair", "tom", datetime(2026, 3, 9, 15, 0, tzinfo=UTC))


def test_the_day_wished_picks_the_one_visit_of_that_work_on_it(chat: ChatWorld) -> None:
    monday = _second_furnace_visit(chat)
    before = chat.model()
    [reply] = chat.answer(MARIA, "the heating guy thursday, can he come after 2pm instead? same "
                                 "day is fine")
    assert "Which visit" not in reply.text
    assert reply.options and reply.options[0].startswith("Thu Mar 5, 2-4pm")
    assert chat.changed_since(before) == set()
    chat.transcript(MARIA, [("1", "from Thu Mar 5, 8-10am to Thu Mar 5, 2-4pm")])
    assert chat.uow.appointments.get(monday).start == datetime(2026, 3, 9, 15, 0, tzinfo=UTC)


def test_a_time_that_is_the_visits_own_is_no_wish(chat: ChatWorld) -> None:
    [reply] = chat.answer(MARIA, "8am is when we are busiest, can tom come later like 1 or 2pm "
                                 "thursday")
    assert reply.options and reply.options[0].startswith("Thu Mar 5, 2-4pm")


def test_the_slot_a_visit_has_is_never_offered_to_move_it_to(chat: ChatWorld) -> None:
    [reply] = chat.answer(MARIA, "can thursday's visit be in the morning")
    assert not any(o.startswith("Thu Mar 5, 8-10am with Tom") for o in reply.options)


def test_keep_it_at_the_time_it_had_right_after_a_move_puts_it_back(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("move my thursday appointment to monday", "Mon Mar 9"),
                            ("1", "Moved"),
                            ("hmm actually just keep it at 8 on thursday", "back to Thu Mar 5")])
    assert chat.visit("maria_thu").start == THU_8AM
    assert chat.visit("maria_fri").start == FRI_1PM


def test_asked_whether_the_move_went_through_it_is_told_and_nothing_moves(
        chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("move my thursday appointment to monday", "Mon Mar 9"),
                            ("1", "Moved")])
    before = chat.model()
    [reply] = chat.answer(MARIA, "so did thursday get moved?")
    assert "Mon Mar 9" in reply.text and "Reply" not in reply.text
    assert chat.changed_since(before) == set()


def test_a_day_right_after_a_quotes_yes_offers_times_for_its_work(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("ok go ahead with the water heater replacement", "Q-1042"),
                            ("y", "Approved")])
    before = chat.model()
    [reply] = chat.answer(MARIA, "how about wednesday morning")
    assert "Which visit" not in reply.text
    assert reply.options and reply.options[0].startswith("Wed Mar 4")
    assert chat.changed_since(before) == set()
    chat.transcript(MARIA, [("1", "Booked: Water heater")])
    job = chat.uow.jobs.find()[-1]
    assert (job.service_id, "Q-1042" in job.scope) == ("water_heater", True)
    assert chat.visit("maria_thu").start == THU_8AM and chat.visit("maria_fri").start == FRI_1PM


def test_a_move_worded_wish_books_the_job_waiting_for_a_visit_not_a_new_one(
        chat: ChatWorld) -> None:
    job_id = chat.run(CreateJob(account_id=chat.ids["maria_account"],
                                site_id=chat.ids["maria_site"], service_id="plumbing_repair",
                                actor=chat.dispatcher(), scope="Repipe the laundry room"))
    jobs = len(chat.uow.jobs.find())
    [reply] = chat.answer(MARIA, "how about wednesday morning")
    assert "Which visit" not in reply.text and reply.options[0].startswith("Wed Mar 4")
    chat.transcript(MARIA, [("1", "Booked")])
    assert len(chat.uow.jobs.find()) == jobs
    assert [a.job_id for a in chat.visits(MARIA)].count(job_id) == 1


def test_cancel_those_two_after_naming_two_days_asks_one_yes_no_for_both(chat: ChatWorld) -> None:
    before = chat.model()
    said = chat.answer(MARIA, "hmm why is someone coming thursday and friday? we don't need "
                              "anyone. cancel both of those")
    assert "Thu Mar 5" in said[-1].text and "Fri Mar 6" in said[-1].text
    assert said[-1].expects is Expect.YES_NO
    assert chat.changed_since(before) == set()


def test_a_day_said_to_be_needed_is_left_out_of_those_cancelled(chat: ChatWorld) -> None:
    chat.book("maria", "electrical", "ana", datetime(2026, 3, 10, 19, 0, tzinfo=UTC))
    [reply] = chat.answer(MARIA, "why do i have electrical on the 6th and the 10th? we only need "
                                 "the one on thursday. cancel those two")
    assert "Fri Mar 6" in reply.text and "Tue Mar 10" in reply.text and "Thu" not in reply.text
    assert reply.expects is Expect.YES_NO
    chat.transcript(MARIA, [("yes", "Cancelled")])
    assert chat.visit("maria_thu").start == THU_8AM
    assert chat.visit("maria_thu").is_active


def test_both_of_three_listed_cancels_nothing(chat: ChatWorld) -> None:
    _second_furnace_visit(chat)
    chat.transcript(MARIA, [("cancel my appointment", "Which visit do you want to cancel?")])
    before = chat.model()
    [reply] = chat.answer(MARIA, "both")
    assert "Cancel these 3" not in reply.text
    assert chat.changed_since(before) == set()


def test_keep_it_at_a_bare_hour_it_had_puts_it_back(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("can friday's electrician come in the morning instead", "Fri Mar 6"),
                            ("1", "Moved"),
                            ("sorry no, keep it at 1 then", "back to Fri Mar 6, 1-3pm")])
    assert chat.visit("maria_fri").start == FRI_1PM


def test_cancel_those_two_beside_a_question_is_the_cancel(chat: ChatWorld) -> None:
    said = chat.answer(MARIA, "is anyone still coming thursday and friday?? cancel those two")
    assert said[-1].expects is Expect.YES_NO
    assert "Thu Mar 5" in said[-1].text and "Fri Mar 6" in said[-1].text


def test_a_question_after_thanks_is_answered(chat: ChatWorld) -> None:
    said = chat.answer(MARIA, "thanks. friday's still ana right?")
    assert "Fri Mar 6" in said[-1].text and "Ana" in said[-1].text


def test_the_second_of_a_days_list_moves_to_the_weekday_after_its_own_day(
        chat: ChatWorld) -> None:
    chat.book("maria", "electrical", "ana", datetime(2026, 3, 5, 20, 0, tzinfo=UTC))
    chat.transcript(MARIA, [("what's on thursday", "Thu Mar 5")])
    *_, reply = chat.answer(MARIA, "ok move the 2nd one to the wednesday morning after")
    assert reply.options and reply.options[0].startswith("Wed Mar 11")
    chat.transcript(MARIA, [("1", "Moved your Electrical repair visit from Thu Mar 5, 2-4pm")])
    assert chat.visit("maria_thu").start == THU_8AM


def test_cancel_that_one_after_a_visit_named_by_day_asks_about_that_visit(
        chat: ChatWorld) -> None:
    before = chat.model()
    [reply] = chat.answer(MARIA, "hold on we already have someone coming friday dont we? then "
                                 "cancel that one")
    assert reply.expects is Expect.YES_NO and "Fri Mar 6" in reply.text
    assert chat.changed_since(before) <= {"conversations"}


def test_the_one_on_a_day_names_that_visit_to_move(chat: ChatWorld) -> None:
    chat.book("maria", "electrical", "ana", datetime(2026, 3, 10, 19, 0, tzinfo=UTC))
    [reply] = chat.answer(MARIA, "just the one friday. can it be later that day, like 3 or after")
    assert "Which visit" not in reply.text


def test_leave_it_as_is_then_keeps_the_visit_being_moved(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("move friday's visit to later that afternoon", "Reply 1, 2 or 3")])
    before = chat.model()
    chat.transcript(MARIA, [("nah leave friday as is then", "Fri Mar 6, 1-3pm visit stays")])
    assert chat.changed_since(before) <= {"conversations"}


@pytest.mark.parametrize("keep", ["hmm actually no forget it, leave it on thursday",
                                  "nah keep it for thursday then", "leave it on the 5th"])
def test_leaving_a_visit_on_its_own_day_while_times_are_offered_keeps_it(
        chat: ChatWorld, keep: str) -> None:
    chat.transcript(MARIA, [("can the thursday one move to monday", "Mon Mar 9")])
    before = chat.model()
    said = chat.text(MARIA, keep).text
    assert "stays as booked" in said and "Reply 1" not in said
    assert chat.changed_since(before) == set()


def test_leaving_it_on_another_day_is_no_keep(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("can the thursday one move to monday", "Mon Mar 9")])
    assert "stays as booked" not in chat.text(MARIA, "leave it on tuesday then").text
