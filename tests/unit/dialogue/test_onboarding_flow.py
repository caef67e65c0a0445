"""Onboarding an unknown number: name and address in one text, then on with what was asked."""

from __future__ import annotations

import pytest

from domain.timeline import ActivityKind
from tests.unit.dialogue.chat_world import NEWCOMER, ChatWorld


def test_an_unknown_number_is_set_up_and_gets_what_it_first_asked_for(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(NEWCOMER, [
        ("AC's out, can someone come tomorrow morning?", "name and service address"),
    ])
    assert chat.changed_since(before) == set()  # nothing is created before the details come
    said = chat.text(NEWCOMER, "Pat Lee, 40 Oak Ave, Chicago 60625")
    assert said.texts[0] == "Thanks, Pat! You're set up at 40 Oak Ave, Chicago 60625."
    assert "1) Tue Mar 3, 8-10am with Tom" in said.texts[1]  # the AC, tomorrow morning
    assert chat.changed_since(before) == {"accounts", "contacts", "sites", "timeline"}
    contact = chat.contact(NEWCOMER)
    assert contact is not None and contact.name == "Pat Lee"
    [site] = [s for s in chat.uow.sites.find() if s.account_id == contact.account_id]
    assert (site.one_line(), site.zone_id) == ("40 Oak Ave, Chicago 60625", "north")
    [signed_up] = chat.timeline(contact.account_id)
    assert signed_up.kind is ActivityKind.NOTE and signed_up.summary == "Signed up by sms"
    chat.transcript(NEWCOMER, [
        ("2", "Booked: Heating & cooling repair on Tue Mar 3, 10am-12pm. Tom will come to "
              "40 Oak Ave, Chicago 60625"),
    ])
    assert len(chat.visits(NEWCOMER)) == 1


def test_a_first_text_that_is_the_details_sets_up_at_once_and_shows_the_menu(
        chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("Pat Lee, 40 Oak Ave, Chicago 60625", "Thanks, Pat! You're set up at 40 Oak Ave"),
        ("no hot water, tomorrow", "1) Tue Mar 3, 7-9am with Tom"),
    ])


def test_a_request_while_the_details_are_pending_is_carried_on(chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("hello", "name and service address"),
        ("where's my tech?", "First I need your name and service address"),
        ("Pat Lee, 40 Oak Ave, Chicago 60625", "You have no open jobs with us"),
    ])


