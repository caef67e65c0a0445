"""Typo tolerance: bring misspelled scheduling words back to their dictionary form."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

# Words worth repairing: days, months, parts of day and the vocabulary of booking. Consequential
# verbs (cancel, approve, decline, stop) are deliberately absent: a typo is no clear evidence.
SCHEDULING_WORDS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "september",
    "october",
    "november",
    "december",
    "august",
    "tomorrow",
    "today",
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "weekend",
    "fortnight",
    "appointment",
    "reschedule",
    "schedule",
    "technician",
    "between",
    "around",
    "available",
    "electrician",
    "plumber",
    "engineer",
    "maintenance",
    "thermostat",
    "furnace",
    "conditioner",
    "conditioning",
    "leaking",
    "clogged",
    "blocked",
    "heater",
    "boiler",
    "toilet",
    "faucet",
    "outlet",
    "breaker",
    "dishwasher",
    "disposal",
    "representative",
    "someone",
    "somebody",
    "please",
    "thanks",
    "tuesday",
    "anymore",
    "instead",
    "postpone",
    "arriving",
    "arrived",
    "finished",
    "completed",
    "running",
    "minutes",
    "follow",
    "followups",
    "remind",
    "snooze",
    "signed",
    "booking",
    "visit",
    "emergency",
    "afternoon",
    "sewer",
    "drain",
    "water",
)

# Real words a few edits away from a scheduling word, which must stay themselves.
KEEP_AS_IS = frozenset(
    {
        "sundae",
        "money",
        "mourning",
        "moaning",
        "heated",
        "header",
        "headed",
        "heaters",
        "monday",
        "match",
        "marsh",
        "toady",
        "today",
        "todays",
        "between",
        "betweens",
        "evenings",
        "mornings",
        "waiter",
        "wafer",
        "later",
        "latter",
        "father",
        "feather",
        "weather",
        "other",
        "plumper",
        "number",
        "drainage",
        "raining",
        "training",
        "draining",
        "someone",
        "running",
        "cunning",
        "sinning",
        "remain",
        "remains",
        "reminded",
        "minute",
        "signal",
        "design",
        "visits",
        "visited",
        "pleased",
        "please",
        "blocker",
        "locked",
        "blocks",
        "lacked",
        "clocked",
        "cloaked",
        "thank",
        "things",
        "funnel",
        "dinner",
        "winner",
        "winter",
        "booked",
        "booker",
        "looking",
        "cooking",
        "tooling",
        "arrived",
        "arrival",
        "surround",
        "ground",
        "around",
        "aground",
        "heating",
        "meeting",
        "beating",
        "seating",
        "eating",
        "setting",
        "settle",
        "visitor",
        "outlets",
        "outlast",
        "toilets",
        "instant",
        "insteady",
        "finishes",
        "finisher",
        "fished",
        "follows",
        "fellow",
        "hollow",
        "hallow",
        "swallow",
        "snoozed",
        "boilers",
        "broiler",
        "spoiler",
        "toiler",
        "voter",
        "waters",
        "wader",
        "faucets",
        "remind",
        "remit",
        "rewind",
        "refund",
        "sever",
        "seven",
        "never",
        "sewers",
        "drains",
        "brain",
        "grain",
        "train",
        "drawn",
        "dream",
        "tonight",
        "tonic",
        "tongs",
        "saturn",
        "started",
        "starting",
        "heather",
        "august",
        "augusta",
        "octopus",
        "orders",
        "answer",
        "another",
        "water",
        "after",
        "leaving",
        "leasing",
        "leading",
        "heaving",
        "weaving",
        "blocking",
        "boosting",
        "thinks",
        "mounting",
        "ruining",
        "avoidable",
        "plumbed",
        "sighed",
        "singed",
        "fauces",
        "disposed",
        "abound",
        "furnished",
        "tanks",
        "ranks",
        "banks",
    }
)

# Short words a thumb often swaps two letters of ("on my wya", "teh next job") or ends twice ("on my
# wayy", "donee"). Only those slips are repaired in a word this short: another letter in place of
# one makes another word too often ("day" for "way"), and a swap that makes a real word ("mow" of
# "omw") is left out.
SHORT_WORDS = ("way", "the", "job", "jobs", "done", "here", "late", "left", "next", "site", "what",
               "have", "call")


def _slips(word: str) -> list[str]:
    swaps = [word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)
             if word[i] != word[i + 1]]
    return [*swaps, word + word[-1]]


# An inflection or derivation of a known word ("scheduled", "electrical", "conditions") is a
# real word, not a typo of it.
_SUFFIXES = frozenset(
    "s es d ed ing ly ely er ers al ical ity icity ion ions ian ians able ment ments".split()
)


def _is_inflection(word: str, candidate: str) -> bool:
    shared = 0
    for a, b in zip(word, candidate, strict=False):
        if a != b:
            break
        shared += 1
    if shared < 5:
        return False
    if word[shared:] == "":
        return candidate[shared:] in _SUFFIXES
    return any(word[cut:] in _SUFFIXES for cut in (shared, shared - 1, shared - 2))

_TOKEN = re.compile(r"[a-z]{5,}")
_SHORT_TOKEN = re.compile(r"\b[a-z]{3,5}\b")


def _max_edits(word: str) -> int:
    return 2 if len(word) >= 8 else 1


class TypoFixer:
    """Repairs words within one or two edits (transpositions count once) of a known word."""

    def __init__(self, vocabulary: Iterable[str] = SCHEDULING_WORDS) -> None:
        self._vocabulary = tuple(sorted(set(vocabulary)))
        self._known = frozenset(self._vocabulary) | KEEP_AS_IS
        self._fix_word = lru_cache(maxsize=20_000)(self._closest)
        self._short = {slip: word for word in SHORT_WORDS for slip in _slips(word)
                       if slip not in SHORT_WORDS}

    def _closest(self, word: str) -> str:
        if word in self._known:
            return word
        limit = _max_edits(word)
        best = process.extractOne(word, self._vocabulary, scorer=OSA.distance, score_cutoff=limit)
        if best is None:
            return word
        candidate = best[0]
        if _is_inflection(word, candidate):
            return word
        if candidate[0] != word[0] or abs(len(candidate) - len(word)) > limit:
            return word
        if len(candidate) < 7 and best[1] > 1:
            return word
        return candidate

    def fix(self, text: str) -> str:
        """Return `text` with each misspelled scheduling word replaced by its dictionary form."""
        text = _SHORT_TOKEN.sub(lambda m: self._short.get(m.group(), m.group()), text)
        return _TOKEN.sub(lambda m: self._fix_word(m.group()), text)
