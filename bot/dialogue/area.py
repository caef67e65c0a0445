"""The service area in words: which towns a business's ZIPs lie in, and whether a place is served.

Towns come from the `zipcodes` package's US ZIP table, so any company's zones read as the towns
they cover without the company file naming them.
"""

from __future__ import annotations

from dataclasses import dataclass

import zipcodes

from domain.business import BusinessSettings, ServiceZone
from domain.places import town_and_state


@dataclass(frozen=True)
class Coverage:
    """What the business serves of one place: the place's name and, per zone, the ZIPs served."""

    place: str
    zones: tuple[tuple[ServiceZone, tuple[str, ...]], ...]  # empty: the place is not served


def towns(zone: ServiceZone) -> list[str]:
    """The towns a zone's ZIPs lie in, in the order the zone lists them."""
    names: list[str] = []
    for code in zone.postal_codes:
        town = town_and_state(code)
        if town is not None and town[0] not in names:
            names.append(town[0])
    return names


def for_postal_code(business: BusinessSettings, postal_code: str) -> Coverage:
    """Whether a ZIP is served, and by which zone."""
    zone = business.zone_for_postal_code(postal_code)
    return Coverage(postal_code, ((zone, (postal_code,)),) if zone is not None else ())


def for_place(business: BusinessSettings, place: str) -> Coverage | None:
    """Whether a named zone or town is served; None when the name is no zone or town we know."""
    wanted = " ".join(place.casefold().split())
    for zone in business.zones:
        if zone.name.casefold() == wanted:
            return Coverage(zone.name, ((zone, zone.postal_codes),))
    states = {town[1] for zone in business.zones for code in zone.postal_codes
              if (town := town_and_state(code)) is not None}
    codes: list[str] = []
    name = place.strip().title()
    for state in sorted(states):
        found = zipcodes.filter_by(city=name, state=state)  # type: ignore[no-untyped-call]
        codes += [str(z["zip_code"]) for z in found]
    if not codes:
        return None
    served = []
    for zone in business.zones:
        inside = tuple(code for code in zone.postal_codes if code in codes)
        if inside:
            served.append((zone, inside))
    return Coverage(name, tuple(served))
