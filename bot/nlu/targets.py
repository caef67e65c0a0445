"""The account or deal a salesperson names, cleaned of filler and matched to known names."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process

_LEADING_FILLER = re.compile(
    r"^(?:(?:great|good|big|awesome|update|fyi|news|so|just|hey|ok|okay|yay|woo+|and|also|"
    r"the|a|an|deal|account|with|on|about|for|to|re|regarding|of|as|that|me|mark|set|move|"
    r"customer|client|prospect|lead|opportunity|opp)\b[\s:,!.-]*)+"
)
_TRAILING_FILLER = re.compile(
    r"(?:[\s:,!.-]*\b(?:deal|account|contract|opportunity|opp|project|job|proposal|as|is|has|"
    r"just|finally|officially|today|now|again|please|pls|the|a|an|with|on|for|to|about|it|"
    r"lead|client|customer)\b)+$"
)
_NON_NAME = re.compile(r"[^a-z0-9&' .-]")


def clean_target(raw: str) -> str | None:
    """Strip filler words ("the", "deal", "account") from a named account; None if nothing is left."""
    text = _NON_NAME.sub(" ", raw.lower())
    text = " ".join(text.split())
    text = _LEADING_FILLER.sub("", text)
    text = _TRAILING_FILLER.sub("", text).strip(" .-'")
    if not text or text in {"we", "i", "they", "it", "them", "he", "she", "you"}:
        return None
    return text


def match_known(target: str | None, text: str, known: Sequence[str]) -> str | None:
    """Prefer the known account name closest to `target` (or named anywhere in `text`)."""
    if not known:
        return target
    names = [name.lower() for name in known]
    if target:
        best = process.extractOne(target, names, scorer=fuzz.WRatio, score_cutoff=85)
        if best:
            return best[0]
    best = process.extractOne(text, names, scorer=fuzz.partial_ratio, score_cutoff=90)
    if best:
        return best[0]
    return target
