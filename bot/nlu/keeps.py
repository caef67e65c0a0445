"""What a text says to keep or leave alone: "keep thursday, cancel the other one", "not the drain".

A visit the customer says to keep is never the one acted on. The text is split into the clauses
that spare a visit ("keep the 3rd", "not the sink", "leave both") and the rest, which names what
to act on; "keep it" spares the visit being asked about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.nlu.days import MONTHS, WEEKDAYS
from bot.nlu.evidence import without_courtesies

# "keep the 3rd", "leave the drain", "don't cancel friday", "not the sink", "except monday",
# "a duplicate of thursday's", "same as the 10th" (the one kept).
_REFERENCE = (r"(?:the|that|this|those|these|my|both|all|them|on|today|tomorrow|tmrw|tmr|mon|tue|"
              r"tues|wed|thu|thur|thurs|fri|sat|sun|" + "|".join(WEEKDAYS) + "|" + "|".join(MONTHS)
              + r")s?\b")
_SPARES = re.compile(
    r"\b(?:keep|leave|don'?t (?:cancel|move|touch|change)|do not (?:cancel|move|touch|change)|"
    r"except(?: for)?|other than|not|only (?:need|want)|"
    # "cancel friday, it's a duplicate of thursday's": the visit named as the original stays
    r"(?P<same>(?:a |the )?(?:duplicate|dupe|double|repeat) of|(?:the )?same as))\s+(?="
    + _REFERENCE + r")")
# "is the 9th a repeat of tomorrow's?": a question compares two visits, it spares none
_ASKED_AFTER = re.compile(r"[^.!?]*\?")
# "we only need the furnace one moved": a visit to act on, not one spared
_ACTED_ON = re.compile(r"\b(?:moved|cancell?ed|rescheduled|changed|pushed|done|fixed|looked at)\b")
# Where a spared clause ends: a stop, or a word that starts the next request.
_CLAUSE_END = re.compile(
    r"[.,;!?]|\b(?:and|but|then|cancel|move|drop|delete|reschedule|push|since|because|cause|cuz|"
    r"in case|so|as|if|instead|just|only)\b")
# "keep the 9th and 16th", "keep monday, tuesday or the 22nd": a list of days goes on past
# "and" and "or", and past a comma to a day that ends a phrase ("not monday, tuesday works"
# turns down Monday only).
_DAY_WORD = (r"(?:the\s+|on\s+(?:the\s+)?)?(?:\d{1,2}(?:st|nd|rd|th)\b|\d{1,2}/\d{1,2}\b|"
             r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|" + "|".join(WEEKDAYS) + r")s?\b|"
             r"(?:" + "|".join(MONTHS) + r")\.? ?\d{1,2}(?:st|nd|rd|th)?\b)")
_AND_DAY = re.compile(r"\s*(?:,\s*)?(?:and|or|&)\s+" + _DAY_WORD)
_COMMA_DAY = re.compile(r"\s*,\s*" + _DAY_WORD)
_ENDS_WITH_DAY = re.compile(r"(?:^|\s)" + _DAY_WORD + r"\s*$")
_JOINED = re.compile(r"\b(?:and|or)\b|&")
_LIST_GOES_ON = re.compile(r"\s*(?:[,;.!]|$|(?:and|or|&)\b)")
# "keep it", "leave that one", "keep this one": the visit being asked about.
_KEEPS_IT = re.compile(r"\b(?:keep|leave)\s+(?:it|that(?: one)?|this(?: one)?)\s*"
                       r"(?:please|pls|then|after all|for now|as is|as it is)?\s*(?:[.,;!?]|$)")
# "monday one stays", "the 14th can stay": a day named, then said to stay as it is.
_STAYS = re.compile(r"\b(?:the |my |that )?" + _DAY_WORD + r"(?:'s)?(?: \w+)?(?: one| visit| appointment|"
                    r" appt)? (?:stays|can stay|should stay|will stay|remains|is staying)\b")
# "cancel the 21st, dave can look at it today": the day someone else is said to work on it is a
# visit that goes ahead. Its own clause, and never "you"/"we"/"someone" (who would be asked to
# come: "cancel friday, someone can look at it monday?" asks for a visit, it keeps none).
_WORKED_ON = re.compile(
    r"(?:^|[.,;!?]\s*|\b(?:and|but|since|because|cause|cuz|as)\s+)"
    r"(?P<clause>(?!(?:you|u|we|i|someone|somebody|anyone|anybody|can|could|who|what|when)\b)[a-z]+ "
    r"(?:can|could|will|is going to|is gonna|gonna) (?:(?:take a )?look at|check(?: out| on)?|fix|"
    r"handle|see to|deal with|sort out|do) (?:it|that|this|them|everything|both)\b[^.,;!?]*?"
    r"(?:\b(?:today|tomorrow|tmrw|tmr)\b|" + _DAY_WORD + "))")
# A move asked for: there a day someone can work on it is the day wished, never one kept.
_MOVES = re.compile(r"\b(?:move\w*|reschedul\w*|resched|push\w*|bump\w*|shift\w*|switch\w*|"
                    r"change\w*|rebook\w*|instead)\b")
# "leave both", "keep them all": none of the visits talked about changes.
_KEEPS_ALL = re.compile(r"\b(?:keep|leave)\s+(?:both|them|those|these|all|everything)\b")
# "the other one", "the other two", "the rest": the visits talked about but not spared.
_OTHERS = re.compile(r"\b(?:the|both)? ?(?:others?|rest)\b(?! (?:day|time|week|company|guy)\b)")


def _clause_stop(text: str, at: int) -> int:
    """Where a spared clause starting at `at` ends; a list of days stays in it: "the 9th, 16th
    and 22nd", but not "tuesday or wednesday, thursday or friday is ok" (a list joins its last
    day only, so a comma after "or" starts something new)."""
    start = at
    while True:
        end = _CLAUSE_END.search(text, at)
        if end is None:
            return len(text)
        more = _AND_DAY.match(text, end.start())
        if more is None:
            so_far = text[start:end.start()]
            listed = _COMMA_DAY.match(text, end.start())
            if (listed is None or _JOINED.search(so_far) or not _ENDS_WITH_DAY.search(so_far)
                    or not _LIST_GOES_ON.match(text, listed.end())):
                return end.start()
            more = listed
        at = more.end()


@dataclass(frozen=True)
class Kept:
    """The clauses sparing a visit, and the rest of the text that names what to act on."""

    spared: tuple[str, ...] = ()
    rest: str = ""
    keeps_it: bool = False
    keeps_all: bool = False
    others: bool = False  # "cancel the other one": the visits talked about that are not spared

    @property
    def spares_any(self) -> bool:
        return bool(self.spared) or self.keeps_it or self.keeps_all


def spared_spans(text: str) -> list[tuple[int, int]]:
    """Where in a normalized text the clauses sparing a visit stand ("keep monday, tuesday and
    thursday"), as (start, end) positions."""
    spans: list[tuple[int, int]] = []
    at = 0
    for found in _SPARES.finditer(text):
        if found.start() < at:
            continue
        stop = _clause_stop(text, found.end())
        if found.group("same") and _ASKED_AFTER.match(text, found.end()):
            continue
        if found.group().startswith("only") and _ACTED_ON.search(text[found.end():stop]):
            continue  # "we only need the one on thursday. cancel those two": not a keep
        at = stop
        spans.append((found.start(), at))
    stays = [(found.start(), found.end()) for found in _STAYS.finditer(text)]
    if not _MOVES.search(text):  # in a move, "dave can do it friday" is where the visit goes
        stays += [(found.start("clause"), found.end()) for found in _WORKED_ON.finditer(text)]
    for begin, stop in stays:
        if not any(begin < end and start < stop for start, end in spans):
            spans.append((begin, stop))
    return sorted(spans)


def split_kept(text: str) -> Kept:
    """Split a normalized (lower-case) text into what it spares and the rest (a letter's
    courtesies left out: "on this sunday morning" names no visit)."""
    text = without_courtesies(text)
    spared: list[str] = []
    rest: list[str] = []
    at = 0
    for start, stop in spared_spans(text):
        clause = _SPARES.sub("", text[start:stop], count=1).strip()
        if clause:
            spared.append(clause)
        rest.append(text[at:start])
        at = stop
    rest.append(text[at:])
    remaining = " ".join(" ".join(rest).split())
    return Kept(spared=tuple(spared), rest=remaining, keeps_it=_KEEPS_IT.search(text) is not None,
                keeps_all=_KEEPS_ALL.search(text) is not None,
                others=_OTHERS.search(remaining) is not None)
