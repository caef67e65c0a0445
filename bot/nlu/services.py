"""Matching how customers describe a problem ("no hot water") to a service in the catalog."""

from __future__ import annotations

import re
from functools import lru_cache

from domain.catalog import Catalog

# Words that describe a problem without saying what is broken; too vague to pick a service alone.
_VAGUE = frozenset({"repair", "service", "switch", "panel", "snake", "inspection"})
# Generic symptoms that yield to any piece of equipment named beside them ("AC leaking water").
_GENERIC = frozenset(
    {"leak", "leaking", "leaky", "dripping", "drip", "burst", "flooding", "flooded", "water everywhere",
     "plumber", "plumbing", "drain", "drains", "burning smell", "water leak", "gas leak", "wire", "wires",
     "not heating", "no heat", "heating", "heat", "heater", "not heating up",
     "amp", "amps"}
)
# Generic words that name a trade or a thing rather than a fault ("the heater is at my mom's"):
# beside no fault they tell no problem.
_NAMES_ONLY = frozenset({"plumber", "plumbing", "drain", "drains", "wire", "wires", "heating", "heat",
                         "heater", "amp", "amps"})
_DRAIN = "drain_cleaning"
_PLUMBING = "plumbing_repair"
_MAINTENANCE = "hvac_maintenance"
_HVAC_REPAIR = "hvac_repair"
# Servicing words that turn heating or cooling equipment into a tune-up, unless a fault is named.
_SERVICING = re.compile(
    r"\b(?:inspect\w*|servic(?:e|ed|ing)|tun(?:e|ed|ing)|check ?up|clean(?:ed|ing)?|annual|annually|yearly|"
    r"routine|seasonal)\b"
)
_SLOW_DRAIN = re.compile(
    r"\bdrain(?:s|ing)?\b(?: \w+){0,3} (?:slow|slowly|sluggish)\b"
    r"|\b(?:slow|slowly|sluggish)(?: \w+){0,2} drain"
)
_FAULT = re.compile(
    r"\b(?:not|no|broken|broke|stopped|leak\w*|nois\w*|smell\w*|warm air|cold air|died|dead|"
    r"fail\w*|error|trip\w*|frozen|ice|short cycling|bang\w*|rattl\w*|squeal\w*|emergency|out|"
    r"keeps|weird|strange|wrong|issue|issues|problem|problems)\b"
)


class ServiceMatcher:
    """Finds the catalog service whose keywords best match a text; longest, then latest, wins."""

    def __init__(self, catalog: Catalog) -> None:
        self._keywords: list[tuple[str, str]] = []
        for service in catalog.services:
            for keyword in (*service.keywords, service.name.lower(), service.id.replace("_", " ")):
                self._keywords.append((_canonical(keyword), service.id))
        alternatives = sorted({k for k, _ in self._keywords if k}, key=len, reverse=True)
        self._pattern = re.compile(
            r"\b(" + "|".join(re.escape(k) for k in alternatives) + r")(?:s|es|ed|ing)?\b"
        )
        self._service_of: dict[str, list[str]] = {}
        for keyword, service_id in self._keywords:
            self._service_of.setdefault(keyword, []).append(service_id)

    def match(self, text: str) -> str | None:
        """Return the id of the service `text` describes, or None when it names none clearly.

        A named clog beats generic plumbing, servicing beats the heating or cooling equipment it
        is done on, any named equipment beats a generic symptom ("leak"), and otherwise the
        longest, then latest, keyword wins.
        """
        text = text.replace("-", " ")
        specific: list[tuple[int, int, str]] = []
        generic: list[tuple[int, int, str]] = []
        for m in self._pattern.finditer(text):
            keyword = m.group(1)
            if keyword in _VAGUE:
                continue
            found = generic if keyword in _GENERIC else specific
            for service_id in self._service_of.get(keyword, ()):
                found.append((len(keyword), m.start(), service_id))
        candidates = specific or generic
        if not candidates:
            return None
        named = {service_id for _, _, service_id in candidates}
        if _SLOW_DRAIN.search(text):
            return _DRAIN
        if _DRAIN in named and _PLUMBING in named and specific:
            return _DRAIN
        if _MAINTENANCE in named:
            if named <= {_MAINTENANCE, _HVAC_REPAIR}:
                return _MAINTENANCE
            candidates = [c for c in candidates if c[2] != _MAINTENANCE]
        best = max(candidates, key=lambda c: c[:2])[2]
        if best == _HVAC_REPAIR and _SERVICING.search(text) and not _FAULT.search(text):
            return _MAINTENANCE
        return best


    def describes_problem(self, text: str) -> bool:
        """Whether `text` tells what is wrong or wanted ("the water heater is leaking", "furnace
        tune-up"), not only a reply around it ("ok", "the later one", "im marcus", "the heater is
        at my mom's place"): a named service or equipment, or a symptom."""
        text = text.replace("-", " ")
        for m in self._pattern.finditer(text):
            keyword = m.group(1)
            if keyword in _VAGUE:
                continue
            if keyword not in _NAMES_ONLY:
                return True
        return False


@lru_cache(maxsize=8)
def matcher_for(catalog: Catalog) -> ServiceMatcher:
    """One matcher per catalog, built on first use (the catalog is fixed while the bot runs)."""
    return ServiceMatcher(catalog)


def _canonical(keyword: str) -> str:
    return " ".join(keyword.lower().replace("-", " ").replace("/", " / ").split()).replace(" / ", "/")
