"""A question or a "never mind" in the middle of a pending flow is answered, not swallowed.

Maria has two visits (Thu Mar 5 heating with Tom, Fri Mar 6 electrical with Ana); Joe one today
1-3pm with Tom. The clock stands at Mon Mar 2, 9am Chicago.
"""

from __future__ import annotations

import pytest

from bot.dialogue.small_talk import brief
from domain.commands import ChangeJobState, CompleteJob
from domain.jobs import JobState
from tests.unit.dialogue.chat_world import JOE, MARIA, NEWCOMER, ChatWorld


@pytest.mark.parametrize("drop", ["nah forget it", "no it's fine", "leave it then",
                                  "ok never mind then", "no its ok thanks", "meh, no need",
                                  "no its fine, forget it"])
@pytest.mark.parametrize("ask", ["I need to reschedule", "i want to cancel an appointment"])
def test_dropping_the_which_visit_question_ends_it_with_nothing_changed(
        chat: ChatWorld, ask: str, drop: str) -> None:
    assert "Which visit" in chat.text(MARIA, ask).text
    before = chat.model()
    assert chat.text(MARIA, drop).text.startswith("OK, I've left everything as it is.")
    assert chat.changed_since(before) <= {"conversations"}
    conversation = chat.conversation(MARIA)
    assert conversation is None or conversation.flow is None


@pytest.mark.parametrize("keep", ["nah leave friday as is then", "leave friday's as it is",
                                  "just keep friday then"])
def test_keeping_a_visit_named_at_which_visit_says_that_one_stays(chat: ChatWorld,
                                                                   keep: str) -> None:
    chat.text(MARIA, "can i move one of my visits")
    before = chat.model()
    assert chat.text(MARIA, keep).text == "OK, your Fri Mar 6, 1-3pm visit stays as booked."
    assert chat.changed_since(before) <= {"conversations"}


@pytest.fixture
def tom_on_the_way(chat: ChatWorld) -> ChatWorld:
    job_id = chat.visit("joe_today").job_id
    for state in (JobState.EN_ROUTE,):
        chat.run(ChangeJobState(job_id=job_id, new_state=state, actor=chat.dispatcher(),
                                eta_minutes=25))
    return chat


@pytest.mark.parametrize("ask", ["is tom close? gotta step out", "how far out is he", "tom almost there?",
                                 "is he almost here?", "hey is tom nearby yet",
                                 "how close is the plumber"])
def test_how_near_the_technician_on_the_way_is_answered_with_the_eta(
        tom_on_the_way: ChatWorld, ask: str) -> None:
    before = tom_on_the_way.model()
    answer = tom_on_the_way.text(JOE, ask).text
    assert answer.startswith("Tom is on the way, arriving about 9:25am (in about 25 min).")
    assert tom_on_the_way.changed_since(before) <= {"conversations"}


def test_how_near_asked_while_a_booking_waits_keeps_the_booking_question(
        tom_on_the_way: ChatWorld) -> None:
    asked = tom_on_the_way.text(JOE, "can i also book a drain cleaning next week").text
    assert "1)" in asked or "When" in asked
    answer = tom_on_the_way.text(JOE, "wait is tom close?").text
    assert "Tom is on the way, arriving about 9:25am" in answer
    conversation = tom_on_the_way.conversation(JOE)
    assert conversation is not None and conversation.flow == "book"


@pytest.mark.parametrize("ask", ["the leak one today, is that tom?",
                                 "also the leaky faucet one today, who's coming?"])
def test_a_visit_named_by_its_problem_is_answered_with_its_technician(
        chat: ChatWorld, ask: str) -> None:
    before = chat.model()
    answer = chat.text(JOE, ask).text
    assert "Tom" in answer and "Mon Mar 2" in answer
    assert chat.changed_since(before) <= {"conversations"}


@pytest.mark.parametrize("text, place", [
    ("and do you fix water heaters? we're in Evanston 60201", "60201 in Evanston"),
    ("how much for a drain cleaning, i'm in naperville", "Naperville"),
    ("so you'd come out to evanston?", "Evanston"),
    ("you guys would drive to 60201?", "60201 in Evanston"),
    ("so you wouldnt come out to evanston at all?", "Evanston")])
def test_a_place_said_or_asked_outside_the_area_is_an_honest_no_at_once(
        chat: ChatWorld, text: str, place: str) -> None:
    before = chat.model()
    said = chat.text(NEWCOMER, text).text
    assert said.startswith(f"Sorry, we don't serve {place}") and "Oak Park" in said
    assert chat.changed_since(before) <= {"conversations"}


def test_a_served_zip_asked_with_a_request_is_a_yes_naming_the_town_then_the_sign_up(
        chat: ChatWorld) -> None:
    said = chat.answer(NEWCOMER, "do you come out to 60302? and could you do thursday morning")
    assert said[0].text.startswith("Yes, we serve 60302 in Oak Park")
    assert "name and service address" in said[1].text


def test_the_need_told_beside_an_hours_question_is_kept_through_the_sign_up(
        chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("are you open saturdays? my furnace keeps clicking off", "Sat"),
        ("Dee Park 40 Oak Ave Chicago 60625", "You're set up"),
    ])
    said = " ".join(r.text for r in chat.answer(NEWCOMER, "thursday morning works"))
    assert "What do you need help with" not in said


