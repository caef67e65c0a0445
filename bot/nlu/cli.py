"""The `fieldbot parse` and `fieldbot eval` commands; heavy imports wait until a command runs."""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO, Any

from bot.nlu import intents
from bot.nlu.moments import DEFAULT_TIME_ZONE


def register(subparsers: Any) -> None:
    """Add the `parse` and `eval` subcommands to the fieldbot command line."""
    parse = subparsers.add_parser("parse", help="understand one message, or JSON lines with --jsonl")
    parse.add_argument("text", nargs="?", help="the message text")
    parse.add_argument("--role", default=intents.CUSTOMER.value,
                       choices=[role.value for role in intents.ROLES])
    parse.add_argument("--now", help="local wall-clock ISO time in --tz (default: now)")
    parse.add_argument("--tz", default=DEFAULT_TIME_ZONE, help="IANA time zone of the message")
    parse.add_argument("--target", action="append", default=[], help="a known account name")
    parse.add_argument("--jsonl", action="store_true", help="read JSON lines on stdin, write JSON lines")
    parse.set_defaults(func=run_parse)

    evaluate = subparsers.add_parser("eval", help="score the parser on a labelled JSONL file")
    evaluate.add_argument("file", help="labelled JSONL in the dev-set format")
    evaluate.add_argument("--mistakes", type=int, default=20, help="how many mistakes to list")
    evaluate.set_defaults(func=run_eval)


def run_parse(args: argparse.Namespace) -> int:
    """Parse one message from the arguments, or every line of stdin with --jsonl."""
    from bot.nlu.moments import BadMoment, local_now
    from bot.nlu.parser import Parser

    parser = Parser()
    if args.jsonl:
        return parse_lines(parser, sys.stdin, sys.stdout, default_tz=args.tz)
    if args.text is None:
        print("fieldbot parse: give a text or --jsonl", file=sys.stderr)
        return 2
    try:
        now = local_now(args.now, args.tz)
    except BadMoment as error:
        print(f"fieldbot parse: {error}", file=sys.stderr)
        return 2
    result = parser.parse(args.text, role=args.role, now=now, known_targets=args.target)
    print(json.dumps(result.to_json(), ensure_ascii=False))
    return 0


def parse_lines(parser: Any, lines: IO[str], out: IO[str], *, default_tz: str) -> int:
    """Answer each JSON line of `lines` with one JSON line on `out`, in order, errors per line."""
    from bot.nlu.moments import BadMoment, local_now

    try:
        for line in lines:
            if not line.strip():
                continue
            out.write(json.dumps(_answer_line(parser, line, default_tz, local_now, BadMoment)) + "\n")
    except (OSError, UnicodeDecodeError) as error:
        print(f"fieldbot parse: cannot read stdin: {error}", file=sys.stderr)
        return 1
    out.flush()
    return 0


def _answer_line(parser: Any, line: str, default_tz: str, local_now: Any, bad_moment: Any) -> dict[str, Any]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        return {"id": None, "error": f"not valid JSON: {error.msg}"}
    except ValueError as error:
        return {"id": None, "error": f"not valid JSON: {error}"}
    if not isinstance(row, dict):
        return {"id": None, "error": "a line must be a JSON object"}
    row_id = row.get("id")
    text = row.get("text")
    if not isinstance(text, str):
        return {"id": row_id, "error": "missing 'text'"}
    role = row.get("role") or intents.CUSTOMER.value
    if role not in intents.ROLES:
        return {"id": row_id, "error": f"unknown role '{role}'"}
    try:
        now = local_now(row.get("now"), row.get("tz") or default_tz)
    except bad_moment as error:
        return {"id": row_id, "error": str(error)}
    targets = row.get("known_targets") or ()
    result = parser.parse(text, role=role, now=now, known_targets=tuple(map(str, targets)))
    return {"id": row_id, **result.to_json()}


def run_eval(args: argparse.Namespace) -> int:
    """Score the parser on a labelled file and print accuracy, slot scores and risky confusions."""
    from bot.nlu.evaluation import SCORED_SLOTS, evaluate
    from bot.nlu.parser import Parser

    try:
        with open(args.file, encoding="utf-8") as labelled:
            report = evaluate(labelled, Parser())
    except OSError as error:
        print(f"fieldbot eval: cannot read {args.file}: {error}", file=sys.stderr)
        return 1

    def pct(part: int, whole: int) -> str:
        return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "n/a"

    print(f"rows: {report.rows}" + (f" (unreadable: {report.bad_rows})" if report.bad_rows else ""))
    print(f"intent accuracy: {pct(report.intent_correct, report.rows)}")
    print(f"  labelled intents: {pct(report.mapped_correct, report.mapped_rows)}")
    print(
        "  offdomain kept harmless: "
        + pct(report.offdomain_rows - report.offdomain_consequential, report.offdomain_rows)
    )
    print(f"offdomain rows turned consequential: {report.offdomain_consequential} of {report.offdomain_rows}")
    print("slot accuracy (exact match where labelled; spurious = filled where not labelled):")
    for name in SCORED_SLOTS:
        score = report.slots[name]
        print(f"  {name:8} {pct(score.exact, score.expected):>20}   spurious {score.spurious}")
    print("consequential confusions (expected -> got):")
    if not report.consequential_confusions:
        print("  none")
    for (expected, got), count in sorted(report.consequential_confusions.items()):
        print(f"  {expected} -> {got}: {count}")
    if args.mistakes and report.mistakes:
        print(f"mistakes (first {min(args.mistakes, len(report.mistakes))} of {len(report.mistakes)}):")
        for mistake in report.mistakes[: args.mistakes]:
            print("  " + json.dumps(mistake, ensure_ascii=False))
    return 0
