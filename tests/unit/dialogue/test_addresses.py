"""Reading a newcomer's name and service address from the one text they send."""

from __future__ import annotations

import pytest

from bot.dialogue.addresses import NewCustomerDetails, read_details


@pytest.mark.parametrize("text, name, street, city, postal_code", [
    ("Maria Rivera, 12 Elm St, Chicago 60614", "Maria Rivera", "12 Elm St", "Chicago", "60614"),
    ("Maria Rivera\n12 Elm St\nChicago 60614", "Maria Rivera", "12 Elm St", "Chicago", "60614"),
    ("I'm Maria Rivera 12 Elm Street Apt 3 Chicago IL 60614", "Maria Rivera",
     "12 Elm Street Apt 3", "Chicago", "60614"),
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