def test_an_unreadable_text_is_asked_for_again_and_nothing_is_created(
        chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(NEWCOMER, [("hello", "name and service address"),
                               ("uh what", "couldn't read that")])
    assert chat.changed_since(before) == set()


def test_an_address_outside_the_area_is_told_honestly_with_the_areas_served_and_set_up_nowhere(
        chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(NEWCOMER, [("hi, I need a plumber", "name and service address")])
    [answer] = chat.text(NEWCOMER, "Pat Lee, 40 Oak Ave, Springfield 62701").replies
    assert answer.text.startswith("Sorry, we don't serve ZIP 62701. We serve Chicago 60613")
    assert "Oak Park 60302, 60304" in answer.text and len(answer.text) <= 320
    assert chat.changed_since(before) == {"notices", "outbox"}  # a lead for the office, no account
    [notice] = chat.notices()
    assert "lead outside area: ZIP 62701 (Pat Lee)" in notice.body
    assert chat.contact(NEWCOMER) is None


def test_a_stranger_who_opted_out_is_not_onboarded_and_gets_nothing(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(NEWCOMER, [("STOP", None), ("hi", None),
                               ("Pat Lee, 40 Oak Ave, Chicago 60625", None)])
    assert chat.changed_since(before) == {"consents"}  # the opt-out itself, nothing else
    assert chat.opted_out(NEWCOMER) and chat.contact(NEWCOMER) is None


@pytest.mark.parametrize("text", [
    "its Linda Park at 2231 W Roscoe St 60618",
    "Linda Park, 2231 W Roscoe St, Chicago IL 60618",
    "2231 w roscoe st chicago 60618 - linda park",
    "hi its linda park, 2231 W Roscoe St 60618",
    "ok so this is Linda Park at 2231 W Roscoe St, Chicago 60618",
    "sure. Linda Park 2231 W Roscoe St Chicago 60618",
])
def test_a_loose_sign_up_in_one_text_sets_up_the_account(chat: ChatWorld, text: str) -> None:
    chat.transcript(NEWCOMER, [
        ("hi", "name and service address"),
        (text, "Thanks, Linda! You're set up at 2231 W Roscoe St, Chicago 60618."),
    ])
    contact = chat.contact(NEWCOMER)
    assert contact is not None and contact.name == "Linda Park"


@pytest.mark.parametrize("first, second", [
    ("this is linda park", "2231 W Roscoe St, Chicago 60618"),
    ("2231 W Roscoe St, Chicago 60618", "this is linda park"),
    ("my name is Linda Park", "2231 w roscoe st 60618"),
])
def test_the_name_and_the_address_may_come_in_two_texts_in_either_order(
        chat: ChatWorld, first: str, second: str) -> None:
    before = chat.model()
    chat.transcript(NEWCOMER, [("hello", "name and service address"), (first, "Thanks")])
    assert chat.changed_since(before) == set()  # half the details create nothing yet
    chat.transcript(NEWCOMER, [(second, "You're set up at 2231 W Roscoe St, Chicago 60618")])
    contact = chat.contact(NEWCOMER)
    assert contact is not None and contact.name == "Linda Park"


def test_this_is_linda_is_a_name_and_the_address_is_asked_for(chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("hi", "name and service address"),
        ("this is linda", "Thanks, Linda! What's the service address, with ZIP?"),
        ("2231 W Roscoe St 60618", "Thanks, Linda! You're set up at 2231 W Roscoe St, Chicago"),
    ])


def test_a_missing_zip_is_asked_for_and_the_zip_alone_completes_the_address(
        chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(NEWCOMER, [
        ("Linda Park, 2231 W Roscoe St, Chicago", "What's the ZIP code for 2231 W Roscoe St?"),
    ])
    assert chat.changed_since(before) == set()
    chat.transcript(NEWCOMER, [("60618", "You're set up at 2231 W Roscoe St, Chicago 60618")])


def test_a_town_with_one_served_zip_needs_no_zip(chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("Linda Park, 12 Madison St, River Forest",
         "You're set up at 12 Madison St, River Forest 60305"),
    ])


def test_a_town_with_several_served_zips_is_asked_which(chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("Linda Park, 200 N Oak Park Ave, Oak Park", "What's the ZIP code for 200 N Oak Park Ave: "
                                                     "60302 or 60304?"),
        ("60302", "You're set up at 200 N Oak Park Ave, Oak Park 60302"),
    ])


def test_a_corrected_address_before_sign_up_replaces_the_first(chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("Linda Park, 2231 W Roscoe St, Chicago", "ZIP code"),
        ("sorry, the address is 1500 W Addison St, Chicago 60613",
         "You're set up at 1500 W Addison St, Chicago 60613"),
    ])
    contact = chat.contact(NEWCOMER)
    assert contact is not None
    [site] = [s for s in chat.uow.sites.find() if s.account_id == contact.account_id]
    assert site.address == "1500 W Addison St"


@pytest.mark.parametrize("text", [
    "sorry my address is 1500 W Addison St, Chicago 60613",
    "yes please 1500 W Addison St, Chicago 60613",
    "My Address Is 1500 W Addison St, Chicago 60613",
])
def test_a_sentence_where_the_name_goes_is_never_an_account_name(chat: ChatWorld,
                                                                  text: str) -> None:
    before = chat.model()
    chat.transcript(NEWCOMER, [("hi", "name and service address"), (text, "first and last name")])
    assert chat.changed_since(before) == set()
    chat.transcript(NEWCOMER, [("Rosa Diaz", "Thanks, Rosa! You're set up at 1500 W Addison St")])
    contact = chat.contact(NEWCOMER)
    assert contact is not None and contact.name == "Rosa Diaz"


def test_a_request_after_the_details_carries_on_with_the_booking(chat: ChatWorld) -> None:
    said = chat.text(NEWCOMER, "its Linda Park at 2231 W Roscoe St 60618 my furnace is out, can "
                               "you come tomorrow?")
    assert said.texts[0] == "Thanks, Linda! You're set up at 2231 W Roscoe St, Chicago 60618."
    assert "Tue Mar 3" in said.texts[1]  # tomorrow's slots for the furnace
    chat.transcript(NEWCOMER, [("1", "Booked: Heating & cooling repair on Tue Mar 3")])
    [visit] = chat.visits(NEWCOMER)
    [job] = [j for j in chat.uow.jobs.find() if j.id == visit.job_id]
    assert "2231" not in job.scope  # the address is not the job's description


