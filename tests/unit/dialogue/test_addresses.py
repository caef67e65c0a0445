"""Reading a newcomer's name and service address from the one text they send."""

from __future__ import annotations

import pytest

from bot.dialogue.addresses import (
    Address,
    NewCustomerDetails,
    SignUpText,
    introduced_name,
    looks_like_name,
    read_details,
    read_postal_code,
    read_signup,
)


@pytest.mark.parametrize("text, name, street, city, postal_code", [
    ("Maria Rivera, 12 Elm St, Chicago 60614", "Maria Rivera", "12 Elm St", "Chicago", "60614"),
    ("Maria Rivera\n12 Elm St\nChicago 60614", "Maria Rivera", "12 Elm St", "Chicago", "60614"),
    ("I'm Maria Rivera 12 Elm Street Apt 3 Chicago IL 60614", "Maria Rivera",
     "12 Elm Street, Apt 3", "Chicago", "60614"),
    ("john smith 455 n clark st chicago il 60614", "John Smith", "455 N Clark St", "Chicago",
     "60614"),
    ("Hi, my name is Ana Lopez, 9 Oak Ave, Oak Park, IL 60302", "Ana Lopez", "9 Oak Ave",
     "Oak Park", "60302"),
    ("Ana Lopez, 9 Oak Ave, Apt 2, Oak Park 60302", "Ana Lopez", "9 Oak Ave, Apt 2", "Oak Park",
     "60302"),
    ("Bob 77 W Lake Street Oak Park 60302-1234", "Bob", "77 W Lake Street", "Oak Park", "60302"),
    ("This is Dr. Kim Park at 2200 Sheridan Rd, Evanston, Illinois 60201", "Dr. Kim Park",
     "2200 Sheridan Rd", "Evanston", "60201"),
])
def test_a_name_and_an_address_are_read_from_one_text(text: str, name: str, street: str,
                                                      city: str, postal_code: str) -> None:
    assert read_details(text) == NewCustomerDetails(name, street, city, postal_code)


@pytest.mark.parametrize("text", [
    "book me tomorrow",
    "Maria Rivera 60614",  # no street
    "12 Elm St, Chicago 60614",  # no name
    "Maria Rivera, 12 Elm St, Chicago",  # no ZIP
    "",
    "60614",
])
def test_incomplete_details_are_not_guessed(text: str) -> None:
    assert read_details(text) is None


def test_the_first_name_greets_the_newcomer() -> None:
    details = read_details("maria rivera, 12 elm st, chicago 60614")
    assert details is not None
    assert details.first_name == "Maria" and details.one_line() == "12 Elm St, Chicago 60614"


@pytest.mark.parametrize("text, name, street, city, postal_code, rest", [
    ("its Linda Park at 2231 W Roscoe St 60618", "Linda Park", "2231 W Roscoe St", "", "60618", ""),
    ("2231 w roscoe st chicago 60618 - linda park", "Linda Park", "2231 W Roscoe St", "Chicago",
     "60618", ""),
    ("ok so its Linda Park at 2231 W Roscoe St 60618 can you come tomorrow?", "Linda Park",
     "2231 W Roscoe St", "", "60618", "can you come tomorrow?"),
    ("Linda Park 2231 W Roscoe St can you come tomorrow?", "Linda Park", "2231 W Roscoe St", "",
     "", "can you come tomorrow?"),
    ("Linda Park, 12 Madison St, River Forest IL", "Linda Park", "12 Madison St", "River Forest",
     "", ""),
    ("Linda Park, 200 N Oak Park Ave, Oak Park", "Linda Park", "200 N Oak Park Ave", "Oak Park",
     "", ""),
    ("I have 2 furnaces, Pat Lee 12 Elm St 60614", "Pat Lee", "12 Elm St", "", "60614",
     "I have 2 furnaces"),
    ("sorry, the address is 1500 W Addison St, Chicago 60613", None, "1500 W Addison St",
     "Chicago", "60613", ""),
])
def test_loose_sign_up_texts_are_split_into_name_address_and_request(
        text: str, name: str | None, street: str, city: str, postal_code: str, rest: str) -> None:
    read = read_signup(text)
    assert (read.name, read.address, read.rest) == (
        name, Address(street, city, postal_code), rest)


