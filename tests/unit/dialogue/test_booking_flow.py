"""Booking: the problem and a time, three offers as a numbered choice, a pick, a booked visit."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.dialogue.booking import problem_in, scope_of
from bot.dialogue.reply import Expect
from domain.commands import BookAppointment
from tests.unit.dialogue.chat_world import JOE, MARIA, ChatWorld

SPARKING = "the outlet in the kitchen stopped working"
OFFERS = ("Wed Mar 4, 8-10am with Ana", "Wed Mar 4, 12-2pm with Ana", "Thu Mar 5, 8-10am with Ana")


def test_a_problem_gets_three_offers_as_a_numbered_choice_and_books_nothing_yet(
        chat: ChatWorld) -> None:
    before = chat.model()
    [offers] = chat.answer(MARIA, SPARKING)
    assert offers.expects is Expect.CHOICE and offers.options == OFFERS
    assert offers.text == "We can come:"
    assert chat.changed_since(before) == set()
    rendered = chat.text(MARIA, SPARKING).text
    assert rendered.endswith("\n3) Thu Mar 5, 8-10am with Ana\nReply 1, 2 or 3, or tell me "
                             "another day.")


@pytest.mark.parametrize("pick, visit", [
    ("2", "Wed Mar 4, 12-2pm"),
    ("the second one", "Wed Mar 4, 12-2pm"),
    ("thursday works", "Thu Mar 5, 8-10am"),
])
def test_an_offer_is_picked_by_number_ordinal_or_weekday_and_booked(chat: ChatWorld, pick: str,
                                                                   visit: str) -> None:
    chat.transcript(MARIA, [(SPARKING, "Reply 1, 2 or 3")])
    before = chat.model()
    chat.transcript(MARIA, [
        (pick, f"Booked: Electrical repair on {visit}. Ana will come to 1 Clark St"),
    ])
    assert chat.changed_since(before) == {"jobs", "visits", "timeline"}
    [booked] = [a for a in chat.visits(MARIA) if a.id not in (chat.ids["maria_thu"],
                                                               chat.ids["maria_fri"])]
    assert booked.technician_id == chat.ids["ana"]
    job = chat.uow.jobs.get(booked.job_id)
    assert job is not None and job.scope == SPARKING and job.site_id == chat.ids["maria_site"]
    assert chat.timeline(chat.ids["maria_account"])[-1].summary.endswith("booked")
    conversation = chat.conversation(MARIA)
    assert conversation is not None and conversation.flow is None


def test_a_new_wish_while_choosing_brings_new_offers(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [
        ("my outlet stopped working", "Reply 1, 2 or 3"),
        ("friday afternoon?", "1) Fri Mar 6, 2:30-4:30pm with Ana"),
        ("1", "Booked: Electrical repair on Fri Mar 6, 2:30-4:30pm"),
    ])


def test_yes_or_a_number_out_of_range_asks_which_time_again(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [(SPARKING, "We can come:")])
    for answer in ("yes", "4"):
        [again] = chat.text(MARIA, answer).replies
        assert again.expects is Expect.CHOICE and again.options == OFFERS
        assert again.text == "Which time suits you?"
    assert chat.changed_since(before) == set()


def test_no_offers_means_a_call_is_offered(chat: ChatWorld) -> None:
    before = chat.model()
    # Nobody does electrical work at Joe's address in the west suburbs.
    chat.transcript(JOE, [("my outlet stopped working", "Which address is this for?")])
    [question] = chat.text(JOE, "2").replies
    assert question.expects is Expect.YES_NO and "no openings" in question.text
    chat.transcript(JOE, [("yes", "will call you shortly")])
    assert chat.changed_since(before) == {"notices", "outbox", "timeline"}
    assert chat.visits(JOE) == [chat.visit("joe_today")]


def test_a_time_taken_meanwhile_is_said_and_new_offers_are_made(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [(SPARKING, "1) Wed Mar 4, 8-10am with Ana")])
    conversation = chat.conversation(MARIA)
    assert conversation is not None
    first = conversation.data["offers"][0]
    chat.run(BookAppointment(  # the dispatcher gives Ana's 8am to Joe in the meantime
        account_id=chat.ids["joe_account"], site_id=chat.ids["joe_site"],
        service_id="electrical", technician_id=first["technician_id"],
        start=datetime.fromisoformat(first["start"]), actor=chat.dispatcher()))
    before = chat.model()
    said = chat.text(MARIA, "1")
    assert said.texts[0] == "Sorry, that time was just taken."
    assert said.replies[1].expects is Expect.CHOICE
    assert "Wed Mar 4, 8-10am with Ana" not in said.replies[1].options
    assert chat.changed_since(before) == set()
    assert len(chat.visits(MARIA)) == 2


@pytest.mark.parametrize("which", ["2", "the one in 60302"])
def test_a_customer_with_two_addresses_is_asked_which_one(chat: ChatWorld, which: str) -> None:
    [question] = chat.answer(JOE, "my toilet keeps running, wednesday?")
    assert question.expects is Expect.CHOICE
    assert question.options == ("5 Lake St, Chicago 60613", "9 Oak Ave, Oak Park 60302")
    chat.transcript(JOE, [
        (which, "1) Wed Mar 4, 7-9am with Tom"),
        ("1", "Tom will come to 9 Oak Ave, Oak Park 60302"),
    ])
    job = chat.uow.jobs.get(chat.visits(JOE)[-1].job_id)
    assert job is not None and job.site_id == chat.ids["joe_west_site"]


def test_a_problem_is_asked_for_when_the_booking_names_none(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [
        ("can someone come out wednesday?", "What do you need help with?"),
        ("no hot water", "1) Wed Mar 4, 7-9am with Tom"),
    ])


def test_no_while_choosing_books_nothing(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [(SPARKING, "Reply 1, 2 or 3"),
                            ("no", "OK, I've left everything as it is.")])
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("refusal", ["can't do wednesday", "wednesday doesn't work",
                                     "no wednesday"])
def test_turning_a_day_down_while_choosing_does_not_book_that_day(chat: ChatWorld,
                                                                 refusal: str) -> None:
    chat.transcript(MARIA, [(SPARKING, "1) Wed Mar 4, 8-10am with Ana")])
    answer = chat.text(MARIA, refusal).text
    assert "Booked" not in answer and "Tell me a day or time that suits you" in answer
    assert len(chat.visits(MARIA)) == 2


@pytest.mark.parametrize(("pick", "booked"), [
    ("ok book the 8am tomorrow then", "Tue Mar 3, 7-9am"),
    ("4pm today works", "Mon Mar 2, 3-5pm"),
])
def test_a_time_named_among_the_offers_books_the_window_that_holds_it(
        chat: ChatWorld, pick: str, booked: str) -> None:
    chat.transcript(MARIA, [
        ("my kitchen sink is leaking, can someone come", "3-5pm"),
        (pick, f"Booked: Plumbing repair on {booked}"),
    ])


def test_nothing_free_at_the_wished_time_says_so_and_offers_the_soonest(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [
        ("my drain is clogged, can someone come tonight", "5-7pm"),
        ("what about sunday at 10pm", "Nothing is free then; the nearest times are:\n1) Mon Mar 2"),
    ])


def test_asking_about_a_visit_of_another_trade_while_picking_tells_it_and_books_nothing_for_it(
        chat: ChatWorld) -> None:
    chat.text(MARIA, "my kitchen sink is leaking, can someone come")
    before = chat.model()
    said = chat.text(MARIA, "tom is already coming thursday for the heating right? can the "
                            "plumber come then too").text
    assert "Thu Mar 5" in said and "Tom" in said and "1)" in said
    assert chat.changed_since(before) <= {"outbox"}
    assert "Booked: Plumbing repair on Thu Mar 5" in chat.text(MARIA, "1").text


@pytest.mark.parametrize(("text", "scope"), [
    ("ok actually my bathroom faucet drips nonstop, can someone look at it this week",
     "my bathroom faucet drips nonstop"),
    ("hi, the water heater is leaking. can you send someone today", "the water heater is leaking"),
    ("my AC is blowing warm air, can someone come tomorrow afternoon?", "my AC is blowing warm air"),
    ("looking to get my furnace tuned up sometime next week", "looking to get my furnace tuned up"),
    ("the outlet in the kitchen stopped working", "the outlet in the kitchen stopped working"),
    ("can someone come out wednesday?", "can someone come out wednesday?"),  # nothing else told
])
def test_a_jobs_scope_is_the_problem_told_without_the_chatter_around_it(text: str,
                                                                        scope: str) -> None:
    assert scope_of(text) == scope


def test_a_booked_job_keeps_the_problem_as_its_scope(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("ok so the kitchen outlet stopped working, could you send someone "
                             "friday?", "Reply 1"), ("1", "Booked")])
    assert chat.uow.jobs.find()[-1].scope == "the kitchen outlet stopped working"


@pytest.mark.parametrize("text", [
    "hmm hold on sorry", "the earlier one", "ok sure", "this is dana btw", "is 9 ok?",
    "can someone come out friday?", "the heater is at my sister's house",
])
def test_a_reply_around_the_booking_tells_no_problem_to_keep_as_scope(text: str) -> None:
    from domain.demo import demo_catalog

    assert problem_in(text, demo_catalog()) == ""


@pytest.mark.parametrize(("text", "scope"), [
    ("so the toilet keeps running, can you send someone monday", "the toilet keeps running"),
    ("basement pipe is leaking", "basement pipe is leaking"),
    ("need a furnace tune-up", "need a furnace tune-up"),
])
def test_a_text_telling_the_problem_is_kept_as_scope(text: str, scope: str) -> None:
    from domain.demo import demo_catalog

    assert problem_in(text, demo_catalog()) == scope


def test_a_booking_asked_without_a_problem_gets_the_problem_told_with_the_question_before(
        chat: ChatWorld) -> None:
    chat.transcript(MARIA, [
        ("are you open saturdays? my kitchen sink is clogged solid", "Sat"),
        ("ok can someone come thursday then", "Reply 1"),
        ("1", "Booked: Drain cleaning"),
    ])
    assert chat.uow.jobs.find()[-1].scope == "my kitchen sink is clogged solid"


def test_a_booking_with_no_problem_told_is_scoped_by_its_service_never_by_the_chatter(
        chat: ChatWorld) -> None:
    chat.transcript(MARIA, [
        ("can someone come thursday", "What do you need help with"),
        ("furnace", "Reply 1"),
        ("1", "Booked"),
    ])
    assert "thursday" not in chat.uow.jobs.find()[-1].scope


LEAK = "my kitchen sink is leaking, can someone come wednesday"


@pytest.mark.parametrize("ask", ["can you do wednesday at 10?", "wed 10am works?",
                                 "can u do 10am wednesday?"])
def test_an_exact_time_that_is_free_is_offered_alone_and_said_free(chat: ChatWorld,
                                                                   ask: str) -> None:
    chat.transcript(MARIA, [(LEAK, "Reply 1")])
    before = chat.model()
    said = chat.text(MARIA, ask).text
    assert said.startswith("Yes, we can come then:\n1) Wed Mar 4, 10am-12pm with Tom\nReply 1,")
    assert "Nothing is free" not in said
    assert chat.changed_since(before) == set()
    assert "Booked: Plumbing repair on Wed Mar 4, 10am-12pm" in chat.text(MARIA, "1").text


def test_an_exact_time_inside_an_offered_window_is_said_free(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [(LEAK, "2) Wed Mar 4, 9-11am with Tom")])
    said = chat.text(MARIA, "wed at 9:45 then?").text
    assert said.startswith("Yes, we can come then:\n1) Wed Mar 4, 9-11am with Tom")


def test_an_exact_time_not_free_says_so_before_the_nearest(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [(LEAK, "Reply 1")])
    said = chat.text(MARIA, "what about thursday at 9:30?").text
    assert said.startswith("Nothing is free then; the nearest times are:")
    assert "9-11am" not in said and "8-10am" not in said
