"""Logs carry no message bodies, full phone numbers, street addresses or secrets, even at DEBUG.

Whole days of texting are played through the public paths (the signed webhook, the admin API,
`fieldbot send-outbox` against a fake Twilio, `fieldbot chat`, and a real `fieldbot serve` with
LOG_LEVEL=DEBUG) while every log record of every logger is kept; then each text, number,
address and secret that went through is looked for in what was logged.
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.bootstrap import Container, bootstrap
from api.cli import main
from domain.clock import FixedClock
from store.seed import seed_demo
from tests.e2e.conftest import SMS_NOW, sms_settings
from tests.e2e.servers import ADMIN_TOKEN as SERVER_ADMIN_TOKEN
from tests.e2e.servers import fieldbot_servers
from tests.e2e.sms import (
    AUTH_TOKEN,
    BUSINESS_NUMBER,
    PUBLIC_BASE_URL,
    SMS_PATH,
    STATUS_PATH,
    inbound_params,
    replies_in,
    sign,
)
from tests.fake_twilio import FakeTwilio

ADMIN_SECRET = "admin-secret-5f3c9a1e"
WRONG_ADMIN_GUESS = "guessed-admin-token-77b2"
ACCOUNT_SID = "AC" + "5ec0e7a1" * 4
FORGED_SIGNATURE = "Zm9yZ2VkLXNpZ25hdHVyZS0xMjM0NQ=="
NEWCOMER = "+13125559876"  # books, moves and cancels a visit
MARIA = "+15550100001"  # seeded: approves a quote, opts out and back in
CHATTER = "+13125554321"  # uses `fieldbot chat`
NEWCOMER_ADDRESS = "4410 N Clark St"
CHATTER_ADDRESS = "233 W Lake St"


class TextsSeen:
    """Every text that went in or out during a test, to look for in the logs afterwards."""

    def __init__(self) -> None:
        self.bodies: list[str] = []

    def said(self, *bodies: str) -> None:
        self.bodies.extend(bodies)


def post_text(client: httpx.Client | TestClient, number: str, body: str,
              seen: TextsSeen) -> str:
    params = inbound_params(number, body)
    response = client.post(SMS_PATH, data=params,
                           headers={"X-Twilio-Signature": sign(SMS_PATH, params)})
    assert response.status_code == 200, response.text
    replies = replies_in(response.text)
    seen.said(body, *replies)
    return "\n".join(replies)


def phone_forms(e164: str) -> list[str]:
    """A US number as people and programs write it."""
    national = e164[-10:]
    area, exchange, line = national[:3], national[3:6], national[6:]
    return [e164, e164[1:], national, f"({area}) {exchange}-{line}", f"{area}-{exchange}-{line}",
            f"{area}.{exchange}.{line}", f"{area} {exchange} {line}"]


def pieces(body: str) -> set[str]:
    """A body and pieces of it long enough to be telling: its start, middle and end."""
    text = " ".join(body.split())
    if len(text) < 6:  # "2", "Y", "STOP": too short to tell apart from any other log text
        return set()
    size = min(len(text), 20)
    middle = (len(text) - size) // 2
    return {text, text[:size], text[middle:middle + size], text[-size:]}


def leaks(logged: str, secrets: Mapping[str, Iterable[str]]) -> list[str]:
    """Which secrets appear in the log text, with the form they appear in."""
    flat = " ".join(logged.split())
    return [f"{what}: {value!r}" for what, values in secrets.items()
            for value in values if value and value in flat]


def secrets_of(numbers: Iterable[str], bodies: Iterable[str], addresses: Iterable[str],
               tokens: Iterable[str]) -> dict[str, list[str]]:
    return {
        "phone number": [form for number in set(numbers) for form in phone_forms(number)],
        "message body": sorted({piece for body in bodies for piece in pieces(body)}),
        "street address": list(addresses),
        "secret": list(tokens),
    }


def formatted(records: Iterable[logging.LogRecord]) -> str:
    """Every record as a log handler would write it, tracebacks included."""
    formatter = logging.Formatter("%(levelname)s %(name)s %(message)s")
    return "\n".join(formatter.format(record) for record in records)


# --- in this process: every logger at DEBUG, through the webhook, the API and both CLIs ---


@pytest.fixture
def container(database_url: str) -> Iterator[Container]:
    built = bootstrap(sms_settings(database_url, admin_token=ADMIN_SECRET),
                      clock=FixedClock(SMS_NOW))
    assert seed_demo(bus=built.bus, uow_factory=built.uow_factory, business=built.business,
                     catalog=built.catalog, now=SMS_NOW)
    yield built
    built.engine.dispose()


@pytest.fixture
def fake_twilio() -> Iterator[FakeTwilio]:
    with FakeTwilio(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN).running() as fake:
        yield fake


def test_a_day_of_texting_logs_no_body_number_address_or_secret(
        database_url: str, container: Container, fake_twilio: FakeTwilio,
        caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    caplog.set_level(logging.DEBUG)  # the root logger: every logger that does not opt out
    seen = TextsSeen()
    admin = {"Authorization": f"Bearer {ADMIN_SECRET}"}
    with TestClient(create_app(container=container)) as client:
        # A new customer onboards with name and address, books, asks, moves and cancels.
        post_text(client, NEWCOMER, "AC's out, can someone come tomorrow morning?", seen)
        assert "1)" in post_text(client, NEWCOMER,
                                 f"Dana Whitfield, {NEWCOMER_ADDRESS}, Chicago 60640", seen)
        assert "Booked" in post_text(client, NEWCOMER, "2", seen)
        post_text(client, NEWCOMER, "where's the tech?", seen)
        post_text(client, NEWCOMER, "can we move it to friday afternoon?", seen)
        assert "to Fri" in post_text(client, NEWCOMER, "1", seen)
        post_text(client, NEWCOMER, "cancel my appointment", seen)
        assert "cancelled" in post_text(client, NEWCOMER, "Y", seen)
        post_text(client, NEWCOMER, "actually can a real person call me back?", seen)
        # A known customer approves a quote, asks for a person, opts out and back in.
        post_text(client, MARIA, "I want to approve the quote", seen)
        post_text(client, MARIA, "Q-1042", seen)
        assert "approved" in post_text(client, MARIA, "Y", seen).lower()
        post_text(client, MARIA, "can I talk to a person please?", seen)
        for keyword in ("STOP", "are you still there?", "START", "HELP"):
            post_text(client, MARIA, keyword, seen)
        # A forged webhook and wrong admin tokens.
        forged = inbound_params(NEWCOMER, "forged text about the boiler in unit 4B")
        assert client.post(SMS_PATH, data=forged,
                           headers={"X-Twilio-Signature": FORGED_SIGNATURE}).status_code == 403
        assert client.get("/api/messages", params={"phone": NEWCOMER},
                          headers={"Authorization": f"Bearer {WRONG_ADMIN_GUESS}"}
                          ).status_code == 401
        assert client.get("/api/customers", params={"phone": MARIA}).status_code == 401
        for number in (NEWCOMER, MARIA):
            for message in client.get("/api/messages", params={"phone": number},
                                      headers=admin).json():
                seen.said(message["body"])

        # The outbox goes out through Twilio (a fake on loopback); one number is refused.
        for name, value in {"TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
                            "TWILIO_FROM_NUMBER": BUSINESS_NUMBER, "TWILIO_ENABLED": "true",
                            "TWILIO_API_BASE_URL": fake_twilio.base_url,
                            "PUBLIC_BASE_URL": PUBLIC_BASE_URL, "LOG_LEVEL": "DEBUG"}.items():
            monkeypatch.setenv(name, value)
        fake_twilio.fail_next(400, 21211)  # "not a valid phone number": given up at once
        fake_twilio.fail_next(503, None)  # retried later
        assert main(["send-outbox", "--database-url", database_url]) == 0
        assert fake_twilio.sent, "the outbox had notices for the dispatchers"
        for sent in fake_twilio.sent:
            seen.said(sent.body)
            report = {"MessageSid": sent.sid, "MessageStatus": "delivered",
                      "AccountSid": ACCOUNT_SID, "To": sent.to, "From": sent.from_}
            assert client.post(STATUS_PATH, data=report, headers={
                "X-Twilio-Signature": sign(STATUS_PATH, report)}).status_code == 204

    # `fieldbot chat` as a new number that onboards.
    typed = ["hi, do you service tankless water heaters?",
             f"Sam Ortiz, {CHATTER_ADDRESS}, Oak Park 60302", "what do you do?", "quit"]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(typed) + "\n"))
    capsys.readouterr()
    assert main(["chat", "--phone", CHATTER, "--database-url", database_url]) == 0
    chat = capsys.readouterr().out
    assert "Sam" in chat
    seen.said(*typed, *chat.split("bot> "))

    staff_numbers = {sent.to for sent in fake_twilio.sent} | {to for to, _ in fake_twilio.refused}
    # The test's own HTTP client logs the URLs it calls; it is not part of fieldbot.
    records = [r for r in caplog.records if not r.name.startswith(("httpx", "httpx2"))]
    logged = formatted(records)
    assert "bad signature" in logged and "opt-out keyword" in logged, "nothing was captured"
    found = leaks(logged, secrets_of(
        numbers=[NEWCOMER, MARIA, CHATTER, *staff_numbers], bodies=seen.bodies,
        addresses=[NEWCOMER_ADDRESS, CHATTER_ADDRESS],
        tokens=[AUTH_TOKEN, ADMIN_SECRET, WRONG_ADMIN_GUESS, ACCOUNT_SID, FORGED_SIGNATURE]))
    assert not found, f"logged: {found}"


def test_sql_logging_turned_on_for_debugging_shows_no_bound_values(
        container: Container, caplog: pytest.LogCaptureFixture) -> None:
    """Whoever turns SQLAlchemy's statement log on sees statements, never the texts and numbers
    bound into them (engines are built with hide_parameters)."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    seen = TextsSeen()
    with TestClient(create_app(container=container)) as client:
        post_text(client, NEWCOMER, "my garbage disposal hums but does not spin", seen)
        post_text(client, NEWCOMER, f"Dana Whitfield, {NEWCOMER_ADDRESS}, Chicago 60640", seen)
    logged = formatted(r for r in caplog.records if r.name.startswith("sqlalchemy"))
    assert "INSERT INTO messages" in logged, "the statement log was on"
    found = leaks(logged, secrets_of(numbers=[NEWCOMER], bodies=seen.bodies,
                                     addresses=[NEWCOMER_ADDRESS], tokens=[]))
    assert not found, f"logged: {found}"


