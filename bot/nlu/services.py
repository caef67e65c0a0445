"""Matching how customers describe a problem ("no hot water") to a service in the catalog."""

from __future__ import annotations

import re

from domain.catalog import Catalog

# Words that describe a problem without saying what is broken; too vague to pick a service alone.
_VAGUE = frozenset({"repair", "service", "switch", "panel", "snake", "inspection"})


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
        """Return the id of the service `text` describes, or None when it names none clearly."""
        best: tuple[int, int, str] | None = None
        for m in self._pattern.finditer(text.replace("-", " ")):
            keyword = m.group(1)
            if keyword in _VAGUE:
                continue
            for service_id in self._service_of.get(keyword, ()):
                score = (len(keyword), m.start(), service_id)
                if best is None or score[:2] > best[:2]:
                    best = score
        return best[2] if best else None


def _canonical(keyword: str) -> str:
    return " ".join(keyword.lower().replace("-", " ").replace("/", " / ").split()).replace(" / ", "/")
