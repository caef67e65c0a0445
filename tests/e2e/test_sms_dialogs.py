"""Whole conversations by SMS through the signed Twilio webhook, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from api.bootstrap import Container
from tests.e2e.conftest import ADMIN
from tests.e2e.sms import SMS_PATH, Phone, converse, inbound_params, post_signed, replies_in

NEW_NUMBER = "+13125559876"
MARIA = "+15550100001"  # a seeded customer with two open quotes, Q-1041 and Q-1042
OTHER_CUSTOMER = "+15550100002"


def appointments_of(client: TestClient, phone: str) -> list[dict[str, Any]]:
    response = client.get("/api/appointments", params={"phone": phone, "include_cancelled": True},
                          headers=ADMIN)
    assert response.status_code == 200
    return list(response.json())


def quote(client: TestClient, number: str) -> dict[str, Any]:
    response = client.get("/api/quotes", headers=ADMIN)
    assert response.status_code == 200
    [found] = [q for q in response.json() if q["number"] == number]
    return dict(found)


def book_as_a_new_customer(phone: Phone) -> None:
    converse(phone, [
        ("AC's out, can someone come tomorrow morning?", "name and service address"),
        ("Dana Whitfield, 4410 N Clark St, Chicago 60640", "1)"),
        ("2", "Booked"),
    ])


def test_a_new_number_books_by_sms_and_the_visit_appears_in_the_api(sms_client: TestClient) -> None:
    phone = Phone(sms_client, NEW_NUMBER)
    assert appointments_of(sms_client, NEW_NUMBER) == []
    first = phone.send("AC's out, can someone come tomorrow morning?")
    assert first.status_code == 200
    assert first.headers["content-type"].startswith("application/xml")
    assert first.text.count("<Message>") == 1
    offers = phone.text("Dana Whitfield, 4410 N Clark St, Chicago 60640")
    assert "Thanks, Dana" in offers and "1)" in offers and "3)" in offers
    confirmation = phone.text("2")
    assert "Booked" in confirmation and "Tue Mar 3" in confirmation
    assert len(confirmation) <= 320
    [visit] = appointments_of(sms_client, NEW_NUMBER)
    assert visit["status"] == "booked"
    assert visit["technician_name"].split()[0] in confirmation


def test_the_new_customer_asks_for_status_reschedules_and_cancels(sms_client: TestClient) -> None:
    phone = Phone(sms_client, NEW_NUMBER)
    book_as_a_new_customer(phone)
    converse(phone, [
        ("where's the tech?", "Tue Mar 3"),
        ("can we move it to friday afternoon?", "Fri Mar 6"),
        ("1", "to Fri Mar 6"),
        ("cancel my appointment", "Reply Y or N"),
        ("Y", "cancelled"),
    ])
    [visit] = appointments_of(sms_client, NEW_NUMBER)
    assert visit["status"] == "cancelled"
    assert visit["start"]["local"].startswith("2026-03-06")


def test_a_retried_message_sid_gets_the_same_answer_and_books_nothing_twice(
        sms_client: TestClient) -> None:
    phone = Phone(sms_client, NEW_NUMBER)
    converse(phone, [("AC's out, can someone come tomorrow morning?", "name"),
                     ("Dana Whitfield, 4410 N Clark St, Chicago 60640", "1)")])
    choice = inbound_params(NEW_NUMBER, "2", sid="SM" + "5" * 32)
    first = post_signed(sms_client, SMS_PATH, choice)
    assert "Booked" in first.text
    # Twilio retries only when our answer never reached it: the retry gets the stored answer.
    replay = post_signed(sms_client, SMS_PATH, choice)
    assert replay.status_code == 200
    assert replies_in(replay.text) == replies_in(first.text)
    assert len(appointments_of(sms_client, NEW_NUMBER)) == 1
    thread = sms_client.get("/api/messages", params={"phone": NEW_NUMBER}, headers=ADMIN).json()
    assert [m["body"] for m in thread if m["direction"] == "in"].count("2") == 1


def test_stop_gets_no_reply_and_nothing_more_is_answered_until_start(
        sms_client: TestClient) -> None:
    phone = Phone(sms_client, MARIA)
    assert phone.text("STOP") == ""
    assert phone.text("hi") == ""
    assert phone.text("start") == ""  # Twilio answers carrier keywords itself
    assert "Northwind" in phone.text("hi")


def test_a_customer_approves_one_of_two_quotes_by_its_number(sms_client: TestClient) -> None:
    phone = Phone(sms_client, MARIA)
    converse(phone, [
        ("I want to approve the quote", "Which quote"),
        ("Q-1042", "$2,100.00"),
        ("Y", "approved"),
    ])
    assert quote(sms_client, "Q-1042")["state"] == "approved"
    assert quote(sms_client, "Q-1041")["state"] != "approved"


def test_another_customers_quote_number_is_refused_without_revealing_it(
        sms_client: TestClient) -> None:
    answer = Phone(sms_client, OTHER_CUSTOMER).text("approve quote Q-1042")
    assert "2,100" not in answer and "Furnace" not in answer
    assert quote(sms_client, "Q-1042")["state"] != "approved"


def test_a_20000_character_text_gets_an_answer_not_a_server_error(sms_client: TestClient) -> None:
    response = Phone(sms_client, MARIA).send("my furnace is broken " * 1000)
    assert response.status_code == 200
    stored = sms_client.get("/api/messages", params={"phone": MARIA}, headers=ADMIN).json()
    assert max(len(m["body"]) for m in stored if m["direction"] == "in") <= 1600


def test_every_text_in_and_out_is_listed_for_the_number(sms_client: TestClient,
                                                        sms_container: Container) -> None:
    phone = Phone(sms_client, MARIA)
    phone.text("hi")
    phone.text("where's the tech?")
    thread = sms_client.get("/api/messages", params={"phone": MARIA}, headers=ADMIN).json()
    assert [(m["direction"], m["status"]) for m in thread[-4:]] == [
        ("in", "received"), ("out", "replied"), ("in", "received"), ("out", "replied")]


def test_odd_texts_get_well_formed_twiml_not_a_server_error(sms_client: TestClient) -> None:
    from tests.e2e.sms import replies_in

    phone = Phone(sms_client, MARIA)
    for body in ["", "   ", "\U0001f600\U0001f527", "</Message><Message>x", "a & b < c", "\x00\x01",
                 "STOP please? no wait", "2" * 300]:
        response = phone.send(body)
        assert response.status_code == 200, (body, response.text)
        for reply in replies_in(response.text):
            assert len(reply) <= 320
