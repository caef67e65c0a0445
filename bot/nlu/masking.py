"""Hiding numbers that are not times (quote numbers, phones, money, addresses) from the clock."""

from __future__ import annotations

import re
from dataclasses import dataclass

QUOTE_MARK = " quoteref "

_QUOTE_REF = re.compile(
    r"\b(?:quote|quotation|estimate|proposal|invoice|bid)\s*(?:no\.?|number|num|nr)?\s*"
    r"[-#:]?\s*#?\s*q?-?(\d{2,8})\b"
    r"|\bq\s*-?\s*#?\s*(\d{2,8})\b"
    r"|#\s*(\d{3,8})\b"
)
_PHONE = re.compile(r"\+?\(?\d[\d\-. ()]{8,16}\d")
_MONEY = re.compile(r"\$\s*\d[\d,]*(?:\.\d+)?k?|\b\d[\d,]*(?:\.\d+)?\s*(?:dollars|bucks|usd|k)\b")
_ADDRESS = re.compile(
    r"\b\d{1,6}[a-z]?\s+(?:[a-z]+\.?\s+){0,3}"
    r"(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|ct|court|way|pl|place|"
    r"pkwy|parkway|hwy|highway|cir|circle|ter|terrace|trl|trail|close|crescent|sq|square)\b"
    r"|\b(?:apt|apartment|unit|suite|ste|flat|room|rm|box|lot|building|bldg|zip)\s*#?\s*\d+[a-z]?\b"
)
_MEASURE = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:x\s*\d+(?:\.\d+)?)+\b"
    r"|\b\d+(?:\.\d+)?\s*(?:degrees|degree|deg|°|%|percent|gallons?|gal|amps?|volts?|v|btu|"
    r"tons?|psi|ft|feet|foot|inch|inches|in\.|sq|years?|yrs?|yr|year-old|months?)\b"
    r"|\b\d{5,}\b|\b24/7\b|\b\d+[a-z]+\d[a-z0-9]*\b"
)


@dataclass(frozen=True)
class Masked:
    """Text with non-time numbers replaced by placeholders, and the quote number if any."""

    text: str
    quote: str | None


def mask_numbers(text: str) -> Masked:
    """Replace quote references, phone numbers, money, addresses and measures by placeholders."""
    quote = None
    match = _QUOTE_REF.search(text)
    if match:
        quote = next(group for group in match.groups() if group)
        text = _QUOTE_REF.sub(QUOTE_MARK, text)
    text = _PHONE.sub(_phone_or_keep, text)
    text = _MONEY.sub(" money ", text)
    text = _ADDRESS.sub(f" {ADDRESS_MARK} ", text)
    text = _MEASURE.sub(" measure ", text)
    return Masked(text=" ".join(text.split()), quote=quote)


ADDRESS_MARK = "address"


def addresses_in(text: str) -> list[str]:
    """The street addresses in `text`, in order, as the placeholder "address" stands for them."""
    return [" ".join(found.group().split()) for found in _ADDRESS.finditer(text)]


def _phone_or_keep(match: re.Match[str]) -> str:
    digits = sum(char.isdigit() for char in match.group())
    return " phone " if digits >= 10 else match.group()
