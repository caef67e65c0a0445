"""Questions about the business (hours, area, services, prices) answered from the company's data."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest

from bot.dialogue.engine import DialogueEngine
from bot.nlu import Parser
from domain.clock import FixedClock
from domain.company import Company, parse_company
from tests.fakes import NOW, FakeUnitOfWork, make_bus
from tests.unit.dialogue.chat_world import JOE, MARIA, NEWCOMER, ChatWorld

DESERT_AIR = Path(__file__).resolve().parents[2] / "data" / "desert_air.toml"


def company_world(company: Company) -> ChatWorld:
    """Another company's bot on the fakes: its business and catalog, nobody known yet."""
    uow = FakeUnitOfWork()
    clock = FixedClock(NOW)
    bus = make_bus(uow, clock, company.business, company.catalog)
    return ChatWorld(uow=uow, clock=clock, engine=DialogueEngine(
        bus=bus, parser=Parser(company.catalog), business=company.business, catalog=company.catalog))


@pytest.fixture(scope="module")
def desert_air() -> Company:
    return parse_company(DESERT_AIR.read_text())


def answer_changes_nothing(chat: ChatWorld, phone: str, text: str) -> str:
    """The answer to `text`, checked to change no record and to count as no misunderstanding."""
    before = chat.model()
    chat.transcript(phone, [("asdf", "didn't get that")])
    said = chat.text(phone, text).text
    chat.transcript(phone, [("qwer zxcv", "didn't get that")])  # still the first misunderstanding
    assert chat.changed_since(before) == set()
    assert len(said) <= 320
    return said


# Hours ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("are you open saturday?", "Yes, we're open Saturday, 8am-2pm"),
    ("do you work sundays", "closed Sunday"),
    ("r u guys open on sunday", "closed Sunday"),
    ("what are your hours", "Mon-Fri 7am-7pm, Sat 8am-2pm, closed Sun"),
    ("what time do you close today", "open today, 7am-7pm"),  # Monday
    ("are you open on weekends?", "open Saturday 8am-2pm, closed Sunday"),
    ("do you do weekends?", "open Saturday 8am-2pm, closed Sunday"),
    ("what days do you work?", "Mon-Fri 7am-7pm, Sat 8am-2pm, closed Sun"),
    ("are you guys open right now?", "Yes, we're open now, until 7pm"),  # Monday 9am
])
def test_business_hours_are_read_from_the_business_settings(chat: ChatWorld, text: str,
                                                            expected: str) -> None:
    assert expected in answer_changes_nothing(chat, MARIA, text)


def test_open_now_is_read_against_the_clock(chat: ChatWorld) -> None:
    chat.clock.advance(timedelta(hours=11))  # Monday 8pm
    said = chat.text(MARIA, "are you open right now?").text
    assert said.startswith("We're closed right now") and "Mon-Fri 7am-7pm" in said


@pytest.mark.parametrize("text", ["anyone there?", "is anybody working today or not",
                                  "so nobody is in the office right now?", "anyone around rn"])
def test_asking_whether_anyone_is_there_is_answered_against_the_clock(chat: ChatWorld,
                                                                      text: str) -> None:
    assert "Yes, we're open now, until 7pm" in answer_changes_nothing(chat, MARIA, text)
    chat.clock.advance(timedelta(hours=11))  # Monday 8pm
    assert chat.text(MARIA, text).text.startswith("We're closed right now")


@pytest.mark.parametrize("text", ["anyone there rn? my toilet is running nonstop",
                                  "is anybody working today? my faucet wont stop dripping"])
def test_anyone_there_with_a_problem_after_hours_says_closed_and_still_offers_times(
        chat: ChatWorld, text: str) -> None:
    chat.clock.advance(timedelta(hours=11))  # Monday 8pm
    said = chat.text(MARIA, text).text
    assert said.startswith("We're closed right now") and "Reply 1" in said


