"""Plays a conversation against a world and checks every reply and every change it made.

A `World` is the customer's phone plus a way to read the state: on the in-memory fakes
(tests/conversations/fake_world.py) or end to end through the FastAPI app (test_suite_e2e.py).
The runner never stops at a failed check: every turn is played and judged.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from tests.conversations.spec import ConversationSpec, TurnSpec
from tests.conversations.state import State, changed, check_after, unintended
from tests.conversations.world import Seeded

MINUTE = timedelta(minutes=1)  # the clock moves on by this much after every turn


class World(Protocol):
    seeded: Seeded

    def text(self, body: str) -> str:
        """The customer's text in, the bot's answer (several messages joined by newlines) out."""

    def state(self) -> State: ...

    def advance(self, delta: timedelta) -> None: ...


@dataclass
class TurnResult:
    conversation: str
    turn: int  # 1-based
    text: str
    reply: str
    failures: list[str] = field(default_factory=list)
    unintended: list[str] = field(default_factory=list)

    @property
    def right(self) -> bool:
        return not self.failures and not self.unintended


@dataclass
class ConversationResult:
    spec: ConversationSpec
    turns: list[TurnResult]
    error: str | None = None  # the world could not be built, or the bot crashed

    @property
    def passed(self) -> bool:
        return self.error is None and all(t.right for t in self.turns)

    def report(self) -> str:
        """Every failing reply of the conversation, one block each."""
        lines = [f"{self.spec.source}: {self.spec.id} ({self.spec.about})"]
        if self.error:
            lines.append(f"  error: {self.error}")
        for turn in self.turns:
            if not turn.right:
                lines.append(f"  turn {turn.turn}: {turn.text!r}")
                lines.append(f"    reply: {turn.reply!r}")
                lines.extend(f"    failed: {f}" for f in turn.failures)
                lines.extend(f"    unintended change: {u}" for u in turn.unintended)
        return "\n".join(lines)


def kind_of(reply: str) -> str:
    """What the rendered SMS waits for: "Reply Y or N", "Reply 1, 2 ..." or free text."""
    last = reply.strip().splitlines()[-1] if reply.strip() else ""
    if "reply y or n" in last.casefold():
        return "yes_no"
    if re.search(r"\breply \d", last, re.IGNORECASE):
        return "choice"
    return "text"


def _normal(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").casefold().split())


def check_reply(turn: TurnSpec, reply: str) -> list[str]:
    """Each check of `turn` the reply fails, in words."""
    said = _normal(reply)
    failures = [f"says: {phrase!r} is missing" for phrase in turn.says
                if _normal(phrase) not in said]
    if turn.says_any and not any(_normal(p) in said for p in turn.says_any):
        failures.append(f"says_any: none of {list(turn.says_any)!r} is there")
    failures += [f"never: {phrase!r} is there" for phrase in turn.never if _normal(phrase) in said]
    if turn.expects is not None and kind_of(reply) != turn.expects:
        failures.append(f"expects: the reply waits for {kind_of(reply)}, expected {turn.expects}")
    return failures


def run_conversation(spec: ConversationSpec,
                     build: Callable[[ConversationSpec], World]) -> ConversationResult:
    """Build the world, play every turn, judge every reply; never raises for the bot's faults."""
    try:
        world = build(spec)
        start = world.state()
    except Exception as exc:  # the world could not be built: every turn counts as failed
        return ConversationResult(spec, [TurnResult(spec.id, n, t.text, "", ["not run"])
                                         for n, t in enumerate(spec.turns, start=1)],
                                  error=_error(exc))
    results: list[TurnResult] = []
    before = start
    for n, turn in enumerate(spec.turns, start=1):
        try:
            reply = world.text(turn.text)
            after = world.state()
        except Exception as exc:
            results.append(TurnResult(spec.id, n, turn.text, "", [f"error: {_error(exc)}"]))
            results.extend(TurnResult(spec.id, m, t.text, "", ["not run after an error"])
                           for m, t in enumerate(spec.turns[n:], start=n + 1))
            return ConversationResult(spec, results, error=_error(exc))
        result = TurnResult(spec.id, n, turn.text, reply, check_reply(turn, reply))
        found = changed(before, after, world.seeded)
        result.unintended = unintended(found, turn.changes, before, after, world.seeded)
        if turn.after is not None:
            result.failures += check_after(turn.after, start, after, world.seeded)
        results.append(result)
        before = after
        world.advance(MINUTE)
    return ConversationResult(spec, results)


def _error(exc: BaseException) -> str:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}" if where else ""
    return f"{type(exc).__name__}: {exc}{at}"
