"""Names never read from a complaint and put right when wrong; a town after "in"; unsure ZIPs;
a visit at an address the request names; a status the customer contradicts; a word for the
technician on the way; small practical questions before a visit.

The chat world's clock starts Mon Mar 2, 9am Chicago; Joe's plumbing repair is today 1-3pm with
Tom; Maria has one site (1 Clark St, 60614)."""

from __future__ import annotations

import pytest

from bot.dialogue.addresses import corrected_name, read_signup, town_given, zip_guesses
from domain.actors import Actor
from domain.commands import ChangeJobState, CorrectContactName
from domain.errors import NotFound
from domain.jobs import JobState
from domain.parties import Channel
from domain.staff import Role
from tests.unit.dialogue.chat_world import JOE, MARIA, NEWCOMER, ChatWorld


@pytest.mark.parametrize("complaint", ["smells awful", "stinks bad", "its leaking again",
                                       "really loud and gross"])
def test_a_newcomers_complaint_is_never_taken_for_their_name(chat: ChatWorld,
                                                             complaint: str) -> None:
    chat.text(NEWCOMER, "the dishwasher wont drain")
    said = chat.text(NEWCOMER, complaint).text
    assert "name" in said and "Thanks, " not in said
    chat.transcript(NEWCOMER, [("Lou Grant, 40 Oak Ave, Chicago 60625", "Thanks, Lou!")])
    contact = chat.contact(NEWCOMER)
    assert contact is not None and contact.name == "Lou Grant"


def test_a_name_put_right_before_the_zip_is_the_one_signed_up(chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("Pat", "address"),
        ("no wait my name is Lou, Lou Grant. i'm at 40 oak ave", "ZIP"),
        ("60625", "Thanks, Lou!"),
    ])
    contact = chat.contact(NEWCOMER)
    assert contact is not None and contact.name == "Lou Grant"


@pytest.mark.parametrize("text, street, town, code", [
    ("its Jo Kim - 77 north clark in evanston", "77 North Clark", "Evanston", ""),
    ("Sam Roe, 40 W Lake St in Oak Park 60302", "40 W Lake St", "Oak Park", "60302"),
    ("Sam Roe 1200 W Park Ave in river forest", "1200 W Park Ave", "River Forest", ""),
])
def test_a_town_after_in_is_the_town_not_the_street(text: str, street: str, town: str,
                                                    code: str) -> None:
    address = read_signup(text).address
    assert address is not None
    assert (address.street, address.city, address.postal_code) == (street, town, code)


def test_a_town_between_commas_is_kept_when_a_request_follows() -> None:
    read = read_signup("Sam Ortiz, 900 S Oak Park Ave, oak park, sink clogged")
    assert read.address is not None and read.address.city == "Oak Park"
    assert read.rest == "sink clogged"
    other = read_signup("Sam Ortiz 40 Oak Ave, sink, tomorrow").address  # "sink" is no town
    assert other is not None and other.city == ""


def test_in_before_a_unit_or_a_room_is_no_town() -> None:
    address = read_signup("Sam Roe 40 W Lake St in the back").address
    assert address is not None and (address.street, address.city) == ("40 W Lake St", "")


@pytest.mark.parametrize("text, guesses", [
    ("60626 maybe? or 25", ["60626", "60625"]),
    ("prob 60614", ["60614"]),
    ("60618 or 60625 not sure", ["60618", "60625"]),
    ("60614 tomorrow", []),
    ("40 Oak Ave 60614", []),
])
def test_zips_given_unsure_are_read_as_guesses(text: str, guesses: list[str]) -> None:
    assert zip_guesses(text) == guesses


def test_of_two_zips_guessed_the_served_one_is_asked_about_and_a_yes_takes_it(
        chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("Lou Grant, 40 Oak Ave", "ZIP"),
        ("60626 maybe? or 25", "Is 40 Oak Ave in 60625? We don't serve 60626"),
        ("yes", "You're set up at 40 Oak Ave, Chicago 60625"),
    ])


def test_a_town_sent_alone_for_the_street_asks_only_its_zips(chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("Lou Grant, 900 S Oak Park Ave", "ZIP"),
        ("that's in oak park", "60302 or 60304"),
        ("60304 i'm pretty sure", "You're set up at 900 S Oak Park Ave, Oak Park 60304"),
    ])


@pytest.mark.parametrize("text, town", [("its in oak park", ("Oak Park", True)),
                                        ("Evanston", ("Evanston", False)),
                                        ("in the basement", None), ("need it fixed", None)])
def test_a_town_given_alone_is_read(text: str, town: tuple[str, bool] | None) -> None:
    assert town_given(text) == town


@pytest.mark.parametrize("text, name", [
    ("can u fix my name pls, its Joseph Okafor not Joe", "Joseph Okafor"),
    ("my name is Joseph Okafor not Joe", "Joseph Okafor"),
    ("you've got my name wrong. it's jo okafor", "Jo Okafor"),
    ("please change the name to Joseph Okafor", "Joseph Okafor"),
])
def test_a_known_customer_puts_their_name_right(chat: ChatWorld, text: str, name: str) -> None:
    before = chat.model()
    chat.transcript(JOE, [(text, f"changed your name to {name}")])
    contact = chat.contact(JOE)
    assert contact is not None and contact.name == name
    assert chat.changed_since(before) == {"contacts", "timeline"}
    assert chat.visits(JOE) == [chat.visit("joe_today")]


