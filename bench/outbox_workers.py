"""The outbox on PostgreSQL: 4 `fieldbot worker` processes, 10,000 due messages, a fake Twilio on
loopback that answers each send after 50 ms. Exactly 10,000 sends, none twice; bar 500 sends/s.

The workers start first and idle; the 10,000 rows are then committed in one statement, and the
clock runs from that commit until the fake has taken the last message (and every row is SENT).
The fake counts sends by body (each message's body is unique) and the database by provider id.

    .venv/bin/python bench/outbox_workers.py [--messages N] [--workers N] [--concurrency N]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' fake Twilio

from bench.api_paging import fresh_database  # noqa: E402
from domain.messages import Direction, MessageKind, MessageStatus  # noqa: E402
from domain.parties import Channel  # noqa: E402
from store import orm  # noqa: E402
from store.migrate import upgrade  # noqa: E402
from tests.e2e.servers import fieldbot_worker, worker_env  # noqa: E402
from tests.fake_twilio import FakeTwilio  # noqa: E402

BAR_PER_SECOND = 500.0


def wait_for(condition: object, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit(f"outbox bench: {what} did not happen within {seconds:.0f} s")
        time.sleep(0.01)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=64, help="per worker")
    parser.add_argument("--latency", type=float, default=0.05, help="the fake's answer time (s)")
    args = parser.parse_args()

    with fresh_database("postgres") as url, FakeTwilio().running() as fake, \
            tempfile.TemporaryDirectory(prefix="fieldbot-outbox-bench-") as folder:
        upgrade(url)
        fake.delay = args.latency
        engine = create_engine(url)
        env = worker_env(url, fake.base_url, fake.account_sid, fake.auth_token,
                         SENDER_CONCURRENCY=str(args.concurrency))
        with ExitStack() as stack:
            workers = [stack.enter_context(fieldbot_worker(
                env, Path(folder) / f"worker-{n}.log", concurrency=args.concurrency,
                interval=0.05)) for n in range(args.workers)]
            wait_for(lambda: all("running" in w.logged() for w in workers), 60, "worker start-up")
            now = datetime.now(UTC)
            rows = [{"channel": Channel.SMS, "direction": Direction.OUT,
                     "address": f"+1555030{n % 10_000:04d}", "body": f"bench message {n}",
                     "created_at": now, "status": MessageStatus.QUEUED,
                     "kind": MessageKind.NOTICE, "due_at": now, "attempts": 0}
                    for n in range(args.messages)]
            with engine.begin() as connection:
                connection.execute(insert(orm.messages), rows)
            started = time.perf_counter()
            fake_cpu = time.process_time()
            wait_for(lambda: len(fake.sent) >= args.messages, 600, "every send")
            taken = time.perf_counter() - started
            table = orm.messages.c

            def recorded() -> int:
                with engine.connect() as connection:
                    return int(connection.execute(select(func.count()).where(
                        table.status == MessageStatus.SENT)).scalar_one())

            wait_for(lambda: recorded() == args.messages, 60, "every row SENT")
            recorded_after = time.perf_counter() - started
            fake_cpu = time.process_time() - fake_cpu
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            exits = [w.stop() for w in workers]
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            workers_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
            time.sleep(0.5)  # anything a worker sent while stopping has reached the fake
        with engine.connect() as connection:
            by_worker = Counter(dict(connection.execute(
                select(table.claimed_by, func.count()).group_by(table.claimed_by)).all()))
            provider_ids = connection.execute(select(func.count(func.distinct(
                table.provider_message_id)))).scalar_one()
            flagged = connection.execute(select(func.count()).where(
                table.possible_duplicate)).scalar_one()
        engine.dispose()

    sends = Counter(text.body for text in fake.sent)
    twice = sum(1 for count in sends.values() if count > 1)
    per_second = args.messages / taken
    print(f"outbox on PostgreSQL: {args.workers} workers x {args.concurrency} in flight, "
          f"{args.messages} messages, fake Twilio answering after {args.latency * 1000:.0f} ms")
    print(f"  sends {len(fake.sent)}, distinct messages {len(sends)}, sent twice {twice}, "
          f"distinct provider ids in the database {provider_ids}, flagged duplicates {flagged}")
    print(f"  all taken by the provider in {taken:.2f} s: {per_second:.0f} sends/s "
          f"(bar {BAR_PER_SECOND:.0f}); all recorded SENT after {recorded_after:.2f} s")
    print(f"  per worker: {sorted(by_worker.values(), reverse=True)}; exit codes {exits}")
    print(f"  CPU: workers {workers_cpu:.1f} s ({workers_cpu / args.messages * 1000:.2f} ms a send, "
          f"start-up included), fake Twilio and this script {fake_cpu:.1f} s; the machine's load "
          f"average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    ok = (len(fake.sent) == args.messages and twice == 0 and provider_ids == args.messages
          and per_second >= BAR_PER_SECOND and exits == [0] * args.workers)
    print("  PASS" if ok else "  FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
