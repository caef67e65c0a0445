"""Every question in a text gets its answer: a price asked beside the hours, more work asked
about after "also", a price asked beside an address retyped (the address is still put right)."""

from __future__ import annotations

from tests.unit.dialogue.chat_world import NEWCOMER, ChatWorld


def test_a_price_asked_beside_the_hours_is_answered_too(chat: ChatWorld) -> None:
    said = chat.text(NEWCOMER, "hi are you guys open on sundays? and whats the charge just "
                               "to come out").text
    assert "Sunday" in said and "$" in said
    assert chat.contact(NEWCOMER) is None


def test_more_work_asked_after_also_gets_its_own_answer(chat: ChatWorld) -> None:
    said = chat.text(NEWCOMER, "do u do roofing or gutters? also drain cleaning").text
    assert "don't do roofing or gutters" in said and "Yes, we do drain cleaning" in said
    assert "name and the service address" not in said  # a question, no sign-up asked


def test_a_price_asked_beside_an_address_retyped_is_answered(chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("Carl Roth, 2231 W Roscoe St, Chicago 60618. need an electrician for a dead outlet",
         "Reply 1, 2 or 3")])
    said = chat.text(NEWCOMER, "oh and its 2213 W Roscoe St not 2231, typo lol. how much is a "
                               "drain cleaning btw").text
    assert "corrected your address to 2213 W Roscoe St" in said and "$" in said


def test_an_install_priced_names_the_work_and_asks_the_office_to_confirm(chat: ChatWorld) -> None:
    before = len(chat.notices())
    said = chat.text(NEWCOMER, "how much to install a ceiling fan").text
    assert "install a ceiling fan" in said and "$" in said and "office" in said
    assert len(chat.notices()) == before + 1
    assert chat.contact(NEWCOMER) is None
