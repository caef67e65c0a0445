"""Where the server's time goes per text: the SMS load bench's mix, in-process under cProfile.

Seeds the demo company on a fresh SQLite file (or a PostgreSQL schema with --db postgres), then
plays the same conversations as bench/sms_load.py (customers, new numbers, technicians and reps)
down the webhook's own path in this thread (cut, parse ahead, `receive` in the transaction lane:
what api/routes/twilio.py runs once the signature is checked), and prints the functions with the
most cumulative or own time. No bar: a tool for finding the
top costs when the load bench falls short, not a measurement of speed. With --per-text it runs
without the profiler and prints, by kind of sender, the CPU time and the SQL statements a text
costs (CPU time, not texts per second: on a shared machine it drifts less).

    .venv/bin/python bench/sms_profile.py --messages 1500
    .venv/bin/python bench/sms_profile.py --db postgres --sort tottime --top 40
    .venv/bin/python bench/sms_profile.py --per-text
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sms_load import Conversation, build_conversations, fresh_database, seeded_staff  # noqa: E402
from sqlalchemy import event  # noqa: E402

from api.bootstrap import Container, bootstrap  # noqa: E402
from api.settings import Settings  # noqa: E402
from bot.channels import sms  # noqa: E402
from bot.inbox import cut, receive  # noqa: E402
from store.migrate import upgrade  # noqa: E402
from store.seed import seed_demo  # noqa: E402


def one_text(container: Container, phone: str, text: str) -> list[str]:
    """A text down the webhook's path after its signature check; the replies."""
    inbound = cut(sms.inbound(phone=phone, body=text, message_id=f"SM{uuid.uuid4().hex}",
                              received_at=container.clock.now()))
    ahead = container.dialogue.parse_ahead(inbound.text, inbound.received_at)
    rules = sms.rules(answer_keywords=True)
    result = container.lane.run_blocking(lambda uow_factory: receive(
        uow_factory=uow_factory, engine=container.dialogue, inbound=inbound, rules=rules,
        ahead=ahead))
    return list(result.replies)


def per_text(container: Container, conversations: list[Conversation]) -> None:
    """CPU time and SQL statements per text by kind of sender, after a warm-up of 20
    conversations (imports, the parser's first reading)."""
    statements = [0]

    def count(*_: object) -> None:
        statements[0] += 1

    for conversation in conversations[:20]:
        for text in conversation.texts:
            one_text(container, conversation.phone, text)
    event.listen(container.engine, "before_cursor_execute", count)
    cpu: dict[str, list[float]] = {}
    sql: dict[str, list[int]] = {}
    for conversation in conversations[20:]:
        for text in conversation.texts:
            before, started = statements[0], time.process_time()
            one_text(container, conversation.phone, text)
            cpu.setdefault(conversation.kind, []).append(time.process_time() - started)
            sql.setdefault(conversation.kind, []).append(statements[0] - before)
    event.remove(container.engine, "before_cursor_execute", count)
    groups = {"all": list(cpu), "staff": ["technician", "rep"], **{kind: [kind] for kind in cpu}}
    for name, kinds in groups.items():
        spent = [s for kind in kinds for s in cpu.get(kind, [])]
        sent = [n for kind in kinds for n in sql.get(kind, [])]
        if spent:
            print(f"{name:>10}: {len(spent):5d} texts, CPU {1000 * sum(spent) / len(spent):5.2f} "
                  f"ms per text, {sum(sent) / len(sent):4.1f} SQL statements per text")


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    options.add_argument("--messages", type=int, default=1500)
    options.add_argument("--seed", type=int, default=4)
    options.add_argument("--sort", choices=("cumulative", "tottime"), default="cumulative")
    options.add_argument("--top", type=int, default=30)
    options.add_argument("--per-text", action="store_true",
                         help="no profiler: CPU ms and SQL statements per text, by sender")
    options.add_argument("--save", metavar="FILE",
                         help="also write the raw profile to FILE (for pstats: callers, callees)")
    args = options.parse_args()

    with fresh_database(args.db) as url:
        upgrade(url)
        container = bootstrap(Settings(database_url=url, run_sender=False, log_level="WARNING"))
        seed_demo(bus=container.bus, uow_factory=container.uow_factory,
                  business=container.business, catalog=container.catalog,
                  now=container.clock.now())
        conversations = build_conversations(args.messages, args.seed, seeded_staff(url))
        if args.per_text:
            per_text(container, conversations)
            container.engine.dispose()
            return 0
        profile = cProfile.Profile()
        started, sent = time.perf_counter(), 0
        for conversation in conversations:
            for text in conversation.texts:
                profile.runcall(one_text, container, conversation.phone, text)
                sent += 1
        elapsed = time.perf_counter() - started
        container.engine.dispose()
    if args.save:
        profile.dump_stats(args.save)
    report = io.StringIO()
    pstats.Stats(profile, stream=report).sort_stats(args.sort).print_stats(args.top)
    print(f"{sent} texts in process in {elapsed:.1f} s ({sent / elapsed:.0f}/s, one at a time, "
          "under the profiler)")
    print(report.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
