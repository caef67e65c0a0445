"""The lease for singleton work: one holder at a time, on PostgreSQL and on a SQLite file, and a
holder that dies lets go of it."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from store.engine import create_db_engine
from store.singleton import FileLease, LocalLease, PostgresLease, lease_for

ROOT = Path(__file__).resolve().parents[2]

HOLD_UNTIL_KILLED = """
import sys, time
from store.engine import create_db_engine
from store.singleton import lease_for
lease = lease_for(create_db_engine(sys.argv[1]), "outbox-sender")
assert lease.try_acquire()
print("held", flush=True)
time.sleep(120)
"""


@pytest.fixture
def engines(database_url: str) -> Iterator[tuple[Engine, Engine]]:
    """Two engines on one database, as two processes would have."""
    first, second = create_db_engine(database_url), create_db_engine(database_url)
    yield first, second
    first.dispose()
    second.dispose()


def test_one_holder_at_a_time_and_the_next_one_gets_it_once_released(engines) -> None:
    first, second = (lease_for(engine, "outbox-sender") for engine in engines)
    assert isinstance(first, PostgresLease | FileLease)
    try:
        assert first.try_acquire() and first.held()
        assert first.try_acquire()  # asking again while holding it keeps it
        assert not second.try_acquire() and not second.held()
        first.release()
        assert not first.held()
        assert second.try_acquire()
        assert not first.try_acquire()
    finally:
        first.release()
        second.release()


def test_different_work_has_different_leases(engines) -> None:
    sender, scheduler = lease_for(engines[0], "outbox-sender"), lease_for(engines[1], "scheduler")
    try:
        assert sender.try_acquire() and scheduler.try_acquire()
    finally:
        sender.release()
        scheduler.release()


def test_a_process_that_dies_holding_the_lease_lets_another_take_over(
        database_url: str, engines) -> None:
    lease = lease_for(engines[0], "outbox-sender")
    with subprocess.Popen([sys.executable, "-c", HOLD_UNTIL_KILLED, database_url], cwd=ROOT,
                          stdout=subprocess.PIPE, text=True) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
            assert not lease.try_acquire()
            holder.kill()  # SIGKILL: no shutdown, no release
            holder.wait(10)
            deadline = time.monotonic() + 10
            while not lease.try_acquire() and time.monotonic() < deadline:
                time.sleep(0.1)
            assert lease.held()
        finally:
            holder.kill()
            lease.release()


def test_in_memory_sqlite_leases_exclude_each_other_within_the_process() -> None:
    engine = create_db_engine("sqlite://")
    first, second = lease_for(engine, "outbox-sender"), lease_for(engine, "outbox-sender")
    assert isinstance(first, LocalLease)
    assert first.try_acquire() and not second.try_acquire()
    first.release()
    assert second.try_acquire()
    second.release()
    engine.dispose()
