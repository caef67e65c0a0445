"""Fixtures for whole dialogs through the signed Twilio webhook, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.bootstrap import Container, bootstrap
from api.settings import Settings
from domain.clock import FixedClock
from store.seed import seed_demo
from tests.e2e.sms import AUTH_TOKEN, PUBLIC_BASE_URL

ADMIN_TOKEN = "t"
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
SMS_NOW = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)  # Monday 09:30 in Chicago


def sms_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url, "twilio_enabled": True, "twilio_auth_token": AUTH_TOKEN,
        "public_base_url": PUBLIC_BASE_URL, "admin_token": ADMIN_TOKEN,
        "run_sender": False,  # tests send with a sender of their own, when they send at all
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def sms_container(database_url: str) -> Iterator[Container]:
    """The app's container on a migrated, seeded database, with the clock fixed at SMS_NOW."""
    container = bootstrap(sms_settings(database_url), clock=FixedClock(SMS_NOW))
    assert seed_demo(bus=container.bus, uow_factory=container.uow_factory,
                     business=container.business, catalog=container.catalog, now=SMS_NOW)
    yield container
    container.engine.dispose()


@pytest.fixture
def sms_client(sms_container: Container) -> Iterator[TestClient]:
    with TestClient(create_app(container=sms_container)) as client:
        yield client