def test_only_the_first_name_given_keeps_the_last_name(chat: ChatWorld) -> None:
    chat.transcript(JOE, [("my name is spelled wrong, its Jo", "changed your name to Jo Okafor")])


def test_a_name_said_to_be_wrong_is_asked_for_then_kept(chat: ChatWorld) -> None:
    chat.transcript(JOE, [("the name on my account is wrong", "What's the right name?"),
                          ("Joseph Okafor", "changed your name to Joseph Okafor")])


@pytest.mark.parametrize("text", ["my name is Joe Okafor, need a plumber", "hi this is Joe",
                                  "the name of the part is wrong"])
def test_a_name_merely_said_changes_nothing(text: str) -> None:
    assert corrected_name(text) is None


def _joes_job(chat: ChatWorld, *states: JobState, eta: int | None = None) -> None:
    job_id = chat.visit("joe_today").job_id
    for state in states:
        chat.run(ChangeJobState(job_id=job_id, new_state=state, actor=chat.dispatcher(),
                                eta_minutes=eta if state is JobState.EN_ROUTE else None))


@pytest.mark.parametrize("text", ["there's nobody here, no van has come",
                                  "tom never showed up", "no one came, please check"])
def test_nobody_there_while_the_record_says_on_site_goes_to_the_office(
        chat: ChatWorld, text: str) -> None:
    _joes_job(chat, JobState.EN_ROUTE, JobState.ON_SITE)
    notices = len(chat.notices())
    said = chat.text(JOE, text).text
    assert "sorry" in said.lower() and "at your place now" not in said
    assert len(chat.notices()) == notices + 1


@pytest.mark.parametrize("text", ["can you tell him to wait 10 min if im not there",
                                  "need to run out for 15, back soon",
                                  "ill be back in 10, can he wait?"])
def test_a_word_for_the_technician_on_the_way_is_passed_on_honestly(
        chat: ChatWorld, text: str) -> None:
    _joes_job(chat, JobState.EN_ROUTE, eta=25)
    before = chat.model()
    said = chat.text(JOE, text).text
    assert "Tom" in said and "9:25am" in said and "can't promise" in said
    assert chat.changed_since(before) <= {"notices", "outbox", "timeline", "conversations"}
    assert chat.visits(JOE) == [chat.visit("joe_today")]


@pytest.mark.parametrize("text, answer", [
    ("should i turn the water off until he comes?", "switching the water off"),
    ("do I need to be home for it?", "adult"),
    ("should we move stuff out from under the sink first?", "clear a few feet"),
    ("is it ok if the dog is home?", "pets"),
    ("should i turn the furnace off till then?", "leave it on"),
])
def test_a_practical_question_before_the_visit_gets_a_short_answer(
        chat: ChatWorld, text: str, answer: str) -> None:
    before = chat.model()
    said = chat.text(JOE, text).text
    assert answer in said and "Reply 1" not in said
    assert chat.changed_since(before) <= {"conversations"}


def test_an_emergency_at_a_new_address_is_booked_there_not_at_the_one_on_file(
        chat: ChatWorld) -> None:
    said = chat.text(MARIA, "no heat at our rental at 77 W Lake St 60618, pipes could freeze").text
    assert "77 W Lake St" in said and "1 Clark St" not in said
    [site] = [s for s in chat.uow.sites.find() if s.address == "77 W Lake St"]
    chat.transcript(MARIA, [("1", "77 W Lake St")])
    job = chat.uow.jobs.get(chat.visits(MARIA)[-1].job_id)
    assert job is not None and job.site_id == site.id


def test_a_new_street_named_without_its_zip_is_completed_by_the_zip_alone(
        chat: ChatWorld) -> None:
    chat.transcript(MARIA, [
        ("can someone fix the leaky tub at our other place, 77 W Lake St, wednesday", "ZIP code"),
        ("60618", "this visit is for 77 W Lake St, Chicago 60618"),
        ("1", "77 W Lake St"),
    ])
    [site] = [s for s in chat.uow.sites.find() if s.address == "77 W Lake St"]
    job = chat.uow.jobs.get(chat.visits(MARIA)[-1].job_id)
    assert job is not None and job.site_id == site.id


def test_a_customer_cannot_rename_someone_elses_contact(chat: ChatWorld) -> None:
    joe = Actor(role=Role.CUSTOMER, channel=Channel.SMS, account_id=chat.ids["joe_account"],
                contact_id=chat.ids["joe_contact"])
    with pytest.raises(NotFound):
        chat.run(CorrectContactName(contact_id=chat.ids["maria_contact"], name="Someone Else",
                                    actor=joe))
    maria = chat.contact(MARIA)
    assert maria is not None and maria.name == "Maria Rivera"
