"""Benchmark the scheduler's derivation pass over 100,000 appointments and 20,000 quotes.

For each database (a fresh SQLite file, a fresh PostgreSQL schema when one is reachable) it
migrates, loads the demo company, inserts 20,000 accounts (a contact and a site each), 100,000
jobs with one visit each over 200 days (the past ones completed), and 20,000 sent quotes over
60 days with a deal each, in Core executemany. Then it times whole due passes at a weekday
09:00 in Chicago (derive, withdraw, write; no sending): the first writes what is due, the next
ones, a minute apart, find it written and add what came due since. The bar is on those
(the pass `serve` runs every minute); the first, catch-up pass is reported beside it.

    .venv/bin/python bench/due_bench.py               # both databases
    .venv/bin/python bench/due_bench.py --db sqlite

Prints the median and slowest pass a minute apart and the catch-up pass; exits 1 when the
median is over 1 s. Beside each time, this process's CPU seconds: on a busy machine the wall
clock counts the waits for a CPU too (on SQLite the CPU time is the whole pass; PostgreSQL's
own work is not in it).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from api_paging import fresh_database  # bench/ is on the path when run as a script
from sqlalchemy import create_engine, insert, select, text

from bot.scheduler import DuePass
from domain.clock import FixedClock
from domain.deals import DealStage
from domain.demo import demo_company
from domain.hours import WeeklyHours
from domain.jobs import AppointmentStatus, JobState
from domain.parties import AccountKind, Channel
from domain.quotes import QuoteState
from domain.staff import Role
from store import orm
from store.engine import create_db_engine, make_session_factory
from store.migrate import upgrade
from store.uow import SqlAlchemyUnitOfWork

APPOINTMENTS, QUOTES, ACCOUNTS, DAYS, BAR_SECONDS, PASSES = 100_000, 20_000, 20_000, 200, 1.0, 11
FIRST_DAY = datetime(2026, 1, 5, 14, 0, tzinfo=UTC)  # visits from 08:00 Chicago
NOW = datetime(2026, 4, 21, 14, 0, tzinfo=UTC)  # a Tuesday, 09:00 in Chicago
ZONE = "America/Chicago"


def fill(url: str) -> None:
    with SqlAlchemyUnitOfWork(make_session_factory(create_db_engine(url))) as uow:
        uow.business.replace(demo_company())
        uow.commit()
    engine = create_engine(url)
    hours = WeeklyHours.weekdays("07:00", "19:00")
    staff = [{"name": f"Tech {i}", "role": Role.TECHNICIAN, "phone": f"+1555030{i:04d}",
              "skills": ("hvac", "plumbing", "electrical"), "zones": ("north",),
              "working_hours": hours, "timezone": ZONE, "active": True} for i in range(20)]
    staff += [{"name": f"Rep {i}", "role": Role.SALES, "phone": f"+1555031{i:04d}",
               "skills": (), "zones": (), "working_hours": hours, "timezone": ZONE,
               "active": True} for i in range(5)]
    staff.append({"name": "Dispatch", "role": Role.DISPATCHER, "phone": "+15550320000",
                  "skills": (), "zones": (), "working_hours": None, "timezone": ZONE,
                  "active": True})
    accounts = [{"id": i, "name": f"Household {i}", "kind": AccountKind.HOUSEHOLD}
                for i in range(1, ACCOUNTS + 1)]
    contacts = [{"account_id": i, "name": f"Customer {i}", "phone": f"+1555100{i:04d}",
                 "preferred_channel": Channel.SMS, "language": "en"}
                for i in range(1, ACCOUNTS + 1)]
    sites = [{"id": i, "account_id": i, "address": f"{i} Elm St", "city": "Chicago",
              "postal_code": "60614", "zone_id": "north", "timezone": ZONE, "access_notes": ""}
             for i in range(1, ACCOUNTS + 1)]
    jobs, appointments = [], []
    per_day = APPOINTMENTS // DAYS
    for i in range(1, APPOINTMENTS + 1):
        day, slot = divmod(i - 1, per_day)
        start = FIRST_DAY + timedelta(days=day, minutes=(slot % 40) * 15)
        account = (i - 1) % ACCOUNTS + 1
        past = start < NOW - timedelta(hours=3)
        service = ("hvac_maintenance", "hvac_repair", "plumbing_repair")[i % 3]
        jobs.append({"id": i, "account_id": account, "site_id": account, "service_id": service,
                     "scope": "", "state": JobState.COMPLETED if past else JobState.SCHEDULED,
                     "summary": "", "lines": (), "created_at": start - timedelta(days=3),
                     "updated_at": start + timedelta(hours=2) if past else start})
        appointments.append({
            "job_id": i, "start": start,
            "end": start + timedelta(hours=2), "window_start": start,
            "window_end": start + timedelta(hours=2), "account_id": account, "zone_id": "north",
            "confirmed": False,
            "status": AppointmentStatus.DONE if past else AppointmentStatus.BOOKED})
    with engine.begin() as connection:
        connection.execute(insert(orm.staff), staff)
        reps = list(connection.scalars(select(orm.staff.c.id).where(
            orm.staff.c.name.like("Rep %")).order_by(orm.staff.c.id)))
        technicians = list(connection.scalars(select(orm.staff.c.id).where(
            orm.staff.c.name.like("Tech %")).order_by(orm.staff.c.id)))
    for appointment in appointments:
        appointment["technician_id"] = technicians[appointment["job_id"] % len(technicians)]
    deals, quotes = [], []
    for i in range(1, QUOTES + 1):
        account = (i * 7) % ACCOUNTS + 1
        sent = NOW - timedelta(days=60) + timedelta(minutes=i * 4)
        deals.append({"id": i, "account_id": account, "site_id": account, "title": "New furnace",
                      "service_id": "hvac_repair", "owner_id": reps[i % len(reps)], "amount_cents": 650_000,
                      "scope": "", "stage": DealStage.QUOTED,
                      "next_follow_up_at": sent + timedelta(days=10), "last_touch_at": sent})
        quotes.append({"number": f"Q-{i}", "account_id": account, "lines": (),
                       "title": "New furnace", "deal_id": i, "state": QuoteState.SENT,
                       "sent_at": sent})
    with engine.begin() as connection:
        for table, rows in ((orm.accounts, accounts),
                            (orm.contacts, contacts), (orm.sites, sites), (orm.jobs, jobs),
                            (orm.appointments, appointments), (orm.deals, deals),
                            (orm.quotes, quotes)):
            connection.execute(insert(table), rows)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for table in ("staff", "accounts", "contacts", "sites", "jobs", "appointments",
                          "deals", "quotes"):
                connection.execute(text(f"ANALYZE {table}"))
            # Sequences behind explicit ids move on, as after a restore.
            for table, count in (("accounts", ACCOUNTS), ("sites", ACCOUNTS),
                                 ("jobs", APPOINTMENTS), ("deals", QUOTES)):
                connection.execute(text(f"SELECT setval('{table}_id_seq', {count})"))
    engine.dispose()


def measure(url: str) -> dict[str, Any]:
    upgrade(url)
    fill(url)
    engine = create_db_engine(url)
    company = demo_company()
    clock = FixedClock(NOW)
    due = DuePass(uow_factory=lambda: SqlAlchemyUnitOfWork(make_session_factory(engine)),
                  business=company.business, catalog=company.catalog, clock=clock)
    seconds, cpu, written = [], [], []
    for _ in range(PASSES):
        began, began_cpu = time.perf_counter(), time.process_time()
        report = due.run()
        seconds.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
        written.append(sum(report.counts().values()))
        clock.advance(timedelta(minutes=1))  # the next pass, a minute on, as `serve` runs them
    engine.dispose()
    return {"first": seconds[0], "first_cpu": cpu[0], "backlog": written[0],
            "steady": seconds[1:], "steady_cpu": cpu[1:], "steady_written": sum(written[1:])}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    args = parser.parse_args()
    kinds = ("sqlite", "postgres") if args.db == "both" else (args.db,)
    failed = False
    print(f"due pass over {APPOINTMENTS:,} appointments and {QUOTES:,} quotes "
          f"(bar {BAR_SECONDS:.1f} s a pass)")
    for kind in kinds:
        try:
            with fresh_database(kind) as url:
                result = measure(url)
        except Exception as exc:  # PostgreSQL not reachable here: say so, keep SQLite's figure
            if kind == "postgres" and args.db == "both":
                print(f"  postgres: skipped ({type(exc).__name__})")
                continue
            raise
        steady = result["steady"]
        over = statistics.median(steady) > BAR_SECONDS
        failed |= over
        print(f"  {kind:<8} pass every minute: median {statistics.median(steady):.3f} s "
              f"(cpu {statistics.median(result['steady_cpu']):.3f} s), max {max(steady):.3f} s "
              f"({result['steady_written']} written in {len(steady)} passes)"
              f"{'  OVER THE BAR' if over else ''}")
        print(f"  {kind:<8} catch-up pass (nothing written before: {result['backlog']:,} "
              f"messages at once): {result['first']:.3f} s (cpu {result['first_cpu']:.3f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
