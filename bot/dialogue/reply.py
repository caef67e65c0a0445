"""A reply as the conversation means it: its text and what answer it waits for.

Channels render it their own way: SMS as numbered GSM text ending "Reply 1, 2 or 3" or "Reply Y
or N" (bot/channels/sms.py), Telegram as buttons. Flows never write "Reply ..." themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Expect(StrEnum):
    TEXT = "text"  # free text, or nothing in particular
    YES_NO = "yes_no"
    CHOICE = "choice"  # one of `options`, by number


@dataclass(frozen=True)
class Reply:
    """What the bot says; `options` are the numbered choices of a CHOICE, in order."""

    text: str
    expects: Expect = Expect.TEXT
    options: tuple[str, ...] = ()
    other: str = ""  # what else may be answered instead of a number, e.g. "tell me another day"

    @classmethod
    def yes_no(cls, question: str) -> Reply:
        return cls(question, Expect.YES_NO)

    @classmethod
    def choice(cls, question: str, options: tuple[str, ...], other: str = "") -> Reply:
        return cls(question, Expect.CHOICE, options, other)