def test_anyone_there_from_a_stranger_after_hours_says_closed_before_the_sign_up(
        chat: ChatWorld) -> None:
    chat.clock.advance(timedelta(hours=11))  # Monday 8pm
    said = chat.text(NEWCOMER, "anyone working today? my kitchen faucet wont stop dripping").text
    assert said.startswith("We're closed right now") and "name and service address" in said


def test_someone_there_to_fix_it_is_no_hours_question(chat: ChatWorld) -> None:
    assert "closed" not in chat.text(MARIA, "is someone there to fix my sink tomorrow?").text


def test_holiday_hours_are_not_guessed(chat: ChatWorld) -> None:
    said = answer_changes_nothing(chat, MARIA, "are you open on christmas?")
    assert "Holiday hours may differ; please call +13125550100" in said and "Mon-Fri 7am-7pm" in said


def test_a_closed_day_is_answered_with_the_whole_week(chat: ChatWorld) -> None:
    said = chat.text(MARIA, "do you work sundays").text
    assert said.startswith("Sorry, we're closed Sunday.") and "Mon-Fri 7am-7pm" in said


def test_asking_to_work_on_equipment_is_no_question_about_hours(chat: ChatWorld) -> None:
    said = chat.text(MARIA, "do you guys work on boilers?").text
    assert "Our hours" not in said and "Yes, we work on boilers" in said
    assert "heating & cooling repair" in said


# Service area -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["do you serve oak park?", "do you service 60302?",
                                  "do you come out to Oak Park", "are you in 60304"])
def test_a_served_town_or_zip_is_a_yes_naming_its_zone(chat: ChatWorld, text: str) -> None:
    said = answer_changes_nothing(chat, MARIA, text)
    assert said.startswith("Yes, we serve") and "West Suburbs" in said


@pytest.mark.parametrize("text, place", [("do you come out to evanston", "Evanston"),
                                         ("do you cover 60201?", "60201 in Evanston"),
                                         ("do you guys serve Naperville", "Naperville")])
def test_a_town_or_zip_outside_the_zones_is_an_honest_no_listing_what_is_served(
        chat: ChatWorld, text: str, place: str) -> None:
    said = answer_changes_nothing(chat, MARIA, text)
    assert said.startswith(f"Sorry, we don't serve {place}") and "outside our service area." in said
    assert all(zip_code in said for zip_code in ("60613", "60302", "60653"))
    assert "Oak Park" in said  # towns, read from the zones' ZIPs


@pytest.mark.parametrize("text, place", [
    ("Hello, do you service Evanston? need a furnace tune up", "Evanston"),
    ("do you guys cover naperville? I need a plumber next week", "Naperville"),
    ("can you come to 60201? my sink is leaking", "60201 in Evanston")])
def test_a_request_from_outside_the_area_is_told_no_before_any_sign_up(
        chat: ChatWorld, text: str, place: str) -> None:
    before = chat.model()
    said = chat.text(NEWCOMER, text).text
    assert said.startswith(f"Sorry, we don't serve {place}")
    assert chat.changed_since(before) <= {"conversations"}


def test_a_served_town_asked_again_mid_text_is_answered_and_the_sign_up_carries_the_request_on(
        chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [
        ("do you service evanston? need a furnace tune up", "we don't serve Evanston"),
        ("ah ok. what about oak park? my moms place", "Yes, we serve Oak Park"),
        ("i asked if you serve oak park 60302", "Yes, we serve 60302"),
        ("618 N Kenilworth Ave Oak Park", "name"),
        ("Helen Kowal", "60302 or 60304"),
        ("60302", "For the heating & cooling tune-up, text a day and time"),
    ])
    assert chat.contact(NEWCOMER) is not None and chat.notices() == []


def test_a_place_it_cannot_find_is_not_guessed(chat: ChatWorld) -> None:
    said = answer_changes_nothing(chat, MARIA, "do you serve lincoln park?")
    assert "not sure where Lincoln Park is" in said and "60614" in said
    assert "Yes" not in said and "outside" not in said


