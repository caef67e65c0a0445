"""Questions about the visits a customer already has: answered from them, never booked."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.commands import ChangeJobState
from domain.jobs import JobState
from tests.unit.dialogue.chat_world import JOE, MARIA, ChatWorld


@pytest.mark.parametrize("ask", ["who is doing my electrical work?", "when will ana be here",
                                 "which tech is coming for my outlet friday",
                                 "what day is my electrical work?"])
def test_a_question_naming_the_work_or_the_technician_tells_that_visit(
        chat: ChatWorld, ask: str) -> None:
    before = chat.model()
    chat.transcript(MARIA, [(ask, "Fri Mar 6, 1-3pm, Electrical repair with Ana")])
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("ask", ["do i have anything booked this week?",
                                 "how many visits do i have", "what visits do i have coming up"])
def test_a_question_about_all_their_visits_lists_every_one_with_its_technician(
        chat: ChatWorld, ask: str) -> None:
    before = chat.model()
    chat.transcript(MARIA, [(ask, "2 visits: Thu Mar 5, 8-10am, Heating & cooling repair with "
                                  "Tom; Fri Mar 6, 1-3pm, Electrical repair with Ana.")])
    assert chat.changed_since(before) == set()


def test_a_yes_no_question_is_answered_yes_or_no_from_the_visits(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("is tom coming twice?", "No. Your visit: Thu Mar 5"),
                            ("is the friday one still on?", "Yes. Your visit: Fri Mar 6"),
                            ("will the electrician come in the morning?",
                             "No. Your visit: Fri Mar 6, 1-3pm, Electrical repair with Ana.")])


def test_the_technician_on_site_is_said_to_be_there(chat: ChatWorld) -> None:
    job_id = chat.visit("joe_today").job_id
    for state in (JobState.EN_ROUTE, JobState.ON_SITE):
        chat.run(ChangeJobState(job_id=job_id, new_state=state, actor=chat.dispatcher()))
    chat.transcript(JOE, [("no i don't want to book anything. is tom still at my place?",
                           "Yes. Your visit: Mon Mar 2, 1-3pm, Plumbing repair with Tom (there now)."),
                          ("whats he fixing?", "Plumbing repair with Tom")])


@pytest.mark.parametrize("ask", ["can someone come look at my furnace tomorrow?",
                                 "could you send a plumber thursday?",
                                 "my furnace is making noise, can you come thursday?"])
def test_a_request_for_a_visit_still_offers_times(chat: ChatWorld, ask: str) -> None:
    chat.transcript(MARIA, [(ask, "Reply 1, 2 or 3")])


def test_the_third_one_after_a_list_is_the_third_visit_listed(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("what visits do i have", "2 visits"),
                            ("cancel the second one", "Cancel your Fri Mar 6, 1-3pm visit?")])


def test_naming_the_visit_under_a_cancel_question_asks_again_and_books_nothing(
        chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("cancel the electrician friday", "Cancel your Fri Mar 6, 1-3pm visit?"),
                            ("the electrical", "Cancel your Fri Mar 6, 1-3pm visit?")])
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("ask", ["is it ok if my neighbor lets the tech in?",
                                 "does the tech need access to the basement?",
                                 "what should i do before the tech comes?"])
def test_a_question_the_visits_do_not_settle_gets_no_yes_and_no_list(
        chat: ChatWorld, ask: str) -> None:
    before = chat.model()
    answer = chat.text(MARIA, ask).text
    assert "Yes" not in answer and "2 visits" not in answer
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("ask", ["where is tom", "whats he coming for?", "what is tom fixing today"])
def test_a_question_about_the_technician_on_the_way_names_him_the_work_and_the_eta(
        chat: ChatWorld, ask: str) -> None:
    chat.run(ChangeJobState(job_id=chat.visit("joe_today").job_id, new_state=JobState.EN_ROUTE,
                            actor=chat.dispatcher(), eta_minutes=20))
    before = chat.model()
    chat.transcript(JOE, [(ask, "Plumbing repair with Tom (on the way, about 9:20am)")])
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("ask", ["would thursday work for someone to come out?",
                                 "is it possible to get someone thursday?", "when can you come?"])
def test_asking_whether_a_time_suits_for_a_new_visit_is_not_answered_with_the_booked_ones(
        chat: ChatWorld, ask: str) -> None:
    answer = chat.text(MARIA, ask).text
    assert "Your visit" not in answer and "no visit booked" not in answer


@pytest.mark.parametrize("ask", ["great so what do i have left now", "perfect, what do we have",
                                 "ok whats his name again", "whats the techs name"])
def test_plain_questions_about_whats_left_or_who_comes_list_the_visits(chat: ChatWorld,
                                                                      ask: str) -> None:
    before = chat.model()
    answer = chat.text(MARIA, ask).text
    assert "Tom" in answer and "Ana" in answer and "didn't get that" not in answer
    assert chat.changed_since(before) <= {"conversations"}


@pytest.mark.parametrize("ask", ["and is the electrician lady still friday? might be late",
                                 "i just want to know if ana is coming friday",
                                 "wondering if the electrician is still friday"])
def test_asking_whether_a_visit_still_stands_tells_it_and_offers_no_times(chat: ChatWorld,
                                                                         ask: str) -> None:
    before = chat.model()
    answer = chat.text(MARIA, ask).text
    assert "Fri Mar 6" in answer and "Ana" in answer and "We can come" not in answer
    assert chat.changed_since(before) <= {"conversations"}


@pytest.mark.parametrize("ask", ["thats at the oak ave place right?", "which address is my visit at?"])
def test_a_customer_with_two_addresses_is_told_where_the_visit_is(chat: ChatWorld,
                                                                  ask: str) -> None:
    answer = chat.text(JOE, ask).text
    assert "didn't get that" not in answer and ", at " in answer and "60" in answer


@pytest.mark.parametrize("ask", ["im at work, what else do i have coming?",
                                 "I am out of town, what visits do I have coming up"])
def test_i_am_is_no_morning_when_asking_what_is_coming(chat: ChatWorld, ask: str) -> None:
    """ "i am at work" names no part of the day: every visit to come is listed."""
    chat.book("maria", "plumbing_repair", "tom", datetime(2026, 3, 6, 20, 0, tzinfo=UTC))  # Fri 2pm
    answer = chat.text(MARIA, ask).text
    assert "2-4pm" in answer and "1-3pm" in answer


@pytest.mark.parametrize("ask", ["so whats left on friday now", "ok but whats left for friday"])
def test_whats_left_on_a_day_after_a_cancel_lists_that_days_visits_left(chat: ChatWorld,
                                                                         ask: str) -> None:
    chat.book("maria", "plumbing_repair", "tom", datetime(2026, 3, 6, 15, 0, tzinfo=UTC))  # 9am
    chat.transcript(MARIA, [("cancel the 1pm one on friday", "Cancel your Fri Mar 6, 1-3pm visit?"),
                            ("y", "is cancelled")])
    before = chat.model()
    answer = chat.text(MARIA, ask).text
    assert "Fri Mar 6, 9-11am" in answer and "1-3pm" not in answer
    assert chat.changed_since(before) <= {"conversations"}


def test_where_is_a_technician_named_tells_his_visit_under_way_only(chat: ChatWorld) -> None:
    chat.book("joe", "plumbing_repair", "tom", datetime(2026, 3, 9, 15, 0, tzinfo=UTC))
    chat.run(ChangeJobState(job_id=chat.visit("joe_today").job_id, new_state=JobState.EN_ROUTE,
                            actor=chat.dispatcher(), eta_minutes=20))
    answer = chat.text(JOE, "ok but where is tom right now, hes supposed to be here at 1").text
    assert "on the way, about 9:20am" in answer and "Mar 9" not in answer


def test_who_comes_and_how_long_asked_together_tells_the_visits_and_their_length(
        chat: ChatWorld) -> None:
    chat.book("maria", "electrical", "ana", datetime(2026, 3, 5, 17, 0, tzinfo=UTC))  # 11am
    said = chat.text(MARIA, "who is coming thursday and how long will they be here").text
    assert "Thu Mar 5, 8-10am" in said and "Tom" in said and "Thu Mar 5, 11am-1pm" in said
    assert "Ana" in said and "arrival window" in said


def test_a_clock_time_of_2_is_no_count_of_visits(chat: ChatWorld) -> None:
    assert chat.text(JOE, "ok. and is tom still coming at 2").text.startswith("Yes. Your visit")