# --- a real `fieldbot serve` with LOG_LEVEL=DEBUG: everything it writes to its terminal ---


def test_fieldbot_serve_at_debug_writes_no_body_number_address_or_secret(
        sqlite_url: str, tmp_path: Path) -> None:
    setup = bootstrap(sms_settings(sqlite_url))
    assert seed_demo(bus=setup.bus, uow_factory=setup.uow_factory, business=setup.business,
                     catalog=setup.catalog, now=datetime.now(UTC))
    setup.engine.dispose()
    seen = TextsSeen()
    admin = {"Authorization": f"Bearer {SERVER_ADMIN_TOKEN}"}
    with FakeTwilio(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN).running() as fake:
        twilio = {"TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_FROM_NUMBER": BUSINESS_NUMBER,
                  "TWILIO_API_BASE_URL": fake.base_url, "LOG_LEVEL": "DEBUG"}
        with fieldbot_servers(sqlite_url, 1, tmp_path, sender=True, **twilio) as [server]:
            with httpx.Client(base_url=server.base_url, timeout=10) as client:
                post_text(client, NEWCOMER, "my water heater is leaking, any time this week?",
                          seen)
                post_text(client, NEWCOMER, f"Dana Whitfield, {NEWCOMER_ADDRESS}, Chicago 60640",
                          seen)
                post_text(client, NEWCOMER, "1", seen)
                post_text(client, NEWCOMER, "cancel my appointment", seen)
                post_text(client, NEWCOMER, "Y", seen)
                post_text(client, MARIA, "I want to approve the quote", seen)
                post_text(client, MARIA, "Q-1042", seen)
                post_text(client, MARIA, "Y", seen)
                post_text(client, MARIA, "I need to talk to a real person", seen)
                for keyword in ("STOP", "hello again", "START"):
                    post_text(client, MARIA, keyword, seen)
                forged = inbound_params(MARIA, "forged text about the boiler in unit 4B")
                assert client.post(SMS_PATH, data=forged, headers={
                    "X-Twilio-Signature": FORGED_SIGNATURE}).status_code == 403
                assert client.get("/api/messages", params={"phone": MARIA}, headers={
                    "Authorization": f"Bearer {WRONG_ADMIN_GUESS}"}).status_code == 401
                for number in (NEWCOMER, MARIA):
                    answer = client.get("/api/messages", params={"phone": number}, headers=admin)
                    seen.said(*(message["body"] for message in answer.json()))
                # The server's own sender delivers the dispatchers' notices through the fake.
                deadline = time.monotonic() + 15
                while not fake.sent and time.monotonic() < deadline:
                    time.sleep(0.1)
                assert fake.sent, "the server's outbox sender sent nothing"
                for sent in fake.sent:
                    seen.said(sent.body)
                    report = {"MessageSid": sent.sid, "MessageStatus": "delivered",
                              "AccountSid": ACCOUNT_SID, "To": sent.to, "From": sent.from_}
                    assert client.post(STATUS_PATH, data=report, headers={
                        "X-Twilio-Signature": sign(STATUS_PATH, report)}).status_code == 204
            staff_numbers = {sent.to for sent in fake.sent}
    logged = server.logged()
    assert "bad signature" in logged and "opt-out keyword" in logged, "the server's log was read"
    found = leaks(logged, secrets_of(
        numbers=[NEWCOMER, MARIA, *staff_numbers], bodies=seen.bodies,
        addresses=[NEWCOMER_ADDRESS],
        tokens=[AUTH_TOKEN, SERVER_ADMIN_TOKEN, WRONG_ADMIN_GUESS, ACCOUNT_SID,
                FORGED_SIGNATURE]))
    assert not found, f"logged: {found}"
