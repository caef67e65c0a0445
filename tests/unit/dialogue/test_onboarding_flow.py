"""Onboarding an unknown number: name and address in one text, then on with what was asked."""

from __future__ import annotations

from domain.messages import MessageStatus
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


def test_an_unreadable_address_is_asked_for_again_and_nothing_is_created(
        chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(NEWCOMER, [("hello", "name and service address"),
                               ("Pat", "couldn't read that")])
    assert chat.changed_since(before) == set()


def test_an_address_outside_the_area_is_offered_a_call_and_not_set_up(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(NEWCOMER, [("hi, I need a plumber", "name and service address")])
    [question] = chat.text(NEWCOMER, "Pat Lee, 40 Oak Ave, Springfield 62701").replies
    assert question.expects.value == "yes_no"
    assert question.text.startswith("Sorry, we don't serve ZIP 62701 yet.")
    chat.transcript(NEWCOMER, [("yes", "will call you shortly")])
    assert chat.changed_since(before) == {"notices", "outbox"}
    [notice] = chat.notices()
    assert notice.status is MessageStatus.QUEUED and "A new number" in notice.body
    assert chat.contact(NEWCOMER) is None


def test_no_to_the_call_outside_the_area_leaves_everything_as_it_was(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(NEWCOMER, [
        ("hi, I need a plumber", "name and service address"),
        ("Pat Lee, 40 Oak Ave, Springfield 62701", "Reply Y or N"),
        ("no", "Text us anytime"),
    ])
    assert chat.changed_since(before) == set()


def test_a_stranger_who_opted_out_is_not_onboarded_and_gets_nothing(chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(NEWCOMER, [("STOP", None), ("hi", None),
                               ("Pat Lee, 40 Oak Ave, Chicago 60625", None)])
    assert chat.changed_since(before) == {"consents"}  # the opt-out itself, nothing else
    assert chat.opted_out(NEWCOMER) and chat.contact(NEWCOMER) is None
