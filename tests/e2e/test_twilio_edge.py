"""The webhooks' edge: a body over 64 KB is refused before it is read, no redirect is built from
the Host header, and ids or fields the database would refuse are a 400, not a 503."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from api.bootstrap import bootstrap
from api.routes.twilio import MAX_FORM_BYTES
from tests.e2e.conftest import sms_settings
from tests.e2e.sms import SMS_PATH, STATUS_PATH, inbound_params, post_signed, replies_in

CHUNK = 8 * 1024
FORM = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "anything"}


@pytest.fixture
def app(sqlite_url: str) -> Iterator[FastAPI]:
    container = bootstrap(sms_settings(sqlite_url))
    yield create_app(container=container)
    container.engine.dispose()


def post_streamed(app: FastAPI, *, chunks: int, headers: dict[str, str]) -> tuple[int, int]:
    """POST `chunks` chunks of 8 KiB, streamed straight into the app (no test client buffering
    it first); the status and how many bytes the app pulled from the stream."""
    consumed = 0

    async def body() -> AsyncIterator[bytes]:
        nonlocal consumed
        for _ in range(chunks):
            consumed += CHUNK
            yield b"a" * CHUNK

    async def post() -> int:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://testserver") as client:
            response = await client.post(SMS_PATH, content=body(), headers=headers)
            return response.status_code

    return asyncio.run(post()), consumed


def test_a_chunked_body_is_refused_with_413_once_it_passes_the_limit(app: FastAPI) -> None:
    status, consumed = post_streamed(app, chunks=80_000, headers=FORM)  # 640 MiB on offer
    assert status == 413
    assert consumed <= MAX_FORM_BYTES + 2 * CHUNK


def test_a_big_content_length_is_refused_before_anything_is_read(app: FastAPI) -> None:
    status, consumed = post_streamed(app, chunks=80_000,
                                     headers={**FORM, "Content-Length": str(600 * 2**20)})
    assert status == 413
    assert consumed == 0


def test_a_content_length_that_lies_is_no_way_past_the_limit(app: FastAPI) -> None:
    status, consumed = post_streamed(app, chunks=80_000, headers={**FORM, "Content-Length": "100"})
    assert status == 413
    assert consumed <= MAX_FORM_BYTES + 2 * CHUNK


def test_a_form_just_under_the_limit_is_read_and_its_signature_checked(app: FastAPI) -> None:
    status, consumed = post_streamed(app, chunks=MAX_FORM_BYTES // CHUNK, headers=FORM)
    assert status == 403  # read to the end, then refused for its (made-up) signature
    assert consumed == MAX_FORM_BYTES


@pytest.mark.parametrize("path", [SMS_PATH + "/", STATUS_PATH + "/"])
def test_a_trailing_slash_is_a_404_not_a_redirect_to_the_host_header(
        sms_client: TestClient, path: str) -> None:
    response = sms_client.post(path, data=inbound_params("+15550100001", "hi"),
                               headers={"Host": "evil.example", "X-Twilio-Signature": "x"},
                               follow_redirects=False)
    assert response.status_code == 404
    assert "location" not in response.headers


def test_a_message_sid_that_is_not_twilios_shape_is_a_400(sms_client: TestClient) -> None:
    for sid in ["SM" + "a" * 498, "SM\x00" + "1" * 31, "SM-" + "1" * 31, "SM 1", "SM" + "é" * 32]:
        response = post_signed(sms_client, SMS_PATH, inbound_params("+15550100001", "hi", sid=sid))
        assert response.status_code == 400, sid
        assert "MessageSid" in response.json()["detail"]
        report = post_signed(sms_client, STATUS_PATH, {"MessageSid": sid, "MessageStatus": "sent"})
        assert report.status_code == 400, sid


def test_a_sid_of_64_letters_and_digits_is_accepted(sms_client: TestClient) -> None:
    response = post_signed(sms_client, SMS_PATH,
                           inbound_params("+15550100001", "hi", sid="SM" + "aB3" * 20 + "zz"))
    assert response.status_code == 200
    assert replies_in(response.text)


def test_nuls_in_to_and_body_are_harmless_and_in_from_a_400(sms_client: TestClient) -> None:
    params = inbound_params("+15550100001", "hi\x00 there")
    assert post_signed(sms_client, SMS_PATH, {**params, "To": "+1312\x005550100"}).status_code == 200
    bad_sender = inbound_params("+1555\x000100001", "hi")
    response = post_signed(sms_client, SMS_PATH, bad_sender)
    assert response.status_code == 400 and response.json()["detail"]


def test_any_error_code_in_a_delivery_report_is_read_without_a_server_error(
        sms_client: TestClient) -> None:
    for code in ["²", "9" * 5000, "-1", "30003"]:
        report = {"MessageSid": "SM" + "4" * 32, "MessageStatus": "failed", "ErrorCode": code}
        assert post_signed(sms_client, STATUS_PATH, report).status_code == 204, code[:10]


@pytest.mark.postgres
def test_data_the_database_refuses_is_a_400_and_only_a_database_that_fails_to_answer_a_503(
        postgres_url: str) -> None:
    from fastapi import HTTPException
    from sqlalchemy import text

    from api.routes.twilio import _in_lane_in_time

    container = bootstrap(sms_settings(postgres_url, database_statement_timeout_ms=100))

    def running(*statements: str):  # a webhook's transaction, as far as the database sees it
        def work(uow_factory):
            with uow_factory() as uow:
                for statement in statements:
                    uow.session.execute(text(statement))

        return work

    def refusal(*statements: str) -> int:
        with pytest.raises(HTTPException) as refused:
            asyncio.run(_in_lane_in_time(container, running(*statements)))
        return refused.value.status_code

    try:
        # DataError: the request's own data, which a retry would send again; 400.
        assert refusal("SELECT 'x'::int") == 400
        assert refusal("CREATE TEMP TABLE sids (sid varchar(34))",
                       f"INSERT INTO sids VALUES ('{'S' * 500}')") == 400
        assert refusal("SELECT pg_sleep(1)") == 503  # statement timeout: the database stalls
    finally:
        container.engine.dispose()
