"""Reading a new customer's name and service address from one text.

"Maria Rivera, 12 Elm St, Chicago 60614", "I'm Maria Rivera 12 Elm Street Apt 3 Chicago IL 60614",
or the same on three lines: the name is what comes before the house number, the ZIP code ends
the address, and the town is the last comma/line part or what follows the street's suffix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ZIP = re.compile(r"\b(\d{5})(?:-\d{4})?\b")
_HOUSE_NUMBER = re.compile(r"(?<![\w-])\d{1,6}[A-Za-z]?(?:-\d{1,4})?\b")
_NAME_PREFIX = re.compile(
    r"^\s*(?:hi|hello|hey)?[\s,!.]*(?:(?:my\s+name\s+is|name\s*:|this\s+is|i\s*'?\s*a?m|it\s*'?\s*s)\s+)?",
    re.IGNORECASE,
)
_ADDRESS_PREFIX = re.compile(r"(?:\b(?:at|address\s*:?|live\s+at)\s*)$", re.IGNORECASE)
_SUFFIXES = (
    "st", "street", "ave", "av", "avenue", "rd", "road", "blvd", "boulevard", "dr", "drive",
    "ln", "lane", "ct", "court", "pl", "place", "way", "ter", "terrace", "pkwy", "parkway",
    "cir", "circle", "hwy", "highway", "sq", "square", "trl", "trail",
)
_DIRECTIONS = ("n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west")
_UNIT = r"(?:\s*,?\s*(?:apt|apartment|unit|suite|ste|fl|floor)\.?\s*#?\s*\w+|\s*,?\s*#\s*\w+)?"
_STREET = re.compile(
    r"^(?P<street>.*?\b(?:" + "|".join(_SUFFIXES) + r")\.?(?:\s+(?:" + "|".join(_DIRECTIONS)
    + r")\.?)?" + _UNIT + r")(?=[\s,]|$)(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
_TRAILING_STATE = re.compile(r"[\s,]+(?P<state>[A-Za-z]{2}|illinois)\.?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class NewCustomerDetails:
    """A name and a service address read from a text."""

    name: str
    street: str
    city: str
    postal_code: str

    @property
    def first_name(self) -> str:
        return self.name.split()[0]

    def one_line(self) -> str:
        return f"{self.street}, {self.city} {self.postal_code}"


def read_details(text: str) -> NewCustomerDetails | None:
    """The name and address in `text`, or None when any of name, street, town or ZIP is missing."""
    flat = " , ".join(part.strip() for part in text.strip().splitlines() if part.strip())
    zips = list(_ZIP.finditer(flat))
    if not zips:
        return None
    postal = zips[-1]
    before = flat[: postal.start()]
    house = _HOUSE_NUMBER.search(before)
    if house is None:
        return None
    name = _clean_name(_ADDRESS_PREFIX.sub("", before[: house.start()].rstrip(" ,;:-")))
    if name is None:
        return None
    street, city = _street_and_town(before[house.start():])
    if not street or not city:
        return None
    return NewCustomerDetails(name=name, street=street, city=city, postal_code=postal.group(1))


def _clean_name(raw: str) -> str | None:
    name = _NAME_PREFIX.sub("", raw).strip(" ,;:-.")
    name = " ".join(name.split())
    if not re.search(r"[A-Za-z]", name) or len(name) > 80 or re.search(r"\d", name):
        return None
    return name.title() if name == name.lower() or name == name.upper() else name


def _street_and_town(segment: str) -> tuple[str, str]:
    segment = segment.strip(" ,;")
    trailing = _TRAILING_STATE.search(segment)
    if trailing and (trailing.group("state").upper() in _STATES
                     or trailing.group("state").lower() == "illinois"):
        segment = segment[: trailing.start()].strip(" ,;")
    parts = [p.strip() for p in segment.split(",") if p.strip()]
    if len(parts) >= 2 and not _is_unit(parts[-1]):
        return _tidy(", ".join(parts[:-1])), _tidy(parts[-1])
    found = _STREET.match(segment.replace(",", " "))
    if found is None:
        return "", ""
    return _tidy(found.group("street")), _tidy(found.group("rest"))


def _is_unit(part: str) -> bool:
    return re.fullmatch(r"(?:apt|apartment|unit|suite|ste|fl|floor)\.?\s*#?\s*\w+|#\s*\w+", part,
                        re.IGNORECASE) is not None


def _tidy(text: str) -> str:
    text = " ".join(text.replace(" ,", ",").split()).strip(" ,;")
    return text.title() if text == text.lower() or text == text.upper() else text
