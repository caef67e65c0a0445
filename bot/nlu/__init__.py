"""Message understanding: `Parser().parse(text, role=..., now=...)` gives a `Parse`.

Names are loaded on first use so that importing the command line stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.nlu.parser import Parser
    from bot.nlu.result import Parse

__all__ = ["Parse", "Parser"]


def __getattr__(name: str) -> Any:
    if name == "Parser":
        from bot.nlu.parser import Parser

        return Parser
    if name == "Parse":
        from bot.nlu.result import Parse

        return Parse
    raise AttributeError(f"module 'bot.nlu' has no attribute {name!r}")
