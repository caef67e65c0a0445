"""Benchmark a sales rep's `followups` text over 2,000 deals and 5,000 quotes.

For each database (a fresh SQLite file; a fresh PostgreSQL schema when one answers) it migrates,
inserts 400 accounts with their sites, 2,000 deals (1,200 of them the rep's, at every stage, many
past their stage's limit) and 5,000 quotes in Core executemany, then times the whole text turn
through the dialogue engine (store the inbound text, identify the rep, parse, select the five
follow-ups, format, store the replies, commit) and, apart, the follow-up query alone.

    .venv/bin/python bench/followups_bench.py               # both databases
    .venv/bin/python bench/followups_bench.py --db sqlite

Prints the median and p95 ms of each; exits 1 when a text turn's median is over the bar (20 ms).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, text

from api.bootstrap import bootstrap
from api.settings import Settings
from bot.channels import sms
from bot.inbox import receive
from domain.clock import FixedClock
from domain.deals import DealStage
from domain.follow_ups import LIST_LIMIT, FollowUpRules
from domain.parties import AccountKind
from domain.quotes import QuoteState
from domain.staff import Role
from store import orm
from store.migrate import upgrade

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its neighbours import
from api_paging import POSTGRES, fresh_database, percentile  # noqa: E402

ACCOUNTS, DEALS, REP_DEALS, QUOTES, REPEATS, BAR_MS = 400, 2_000, 1_200, 5_000, 200, 20.0
NOW = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)
REP_PHONE = "+15550300001"
STAGES = [DealStage.NEW, DealStage.QUALIFIED, DealStage.QUOTED, DealStage.QUOTED,
          DealStage.WON, DealStage.LOST]
QUOTE_STATES = [QuoteState.SENT, QuoteState.SENT, QuoteState.APPROVED, QuoteState.DECLINED,
                QuoteState.DRAFT]


def fill(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as db:
        db.execute(insert(orm.staff), [
            {"id": n, "name": f"Rep {n}", "role": Role.SALES, "phone": f"+155503000{n:02d}",
             "skills": (), "zones": (), "timezone": "America/Chicago", "active": True,
             "manages_all_deals": False} for n in range(1, 5)])
        db.execute(insert(orm.accounts), [{"id": n, "name": f"Account {n:04d} LLC",
                                           "kind": AccountKind.COMPANY}
                                          for n in range(1, ACCOUNTS + 1)])
        db.execute(insert(orm.sites), [
            {"id": n, "account_id": n, "address": f"{n} Main St", "city": "Chicago",
             "postal_code": "60614", "zone_id": "north", "timezone": "America/Chicago",
             "access_notes": ""} for n in range(1, ACCOUNTS + 1)])
        db.execute(insert(orm.deals), [
            {"id": n, "account_id": n % ACCOUNTS + 1, "site_id": n % ACCOUNTS + 1,
             "title": f"Work {n}", "service_id": "hvac_repair",
             "owner_id": 1 if n <= REP_DEALS else 2 + n % 3,
             "amount_cents": (n * 7919) % 2_000_000, "scope": "", "lost_reason": "",
             "stage": STAGES[n % len(STAGES)],
             "next_follow_up_at": NOW + timedelta(hours=(n % 40) * 12 - 200) if n % 3 else None,
             "last_touch_at": NOW - timedelta(hours=n % 300)} for n in range(1, DEALS + 1)])
        db.execute(insert(orm.quotes), [
            {"id": n, "number": f"Q-{n}", "account_id": n % DEALS % ACCOUNTS + 1,
             "lines": (), "title": f"Quote {n}", "deal_id": n % DEALS + 1,
             "state": QUOTE_STATES[n % len(QUOTE_STATES)],
             "sent_at": NOW - timedelta(hours=n % 200)} for n in range(1, QUOTES + 1)])
    if engine.dialect.name == "postgresql":
        for table in ("staff", "accounts", "sites", "deals", "quotes"):
            with engine.begin() as db:  # ids were given: move each sequence past them
                db.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                f"(SELECT max(id) FROM {table}))"))
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as db:
            db.execute(text("ANALYZE"))
    engine.dispose()


def run(kind: str) -> bool:
    with fresh_database(kind) as url:
        upgrade(url)
        fill(url)
        container = bootstrap(Settings(database_url=url), clock=FixedClock(NOW))
        dialogue = container.dialogue
        rules = FollowUpRules.at(NOW, "America/Chicago")

        def query() -> None:
            with container.uow_factory() as uow:
                assert len(uow.deals.needing_follow_up(rules, owner_id=1,
                                                       limit=LIST_LIMIT)) == LIST_LIMIT

        def turn(body: str, expected: str) -> None:
            inbound = sms.inbound(phone=REP_PHONE, body=body,
                                  message_id=f"SM{uuid.uuid4().hex}", received_at=NOW)
            answer = receive(uow_factory=container.uow_factory, engine=dialogue,
                             inbound=inbound, rules=sms.rules(answer_keywords=False))
            assert answer.replies and expected in answer.replies[0], answer.replies

        ok = True
        for name, step, bar in (
                ("follow-up query alone", query, None),
                # Any text's fixed cost (store, identify, lock, reply, commit), for comparison.
                ("'thanks' text turn", lambda: turn("thanks", "welcome"), None),
                ("'followups' text turn", lambda: turn("followups", "1. Account"), BAR_MS)):
            for _ in range(10):  # warm up
                step()
            took = []
            for _ in range(REPEATS):
                started = time.perf_counter()
                step()
                took.append((time.perf_counter() - started) * 1000)
            median, p95 = statistics.median(took), percentile(took, 0.95)
            if bar is not None:
                ok &= median <= bar
            print(f"{kind:>8} {name:<24} median {median:6.2f} ms  p95 {p95:6.2f} ms "
                  f"({DEALS:,} deals, {QUOTES:,} quotes)")
        container.engine.dispose()
        return ok


def postgres_answers() -> bool:
    try:
        engine = create_engine(POSTGRES, connect_args={"connect_timeout": 3})
        with engine.connect() as db:
            db.execute(text("select 1"))
        engine.dispose()
        return True
    except Exception:  # any failure to connect: no PostgreSQL to measure
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    options = parser.parse_args()
    kinds = ["sqlite", "postgres"] if options.db == "both" else [options.db]
    if "postgres" in kinds and not postgres_answers():
        print("postgres: no server answers; measured on SQLite only")
        kinds.remove("postgres")
    ok = all([run(kind) for kind in kinds])
    print(f"bar: median at most {BAR_MS:g} ms a 'followups' text: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
