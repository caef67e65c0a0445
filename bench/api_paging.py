"""Benchmark the paged read API: /api/messages over 100,000 stored messages.

For each database (a fresh SQLite file, a fresh PostgreSQL schema) it migrates, inserts 100,000
messages over 250 phone threads in one Core executemany, and times pages of 100 through the app
in-process (routing, auth, query, JSON): the first page (the newest messages), a deep page by
cursor (`before_id` halfway back), a phone's thread, and a page deep inside that thread.

    .venv/bin/python bench/api_paging.py               # both databases
    .venv/bin/python bench/api_paging.py --db sqlite

Prints the median and p95 ms per page of each kind; exits 1 when a median is over the bar (20 ms).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from api.app import create_app
from api.bootstrap import bootstrap
from api.settings import Settings
from domain.messages import Direction, MessageKind, MessageStatus
from domain.parties import Channel
from store import orm
from store.migrate import upgrade

POSTGRES = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MESSAGES, THREADS, PAGE, REPEATS, BAR_MS = 100_000, 250, 100, 200, 20.0
TOKEN = "bench-admin-token"
START = datetime(2026, 1, 1, tzinfo=UTC)


def phone(thread: int) -> str:
    return f"+1555020{thread:04d}"


@contextmanager
def fresh_database(kind: str) -> Iterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="fieldbot-bench-") as folder:
            yield f"sqlite:///{folder}/bench.db"
        return
    server = make_url(POSTGRES).set(drivername="postgresql+psycopg")
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield server.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def fill(url: str) -> None:
    rows = [{"channel": Channel.SMS, "direction": Direction.IN if i % 2 else Direction.OUT,
             "address": phone(i % THREADS), "body": f"text number {i} about a furnace",
             "created_at": START + timedelta(seconds=i), "status": MessageStatus.RECEIVED,
             "kind": MessageKind.INBOUND, "attempts": 0} for i in range(1, MESSAGES + 1)]
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(insert(orm.messages), rows)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("ANALYZE messages"))
    engine.dispose()


def timed(client: TestClient, params: dict[str, object]) -> list[float]:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for _ in range(10):  # warm up
        client.get("/api/messages", headers=auth, params=params)
    took = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        response = client.get("/api/messages", headers=auth, params=params)
        took.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200 and len(response.json()) == PAGE, response.text
    return took


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def run(kind: str) -> bool:
    with fresh_database(kind) as url:
        upgrade(url)
        started = time.perf_counter()
        fill(url)
        print(f"{kind}: {MESSAGES:,} messages inserted in {time.perf_counter() - started:.1f} s")
        container = bootstrap(Settings(database_url=url, admin_token=TOKEN))
        thread = phone(7)
        deep_in_thread = MESSAGES // 2 - (MESSAGES // 2) % THREADS + 7  # a message of thread 7
        kinds = {
            "first page": {},
            "deep page (before_id=50,001)": {"before_id": MESSAGES // 2 + 1},
            "phone thread, newest": {"phone": thread},
            "phone thread, deep (before_id)": {"phone": thread, "before_id": deep_in_thread},
        }
        ok = True
        with TestClient(create_app(container=container)) as client:
            for name, params in kinds.items():
                took = timed(client, {"limit": PAGE, **params})
                median, p95 = statistics.median(took), percentile(took, 0.95)
                ok &= median < BAR_MS
                print(f"{kind:>8} {name:<32} median {median:6.2f} ms  p95 {p95:6.2f} ms "
                      f"per page of {PAGE}")
        container.engine.dispose()
        return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    options = parser.parse_args()
    kinds = ["sqlite", "postgres"] if options.db == "both" else [options.db]
    ok = all([run(kind) for kind in kinds])
    print(f"bar: median under {BAR_MS:g} ms a page: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
