"""A business signing up: several addresses in one text (one outside the area), the account
named after the business, and another location added to the account later."""

from __future__ import annotations

from domain.parties import AccountKind
from tests.unit.dialogue.chat_world import JOE, NEWCOMER, ChatWorld


def test_of_two_addresses_given_at_once_the_served_one_is_set_up_and_the_other_told(
        chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [("Hi, this is Tom Brennan, we need our furnaces serviced",
                                "service address")])
    said = chat.text(NEWCOMER, "first one is 2901 N Clark St 60657 and the second is "
                               "40 Oak Ave, chicago 60625").text
    assert "2901 N Clark St (ZIP 60657) is outside our service area" in said
    assert "Thanks, Tom! You're set up at 40 Oak Ave, Chicago 60625." in said
    assert "First" not in said
    [notice] = chat.notices()
    assert "lead outside area: 2901 N Clark St, ZIP 60657 (Tom Brennan)" in notice.body


def test_the_account_is_named_after_the_business_and_the_contact_keeps_their_name(
        chat: ChatWorld) -> None:
    said = chat.text(JOE, "the account should be Brennan's Pub").text
    assert "Your account is now under Brennan's Pub." in said
    contact = chat.contact(JOE)
    assert contact is not None and contact.name != "Brennan's Pub"
    account = chat.uow.accounts.get(contact.account_id)
    assert account is not None and (account.name, account.kind) == ("Brennan's Pub",
                                                                     AccountKind.COMPANY)


def test_a_new_location_is_added_to_the_account_and_the_office_told(chat: ChatWorld) -> None:
    before = chat.model()
    said = chat.text(JOE, "we're opening a third spot at 4420 N Winchester Ave 60640 in "
                          "january, can you add that one to the account too").text
    assert "I've added 4420 N Winchester Ave, Chicago 60640 to your account" in said
    assert "Reply 1" not in said
    assert "new location added to the account: 4420 N Winchester Ave" in chat.notices()[0].body
    assert chat.changed_since(before) <= {"sites", "notices", "timeline", "outbox"}


def test_a_new_location_outside_the_area_is_not_added(chat: ChatWorld) -> None:
    said = chat.text(JOE, "please add our new location 2901 N Clark St 60657").text
    assert "outside the area" in said
    assert not any(s.address == "2901 N Clark St" for s in chat.uow.sites.find())


def test_every_served_address_given_at_sign_up_is_on_the_account(chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [("Hi, this is Tom Brennan, we need our furnaces serviced",
                                "service address")])
    said = chat.text(NEWCOMER, "first one is 40 Oak Ave, chicago 60625 and the second is "
                               "4420 N Winchester Ave 60640").text
    assert "set up at 40 Oak Ave" in said and "also added 4420 N Winchester Ave" in said
    contact = chat.contact(NEWCOMER)
    assert contact is not None
    assert {s.address for s in chat.uow.sites.find() if s.account_id == contact.account_id} == {
        "40 Oak Ave", "4420 N Winchester Ave"}

