"""Complaints, no-shows and rudeness: a short human answer, and a person told when one should act."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.commands import ChangeJobState, CompleteJob
from domain.jobs import JobState
from tests.unit.dialogue.chat_world import JOE, MARIA, NEWCOMER, ChatWorld

# Joe's plumbing visit is today, Monday 2 March, arriving 1-3pm; the clock stands at 9am.
AFTER_JOES_WINDOW = timedelta(hours=7, minutes=30)  # 4:30pm
ONLY_NOTICES = {"notices", "timeline", "outbox"}  # a dispatcher item, and nothing else changed


def test_a_no_show_is_apologised_for_naming_the_missed_visit_and_the_office_told(
        chat: ChatWorld) -> None:
    chat.clock.advance(AFTER_JOES_WINDOW)
    before = chat.model()
    said = chat.text(JOE, "your guy never showed up").text
    assert said.startswith("I'm so sorry nobody came for your Mon Mar 2, 1-3pm visit.")
    assert "call you" in said
    [notice] = chat.notices()
    assert "complaint: technician did not show up for the visit Mon Mar 2, 1-3pm" in notice.body
    assert chat.changed_since(before) <= ONLY_NOTICES  # the visit itself is left as it was


@pytest.mark.parametrize("text", [
    "your guy never showed. we waited all afternoon for the plumber",
    "not ana, she did the outlets this morning and left. the PLUMBER, 1-3, nobody came",
])
def test_a_no_show_naming_the_work_is_that_visit_not_another_still_marked_on_site(
        chat: ChatWorld, text: str) -> None:
    outlets = chat.book("joe", "electrical", "ana", datetime(2026, 3, 2, 16, 0, tzinfo=UTC))
    job_id = next(a.job_id for a in chat.uow.appointments.find() if a.id == outlets)
    for state in (JobState.EN_ROUTE, JobState.ON_SITE):
        chat.run(ChangeJobState(job_id=job_id, new_state=state, actor=chat.dispatcher()))
    chat.clock.advance(AFTER_JOES_WINDOW)
    said = chat.text(JOE, text).text
    assert said.startswith("I'm so sorry nobody came for your Mon Mar 2, 1-3pm visit.")
    assert "Ana" not in said
    [notice] = chat.notices()
    assert "did not show up for the visit Mon Mar 2, 1-3pm" in notice.body


def test_moving_after_a_no_show_moves_the_visit_missed_not_a_later_one_of_the_same_work(
        chat: ChatWorld) -> None:
    outlets = chat.book("joe", "electrical", "ana", datetime(2026, 3, 2, 16, 0, tzinfo=UTC))
    later = chat.book("joe", "plumbing_repair", "tom", datetime(2026, 3, 9, 15, 0, tzinfo=UTC))
    job_id = next(a.job_id for a in chat.uow.appointments.find() if a.id == outlets)
    for state in (JobState.EN_ROUTE, JobState.ON_SITE):
        chat.run(ChangeJobState(job_id=job_id, new_state=state, actor=chat.dispatcher()))
    chat.clock.advance(AFTER_JOES_WINDOW)
    chat.transcript(JOE, [
        ("your guy never showed. we waited all afternoon for the plumber", "1-3pm visit"),
        ("whatever. can someone come tmrw morning for the plumbing instead", "Reply 1"),
        ("1", "from Mon Mar 2, 1-3pm"),
    ])
    assert next(a for a in chat.uow.appointments.find() if a.id == later).start == datetime(
        2026, 3, 9, 15, 0, tzinfo=UTC)


def test_a_no_show_told_the_next_morning_names_yesterdays_visit(chat: ChatWorld) -> None:
    chat.clock.advance(timedelta(days=1))
    said = chat.text(JOE, "nobody came yesterday!!").text
    assert "Mon Mar 2, 1-3pm" in said and len(chat.notices()) == 1


def test_a_no_show_before_the_window_names_no_visit_but_still_tells_the_office(chat: ChatWorld) -> None:
    said = chat.text(JOE, "the plumber didn't show up").text  # 9am: the 1-3pm window is ahead
    assert said.startswith("I'm so sorry nobody came. I've asked the office to call you")
    [notice] = chat.notices()
    assert "complaint: technician did not show up" in notice.body and "1-3pm" not in notice.body


def test_a_no_show_never_names_another_customers_visit(chat: ChatWorld) -> None:
    chat.clock.advance(AFTER_JOES_WINDOW)
    said = chat.text(MARIA, "nobody came today").text
    assert "1-3pm" not in said and "Mon Mar 2" not in said
    assert "1-3pm" not in chat.notices()[0].body


@pytest.mark.parametrize("text, sorry_for, reason", [
    ("the tech left a mess", "I'm sorry about the mess", "complaint: left a mess"),
    ("still not fixed after your visit", "it should have been fixed",
     "complaint: the problem is not fixed after the visit"),
    ("the heater broke again, your guy didn't fix it", "it should have been fixed",
     "complaint: the problem is not fixed after the visit"),
    ("the AC you fixed last week stopped working again", "it should have been fixed",
     "complaint: the problem is not fixed after the visit"),
    ("the technician was really rude", "how you were treated", "complaint: the technician was rude"),
    ("you overcharged me", "the charge", "complaint: disputes a charge"),
    ("I want to file a complaint", "I'm sorry about that", "complaint: is unhappy with the service"),
    ("your tech left a damn mess", "I'm sorry about the mess", "complaint: left a mess"),
    ("the guy you sent was super rude", "how you were treated", "complaint: the technician was rude"),
    ("tech was 3 hours late", "I'm sorry about the wait", "complaint: the technician was late"),
    ("we waited all day and no one came", "nobody came", "complaint: technician did not show up"),
    ("your plumber broke my faucet", "the damage", "complaint: something was damaged"),
])
def test_a_complaint_gets_an_apology_and_a_dispatcher_item_saying_why(
        chat: ChatWorld, text: str, sorry_for: str, reason: str) -> None:
    before = chat.model()
    said = chat.text(JOE, text).text
    assert sorry_for in said and "call you" in said
    assert "!" not in said and "Great" not in said  # no cheerfulness
    [notice] = chat.notices()
    assert reason in notice.body
    assert chat.changed_since(before) <= ONLY_NOTICES


@pytest.mark.parametrize("text", ["this is ridiculous", "you guys are useless", "wtf",
                                  "f*** you", "this is a joke", "are you kidding me",
                                  "omg this bot is so stupid", "ugh this bot thing is so annoying",
                                  "this is such a waste of time"])
def test_rudeness_alone_gets_a_calm_offer_of_help_and_no_dispatcher_item(chat: ChatWorld,
                                                                        text: str) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("asdf", "didn't get that"),
                            (text, "I'm here to help"),
                            ("qwer zxcv", "didn't get that")])  # rudeness is no misunderstanding
    assert chat.notices() == [] and chat.changed_since(before) == set()


def test_rudeness_beside_a_request_lets_the_request_go_on(chat: ChatWorld) -> None:
    said = chat.text(MARIA, "this is bullshit, my ac stopped cooling").text
    assert said.startswith("Sorry for the trouble.")


def test_rudeness_beside_a_booking_request_still_offers_times(chat: ChatWorld) -> None:
    said = chat.text(MARIA, "damn furnace is dead, need someone tomorrow").text
    assert said.startswith("Sorry for the trouble.") and "Reply 1, 2 or 3" in said
    assert chat.notices() == []


def test_asking_for_a_manager_is_handed_to_a_person(chat: ChatWorld) -> None:
    said = chat.text(JOE, "I want a manager").text
    assert said == "Got it. Someone from Northwind Heating & Plumbing will call you shortly."
    [notice] = chat.notices()
    assert "asked for a person" in notice.body


def test_a_stranger_can_complain_without_signing_up(chat: ChatWorld) -> None:
    said = chat.text(NEWCOMER, "your technician never showed up, this is ridiculous").text
    assert said.startswith("I'm so sorry nobody came")
    assert chat.contact(NEWCOMER) is None and len(chat.notices()) == 1


def test_a_no_show_with_a_reschedule_request_tells_the_office_and_goes_on_to_reschedule(
        chat: ChatWorld) -> None:
    chat.clock.advance(timedelta(hours=5, minutes=30))  # 2:30pm, late in the 1-3pm window
    before = chat.model()
    said = chat.text(JOE, "the tech never showed up, can you reschedule?").text
    assert said.startswith("I'm sorry about that. I've told the office")
    assert "When would suit you better?" in said
    assert "did not show up for the visit Mon Mar 2, 1-3pm" in chat.notices()[0].body
    assert chat.changed_since(before) <= ONLY_NOTICES  # nothing moved before the usual confirmation


def test_every_complaint_in_one_text_is_passed_on(chat: ChatWorld) -> None:
    chat.text(MARIA, "the guy left a mess and the sink is still leaking after his visit")
    [notice] = chat.notices()
    assert "complaint: left a mess; the problem is not fixed after the visit" in notice.body


def test_a_complaint_while_choosing_a_time_is_passed_on_and_the_offers_stay_open(
        chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("the outlet in the kitchen stopped working", "Reply 1, 2 or 3"),
                            ("your guy left a mess last time", "I'm sorry about the mess"),
                            ("this is ridiculous", "Back to my question: Which of the times I sent"),
                            ("2", "Booked")])
    [notice] = chat.notices()
    assert "complaint: left a mess" in notice.body


def test_broken_again_after_a_visit_is_a_complaint(chat: ChatWorld) -> None:
    chat.clock.advance(timedelta(days=3))  # Joe's Monday visit is behind him
    said = chat.text(JOE, "the sink is leaking again").text
    assert "it should have been fixed" in said
    assert "the problem is not fixed after the visit" in chat.notices()[0].body


def test_broken_again_from_someone_never_visited_is_a_new_problem_to_book(chat: ChatWorld) -> None:
    said = chat.text(MARIA, "the sink is leaking again").text  # her visits are still ahead
    assert "should have been fixed" not in said and "Reply 1, 2 or 3" in said
    assert chat.notices() == []


@pytest.mark.parametrize("text, sorry_for", [
    ("the plumber who came today left water all over the floor", "the mess"),
    ("your guy left sawdust everywhere", "the mess"),
    ("the sink is still dripping", "it should have been fixed"),
    ("he was here today and the drain is still clogged", "it should have been fixed"),
])
def test_a_complaint_about_the_visit_just_done_gets_an_apology_and_an_office_item(
        chat: ChatWorld, text: str, sorry_for: str) -> None:
    chat.clock.advance(AFTER_JOES_WINDOW)
    said = chat.text(JOE, text).text
    assert sorry_for in said and "call you" in said and "Reply 1, 2" not in said
    assert len(chat.notices()) == 1


@pytest.mark.parametrize("text", ["the last invoice was wrong", "its about a billing issue",
                                  "i dont want to pay for another visit",
                                  "this should be fixed for free", "not happy at all"])
def test_a_dispute_or_plain_unhappiness_is_passed_on_with_an_apology(chat: ChatWorld,
                                                                      text: str) -> None:
    before = chat.model()
    said = chat.text(JOE, text).text
    assert "sorry" in said.lower() and "call you" in said
    assert chat.changed_since(before) <= ONLY_NOTICES


def test_a_no_show_with_nothing_due_names_the_visit_that_is_booked(chat: ChatWorld) -> None:
    said = chat.text(MARIA, "your guy never showed up today, i took the day off").text
    assert said.startswith("I'm so sorry nobody came")
    assert "Thu Mar 5" in said and "Fri Mar 6" not in said  # the next one, not every one
    chat.transcript(MARIA, [("so nobody was coming today??", "Thu Mar 5")])
    assert chat.visits(MARIA) == [chat.visit("maria_thu"), chat.visit("maria_fri")]


def test_what_follows_a_request_for_a_person_is_passed_on_not_misunderstood(
        chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("i want to speak to a manager", "will call you"),
                            ("its regarding my account, the name on it is misspelled",
                             "passed that on")])
    assert len(chat.notices()) == 2 and '"its regarding my account' in chat.notices()[1].body


def test_gibberish_with_no_hand_over_before_is_still_not_understood(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("qwer zxcv", "didn't get that")])
    assert chat.notices() == []


@pytest.mark.parametrize("text", ["are you guys still working on my quote?", "is my visit still on",
                                  "still need someone for the furnace"])
def test_still_in_a_question_after_a_visit_is_no_complaint(chat: ChatWorld, text: str) -> None:
    chat.clock.advance(AFTER_JOES_WINDOW)
    assert "should have been fixed" not in chat.text(JOE, text).text


def test_what_a_call_is_about_is_passed_on_even_when_it_names_a_service(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("can i talk to a supervisor please", "will call you"),
                            ("its about how long the last repair took", "passed that on")])
    assert chat.changed_since(before) <= ONLY_NOTICES and len(chat.notices()) == 2


def test_a_booking_that_starts_with_about_is_still_a_booking_with_no_hand_over_before(
        chat: ChatWorld) -> None:
    assert "Reply 1, 2 or 3" in chat.text(MARIA, "about my sink, its leaking").text


@pytest.mark.parametrize("text", [
    "got the invoice and its way more than what the tech told me on site",
    "he said around $180 and the bill says $420. thats not ok",
    "you quoted $180 but billed me $420",
    "the bill is double what he told us",
])
def test_a_bill_higher_than_told_is_a_charge_disputed(chat: ChatWorld, text: str) -> None:
    before = chat.model()
    said = chat.text(JOE, text).text
    assert "sorry about the charge" in said and "Reply 1" not in said
    assert "complaint: disputes a charge" in chat.notices()[0].body
    assert chat.changed_since(before) <= ONLY_NOTICES


@pytest.mark.parametrize("text", ["this is ridiculous, i want some kind of credit", "refund me",
                                  "i want my money back", "we deserve a refund for this"])
def test_a_credit_or_refund_asked_for_goes_to_the_office(chat: ChatWorld, text: str) -> None:
    before = chat.model()
    said = chat.text(JOE, text).text
    assert "credit or refund" in said and "call you" in said
    assert "complaint: asks for a credit or refund" in chat.notices()[0].body
    assert chat.changed_since(before) <= ONLY_NOTICES


@pytest.mark.parametrize("text", [
    "you people are a f***ing joke. i want a discount for wasting my whole morning",
    "i deserve a discount for wasting my whole afternoon",
])
def test_a_discount_asked_for_beside_a_grievance_goes_to_the_office_with_no_amount(
        chat: ChatWorld, text: str) -> None:
    before = chat.model()
    said = chat.text(JOE, text).text
    assert "request for a discount" in said and "review it" in said and "$" not in said
    assert "complaint: asks for a credit or refund" in chat.notices()[0].body
    assert chat.changed_since(before) <= ONLY_NOTICES


def test_a_discount_asked_for_alone_is_no_complaint(chat: ChatWorld) -> None:
    assert "request for a discount" not in chat.text(JOE, "do you give a senior discount?").text
    assert not any("complaint" in notice.body for notice in chat.notices())


def test_paying_by_credit_card_is_no_complaint(chat: ChatWorld) -> None:
    assert "credit or refund" not in chat.text(JOE, "i want to pay by credit card").text
    assert chat.notices() == []


@pytest.mark.parametrize("text", [
    "the sink your guy fixed today is now leaking all over the floor",
    "the faucet you repaired is dripping again",
    "the drain he cleaned this afternoon is backing up",
])
def test_trouble_after_our_work_is_a_callback_naming_the_visit(chat: ChatWorld, text: str) -> None:
    chat.clock.advance(AFTER_JOES_WINDOW)
    before = chat.model()
    said = chat.text(JOE, text).text
    assert "should have been fixed by your" in said and "Mon Mar 2, 1-3pm" in said
    assert "Reply 1" not in said
    assert "not fixed after the visit" in chat.notices()[0].body
    assert "Mon Mar 2, 1-3pm" in chat.notices()[0].body
    assert chat.changed_since(before) <= ONLY_NOTICES


@pytest.mark.parametrize("text", ["you fixed it, thanks!",
                                  "the plumber fixed the leak today, now i need the furnace tuned"])
def test_work_we_did_without_trouble_since_is_no_complaint(chat: ChatWorld, text: str) -> None:
    chat.clock.advance(AFTER_JOES_WINDOW)
    assert "should have been fixed" not in chat.text(JOE, text).text
    assert chat.notices() == []


@pytest.mark.parametrize("text", ["who do i talk to about getting this fixed",
                                  "who can I speak with about my bill", "who handles billing?"])
def test_asking_whom_to_talk_to_gets_a_call(chat: ChatWorld, text: str) -> None:
    said = chat.text(JOE, text).text
    assert "will call you" in said and "not getting it" not in said
    assert len(chat.notices()) == 1


def test_come_back_after_trouble_with_our_work_offers_that_work_again(chat: ChatWorld) -> None:
    job_id = chat.visit("joe_today").job_id
    for state in (JobState.EN_ROUTE, JobState.ON_SITE):
        chat.run(ChangeJobState(job_id=job_id, new_state=state, actor=chat.dispatcher()))
    chat.run(CompleteJob(job_id=job_id, summary="Replaced the trap", actor=chat.dispatcher()))
    chat.clock.advance(AFTER_JOES_WINDOW)
    chat.transcript(JOE, [("the sink you fixed today is leaking again", "should have been fixed"),
                          ("can someone come back tomorrow?", "Reply 1")])
    conversation = chat.conversation(JOE)
    assert conversation is not None and conversation.data["service"] == "plumbing_repair"
    assert conversation.data["scope"].startswith("Return visit after Mon Mar 2, 1-3pm")
