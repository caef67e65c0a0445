"""Two real `fieldbot serve` processes on one PostgreSQL, texts fired at both at once.

Behind a load balancer Twilio's retry of a text can reach another instance while the first is
still in its transaction, and two first texts from a new number can land on two instances at
the same moment. Only truly parallel transactions (two processes, two connections) can show
that the inbound row and the conversation are each written once: an in-process test client
runs its webhooks one after the other.
"""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.e2e.servers import ADMIN_TOKEN, Server, fieldbot_servers
from tests.e2e.sms import SMS_PATH, inbound_params, replies_in, sign

pytestmark = pytest.mark.postgres

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
ROUNDS = 4
NEW_NUMBERS_PER_ROUND = 20
TEXTS_FROM_ONE_NUMBER = 4  # one customer typing fast: several texts in flight at once
FIRST_CONTACTS = 24
# Texts a new number may send in any order; each of them gets an answer in any state.
CHATTER = ("hi", "what do you do?", "hello, anyone there?", "do you fix furnaces?", "ok")
_numbers = itertools.count(1)


@dataclass(frozen=True)
class Text:
    phone: str
    body: str
    sid: str

    def post_to(self, client: httpx.AsyncClient) -> asyncio.Task[httpx.Response]:
        params = inbound_params(self.phone, self.body, self.sid)
        return asyncio.ensure_future(client.post(
            SMS_PATH, data=params, headers={"X-Twilio-Signature": sign(SMS_PATH, params)}))


def new_number() -> str:
    return f"+1773555{next(_numbers):04d}"


def a_text(phone: str, body: str) -> Text:
    return Text(phone=phone, body=body, sid="SM" + uuid.uuid4().hex)


async def _deliver(servers: list[Server], to_first: list[Text], to_second: list[Text]
                   ) -> tuple[list[httpx.Response], list[httpx.Response]]:
    limits = httpx.Limits(max_connections=len(to_first) + len(to_second),
                          max_keepalive_connections=0)
    first, second = (httpx.AsyncClient(base_url=server.base_url, timeout=20, limits=limits)
                     for server in servers)
    try:
        # The second server takes its texts in the opposite order, so its turns of texts
        # (api.writer_lane) overlap the first server's turns in as many ways as possible.
        tasks = [t.post_to(first) for t in to_first] + [t.post_to(second)
                                                        for t in reversed(to_second)]
        answers = await asyncio.gather(*tasks)
        return answers[:len(to_first)], answers[len(to_first):][::-1]
    finally:
        await first.aclose()
        await second.aclose()


def deliver(servers: list[Server], to_first: list[Text], to_second: list[Text]
            ) -> tuple[list[list[str]], list[list[str]]]:
    """POST the texts to the two servers all at once; each server's TwiML replies, in order."""
    answers = asyncio.run(asyncio.wait_for(_deliver(servers, to_first, to_second), timeout=60))
    failed = [(t.body, answer.status_code, answer.text[:200])
              for texts, server_answers in zip((to_first, to_second), answers, strict=True)
              for t, answer in zip(texts, server_answers, strict=True)
              if answer.status_code != 200]
    assert not failed, f"webhooks that did not answer 200: {failed}"
    return ([replies_in(answer.text) for answer in answers[0]],
            [replies_in(answer.text) for answer in answers[1]])


def thread(server: Server, phone: str) -> list[dict[str, object]]:
    """Every message stored for `phone`, read through the documented HTTP API."""
    answer = httpx.get(f"{server.base_url}/api/messages", params={"phone": phone},
                       headers=ADMIN, timeout=10)
    assert answer.status_code == 200, answer.text
    found: list[dict[str, object]] = answer.json()
    return found


def conversations_per_number(database_url: str) -> Counter[str]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT address FROM conversations"))
            return Counter(address for (address,) in rows)
    finally:
        engine.dispose()