@pytest.fixture
def joes_job_done(chat: ChatWorld) -> ChatWorld:
    job_id = chat.visit("joe_today").job_id
    for state in (JobState.EN_ROUTE, JobState.ON_SITE):
        chat.run(ChangeJobState(job_id=job_id, new_state=state, actor=chat.dispatcher()))
    chat.run(CompleteJob(job_id=job_id, summary="Replaced the kitchen faucet cartridge",
                         actor=chat.dispatcher()))
    return chat


@pytest.mark.parametrize("ask", [
    "what did tom end up doing? the faucet is leaking again",
    "so what exactly did he fix, it broke again already",
    "what did they do this morning? it stopped working again",
    "what did tom end up fixing? its dripping again"])
def test_what_was_done_asked_with_the_trouble_back_is_told_and_followed_up(
        joes_job_done: ChatWorld, ask: str) -> None:
    said = joes_job_done.text(JOE, ask).text
    assert said.startswith("Tom finished your plumbing repair on Mon Mar 2: Replaced the kitchen")
    assert "asked the office to follow up" in said
    [notice] = joes_job_done.notices()
    assert "not fixed" in notice.body


@pytest.mark.parametrize("ask", ["what did he even do today", "what did your guy actually do?",
                                 "ok but what did he actually do"])
def test_what_was_done_asked_right_after_a_complaint_is_told_and_added_to_it(
        joes_job_done: ChatWorld, ask: str) -> None:
    joes_job_done.transcript(JOE, [("you overcharged me for that", "sorry about the charge")])
    said = joes_job_done.text(JOE, ask).text
    assert said.startswith("Tom finished your plumbing repair")
    assert "someone will call you" in said
    assert len(joes_job_done.notices()) == 2
    joes_job_done.text(JOE, "what was done on the faucet?")  # asked again: nobody told twice
    assert len(joes_job_done.notices()) == 2


def test_what_was_done_with_a_complaint_in_the_same_text_passes_the_complaint_on(
        joes_job_done: ChatWorld) -> None:
    said = joes_job_done.text(JOE, "what did he even do? you overcharged me").text
    assert said.startswith("Tom finished your plumbing repair")
    assert "sorry about the charge" in said
    [notice] = joes_job_done.notices()
    assert "disputes a charge" in notice.body


@pytest.mark.parametrize("ask", ["please dont send tom again for thursday",
                                 "i want a different tech on thursday, same time",
                                 "can you send someone else thursday? not him again"])
def test_another_technician_asked_is_passed_to_the_office_and_no_visit_moves(
        chat: ChatWorld, ask: str) -> None:
    before = chat.model()
    said = chat.text(MARIA, ask).text
    assert said.startswith("Understood. I've asked the office to send a different technician for "
                           "your Thu Mar 5, 8-10am visit;")
    assert chat.changed_since(before) <= {"conversations", "notices", "outbox", "timeline"}
    [notice] = chat.notices()
    assert "different technician" in notice.body
    assert [v.start for v in chat.visits(MARIA)] == [chat.visit("maria_thu").start,
                                                     chat.visit("maria_fri").start]


@pytest.mark.parametrize("aside, answer", [
    ("wait are you open saturday?", "open Saturday"),
    ("how much is a tune up btw", "$129.00"),
    ("hold on, do you guys go out to forest park?", "Yes, we serve Forest Park")])
def test_a_question_at_which_visit_is_answered_then_the_question_is_asked_again(
        chat: ChatWorld, aside: str, answer: str) -> None:
    chat.text(MARIA, "I need to reschedule")
    before = chat.model()
    said = chat.text(MARIA, aside).text
    assert answer in said
    assert said.endswith("Back to my question: Which visit do you want to move? Send its number "
                         "(1-2).")
    assert chat.changed_since(before) <= {"conversations"}
    chat.transcript(MARIA, [("2", "Your visit is Fri Mar 6, 1-3pm. When would suit you better?")])


def test_a_price_asked_while_the_new_time_is_awaited_is_answered_and_the_question_kept(
        chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("I need to reschedule", "Which visit"), ("1", "When would suit")])
    said = chat.text(MARIA, "how much is a tune up?").text
    assert said.startswith("Heating & cooling tune-up: $129.00")
    assert said.endswith("Back to my question: When would suit you better?")
    chat.transcript(MARIA, [("friday morning", "Fri Mar 6")])


@pytest.mark.parametrize("question, again", [
    ("Your visit is Thu Mar 5, 8-10am. When would suit you better? e.g. Friday morning",
     "When would suit you better?"),
    ("Hi, this is Northwind! I don't have this number yet. Please send your name and service "
     "address with ZIP, e.g. Maria Rivera, 12 Elm St, Chicago 60614",
     "Please send your name and service address with ZIP."),
    ("Which address is this for?", "Which address is this for?")])
def test_the_question_asked_again_is_its_asking_sentence_without_examples(
        question: str, again: str) -> None:
    assert brief(question) == again


def test_a_question_while_signing_up_is_answered_and_the_details_asked_again(
        chat: ChatWorld) -> None:
    chat.text(NEWCOMER, "my ac is out can someone come tomorrow")
    said = chat.text(NEWCOMER, "wait are you even open sundays?").text
    assert said.startswith("Sorry, we're closed Sunday.")
    assert said.endswith("Back to my question: Please send your name and service address with ZIP.")
