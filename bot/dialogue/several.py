"""Several visits meant at once: "both of them", "1 and 2", "cancel dec 12 and dec 14",
"the saturday one and the monday one", "keep the first one, cancel the other two"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import visits
from domain.jobs import Appointment

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

# "both", "all of them", "all 3", "we don't need either": every visit talked about.
_ALL = re.compile(r"\b(?:both|all (?:of )?(?:them|those|these|my|the|our|two|three|four|\d)|"
                  r"all of the \w+|every (?:one|visit)|(?:need|want) (?:neither|either)|"
                  r"neither of them|each of them)\b")
# "the other two", "the others", "the rest": more than one visit left over.
_OTHERS = re.compile(r"\bother (?:two|three|four|ones|visits|appointments|appts)\b|\bthe others\b|"
                     r"\bthe rest\b")
# "1 and 2", "cancel 2 and 3", "1, 2 and 3": numbers of the list shown.
_NUMBERS = re.compile(r"(?<!between )(?<!from )\b([1-9])(?:\s*(?:,|&|and|\+)\s*([1-9]))"
                      r"(?:\s*(?:,|&|and|\+)\s*([1-9]))?\b(?!\s*(?::|am|pm|o'?clock|hours?|ish))")
# One of several visits named in a list: "dec 12 and dec 14", "the plumbing and the water heater".
_JOINS = re.compile(r"\band\b|,|&|\bplus\b|\balso\b")
# A part that asks or tells something else ("and is the electrician still friday?").
_ASIDE = re.compile(r"\?|\b(?:is|are|was|can|could|will|would|what|when|who|how|does|do|did|"
                    r"still|coming|need|needs)\b")


def says_all(text: str) -> bool:
    """True when a (normalized) text means every visit talked about ("both", "all 3 visits")."""
    return _ALL.search(text) is not None


def meant(turn: Turn, listed: list[Appointment]) -> list[Appointment]:
    """The visits of `listed` (in the order shown) that the text means all together; [] unless
    it means two or more."""
    text = visits.kept(turn).rest
    spared = visits.spared_among(turn, listed)
    numbers = _NUMBERS.search(text)
    if numbers is not None:
        picks = [int(n) for n in numbers.groups() if n is not None]
        if all(1 <= n <= len(listed) for n in picks):
            found = list(dict.fromkeys(listed[n - 1] for n in picks))
            return found if not any(a in spared for a in found) else []
        return []
    every = _ALL.search(text)
    if every or (spared and _OTHERS.search(text)):
        left = [a for a in listed if a not in spared]
        if every is not None and every.group() == "both" and len(left) != 2:
            return []  # "both" of three listed: which two is not said
        return left if len(left) >= 2 else []
    return _each_named(turn, [a for a in listed if a not in spared], text)


def _each_named(turn: Turn, listed: list[Appointment], text: str) -> list[Appointment]:
    """ "dec 12 and dec 14", "the saturday one and the monday one": each part names one visit."""
    found: list[Appointment] = []
    for part in _JOINS.split(text):
        said = visits.named(turn, text=part)
        if not said.narrows:
            continue
        if found and _ASIDE.search(part):
            return []  # "... and is the electrician still friday?": not a second visit to cancel
        one = [a for a in listed if visits.local_day(turn, a) in said.days] if said.days else listed
        if not one and said.days:  # "the saturday one": a visit on that weekday
            one = [a for a in listed if visits.local_day(turn, a).weekday() in said.weekdays]
        if said.service_id is not None:
            one = visits.same_service(turn, one, said.service_id)
        if len(one) != 1:
            return []
        found.append(one[0])
    found = list(dict.fromkeys(found))
    return found if len(found) >= 2 else []
