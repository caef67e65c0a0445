"""The account or deal a salesperson names, cleaned of filler and matched to known names."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process

_LEADING_FILLER = re.compile(
    r"^(?:(?:great|good|big|awesome|update|fyi|news|so|just|hey|ok|okay|yay|woo+|and|also|"
    r"the|a|an|deal|account|with|on|about|for|to|re|regarding|of|as|that|me|mark|set|move|"
    r"customer|client|prospect|lead|opportunity|opp|won|lost|closed|signed|got|received|up)\b[\s:,!.-]*)+"
)
_TRAILING_FILLER = re.compile(
    r"(?:[\s:,!.-]*\b(?:deal|account|contract|opportunity|opp|project|job|proposal|renewal|bid|as|is|has|"
    r"just|finally|officially|today|now|again|please|pls|the|a|an|with|on|for|to|about|it|"
    r"lead|client|customer|won|lost|closed|yes|yay)\b)+$"
)
_NON_NAME = re.compile(r"[^a-z0-9&' .-]")
# Time expressions said next to a name ("they signed this morning") are never part of it.
_TIME_EDGE = (
    r"(?:(?:just )?(?:a few |few |a couple of |a couple |couple |\d+ |an? |one |two |three |five |ten |"
    r"fifteen |twenty |thirty )?(?:min|mins|minutes|hours?|hrs?|days?|secs?|seconds) ago|"
    r"(?:this|tomorrow|yesterday|today|\d+) [ap]m|this|last|next|yesterday|today|tonight|"
    r"tomorrow|morning|afternoon|evening|night|week|weekend|"
    r"month|quarter|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday|earlier|finally|"
    r"officially|just now|now|then|soon|early|lol|haha|"
    r"at \d+\w*(?: [ap]m)?|on|in|at|until|till|til|ago|an hour|"
    r"a while|first thing|eod|over the weekend|the weekend)"
)
_LEADING_TIME = re.compile(rf"^(?:{_TIME_EDGE}\b\s*)+")
_TRAILING_TIME = re.compile(rf"(?:\s*\b{_TIME_EDGE})+$")
# What people win or lose that is not a deal: games, bets, prizes.
SMALL_TALK_PRIZES = frozenset(
    "game games match matches lottery lotto bet bets prize prizes raffle award awards trophy race races "
    "championship cup league series playoffs playoff round fight argument toss coin tickets ticket "
    "jackpot money super bowl superbowl title contest competition tournament vote election hand "
    "battle war point points set football soccer baseball basketball hockey golf poker bingo trivia pool "
    "darts bowling fantasy softball volleyball tennis pickleball cornhole scratchers scratcher".split()
)
_CAPITALISED = re.compile(r"\b[A-Z][\w&'.-]*(?:\s+(?:&\s+)?[A-Z][\w&'.-]*)*")
_NOT_NAMES = frozenset(
    "i we won lost mark just finally great good yay woo ok okay hey so the they he she it deal "
    "closed signed update fyi news also and remind snooze ping who what when did is has have".split()
)


def names_in(original: str) -> list[str]:
    """Return the runs of capitalised words in `original`, lower-cased, without lone filler words."""
    names = []
    for m in _CAPITALISED.finditer(original):
        words = [w for w in m.group().lower().split() if w not in _NOT_NAMES]
        if words:
            names.append(" ".join(words))
    return names


_PRONOUNS = frozenset({"we", "i", "they", "it", "them", "he", "she", "you", "me", "us"})
# A date said where a name could stand ("remind me on the 20th") names no account.
_DATE_ONLY = re.compile(
    r"^(?:(?:the|on|of|by|in|a|an|\d{1,2}(?:st|nd|rd|th)?|\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?|"
    r"first|second|third|fourth|fifth|tenth|twentieth|thirtieth|end|start|beginning|middle|mid|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|day|days|week|weeks|month|months|couple|few|"
    r"two|three|four|five|six)\b\s*)+$"
)


def clean_target(raw: str) -> str | None:
    """Strip filler words ("the", "deal", "account") from a named account; None if nothing is left."""
    text = _NON_NAME.sub(" ", raw.lower())
    text = " ".join(text.split())
    text = _LEADING_FILLER.sub("", text)
    text = _TRAILING_FILLER.sub("", text).strip(" .-'")
    for _ in range(2):
        text = _LEADING_TIME.sub("", text)
        text = _TRAILING_TIME.sub("", text)
        text = _TRAILING_FILLER.sub("", _LEADING_FILLER.sub("", text)).strip(" .-'")
    if not text or text in _PRONOUNS or _DATE_ONLY.match(text):
        return None
    return text


def as_written(target: str, original: str) -> str:
    """The target with the apostrophes its writer put in it ("o'malley roofing", "dunn's auto")."""
    # A possessive may close any word but the last ("acme's deal" names "acme", not "acme's").
    words = ["'?".join(map(re.escape, word)) for word in target.split()]
    name = r"(?:'s|s')?\s+".join(words)
    found = re.search(rf"(?<!\w){name}(?!\w)", original.lower().replace("’", "'"))
    return " ".join(found.group().split()) if found and "'" in found.group() else target


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


def every_word_named(target: str, known: Sequence[str]) -> bool:
    """Tell whether each word of `target` is (nearly) a word of one known name: "maple grove" is
    Maple Grove Apartments, "maple syrup" is not, however close the whole strings score."""
    said = [word for word in target.split() if len(word) >= 3]
    for name in known:
        words = name.lower().split()
        if all(process.extractOne(word, words, scorer=fuzz.ratio, score_cutoff=80) for word in said):
            return True
    return False
