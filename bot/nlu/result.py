"""The parser's answer: one intent, its slots and how sure the parser is."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Parse:
    """One understood message, in the exact shape of the message-understanding contract."""

    intent: str
    slots: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """Return the contract's JSON object: intent, slots and confidence."""
        return {"intent": self.intent, "slots": dict(self.slots), "confidence": self.confidence}
