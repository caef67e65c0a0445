"""Scoring the parser against labelled JSONL rows in the dev-set format."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.nlu import intents
from bot.nlu.moments import BadMoment, local_now
from bot.nlu.parser import Parser

OFFDOMAIN = "offdomain"
SCORED_SLOTS = ("service", "when", "quote", "option", "minutes", "target")


@dataclass
class SlotScore:
    """How often one slot was read exactly, and how often it appeared where none was expected."""

    expected: int = 0
    exact: int = 0
    spurious: int = 0


@dataclass
class Report:
    """The figures of one evaluation run."""

    rows: int = 0
    intent_correct: int = 0
    slots: dict[str, SlotScore] = field(default_factory=lambda: {s: SlotScore() for s in SCORED_SLOTS})
    consequential_confusions: Counter[tuple[str, str]] = field(default_factory=Counter)
    offdomain_rows: int = 0
    offdomain_consequential: int = 0
    mapped_rows: int = 0
    mapped_correct: int = 0
    mistakes: list[dict[str, Any]] = field(default_factory=list)
    bad_rows: int = 0


def evaluate(lines: Iterable[str], parser: Parser) -> Report:
    """Parse each labelled row and compare intent and slots with the expected answer."""
    report = Report()
    for line in lines:
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            now = local_now(row.get("now"), row.get("tz"))
            text = row["text"]
        except (ValueError, KeyError, TypeError, BadMoment):
            report.bad_rows += 1
            continue
        got = parser.parse(text, role=row.get("role", intents.CUSTOMER), now=now)
        _score(report, row, got.intent, got.slots)
    return report


def _score(report: Report, row: dict[str, Any], intent: str, slots: dict[str, Any]) -> None:
    expected = row.get("intent", intents.UNKNOWN)
    expected_slots = row.get("slots") or {}
    report.rows += 1
    if expected == OFFDOMAIN:
        report.offdomain_rows += 1
        correct = intent not in intents.CONSEQUENTIAL
        report.offdomain_consequential += not correct
    else:
        report.mapped_rows += 1
        correct = intent == expected
        report.mapped_correct += correct
    report.intent_correct += correct
    if intent != expected and (intent in intents.CONSEQUENTIAL or expected in intents.CONSEQUENTIAL):
        report.consequential_confusions[(expected, intent)] += 1
    slot_ok = True
    if expected != OFFDOMAIN:
        for name in SCORED_SLOTS:
            score = report.slots[name]
            if name in expected_slots:
                score.expected += 1
                if slots.get(name) == expected_slots[name]:
                    score.exact += 1
                else:
                    slot_ok = False
            elif name in slots:
                score.spurious += 1
                slot_ok = False
    if not correct or not slot_ok:
        report.mistakes.append(
            {
                "id": row.get("id"),
                "text": row.get("text"),
                "expected": expected,
                "expected_slots": expected_slots,
                "got": intent,
                "got_slots": slots,
            }
        )