def test_asking_which_areas_lists_every_zone_with_its_zips(chat: ChatWorld) -> None:
    said = answer_changes_nothing(chat, MARIA, "what areas do you serve?")
    assert all(zone in said for zone in ("North Side", "West Suburbs", "South Side"))
    assert "60130" in said


def test_a_stranger_may_ask_about_the_area_before_signing_up(chat: ChatWorld) -> None:
    before = chat.model()
    said = chat.text(NEWCOMER, "hi, do you service 60614?").text
    assert said.startswith("Yes, we serve 60614") and "North Side" in said
    assert chat.contact(NEWCOMER) is None
    assert chat.changed_since(before) == set()


@pytest.mark.parametrize("follow_up", ["dang. what about my moms place, shes in 60640",
                                       "ok and 60614?", "my sister is in 60614 tho"])
def test_a_zip_right_after_an_area_answer_asks_the_same_of_it(chat: ChatWorld,
                                                             follow_up: str) -> None:
    chat.transcript(NEWCOMER, [("do you cover 60201?", "outside our service area")])
    said = chat.text(NEWCOMER, follow_up).text
    assert said.startswith("Yes, we serve 60")
    assert chat.contact(NEWCOMER) is None


def test_a_full_address_after_an_area_answer_still_signs_up(chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [("do you serve 60614?", "Yes, we serve 60614"),
                               ("Jen Walsh, 1820 N Halsted St, Chicago 60614", "You're set up")])


# Services and prices ----------------------------------------------------------------------------

@pytest.mark.parametrize("thing", ["roofing", "appliances", "pools"])
def test_a_service_not_offered_is_a_no_with_what_is_offered(chat: ChatWorld, thing: str) -> None:
    said = answer_changes_nothing(chat, MARIA, f"do you do {thing}?")
    assert said.startswith(f"Sorry, we don't do {thing}.")
    assert "drain cleaning" in said and "electrical repair" in said


@pytest.mark.parametrize("text, said", [
    ("quick q do u fix fridges or washing machines", "we don't fix fridges or washing machines"),
    ("i just want to know if you repair appliances", "we don't repair appliances"),
    ("its rain water not a pipe lol. do u do roofing or not", "we don't do roofing"),
    ("can you guys do pool heaters", "we don't do pool heaters"),
    ("you work on pool equipment?", "we don't work on pool equipment"),
    ("do you guys fix dryers?", "we don't fix dryers"),
])
def test_another_trades_work_is_an_honest_no_even_when_a_keyword_is_ours(
        chat: ChatWorld, text: str, said: str) -> None:
    assert said in answer_changes_nothing(chat, MARIA, text)


def test_a_stranger_hears_another_trades_no_before_the_sign_up(chat: ChatWorld) -> None:
    said = chat.text(NEWCOMER, "do u guys repair washing machines?").text
    assert "we don't repair washing machines" in said
    assert chat.contact(NEWCOMER) is None


@pytest.mark.parametrize("text", ["do you do washer hookups?", "can you install a gas line for my dryer",
                                  "do you do hot tub wiring?"])
def test_our_trades_part_of_an_appliance_is_not_refused(chat: ChatWorld, text: str) -> None:
    assert "we don't" not in chat.text(MARIA, text).text


@pytest.mark.parametrize("text, service, price", [
    ("do you do furnace tune-ups?", "heating & cooling tune-up", "$129.00"),
    ("do you guys do drain cleaning", "drain cleaning", "$149.00"),
    ("do you install water heaters?", "water heater service", "$99.00"),
])
def test_a_service_offered_is_a_yes_with_its_price_and_how_to_book(chat: ChatWorld, text: str,
                                                                   service: str, price: str) -> None:
    said = answer_changes_nothing(chat, MARIA, text)
    assert said.startswith(f"Yes, we do {service} ({price}).") and "To book" in said


def test_what_services_lists_the_catalog(chat: ChatWorld) -> None:
    said = answer_changes_nothing(chat, MARIA, "what services do you offer?")
    assert said.startswith("We do heating & cooling repair") and "electrical repair" in said


