"""Which visit a text means: a number from the list shown, or a day, date or service named."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.dialogue.reply import Expect
from domain.jobs import AppointmentStatus
from tests.unit.dialogue.chat_world import JOE, MARIA, ChatWorld


def _book(chat: ChatWorld, who: str, service: str, technician: str, start: datetime,
          site: str | None = None) -> int:
    return chat.book(who, service, technician, start, site)


def test_a_service_named_picks_the_visit_to_cancel(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("cancel the furnace one", "Cancel your Thu Mar 5, 8-10am visit?"),
                            ("y", "is cancelled")])
    assert chat.visit("maria_thu").status is AppointmentStatus.CANCELLED
    assert chat.visit("maria_fri").status is AppointmentStatus.BOOKED


def test_a_weekday_named_picks_the_visit_to_cancel(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("cancel the friday one", "Cancel your Fri Mar 6, 1-3pm visit?")])


def test_todays_visits_are_the_only_ones_listed(chat: ChatWorld) -> None:
    later_today = _book(chat, "joe", "plumbing_repair", "tom",
                        datetime(2026, 3, 2, 22, 0, tzinfo=UTC), site="joe_west_site")
    _book(chat, "joe", "plumbing_repair", "tom", datetime(2026, 3, 4, 15, 0, tzinfo=UTC))
    [which] = chat.answer(JOE, "cancel today's visit")
    assert which.expects is Expect.CHOICE
    assert [o.split(",")[0] for o in which.options] == ["Mon Mar 2", "Mon Mar 2"]
    chat.transcript(JOE, [("2", "Cancel your Mon Mar 2, 4-6pm visit?"), ("y", "cancelled")])
    assert [a.id for a in chat.visits(JOE) if a.id == later_today] == []
    assert len(chat.visits(JOE)) == 2


def test_a_date_with_no_visit_is_said_honestly_and_nothing_changes(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("cancel the dec 8 one",
                             "You have no visit on Tue Dec 8. Your upcoming visits are: "
                             "Thu Mar 5, 8-10am")])
    assert chat.changed_since(before) == set()
    conversation = chat.conversation(MARIA)
    assert conversation is not None and conversation.flow is None


def test_a_service_named_while_choosing_is_an_answer_not_a_new_booking(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("I need to move my appointment", "Which visit do you want to move?"),
                            ("the furnace one",
                             "Your visit is Thu Mar 5, 8-10am. When would suit you better?")])
    assert chat.changed_since(before) == set()


def test_a_service_with_no_visit_while_choosing_asks_again(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("cancel my appointment", "Which visit do you want to cancel?"),
                            ("the plumbing visit", "You have no visit for Plumbing repair."),
                            ("the electrical one", "Cancel your Fri Mar 6, 1-3pm visit?")])
    assert chat.changed_since(before) == set()


def test_several_matches_while_choosing_narrow_the_list(chat: ChatWorld) -> None:
    _book(chat, "maria", "hvac_repair", "tom", datetime(2026, 3, 9, 14, 0, tzinfo=UTC))
    [which] = chat.answer(MARIA, "cancel my appointment")
    assert len(which.options) == 3
    [narrowed] = chat.answer(MARIA, "the furnace one")
    assert narrowed.expects is Expect.CHOICE
    assert [o.split(",")[0] for o in narrowed.options] == ["Thu Mar 5", "Mon Mar 9"]
    chat.transcript(MARIA, [("2", "Cancel your Mon Mar 9, 9-11am visit?")])


def test_a_number_beyond_the_list_asks_again(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("cancel my appointment", "Which visit do you want to cancel?"),
                            ("the third one", "Which visit do you want to cancel?")])
    assert chat.changed_since(before) == set()


def test_the_visits_day_and_the_new_day_are_told_apart(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("move my thursday appointment to friday", "Fri Mar 6"),
                            ("1", "to Fri Mar 6")])
    assert chat.visit("maria_thu").start.date().isoformat() == "2026-03-06"
    assert chat.visit("maria_fri").start == datetime(2026, 3, 6, 19, 0, tzinfo=UTC)


def test_a_day_naming_the_visit_to_move_asks_for_the_new_time(chat: ChatWorld) -> None:
    chat.transcript(JOE, [("reschedule today's appointment",
                           "Your visit is Mon Mar 2, 1-3pm. When would suit you better?")])


@pytest.mark.parametrize("text", ["reschedule tomorrow's appointment",
                                  "move the plumbing visit"])
def test_moving_a_visit_that_is_not_there_says_so(chat: ChatWorld, text: str) -> None:
    before = chat.model()
    chat.transcript(MARIA, [(text, "You have no visit")])
    assert chat.changed_since(before) == set()


def test_a_visit_named_while_moving_another_is_no_new_job(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(JOE, [("I need to move my visit", "When would suit you better?"),
                          ("the furnace one", "You have no visit for Heating & cooling repair."),
                          ("the plumbing one", "Your visit is Mon Mar 2, 1-3pm.")])
    assert chat.changed_since(before) == set()


def test_a_visit_named_while_choosing_times_switches_to_that_visit(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("move my friday appointment to monday", "Reply 1, 2 or 3"),
                            ("sorry, the furnace one",
                             "Your visit is Thu Mar 5, 8-10am. When would suit you better?")])
    assert chat.changed_since(before) == set()


def test_follow_ups_never_become_the_jobs_scope_or_service(chat: ChatWorld) -> None:
    first = "my water heater is leaking"
    chat.transcript(MARIA, [(first, "Reply 1, 2 or 3"),
                            ("nothing today?? its flooding", "Reply 1, 2 or 3"),
                            ("ok 1 then", "Booked: Water heater service")])
    jobs = chat.uow.jobs.find()
    assert len(jobs) == 4
    # The flood made it an emergency; the job is still the leaking water heater asked about first.
    assert (jobs[-1].service_id, jobs[-1].scope) == ("water_heater", f"Emergency: {first}")


def test_the_problem_asked_for_is_the_scope_never_the_request_that_told_none(
        chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("can someone come out wednesday?", "What do you need help with?"),
                            ("no hot water", "Reply 1, 2 or 3"), ("1", "Booked")])
    assert chat.uow.jobs.find()[-1].scope == "no hot water"


def test_a_text_about_a_visit_they_have_books_nothing_and_it_means_that_visit(
        chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("what's going on with the furnace one",
                             "Your visit: Thu Mar 5, 8-10am, Heating & cooling repair with Tom."),
                            ("cancel it", "Cancel your Thu Mar 5, 8-10am visit?")])
    assert chat.changed_since(before) == set()


def test_another_visit_named_at_the_confirmation_is_asked_about_instead(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("cancel thursday's", "Cancel your Thu Mar 5, 8-10am visit?"),
                            ("no wait, friday's", "Cancel your Fri Mar 6, 1-3pm visit?"),
                            ("n", "stays as booked")])
    assert chat.changed_since(before) == set()


def test_a_weekday_and_day_of_month_name_that_date(chat: ChatWorld) -> None:
    _book(chat, "maria", "hvac_repair", "tom", datetime(2026, 3, 10, 14, 0, tzinfo=UTC))
    chat.transcript(MARIA, [("cancel my tuesday the 10th appointment",
                             "Cancel your Tue Mar 10, 9-11am visit?")])
