"""A customer's phone for the tests: texts the app through the signed Twilio webhook."""

from __future__ import annotations

import itertools
import uuid
from xml.etree import ElementTree

import httpx
from fastapi.testclient import TestClient
from twilio.request_validator import RequestValidator

AUTH_TOKEN = "test-token"
PUBLIC_BASE_URL = "https://bot.example.test"
BUSINESS_NUMBER = "+13125550100"
SMS_PATH = "/webhooks/twilio/sms"
STATUS_PATH = "/webhooks/twilio/status"


def sign(path: str, params: dict[str, str], *, query: str = "", token: str = AUTH_TOKEN) -> str:
    """The X-Twilio-Signature Twilio would send, computed by twilio's own validator."""
    url = PUBLIC_BASE_URL + path + (f"?{query}" if query else "")
    return str(RequestValidator(token).compute_signature(url, params))


def post_signed(client: TestClient, path: str, params: dict[str, str], *, query: str = "",
                signature: str | None = None) -> httpx.Response:
    """POST a form exactly as Twilio does: form-encoded, signed over URL and every parameter."""
    headers = {"X-Twilio-Signature": signature if signature is not None
               else sign(path, params, query=query)}
    return client.post(path + (f"?{query}" if query else ""), data=params, headers=headers)


def inbound_params(phone: str, body: str, sid: str | None = None) -> dict[str, str]:
    sid = sid or "SM" + uuid.uuid4().hex
    return {"MessageSid": sid, "SmsSid": sid, "AccountSid": "AC" + "0" * 32, "From": phone,
            "To": BUSINESS_NUMBER, "Body": body, "NumMedia": "0", "FromCountry": "US"}


def replies_in(twiml: str) -> list[str]:
    """The texts of the <Message> elements of a TwiML answer."""
    root = ElementTree.fromstring(twiml)
    assert root.tag == "Response"
    return [element.text or "" for element in root.iter("Message")]


class Phone:
    """A customer's handset: `text("...")` returns the bot's answer as one string."""

    _sids = itertools.count(1)

    def __init__(self, client: TestClient, number: str) -> None:
        self.client = client
        self.number = number

    def send(self, body: str, sid: str | None = None) -> httpx.Response:
        sid = sid or f"SM{uuid.uuid4().hex[:24]}{next(self._sids):08d}"
        return post_signed(self.client, SMS_PATH, inbound_params(self.number, body, sid))

    def text(self, body: str) -> str:
        response = self.send(body)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/xml")
        return "\n".join(replies_in(response.text))


def converse(phone: Phone, transcript: list[tuple[str, str]]) -> list[str]:
    """Play a transcript of (customer says, bot answer contains); returns the answers."""
    answers = []
    for says, expected in transcript:
        answer = phone.text(says)
        assert expected.lower() in answer.lower(), f"{says!r} -> {answer!r}; expected {expected!r}"
        answers.append(answer)
    return answers
