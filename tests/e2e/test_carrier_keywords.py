"""Carrier keywords through the signed Twilio webhook, as Twilio's long codes treat them.

Twilio's default opt-out keywords are STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE and
OPTOUT; START and UNSTOP (its older help pages add YES) opt back in; HELP and INFO ask for help.
Only a single-word message counts ("STOP PLEASE" or "PLEASE CANCEL" does not); fieldbot takes
the keyword in any letter case and with blanks around it. With TWILIO_HANDLES_KEYWORDS=true
Twilio has already answered the keyword, so fieldbot records it and stays silent; with false
fieldbot answers it.

After an opt-out no automated text may reach the number: a notice already queued for it is
withdrawn, and `fieldbot send-outbox` (pointed at a fake Twilio on loopback) sends nothing to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.bootstrap import Container, bootstrap
from api.cli import main
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
from tests.e2e.conftest import ADMIN, sms_settings
from tests.e2e.sms import BUSINESS_NUMBER, Phone
from tests.fake_twilio import FakeTwilio

CUSTOMER = "+13125550177"
BUSINESS = "Northwind Heating & Plumbing"
OPT_OUT = ("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT")
OPT_IN = ("START", "UNSTOP")
HELP = ("HELP", "INFO")
OPTED_OUT = f"You won't get more texts from {BUSINESS}. Reply START to resubscribe."
OPTED_IN = f"You're resubscribed to {BUSINESS} texts. Reply STOP to opt out."
NOTICE = "Your technician Dave is on the way, arriving about 10:40."


def spellings(keyword: str) -> list[str]:
    """How people type a keyword: as printed, in lower case, capitalised with stray blanks."""
    return [keyword, keyword.lower(), f"  {keyword.capitalize()} \n"]


@pytest.fixture
def fake_twilio() -> Iterator[FakeTwilio]:
    with FakeTwilio().running() as fake:
        yield fake


@contextmanager
def webhook(database_url: str, *, twilio_answers_keywords: bool
            ) -> Iterator[tuple[TestClient, Container]]:
    container = bootstrap(sms_settings(database_url,
                                       twilio_handles_keywords=twilio_answers_keywords))
    try:
        with TestClient(create_app(container=container)) as client:
            yield client, container
    finally:
        container.engine.dispose()


def a_customer(client: TestClient, number: str = CUSTOMER) -> Phone:
    """A new number onboarded by text, as any customer is."""
    phone = Phone(client, number)
    phone.text("hi, my water heater is leaking")
    assert "You're set up" in phone.text("Rosa Quinn, 12 Elm St, Chicago 60614")
    return phone


def customer(client: TestClient, number: str = CUSTOMER) -> dict[str, object]:
    [found] = client.get("/api/customers", params={"phone": number}, headers=ADMIN).json()
    assert isinstance(found, dict)
    return found


def queue_notice(container: Container, client: TestClient, number: str = CUSTOMER) -> int:
    """An automated text waiting in the outbox for the customer, due now, as a staff action
    ("technician on the way") queues one."""
    contact = customer(client, number)
    now = datetime.now(UTC)
    with container.uow_factory() as uow:
        message = uow.messages.add(Message(
            channel=Channel.SMS, direction=Direction.OUT, address=number, body=NOTICE,
            created_at=now, status=MessageStatus.QUEUED, kind=MessageKind.NOTICE,
            contact_id=int(str(contact["contact_id"])),
            account_id=int(str(contact["account_id"])), due_at=now - timedelta(minutes=1)))
        uow.commit()
    assert message.id is not None
    return message.id


def send_outbox(database_url: str, fake: FakeTwilio, monkeypatch: pytest.MonkeyPatch,
                capsys: pytest.CaptureFixture[str]) -> str:
    """`fieldbot send-outbox` once, with Twilio credentials aimed at the fake; its report line."""
    for name, value in {"TWILIO_ACCOUNT_SID": fake.account_sid,
                        "TWILIO_AUTH_TOKEN": fake.auth_token,
                        "TWILIO_FROM_NUMBER": BUSINESS_NUMBER,
                        "TWILIO_API_BASE_URL": fake.base_url, "TWILIO_ENABLED": "false"}.items():
        monkeypatch.setenv(name, value)
    capsys.readouterr()
    assert main(["send-outbox", "--database-url", database_url]) == 0
    return capsys.readouterr().out


def status_of(client: TestClient, message_id: int, number: str = CUSTOMER) -> str:
    thread = client.get("/api/messages", params={"phone": number}, headers=ADMIN).json()
    [message] = [m for m in thread if m["id"] == message_id]
    return str(message["status"])


OPT_OUT_TYPED = [typed for keyword in OPT_OUT for typed in spellings(keyword)]


@pytest.mark.parametrize("typed", OPT_OUT_TYPED, ids=repr)
def test_an_opt_out_keyword_withdraws_queued_texts_and_twilio_alone_answers_it(
        typed: str, sqlite_url: str, fake_twilio: FakeTwilio,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with webhook(sqlite_url, twilio_answers_keywords=True) as (client, container):
        phone = a_customer(client)
        notice = queue_notice(container, client)
        assert phone.text(typed) == ""  # Twilio has sent its own confirmation
        assert customer(client)["sms_opted_out"] is True
        assert status_of(client, notice) == "cancelled"
        queue_notice(container, client)  # queued by a staff action after the opt-out
        send_outbox(sqlite_url, fake_twilio, monkeypatch, capsys)
        assert fake_twilio.texts_to(CUSTOMER) == []
        assert phone.text("when is my appointment?") == ""  # nothing automated, not even a reply


@pytest.mark.parametrize("keyword", OPT_OUT)
def test_an_opt_out_keyword_is_confirmed_by_fieldbot_when_twilio_does_not_answer_keywords(
        keyword: str, sqlite_url: str, fake_twilio: FakeTwilio,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with webhook(sqlite_url, twilio_answers_keywords=False) as (client, container):
        phone = a_customer(client)
        notice = queue_notice(container, client)
        assert phone.text(keyword.lower()) == OPTED_OUT
        send_outbox(sqlite_url, fake_twilio, monkeypatch, capsys)
        assert fake_twilio.texts_to(CUSTOMER) == []
        assert status_of(client, notice) == "cancelled"


@pytest.mark.parametrize("twilio_answers_keywords", [True, False])
@pytest.mark.parametrize("typed", [t for keyword in OPT_IN for t in spellings(keyword)], ids=repr)
def test_an_opt_in_keyword_lets_automated_texts_go_out_again(
        typed: str, twilio_answers_keywords: bool, sqlite_url: str, fake_twilio: FakeTwilio,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with webhook(sqlite_url, twilio_answers_keywords=twilio_answers_keywords) as (
            client, container):
        phone = a_customer(client)
        phone.text("STOP")
        assert phone.text(typed) == ("" if twilio_answers_keywords else OPTED_IN)
        assert customer(client)["sms_opted_out"] is False
        queue_notice(container, client)
        send_outbox(sqlite_url, fake_twilio, monkeypatch, capsys)
        assert [text.body for text in fake_twilio.texts_to(CUSTOMER)] == [NOTICE]


@pytest.mark.parametrize("typed", ["YES", "yes"])
def test_yes_after_an_opt_out_does_not_opt_back_in(
        typed: str, sqlite_url: str, fake_twilio: FakeTwilio,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """fieldbot's choice: only START or UNSTOP opt back in. Twilio's long codes also take YES, so
    after YES Twilio would deliver again while fieldbot keeps withholding: the safe side."""
    with webhook(sqlite_url, twilio_answers_keywords=False) as (client, container):
        phone = a_customer(client)
        phone.text("STOP")
        assert phone.text(typed) == ""
        assert customer(client)["sms_opted_out"] is True
        queue_notice(container, client)
        send_outbox(sqlite_url, fake_twilio, monkeypatch, capsys)
        assert fake_twilio.texts_to(CUSTOMER) == []


@pytest.mark.parametrize("twilio_answers_keywords", [True, False])
@pytest.mark.parametrize("typed", [t for keyword in HELP for t in spellings(keyword)], ids=repr)
def test_a_help_keyword_is_answered_once_and_changes_no_consent(
        typed: str, twilio_answers_keywords: bool, sqlite_url: str, fake_twilio: FakeTwilio,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with webhook(sqlite_url, twilio_answers_keywords=twilio_answers_keywords) as (
            client, container):
        phone = a_customer(client)
        answer = phone.text(typed)
        if twilio_answers_keywords:
            assert answer == ""
        else:
            assert answer.startswith(f"{BUSINESS}: service visits and updates. Help: ")
            assert "Msg & data rates may apply. Reply STOP to opt out." in answer
        queue_notice(container, client)
        send_outbox(sqlite_url, fake_twilio, monkeypatch, capsys)
        assert [text.body for text in fake_twilio.texts_to(CUSTOMER)] == [NOTICE]


@pytest.mark.parametrize("typed", [
    "please stop by tomorrow", "cancel my appointment", "can you come at the end of the day?",
    "I quit smoking, now the furnace smells odd", "stopped working again", "STOP BY AT 3",
    "info on the water heater please", "help, my basement is flooding",
])
def test_a_keyword_inside_a_sentence_is_not_an_opt_out(
        typed: str, sqlite_url: str, fake_twilio: FakeTwilio,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with webhook(sqlite_url, twilio_answers_keywords=True) as (client, container):
        phone = a_customer(client)
        answer = phone.text(typed)
        assert answer and answer not in (OPTED_OUT, OPTED_IN)  # the bot talks about the request
        assert customer(client)["sms_opted_out"] is False
        queue_notice(container, client)
        send_outbox(sqlite_url, fake_twilio, monkeypatch, capsys)
        assert [text.body for text in fake_twilio.texts_to(CUSTOMER)] == [NOTICE]


@pytest.mark.parametrize("typed", ["Stop.", "STOP!", "stop please", "STOP ALL", "opt out"])
def test_a_plain_wish_to_stop_that_twilio_does_not_take_for_a_keyword_is_honoured_and_confirmed(
        typed: str, sqlite_url: str, fake_twilio: FakeTwilio,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Twilio answers only the bare keyword; a customer who writes "Stop." means it just the
    same, and nobody else will confirm it, so fieldbot does."""
    with webhook(sqlite_url, twilio_answers_keywords=True) as (client, container):
        phone = a_customer(client)
        notice = queue_notice(container, client)
        assert phone.text(typed) == OPTED_OUT
        assert status_of(client, notice) == "cancelled"
        send_outbox(sqlite_url, fake_twilio, monkeypatch, capsys)
        assert fake_twilio.texts_to(CUSTOMER) == []


def test_stop_then_start_on_both_databases(
        database_url: str, fake_twilio: FakeTwilio,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with webhook(database_url, twilio_answers_keywords=True) as (client, container):
        phone = a_customer(client)
        withdrawn = queue_notice(container, client)
        assert phone.text("quit") == ""
        send_outbox(database_url, fake_twilio, monkeypatch, capsys)
        assert fake_twilio.texts_to(CUSTOMER) == []
        assert status_of(client, withdrawn) == "cancelled"
        assert phone.text("start") == ""
        queue_notice(container, client)
        send_outbox(database_url, fake_twilio, monkeypatch, capsys)
        assert [text.body for text in fake_twilio.texts_to(CUSTOMER)] == [NOTICE]