@pytest.mark.parametrize("text, name", [
    ("this is linda", "Linda"),
    ("hi, my name is Linda Park", "Linda Park"),
    ("Soy Rosa Diaz", "Rosa Diaz"),
    ("nam is brian oconnor", "Brian Oconnor"),
    ("my nme is carla diaz", "Carla Diaz"),
    ("my names Dave Porter", "Dave Porter"),
    ("call me Pat", "Pat"),
    ("its Dana btw", "Dana"),
])
def test_a_text_that_is_only_a_name_gives_the_name(text: str, name: str) -> None:
    assert read_signup(text) == SignUpText(name=name)


@pytest.mark.parametrize("text", [
    "perdon, mi direccion es 1500 W Addison St",
    "Yes Please 1500 W Addison St 60613",
    "My Address Is 1500 W Addison St 60613",
    "can you come 1500 W Addison St 60613",
])
def test_a_sentence_where_the_name_goes_is_never_read_as_a_name(text: str) -> None:
    read = read_signup(text)
    assert read.name is None
    assert read.address is not None and read.address.street == "1500 W Addison St"


@pytest.mark.parametrize("text, expected", [
    ("Perdon, Mi Direccion Es", False), ("Yes Please", False), ("My Address Is", False),
    ("book me tomorrow", False), ("Linda Park", True), ("Dr. Kim Park", True),
    ("Mary-Jo O'Neil", True), ("Dr.", False),
])
def test_a_name_must_look_like_a_persons_name(text: str, expected: bool) -> None:
    assert looks_like_name(text) is expected


@pytest.mark.parametrize("text, code", [
    ("60618", "60618"), ("zip is 60618", "60618"), ("it's 60618", "60618"),
    ("60614 sorry", "60614"), ("60625 thanks", "60625"),
    ("2231 W Roscoe St 60618", None), ("60618 60614", None),
])
def test_a_zip_sent_alone_is_read(text: str, code: str | None) -> None:
    assert read_postal_code(text) == code


@pytest.mark.parametrize("text", [
    "about 14 years old", "50 gallon gas", "60614 sorry", "its 3 hours now", "20 years old",
])
def test_a_count_or_a_zip_with_a_word_is_never_an_address(text: str) -> None:
    assert read_signup(text).address is None


@pytest.mark.parametrize("text", [
    "cmon im like 3 blocks from 60613. can you make an exception?",
    "we're only 2 miles from 60614, please",
    "about 5 minutes from 60657",
    "i live 10 min away from 60640",
    "literally 4 blocks away, 60618",
])
def test_a_distance_from_a_zip_is_neither_an_address_nor_a_name(text: str) -> None:
    read = read_signup(text)
    assert read.address is None and read.name is None
    assert read_details(text + " Jo Smith") is None


def test_a_street_named_by_a_measure_word_is_still_a_street() -> None:
    assert read_signup("Jo Smith, 12 Gas Light Ln 60614").address == Address(
        "12 Gas Light Ln", "", "60614")


@pytest.mark.parametrize("text", ["Ya", "Hablan", "Nevermind", "Whatever", "Anyone?", "Perfect"])
def test_an_ordinary_word_alone_is_never_a_name(text: str) -> None:
    assert read_signup(text).name is None


@pytest.mark.parametrize("text, name", [
    ("hi this is Lena Park, need a plumber", "Lena Park"),
    ("Hey this is Tom Reyes, our furnace stopped working", "Tom Reyes"),
    ("my name is jo smith and my furnace is out", "Jo Smith"),
    ("this is urgent, my basement is flooding", None),
    ("need a plumber asap", None),
])
def test_a_name_introduced_in_a_request_is_read(text: str, name: str | None) -> None:
    assert introduced_name(text) == name
