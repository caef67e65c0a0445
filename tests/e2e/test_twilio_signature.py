"""The Twilio webhooks fail closed: only requests signed with our auth token get through."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.app import create_app
from api.bootstrap import bootstrap
from api.settings import Settings
from tests.e2e.conftest import sms_settings
from tests.e2e.sms import STATUS_PATH, inbound_params, post_signed, sign

STATUS = {"MessageSid": "SM" + "1" * 32, "MessageStatus": "delivered", "AccountSid": "AC" + "0" * 32}


@pytest.fixture
def client(sqlite_url: str) -> Iterator[TestClient]:
    container = bootstrap(sms_settings(sqlite_url))
    with TestClient(create_app(container=container)) as test_client:
        yield test_client
    container.engine.dispose()


def test_a_signed_status_callback_is_accepted(client: TestClient) -> None:
    assert post_signed(client, STATUS_PATH, STATUS).status_code == 204


def test_a_request_without_a_signature_is_forbidden(client: TestClient) -> None:
    response = client.post(STATUS_PATH, data=STATUS)
    assert response.status_code == 403
    assert client.post("/webhooks/twilio/sms", data=inbound_params("+15550100001", "hi")
                       ).status_code == 403


def test_a_tampered_body_is_forbidden(client: TestClient) -> None:
    signature = sign("/webhooks/twilio/sms", inbound_params("+15550100001", "hi", sid="SM1"))
    tampered = inbound_params("+15550100001", "cancel my appointment", sid="SM1")
    response = post_signed(client, "/webhooks/twilio/sms", tampered, signature=signature)
    assert response.status_code == 403


def test_a_signature_made_with_another_token_is_forbidden(client: TestClient) -> None:
    signature = sign(STATUS_PATH, STATUS, token="someone-elses-token")
    assert post_signed(client, STATUS_PATH, STATUS, signature=signature).status_code == 403


def test_an_unknown_parameter_added_after_signing_is_forbidden(client: TestClient) -> None:
    signature = sign(STATUS_PATH, STATUS)
    extra = {**STATUS, "Injected": "1"}
    assert post_signed(client, STATUS_PATH, extra, signature=signature).status_code == 403


def test_an_unknown_parameter_that_twilio_signed_is_accepted(client: TestClient) -> None:
    assert post_signed(client, STATUS_PATH, {**STATUS, "ApiVersion": "2010-04-01",
                                              "RawDlrDoneDate": "2603021530"}).status_code == 204


def test_a_query_string_with_quotes_and_plus_is_signed_as_received(client: TestClient) -> None:
    query = "site=o'hare+north&n=1%2B1"
    assert post_signed(client, STATUS_PATH, STATUS, query=query).status_code == 204
    signature_without_query = sign(STATUS_PATH, STATUS)
    response = post_signed(client, STATUS_PATH, STATUS, query=query,
                           signature=signature_without_query)
    assert response.status_code == 403


def test_the_signed_url_comes_from_configuration_not_the_host_header(client: TestClient) -> None:
    url = "https://attacker.example" + STATUS_PATH
    from twilio.request_validator import RequestValidator

    forged = RequestValidator("test-token").compute_signature(url, STATUS)
    response = client.post(STATUS_PATH, data=STATUS, headers={
        "X-Twilio-Signature": forged, "Host": "attacker.example",
        "X-Forwarded-Host": "attacker.example", "X-Forwarded-Proto": "https"})
    assert response.status_code == 403


def test_garbage_that_is_not_a_form_is_forbidden_not_a_crash(client: TestClient) -> None:
    response = client.post(STATUS_PATH, content=b"\xff\xfe\x00garbage",
                           headers={"X-Twilio-Signature": "abc",
                                    "Content-Type": "application/octet-stream"})
    assert response.status_code == 403


def test_an_oversized_form_is_refused_before_it_is_read(client: TestClient) -> None:
    huge = {**STATUS, "Body": "x" * 100_000}
    assert post_signed(client, STATUS_PATH, huge).status_code == 413


def test_a_signed_callback_missing_its_fields_is_a_bad_request(client: TestClient) -> None:
    assert post_signed(client, STATUS_PATH, {"AccountSid": "AC1"}).status_code == 400
    assert post_signed(client, "/webhooks/twilio/sms", {"Body": "hi"}).status_code == 400


def test_a_sender_that_is_not_a_phone_number_is_a_bad_request(client: TestClient) -> None:
    params = inbound_params("not-a-number", "hi")
    assert post_signed(client, "/webhooks/twilio/sms", params).status_code == 400


def test_the_webhooks_are_absent_when_twilio_is_disabled(sqlite_url: str) -> None:
    container = bootstrap(Settings(database_url=sqlite_url, twilio_enabled=False,
                                          run_sender=False))
    with TestClient(create_app(container=container)) as client:
        assert post_signed(client, STATUS_PATH, STATUS).status_code == 404
    container.engine.dispose()


def test_fieldbot_refuses_to_start_with_twilio_enabled_and_no_auth_token() -> None:
    with pytest.raises(ValidationError, match="TWILIO_AUTH_TOKEN"):
        Settings(twilio_enabled=True, twilio_auth_token=None)
