"""Conversation: per-sender flows with their state in the database, and the replies they send."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.dialogue.engine import DialogueEngine

__all__ = ["DialogueEngine"]


def __getattr__(name: str) -> Any:
    if name == "DialogueEngine":
        from bot.dialogue.engine import DialogueEngine

        return DialogueEngine
    raise AttributeError(f"module 'bot.dialogue' has no attribute {name!r}")