def test_a_request_kept_from_before_carries_on_after_a_two_text_sign_up(chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("AC's out, can someone come tomorrow morning?", "name and service address"),
        ("this is pat lee", "What's the service address"),
    ])
    said = chat.text(NEWCOMER, "40 Oak Ave, Chicago 60625").texts
    assert said[0] == "Thanks, Pat! You're set up at 40 Oak Ave, Chicago 60625."
    assert "1) Tue Mar 3, 8-10am with Tom" in said[1]  # the AC, tomorrow morning


def test_a_correction_while_the_zip_is_asked_for_replaces_the_address(chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("Linda Park, 2231 W Roscoe St, Chicago", "What's the ZIP code"),
        ("no wait, its 1500 W Addison St 60613", "You're set up at 1500 W Addison St, Chicago"),
    ])


def test_an_unclear_answer_to_a_half_given_sign_up_asks_for_what_is_missing(
        chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(NEWCOMER, [
        ("2231 W Roscoe St, Chicago 60618", "What name should I put the account under?"),
        ("yes", "What name should I put the account under?"),
    ])
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("text", ["oops wrong number sorry", "sorry texted the wrong person"])
def test_a_wrong_number_or_a_goodbye_is_let_go_and_nothing_created(chat: ChatWorld,
                                                                    text: str) -> None:
    chat.transcript(NEWCOMER, [("yes", "Please send your name")])
    before = chat.model()
    reply = chat.text(NEWCOMER, text).text
    assert "sorry for the bother" in reply
    assert chat.contact(NEWCOMER) is None
    assert chat.changed_since(before) <= {"conversations", "messages"}


@pytest.mark.parametrize("text, name, street", [
    ("yo its marcus lee 3340 n lincoln ave 60613 my furnace wont kick on", "Marcus", "3340 N Lincoln Ave"),
    ("hey its marcus bell 1420 w belmont ave 60613", "Marcus", "1420 W Belmont Ave"),
    ("sup, name is dana ruiz 2240 N Halsted St Chicago 60614", "Dana", "2240 N Halsted St"),
    ("ok so this is jo ann kim at 1919 w grace st 60613", "Jo", "1919 W Grace St"),
])
def test_a_loose_one_text_sign_up_reads_the_name_after_its_introducer(
        chat: ChatWorld, text: str, name: str, street: str) -> None:
    said = chat.text(NEWCOMER, text).text
    assert f"Thanks, {name}!" in said and street in said


def test_a_street_named_by_a_type_word_is_read_and_the_zip_names_the_town(chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [("Priya Shah", "address"),
                               ("4410 N Broadway 60640", "set up at 4410 N Broadway, Chicago 60640")])


@pytest.mark.parametrize("text", ["nvm", "bye", "cool", "wrong number"])
def test_one_bare_word_or_a_phrase_is_no_name(chat: ChatWorld, text: str) -> None:
    chat.transcript(NEWCOMER, [("1919 w grace st chicago 60613", "name")])
    assert "Thanks, " + text.title() not in chat.text(NEWCOMER, text).text
    assert chat.contact(NEWCOMER) is None


def test_yes_after_an_outside_area_answer_hears_the_call_stands_and_opens_no_second_item(
        chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [("Jenna Wu 3100 N Sheffield Ave 60657 need a drain cleaned",
                                "someone will call you"),
                               ("y", "will call you")])
    assert len(chat.notices()) == 1 and chat.contact(NEWCOMER) is None


@pytest.mark.parametrize("fix", ["sorry typo, its 2213 W Roscoe St not 2231",
                                 "oops i meant 2213 W Roscoe St",
                                 "wrong number on the address, should be 2213 W Roscoe St 60618"])
def test_a_retyped_address_before_any_booking_replaces_the_first(chat: ChatWorld, fix: str) -> None:
    chat.transcript(NEWCOMER, [
        ("Carl Roth, 2231 W Roscoe St, Chicago 60618. need an electrician for a dead outlet",
         "Reply 1, 2 or 3"),
        (fix, "corrected your address to 2213 W Roscoe St, Chicago 60618"),
        ("option 1 is fine for the outlet", "will come to 2213 W Roscoe St")])
    contact = chat.contact(NEWCOMER)
    assert contact is not None
    assert [s.address for s in chat.uow.sites.find(account_id=contact.account_id)] == [
        "2213 W Roscoe St"]
    assert len(chat.visits(NEWCOMER)) == 1


def test_an_address_with_work_booked_is_never_retyped_in_place(chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("Carl Roth, 2231 W Roscoe St, Chicago 60618. need an electrician for a dead outlet",
         "Reply 1, 2 or 3"), ("1", "Booked")])
    before = chat.model()
    said = chat.text(NEWCOMER, "sorry typo, its 2213 W Roscoe St not 2231").text
    assert "corrected your address to" not in said
    assert "jobs" not in chat.changed_since(before) and "appointments" not in chat.changed_since(before)


