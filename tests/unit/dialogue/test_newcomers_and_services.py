"""New customers and what the business does: loose sign-ups, a question beside the details,
services asked about (yes with the work named, the office to confirm what no service names),
towns asked about together, a spreading leak, a Spanish question about the visit's day."""

from __future__ import annotations

from bot.dialogue.addresses import introduced_name, zip_guesses
from domain.handlers import respelled
from tests.unit.dialogue.chat_world import MARIA, NEWCOMER, ChatWorld


def test_a_zip_guessed_with_its_town_or_neighbourhood_is_the_zip() -> None:
    assert zip_guesses("60626 i believe? its chicago") == ["60626"]
    assert zip_guesses("60626 i think, edgewater") == ["60626"]
    assert zip_guesses("60626, Pat Lee") == []  # a name beside it: not a ZIP alone


def test_a_full_name_after_im_at_a_clause_end_is_a_name_and_a_feeling_is_not() -> None:
    assert introduced_name("heat is out since last night. Im Dana Cruz") == "Dana Cruz"
    assert introduced_name("im freezing here, can someone come") is None


def test_a_zip_guessed_with_the_town_never_becomes_the_name(chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("no hot water, can someone come tomorrow?", "name and service address"),
        ("Pat Lee. 40 Oak Ave", "ZIP"),
        ("60625 i think? its chicago", "Thanks, Pat!"),
    ])
    contact = chat.contact(NEWCOMER)
    assert contact is not None and contact.name == "Pat Lee"


def test_an_address_sent_with_a_price_question_is_kept_and_the_sign_up_goes_on(
        chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("my shower drain is backed up", "name and service address"),
        ("Pat Lee", "address"),
    ])
    said = chat.text(NEWCOMER, "40 Oak Ave, Chicago 60625. what do you charge for a drain cleaning?")
    assert "$" in said.text and "40 Oak Ave" in said.text
    assert chat.contact(NEWCOMER) is not None


def test_a_yes_names_the_work_asked_when_the_service_name_does_not(chat: ChatWorld) -> None:
    said = chat.text(NEWCOMER, "do you guys put in ceiling fans?").text
    assert "ceiling fans" in said and "electrical" in said.lower()


def test_work_no_service_names_is_for_the_office_to_confirm(chat: ChatWorld) -> None:
    before = len(chat.notices())
    said = chat.text(NEWCOMER, "do you do chimney sweeping?").text
    assert "office" in said and "chimney sweeping" in said.lower()
    assert len(chat.notices()) == before + 1


def test_a_services_question_beside_the_hours_gets_both_answers(chat: ChatWorld) -> None:
    said = chat.text(NEWCOMER, "what time do you open saturday? and do you fix garbage disposals").text
    assert "garbage disposals" in said and "Sat" in said


def test_towns_asked_about_together_are_each_answered(chat: ChatWorld) -> None:
    said = chat.text(NEWCOMER, "we have places in Chicago and Skokie, do you cover both?").text
    assert "Chicago" in said and "Skokie" in said and "outside" in said


def test_a_spreading_leak_gets_how_to_stop_the_water_first(chat: ChatWorld) -> None:
    said = chat.text(MARIA, "the leak under the bathroom sink is getting worse, can someone come").text
    assert said.lower().index("valve") < said.index("1)")


def test_a_spanish_question_about_the_visit_gets_its_day_in_spanish(chat: ChatWorld) -> None:
    said = chat.text(MARIA, "hola, cuando viene el tecnico?").text
    assert "visita" in said and "5 de mar" in said and "llamar" in said


def test_a_street_respelled_is_the_same_place_and_another_street_is_not() -> None:
    assert respelled("1420 W Wrightwod Ave", "1420 W Wrightwood Ave")
    assert not respelled("1420 W Wrightwod Ave", "1420 W Belmont Ave")
    assert not respelled("1420 W Wrightwod Ave", "1240 W Wrightwood Ave")


def test_a_street_spelled_right_after_booking_corrects_the_address_in_place(
        chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("Pat Lee, 40 Kenmoor Ave, Chicago 60625", "You're set up at 40 Kenmoor Ave"),
        ("no hot water, tomorrow", "1)"),
        ("1", "Booked"),
        ("sorry its Kenmore, i spelled it wrong", "40 Kenmore Ave"),
    ])
    contact = chat.contact(NEWCOMER)
    assert contact is not None
    sites = [s for s in chat.uow.sites.find() if s.account_id == contact.account_id]
    assert [s.address for s in sites] == ["40 Kenmore Ave"]


def test_a_flood_told_with_the_water_already_off_is_never_told_to_shut_it_again(
        chat: ChatWorld) -> None:
    said = chat.text(MARIA, "pipe burst under the kitchen sink, water all over, i closed the valve").text
    assert "Shut off the water main now" not in said
    assert "keep the main off" in said and "outlets" in said
