"""Numbers written as words, shared by the readers of hours, day counts and minutes."""

from __future__ import annotations

from collections.abc import Iterable

SMALL_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}


def up_to(limit: int) -> dict[str, int]:
    """The number words from one to `limit`."""
    return {word: value for word, value in SMALL_NUMBERS.items() if value <= limit}


def alternatives(words: Iterable[str]) -> str:
    """A regex alternation that tries longer words first ("a couple of" before "a")."""
    return "|".join(sorted(words, key=len, reverse=True))
