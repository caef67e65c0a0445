"""Questions about visits (when, who, which day, what was done): answered from the data, changing nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.commands import BookAppointment, ChangeJobState, CompleteJob
from domain.jobs import JobState
from tests.unit.dialogue.chat_world import JOE, MARIA, ChatWorld


def book_two_more_on_thursday(chat: ChatWorld) -> None:
    """Maria's Thursday gets an electrical visit with Ana and a plumbing one with Tom."""
    for service, technician, hour in (("electrical", "ana", 16), ("plumbing_repair", "tom", 19)):
        chat.run(BookAppointment(
            account_id=chat.ids["maria_account"], site_id=chat.ids["maria_site"],
            service_id=service, technician_id=chat.ids[technician],
            start=datetime(2026, 3, 5, hour, 0, tzinfo=UTC), actor=chat.dispatcher()))


@pytest.mark.parametrize("ask", ["who's coming thursday", "what time is my appointment thursday",
                                 "do i have anyone coming on thursday?"])
def test_every_visit_on_the_day_asked_is_listed(chat: ChatWorld, ask: str) -> None:
    book_two_more_on_thursday(chat)
    before = chat.model()
    assert chat.text(MARIA, ask).text == (
        "You have 3 visits on Thu Mar 5: 8-10am, Heating & cooling repair with Tom; "
        "10am-12pm, Electrical repair with Ana; 1-3pm, Plumbing repair with Tom.")
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("ask", ["is someone coming today?", "do i already have someone coming today",
                                 "who is coming today"])
def test_the_one_visit_on_the_day_is_told_with_its_window_service_and_technician(
        chat: ChatWorld, ask: str) -> None:
    before = chat.model()
    chat.transcript(JOE, [(ask, "Your visit on Mon Mar 2: 1-3pm, Plumbing repair with Tom.")])
    assert chat.changed_since(before) == set()


def test_no_visit_on_the_day_is_said_honestly_with_the_next_one_and_an_offer(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [
        ("do i have someone coming tomorrow", "You have no visit booked on Tue Mar 3. Your next "
                                              "visit is Thu Mar 5, 8-10am, Heating & cooling repair with "
                                              "Tom. Want one?"),
        ("yes", "What do you need help with?"),  # the offer, not a booking and not "see you then"
    ])
    assert chat.changed_since(before) == set()


def test_a_trade_named_lists_that_trades_visits(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("when is the electrician coming",
                             "Your electrical repair visit: Fri Mar 6, 1-3pm with Ana.")])


def test_with_no_day_named_the_next_visit_is_told_and_how_many_more(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("when is my appointment", "Your visit is Thu Mar 5, 8-10am (arrival "
                                                       "window) with Tom."),
                            ("when is my appointment", "Also booked: Fri Mar 6, 1-3pm, "
                                                       "Electrical repair with Ana.")])


def test_the_next_visit_and_another_that_day_each_come_with_their_window_and_technician(
        chat: ChatWorld) -> None:
    book_two_more_on_thursday(chat)
    answer = chat.text(MARIA, "when's my next visit").text
    assert "Thu Mar 5, 8-10am (arrival window) with Tom" in answer
    assert ("3 more visits are booked, the next on Thu Mar 5, 10am-12pm, Electrical repair "
            "with Ana.") in answer


@pytest.mark.parametrize("ask", ["whos coming thurs and what time", "who's coming thu?",
                                 "what time r they coming thur"])
def test_a_weekday_written_short_asks_about_that_days_visits(chat: ChatWorld, ask: str) -> None:
    book_two_more_on_thursday(chat)
    before = chat.model()
    assert chat.text(MARIA, ask).text.startswith("You have 3 visits on Thu Mar 5: 8-10am, "
                                                 "Heating & cooling repair with Tom; 10am-12pm, "
                                                 "Electrical repair with Ana; 1-3pm")
    assert chat.changed_since(before) == set()


def test_how_long_until_the_tech_arrives_is_the_eta_while_on_the_way(chat: ChatWorld) -> None:
    chat.run(ChangeJobState(job_id=chat.visit("joe_today").job_id, new_state=JobState.EN_ROUTE,
                            actor=chat.dispatcher(), eta_minutes=25))
    chat.transcript(JOE, [("how long until he gets here", "Tom is on the way, arriving about 9:25am "
                                                          "(in about 25 min)."),
                          ("is someone coming today?", "arriving about 9:25am")])


def test_what_the_tech_did_is_the_finished_jobs_summary(chat: ChatWorld) -> None:
    job_id = chat.visit("joe_today").job_id
    for state in (JobState.EN_ROUTE, JobState.ON_SITE):
        chat.run(ChangeJobState(job_id=job_id, new_state=state, actor=chat.dispatcher()))
    chat.run(CompleteJob(job_id=job_id, summary="Replaced the kitchen faucet cartridge",
                         actor=chat.dispatcher()))
    before = chat.model()
    for ask in ("what did they do this morning", "what did the tech do last time",
                "is someone coming today?"):
        chat.transcript(JOE, [(ask, "Tom finished your plumbing repair on Mon Mar 2: Replaced the "
                                    "kitchen faucet cartridge")])
    assert chat.changed_since(before) == set()


def test_with_no_finished_work_the_customer_is_told_so(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("what did the tech do last time",
                             "I don't see finished work on your account.")])


def test_a_nod_after_a_visit_question_is_not_see_you_then(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("the outlet in the kitchen stopped working", "Reply 1, 2 or 3"),
                            ("2", "Booked"),
                            ("when is the electrician coming", "electrical repair visit"),
                            ("ok", "Nothing is waiting for a yes")])


@pytest.mark.parametrize("text", [
    "2 more things sorry - who's doing the electrical friday, and can the heating repair on "
    "thursday be moved to monday",
    "quick q - who's doing the electrical on friday, and can the heating repair on thursday be "
    "moved to monday",
])
def test_a_question_naming_a_visits_work_beside_a_move_is_answered_then_the_move_offered(
        chat: ChatWorld, text: str) -> None:
    before = chat.model()
    said = chat.text(MARIA, text).text
    assert said.startswith("Your visit on Fri Mar 6: 1-3pm, Electrical repair with Ana.\n"
                           "Moving your Thu Mar 5 heating & cooling repair visit (8-10am). "
                           "We can come:\n1) Mon Mar 9"), said
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("ask", ["the thursday one with ana, what is that for?",
                                 "is the thursday visit with ana for the same outlets?"])
def test_a_visit_pointed_at_by_weekday_and_technician_is_that_technicians_on_that_weekday(
        chat: ChatWorld, ask: str) -> None:
    # this Thursday is Tom's; Ana's Thursday visit is the next one
    chat.book("maria", "electrical", "ana", datetime(2026, 3, 12, 19, 0, tzinfo=UTC))
    before = chat.model()
    said = chat.text(MARIA, ask).text
    assert "Thu Mar 12" in said and "2-4pm, Electrical repair with Ana" in said, said
    assert "Tom" not in said
    assert chat.changed_since(before) == set()


def test_the_work_named_is_its_own_visit_and_a_tradesperson_any_of_that_trade(
        chat: ChatWorld) -> None:
    chat.book("maria", "hvac_maintenance", "tom", datetime(2026, 3, 9, 19, 0, tzinfo=UTC))
    assert chat.text(MARIA, "when is the tune up visit?").text == (
        "Your heating & cooling tune-up visit: Mon Mar 9, 2-4pm with Tom.")
    said = chat.text(MARIA, "when is the furnace guy coming").text
    assert "Thu Mar 5, 8-10am, Heating & cooling repair" in said and "Mon Mar 9" in said, said