def assert_stored_once_with_its_answers(server: Server, phone: str, texts: list[Text],
                                        answers: list[str]) -> None:
    messages = thread(server, phone)
    inbound = Counter(str(m["provider_message_id"]) for m in messages if m["direction"] == "in")
    assert inbound == Counter(t.sid for t in texts), f"inbound rows of {phone} by MessageSid"
    stored_replies = Counter(str(m["body"]) for m in messages
                             if m["direction"] == "out" and m["kind"] == "reply")
    assert stored_replies == Counter(answers), f"replies stored for {phone} vs. answered"


def test_each_text_sent_to_two_servers_at_once_is_stored_once_and_answered_alike(
        postgres_url: str, tmp_path: Path) -> None:
    sent: dict[str, list[Text]] = {}
    answered: dict[str, list[str]] = {}
    regulars: list[str] = []  # numbers that text again in later rounds
    with fieldbot_servers(postgres_url, 2, tmp_path) as servers:
        for round_ in range(ROUNDS):
            # Each of these reaches both servers at the same moment: a retry racing its original.
            twice = [a_text(new_number(), CHATTER[round_ % len(CHATTER)])
                     for _ in range(NEW_NUMBERS_PER_ROUND)]
            twice += [a_text(phone, CHATTER[(round_ + n) % len(CHATTER)])
                      for n, phone in enumerate(regulars)]
            # One customer's texts in flight together, half to each server. (Not also sent
            # twice: a retry racing while the same number's other texts hold its conversation
            # can end in a PostgreSQL deadlock and a 503, which Twilio retries.)
            fast_typist = new_number()
            typed = [a_text(fast_typist, CHATTER[n % len(CHATTER)])
                     for n in range(TEXTS_FROM_ONE_NUMBER)]
            from_first, from_second = deliver(servers, twice + typed[::2], twice + typed[1::2])
            done = len(twice)
            for t, first, second in zip(twice, from_first[:done], from_second[:done], strict=True):
                # The retry is answered with the replies stored for the original, never anew.
                assert first and first == second, (
                    f"{t.body!r} ({t.sid}) must get one answer, the same from both servers: "
                    f"{first} / {second}")
                answered.setdefault(t.phone, []).extend(first)
            for t, replies in zip(typed[::2] + typed[1::2], from_first[done:] + from_second[done:],
                                  strict=True):
                assert replies, f"{t.body!r} ({t.sid}) from the fast typist was not answered"
                answered.setdefault(t.phone, []).extend(replies)
            for t in twice + typed:
                sent.setdefault(t.phone, []).append(t)
            regulars = sorted({t.phone for t in twice})[:NEW_NUMBERS_PER_ROUND]
        for n, (phone, texts) in enumerate(sent.items()):
            assert_stored_once_with_its_answers(servers[n % 2], phone, texts, answered[phone])
    assert conversations_per_number(postgres_url) == Counter({phone: 1 for phone in sent})


def test_two_first_texts_from_a_new_number_at_once_make_one_conversation_both_answered(
        postgres_url: str, tmp_path: Path) -> None:
    newcomers: list[str] = []
    with fieldbot_servers(postgres_url, 2, tmp_path) as servers:
        for _ in range(ROUNDS):
            pairs = [(a_text(phone, "hi"), a_text(phone, "do you fix furnaces?"))
                     for phone in (new_number() for _ in range(FIRST_CONTACTS))]
            from_first, from_second = deliver(servers, [first for first, _ in pairs],
                                              [second for _, second in pairs])
            for n, ((first, second), one, other) in enumerate(
                    zip(pairs, from_first, from_second, strict=True)):
                assert one and other, f"both first texts of {first.phone} need an answer"
                assert_stored_once_with_its_answers(servers[n % 2], first.phone, [first, second],
                                                    one + other)
                newcomers.append(first.phone)
    assert conversations_per_number(postgres_url) == Counter({phone: 1 for phone in newcomers})