def test_a_name_followed_by_here_is_read(chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [("ok. Sam Lee here, 1919 W Grace St, Chicago 60613", "Thanks, Sam!")])


@pytest.mark.parametrize(("address", "access"), [
    ("4520 N Malden St 60640 2nd floor", "2nd floor"),
    ("4520 N Malden St, Chicago 60640, rear unit", "rear unit"),
    ("4520 N Malden St 60640 - apt 3B", "apt 3B"),
])
def test_where_in_the_building_is_kept_with_the_address(chat: ChatWorld, address: str,
                                                        access: str) -> None:
    chat.transcript(NEWCOMER, [("my sink is leaking", "name"), ("Marcus Webb", "address"),
                               (address, f"({access})")])
    contact = chat.contact(NEWCOMER)
    assert contact is not None
    [site] = [s for s in chat.uow.sites.find() if s.account_id == contact.account_id]
    assert site.address == "4520 N Malden St" and site.access_notes == access


@pytest.mark.parametrize("details", ["just book me. Raj Shah, 12 Elm St, Chicago 60614",
                                     "ok book it, Raj Shah 12 Elm St 60614"])
def test_a_bare_book_me_with_the_details_keeps_the_problem_told_before(chat: ChatWorld,
                                                                         details: str) -> None:
    chat.transcript(NEWCOMER, [("toilet wont stop running, can someone come thursday?", "name")])
    said = chat.text(NEWCOMER, details).text
    assert "set up at 12 Elm St" in said and "What do you need help with" not in said
    assert "Reply 1" in said


def test_work_told_beside_an_hours_question_is_kept_through_questions_to_the_booking(
        chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("are you open saturdays? my water heater is making a popping sound", "Sat"),
        ("what would it cost for someone to come out", "Water heater service"),
        ("do you go to 60613? and could someone come wednesday", "Yes, we serve 60613"),
    ])
    said = chat.text(NEWCOMER, "Rosa Lind 3120 N Sheffield Ave Chicago 60613").text
    assert "What do you need help with" not in said
    assert "1)" in said


@pytest.mark.parametrize("pick", ["2 i guess", "i think the first one", "3 i suppose"])
def test_a_hedged_pick_still_picks(chat: ChatWorld, pick: str) -> None:
    chat.transcript(NEWCOMER, [
        ("Rosa Lind 3120 N Sheffield Ave Chicago 60613", "set up"),
        ("my sink is leaking, can someone come thursday", "1)"),
        (pick, "Booked"),
    ])


def test_a_newcomers_booking_keeps_the_problem_told_first_as_its_service_and_scope(
        chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("do you fix water heaters? ours is dripping from the valve", "water heater"),
        ("great can someone come tomorrow? this is pat", "name and service address"),
        ("Pat Lee. the heater is at my brother's place, 40 Oak Ave, Chicago 60625",
         "1) Tue Mar 3"),
        ("1", "Booked: Water heater service on Tue Mar 3"),
    ])
    job = chat.uow.jobs.find()[-1]
    assert job.service_id == "water_heater"
    assert job.scope == "do you fix water heaters? ours is dripping from the valve"


@pytest.mark.parametrize("text", [
    "water heater broken no hot water. tomorrow morning ok? Rosa Lind 3120 N Sheffield Ave "
    "Chicago 60613. how much?",
    "how much for a drain cleaning? kitchen sink clogged, can you come thursday. "
    "Rosa Lind, 3120 N Sheffield Ave, Chicago 60613",
])
def test_a_newcomers_price_question_with_details_and_a_day_is_answered_then_booked(
        chat: ChatWorld, text: str) -> None:
    said = chat.text(NEWCOMER, text).text
    assert "our standard price" in said and "You're set up" in said
    assert "1)" in said and "To book" not in said
    assert said.count("our standard price") == 1


def test_a_person_then_a_business_before_the_address_is_the_persons_name(
        chat: ChatWorld) -> None:
    said = chat.text(NEWCOMER, "Wei Zhang, Lucky Dumpling, 3714 N Clark St Chicago IL 60613").text
    assert said.startswith("Thanks, Wei!")
    contact = chat.contact(NEWCOMER)
    assert contact is not None and contact.name == "Wei Zhang"
