"""Fixtures of the outbox sender's tests: a container whose clock stands at NOON_CHICAGO, on
SQLite and on PostgreSQL (the fake Twilio is the root conftest's `fake_twilio`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from api.bootstrap import Container, bootstrap
from api.settings import Settings
from domain.clock import FixedClock
from tests.integration.outbox_world import NOON_CHICAGO


@pytest.fixture
def container(database_url: str) -> Iterator[Container]:
    built = bootstrap(Settings(database_url=database_url), clock=FixedClock(NOON_CHICAGO))
    yield built
    built.engine.dispose()
