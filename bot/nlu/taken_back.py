"""A value the writer takes back in the same text: "60657... no wait 60613", "60657 sorry i mean
60613", "60657 was a typo", "omw 20 make that 30", "won 2 - sorry, 3". The value taken back is
dropped before anything reads the text, so no flow acts on it (refuses it, passes it on, saves it)."""

from __future__ import annotations

import re

_ZIP = r"\b\d{5}\b"
# Words that take back what was just said: "no wait", "sorry i mean", "oops", "actually".
_TAKE_BACK = (r"(?:no+|nope|wait|sorry|oops|whoops|actually|correction|scratch that|my bad|typo|"
              r"i mean[t]?|not that one)")
_THEN = r"(?:its|it'?s|it is|make (?:it|that)|should be|that should be|the zip is|zip is|i mean[t]?)"
_REPLACED = re.compile(
    rf"(?P<old>{_ZIP})(?P<mid>[\s.,;:!?…-]*(?:{_TAKE_BACK}|{_THEN})"
    rf"(?:[\s.,;:!?…-]+(?:{_TAKE_BACK}|{_THEN}))*[\s.,;:!?…-]*)(?={_ZIP})", re.IGNORECASE)
# "60657 was a mistake", "not 60657": a value said to be wrong, with the right one beside it.
_DISOWNED = re.compile(rf"[\s,.;!-]*(?:\bnot\s+)?{_ZIP}\s+(?:was|is)\s+(?:a |my )?(?:mistake|typo|wrong)\b"
                       rf"|[\s,.;!-]*\bnot\s+{_ZIP}\b", re.IGNORECASE)


def without_taken_back(text: str) -> str:
    """`text` with every ZIP its writer took back removed (the one put in its place stays); the
    text as it is when it takes nothing back, or when no other ZIP stands in its place."""
    kept = _REPLACED.sub("", text)
    disowned = _DISOWNED.sub("", kept)
    if disowned != kept and re.search(_ZIP, disowned):  # a right one is still there
        kept = disowned
    return kept.strip() or text


# A short count said, then another in its place: minutes ("20 min make that 30") or a list's line.
_SMALL_REPLACED = re.compile(
    rf"\b\d{{1,3}}(?P<unit>(?: ?(?:min|mins|minutes))?(?: (?:late|out|away|behind))?)"
    rf"[\s.,;:!?…-]*(?:{_TAKE_BACK}|{_THEN})(?:[\s.,;:!?…-]+(?:{_TAKE_BACK}|{_THEN}))*"
    rf"[\s.,;:!?…-]*(?P<new>\d{{1,3}})\b(?P<own>(?: ?(?:min|mins|minutes|late|out|away|behind)\b)?)",
    re.IGNORECASE)


def _put_in_place(found: re.Match[str]) -> str:
    # "10 late sorry i mean 20": the new count keeps the words said with the old one
    return found.group("new") + (found.group("own") or found.group("unit"))


def without_small_number_taken_back(text: str) -> str:
    """`text` with a minute count or a list's line number taken back ("omw 20 make that 30",
    "won 2 - sorry, 3") replaced by the one put in its place."""
    return _SMALL_REPLACED.sub(_put_in_place, text)
