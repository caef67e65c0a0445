"""Benchmark of `fieldbot parse --jsonl`: start-up cost and marginal cost per message.

Runs the real command line as a subprocess over empty input, N lines and 2N lines, and reports
(t(2N) - t(N)) / N as the marginal cost, plus the cold start of a one-message `fieldbot parse`.
Usage: .venv/bin/python bench/parse_bench.py [--lines 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
SOURCES = (SHARED / "nlu" / "dev.jsonl", SHARED / "external" / "clinc150.jsonl")
FALLBACK_TEXTS = (
    "can you come tmrw at 3",
    "my AC is blowing warm air",
    "cancel my appointment please",
    "on my way eta 10",
    "remind me about Pinecrest Realty on friday",
    "yes",
    "the 2nd one",
    "jan 12 at 9am please",
    "what's the weather like in paris",
    "thanks!",
)


def command() -> list[str]:
    # `python -m api.cli` run from the repository root measures this checkout even when the
    # editable install behind `.venv/bin/fieldbot` points at another copy of the tree.
    return [sys.executable, "-m", "api.cli"]


def messages(count: int) -> list[str]:
    rows = []
    for source in SOURCES:
        if source.exists():
            rows.extend(line for line in source.read_text(encoding="utf-8").splitlines() if line.strip())
    if not rows:
        rows = [
            json.dumps({"id": str(i), "text": text, "now": "2026-03-02T09:30:00", "tz": "America/Chicago"})
            for i, text in enumerate(FALLBACK_TEXTS)
        ]
    return [rows[i % len(rows)] for i in range(count)]


def timed_run(cmd: list[str], stdin: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, input=stdin, capture_output=True, text=True, check=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    expected = stdin.count("\n") if "--jsonl" in cmd else 1
    if done.stdout.count("\n") != expected:
        raise SystemExit(f"expected {expected} output lines, got {done.stdout.count(chr(10))}")
    return elapsed


def best_of(repeat: int, cmd: list[str], stdin: str) -> float:
    return min(timed_run(cmd, stdin) for _ in range(repeat))


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--lines", type=int, default=5000, help="N; runs use N and 2N lines")
    options.add_argument("--repeat", type=int, default=3, help="runs per size; the fastest counts")
    args = options.parse_args()
    parse = [*command(), "parse", "--jsonl"]
    lines = messages(2 * args.lines)
    small = "\n".join(lines[: args.lines]) + "\n"
    large = "\n".join(lines) + "\n"

    cold = best_of(args.repeat, [*command(), "parse", "hello there", "--now", "2026-03-02T09:30:00"], "")
    empty = best_of(args.repeat, parse, "")
    t_small = best_of(args.repeat, parse, small)
    t_large = best_of(args.repeat, parse, large)
    marginal_ms = (t_large - t_small) / args.lines * 1000
    import_started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import dateparser"], check=True)
    dateparser_import = time.perf_counter() - import_started
    bare_started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare_python = time.perf_counter() - bare_started

    print(f"command:                      {' '.join(parse)}")
    print(f"cold start, one message:      {cold:.3f} s")
    print(f"start-up, empty --jsonl:      {empty:.3f} s")
    print(f"{args.lines} lines:                  {t_small:.3f} s")
    print(f"{2 * args.lines} lines:                 {t_large:.3f} s")
    print(f"marginal cost per message:    {marginal_ms:.3f} ms")
    print(f"average incl. start-up (2N):  {t_large / (2 * args.lines) * 1000:.3f} ms")
    print(f"python -c 'import dateparser' {dateparser_import:.3f} s (bare python {bare_python:.3f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
