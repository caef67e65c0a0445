"""Score conversation files on the fakes: `python -m tests.conversations.score [FILES...]`.

Prints, per file and in total: conversations, replies, replies right (every check passed),
unintended changes; then each failing reply (id, turn, text, reply, the checks it failed).
`--known-failures` prints the failing conversation ids as known_failures.toml lines.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from tests.conversations.fake_world import FakeWorld
from tests.conversations.runner import ConversationResult, run_conversation
from tests.conversations.spec import HERE, ConversationFileError, load_files

# The unintended changes issue 9 counts: to visits, jobs or quotes (not notices or sign-ups).
WORK = ("visit", "new_visit", "job", "new_job", "quote")


def conversation_files() -> list[Path]:
    """The suite's files: every tests/conversations/*.toml but the known-failures list."""
    return sorted(p for p in HERE.glob("*.toml") if p.name != "known_failures.toml")


def score(results: list[ConversationResult]) -> tuple[int, int, int, int, int]:
    """(conversations, replies, replies right, unintended changes, of which to visits, jobs
    or quotes)."""
    turns = [t for r in results for t in r.turns]
    changes = [u for t in turns for u in t.unintended]
    return (len(results), len(turns), sum(t.right for t in turns), len(changes),
            sum(1 for u in changes if u.split(":")[0] in WORK))


def line(label: str, results: list[ConversationResult]) -> str:
    conversations, replies, right, changes, to_work = score(results)
    share = f"{100 * right / replies:.1f}%" if replies else "-"
    passed = sum(r.passed for r in results)
    return (f"{label:<28} conversations {conversations:>3} (all right: {passed:>3})  "
            f"replies {replies:>4}  right {right:>4} ({share})  unintended changes {changes} "
            f"(to visits, jobs, quotes: {to_work})")


def first_failure(result: ConversationResult) -> str:
    """Why a conversation fails, in one line: its first failing reply's first failed check."""
    turn = next(t for t in result.turns if not t.right)
    why = (turn.failures or [f"unintended change: {u}" for u in turn.unintended])[0]
    return f"turn {turn.turn}: {why}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.conversations.score",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="default: tests/conversations/*.toml")
    parser.add_argument("--known-failures", action="store_true",
                        help="also print the failing ids as known_failures.toml lines")
    args = parser.parse_args(argv)
    files = list(args.files) or conversation_files()
    try:
        conversations = load_files(files)
    except ConversationFileError as exc:
        print("cannot run; the files have problems:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    results = [run_conversation(c, FakeWorld) for c in conversations]
    print(f"Conversation suite on the fakes ({_version()}, "
          f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC)")
    for path in files:
        print(line(path.name, [r for r in results if r.spec.source == path.name]))
    print(line("TOTAL", results))
    failing = [r for r in results if not r.passed]
    if failing:
        print(f"\nFailing replies ({sum(not t.right for r in failing for t in r.turns)}):")
        for result in failing:
            print(result.report())
    if args.known_failures:
        print("\n[xfail]")
        for result in failing:
            print(f"{json.dumps(result.spec.id)} = {json.dumps(first_failure(result))}")
    return 0


def _version() -> str:
    """The commit scored, marked when the checkout has changes not committed."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, text=True,
                                capture_output=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "bot", "domain", "store"],
                               cwd=HERE.parent.parent, text=True, capture_output=True,
                               check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "commit unknown"
    return f"commit {commit}{' + changes' if dirty else ''}"


if __name__ == "__main__":
    sys.exit(main())