def test_the_price_of_a_named_service_comes_from_the_catalog(chat: ChatWorld) -> None:
    said = answer_changes_nothing(chat, MARIA, "how much for a drain cleaning?")
    assert said.startswith("Drain cleaning: $149.00, our standard price.")
    assert "Plumbing repair: $89.00" in chat.text(MARIA, "how much to fix a leaky faucet").text


@pytest.mark.parametrize("text", ["what's your service call fee?", "how much do you charge",
                                  "how much is a service call"])
def test_the_service_call_fee_lists_the_catalog_prices(chat: ChatWorld, text: str) -> None:
    said = answer_changes_nothing(chat, MARIA, text)
    assert said.startswith("Our standard prices:") and "drain cleaning $149.00" in said


def test_a_booking_that_asks_the_price_too_still_books(chat: ChatWorld) -> None:
    said = chat.text(MARIA, "book a drain cleaning tomorrow, how much is it?").text
    assert "Drain cleaning: $149.00" in said and "Reply 1, 2 or 3" in said


def test_asking_for_a_visit_is_not_answered_as_a_question_about_services(chat: ChatWorld) -> None:
    said = chat.text(MARIA, "my sink is leaking, can you fix it?").text
    assert "Yes, we do" not in said and "Reply 1, 2 or 3" in said


def test_a_price_asked_about_a_quote_is_left_to_the_quotes(chat: ChatWorld) -> None:
    said = chat.text(JOE, "how much was the quote again?").text
    assert "standard price" not in said


# Another company gives its own answers ----------------------------------------------------------

def test_another_company_answers_from_its_own_file(desert_air: Company) -> None:
    chat = company_world(desert_air)
    chat.transcript(NEWCOMER, [
        ("are you open saturday?", "Sorry, we're closed Saturday. Our hours: Mon-Fri 6am-3pm"),
        ("what time do you open today", "open today, 6am-3pm"),
        ("do you serve mesa?", "Yes, we serve Mesa (our East Valley area"),
        ("do you serve tucson?", "Sorry, we don't serve Tucson: it's outside our service area"),
        ("do you serve oak park?", "not sure where Oak Park is"),
        ("do you cover 60302", "85201"),
        ("do you do pools?", "Yes, we do pool pump repair ($145.00)"),
        ("do you do roofing?", "We do evaporative cooler service and pool pump repair"),
        ("how much for a swamp cooler service", "Evaporative cooler service: $119.00"),
    ])
    assert chat.contact(NEWCOMER) is None


def test_a_service_without_a_price_is_left_to_the_office(desert_air: Company) -> None:
    free = tuple(dataclasses.replace(s, price_cents=0) if s.id == "pool_pump" else s
                 for s in desert_air.catalog.services)
    company = dataclasses.replace(desert_air, catalog=dataclasses.replace(desert_air.catalog,
                                                                          services=free))
    chat = company_world(company)
    chat.transcript(NEWCOMER, [
        ("how much to fix a pool pump?", "The office will confirm the price of pool pump repair"),
        ("do you do pools?", "Yes, we do pool pump repair (price confirmed by the office)"),
    ])


def test_a_long_catalog_or_many_zones_still_fit_one_reply(desert_air: Company) -> None:
    services = tuple(dataclasses.replace(desert_air.catalog.services[0], id=f"s{n}",
                                         name=f"Very long service name number {n}", keywords=())
                     for n in range(15))
    zones = tuple(dataclasses.replace(desert_air.business.zones[0], id=f"z{n}", name=f"Zone {n}",
                                      postal_codes=(f"850{n:02d}",)) for n in range(30))
    company = dataclasses.replace(
        desert_air, catalog=dataclasses.replace(desert_air.catalog, services=services),
        business=dataclasses.replace(desert_air.business, zones=zones))
    chat = company_world(company)
    for text in ("what services do you offer?", "what areas do you serve?", "how much do you charge",
                 "do you serve 60614"):
        said = chat.text(NEWCOMER, text).text
        assert len(said) <= 320 and "more" in said, said


