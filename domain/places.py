"""US towns and ZIP codes (the bundled `zipcodes` data): the town of a ZIP, the ZIPs of a town."""

from __future__ import annotations

from functools import cache

import zipcodes

from domain.business import BusinessSettings


@cache
def town_and_state(postal_code: str) -> tuple[str, str] | None:
    """(town, state) of a US ZIP code ("60618" -> ("Chicago", "IL")), None when it is unknown."""
    code = postal_code.strip()[:5]
    if len(code) != 5 or not code.isdigit():
        return None
    found = zipcodes.matching(code)  # type: ignore[no-untyped-call]
    return (str(found[0]["city"]), str(found[0]["state"])) if found else None


@cache
def is_town(name: str) -> bool:
    """Whether `name` is a US town's name ("oak park"), in any case."""
    town = " ".join(name.split()).title()
    return bool(town) and bool(zipcodes.filter_by(city=town))  # type: ignore[no-untyped-call]


def town_of(postal_code: str) -> str | None:
    """The town a US ZIP code belongs to ("60618" -> "Chicago"), None when it is unknown."""
    found = town_and_state(postal_code)
    return found[0] if found else None


def served_zips_in(business: BusinessSettings, town: str) -> list[str]:
    """The business's served ZIPs that lie in `town` (case and spacing ignored)."""
    wanted = " ".join(town.split()).casefold()
    return [code for zone in business.zones for code in zone.postal_codes
            if (town_of(code) or "").casefold() == wanted]


def served_places(business: BusinessSettings) -> list[tuple[str, list[str]]]:
    """The towns the business serves, each with its served ZIPs, in the company file's order."""
    places: dict[str, list[str]] = {}
    for zone in business.zones:
        for code in zone.postal_codes:
            places.setdefault(town_of(code) or "ZIP", []).append(code)
    return list(places.items())
