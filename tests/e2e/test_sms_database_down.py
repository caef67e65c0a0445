"""Nothing is acknowledged that was not stored: with the database down Twilio gets a 503."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from api.app import create_app
from api.bootstrap import bootstrap
from tests.e2e.conftest import sms_settings
from tests.e2e.sms import SMS_PATH, STATUS_PATH, inbound_params, post_signed

DEAD_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:1/gone?connect_timeout=2"


@pytest.fixture
def client_without_database() -> Iterator[TestClient]:
    container = bootstrap(sms_settings(DEAD_DATABASE))
    with TestClient(create_app(container=container), raise_server_exceptions=False) as client:
        yield client
    container.engine.dispose()


def test_an_inbound_text_is_refused_with_503_when_the_database_is_down(
        client_without_database: TestClient) -> None:
    response = post_signed(client_without_database, SMS_PATH,
                           inbound_params("+15550100001", "can someone come tomorrow?"))
    assert response.status_code == 503
    assert response.headers["retry-after"]
    assert "Response" not in response.text


def test_a_delivery_report_is_refused_with_503_when_the_database_is_down(
        client_without_database: TestClient) -> None:
    response = post_signed(client_without_database, STATUS_PATH,
                           {"MessageSid": "SM" + "2" * 32, "MessageStatus": "delivered"})
    assert response.status_code == 503


def test_a_database_that_goes_away_under_a_running_app_gives_503_not_200(sqlite_url: str) -> None:
    container = bootstrap(sms_settings(sqlite_url))
    with TestClient(create_app(container=container), raise_server_exceptions=False) as client:
        status = {"MessageSid": "SM" + "3" * 32, "MessageStatus": "delivered"}
        assert post_signed(client, STATUS_PATH, status).status_code == 204
        # The database file vanishes and its path can no longer be opened.
        container.engine.dispose()
        database = Path(make_url(sqlite_url).database or "")
        database.rename(database.with_suffix(".gone"))
        database.mkdir()
        assert post_signed(client, STATUS_PATH, status).status_code == 503
        params = inbound_params("+15550100001", "hello")
        assert post_signed(client, SMS_PATH, params).status_code == 503