# Asked while the bot waits on its own question ------------------------------------------------

def test_a_question_while_choosing_a_time_is_answered_and_the_offers_stay_open(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("the outlet in the kitchen stopped working", "Reply 1, 2 or 3")])
    before = chat.model()
    chat.transcript(MARIA, [
        ("how much is it?", "Electrical repair: $95.00, our standard price."),
        ("are you open saturday?", "Back to my question: Which of the times I sent suits you? "
                                   "Send its number (1-3)."),
        ("do you serve oak park?", "Yes, we serve Oak Park"),
    ])
    assert chat.changed_since(before) == set()
    chat.transcript(MARIA, [("2", "Booked: Electrical repair on Wed Mar 4, 12-2pm")])


def test_a_price_question_at_a_quote_is_left_to_the_quote(chat: ChatWorld) -> None:
    chat.transcript(JOE, [("approve my quote", "Reply Y or N")])
    said = chat.text(JOE, "how much is it?").text
    assert "standard price" not in said and "Q-2001" in said


# Several questions in one text, and follow-ups --------------------------------------------------

@pytest.mark.parametrize("text", ["what are your hours? open saturdays?",
                                  "whats your hours, and are you open sunday",
                                  "when are you open? do you work saturday"])
def test_the_hours_asked_with_a_day_give_the_day_and_the_whole_week(chat: ChatWorld,
                                                                     text: str) -> None:
    said = answer_changes_nothing(chat, MARIA, text)
    assert "Mon-Fri 7am-7pm, Sat 8am-2pm, closed Sun" in said


def test_one_day_asked_alone_gets_that_day(chat: ChatWorld) -> None:
    said = answer_changes_nothing(chat, MARIA, "what are your hours on saturday?")
    assert "Saturday, 8am-2pm" in said and "Mon-Fri" not in said


@pytest.mark.parametrize("follow_up", ["how much tho", "how much is it?", "and the price?",
                                       "whats that cost"])
def test_a_price_asked_right_after_a_service_answer_is_that_services_price(
        chat: ChatWorld, follow_up: str) -> None:
    chat.transcript(MARIA, [("do you do furnace tune ups?", "tune-up")])
    said = chat.text(MARIA, follow_up).text
    assert "$129.00" in said and "$89.00" not in said


def test_what_about_another_thing_asks_the_same_question_of_it(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("do you fix refrigerators", "don't fix refrigerators"),
                            ("what about pool pumps", "don't do pool pumps"),
                            ("ok and what about water heaters?", "Yes, we do water heater")])


def test_a_stranger_asking_what_about_another_thing_is_not_sent_the_sign_up_form(
        chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(NEWCOMER, [("hi do you fix refrigerators", "don't fix refrigerators"),
                               ("what about pool pumps", "don't do pool pumps")])
    assert chat.changed_since(before) == set()


def test_a_price_follow_up_long_after_the_answer_is_not_guessed(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("do you do furnace tune ups?", "tune-up")])
    chat.clock.advance(timedelta(hours=2))
    assert "$129.00, our" not in chat.text(MARIA, "how much tho").text


@pytest.mark.parametrize("text", ["could you do it cheaper?", "any discounts?",
                                  "thats a lot. any cheaper option?", "can you price match?"])
def test_asking_for_a_lower_price_is_passed_to_a_person(chat: ChatWorld, text: str) -> None:
    before = chat.model()
    said = chat.text(MARIA, text).text
    assert "call you" in said and "didn't get" not in said and len(chat.notices()) == 1
    assert chat.changed_since(before) <= {"notices", "timeline", "outbox"}


def test_and_one_more_place_asks_the_same_area_question(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("do you guys go out to forest park", "Yes, we serve Forest Park"),
                            ("and maywood?", "Yes, we serve Maywood")])
