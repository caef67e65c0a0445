"""The time of day a technician says they will arrive: "there by 145", "prob 11", "1230ish".

A clock time is read as one only where no number of minutes fits: with am/pm, o'clock or a
colon ("2:15"), as hour-and-minute figures after a word that takes a time ("by 145", "there
1230ish"), or as a bare hour after "by" or a hedge ("by 2", "prob 11"). Five and ten after a
hedge stay minutes ("prob 10"), as technicians say them. A bare hour is a business hour
(bot/nlu/clock.py): 1 to 7 afternoon, 8 to 11 morning, 12 noon.
"""

from __future__ import annotations

import re
from datetime import time

from bot.nlu.clock import ClockTime, business_hour

# After the time: not minutes or hours of it, not a street ("by 211 thatcher ave"), not a delay.
_NOT_AN_AMOUNT = (r"(?![:.]?\d)(?! ?(?:m|min|mins|minutes?|h|hrs?|hours?|more|extra|late|behind|out|"
                  r"away|tops|max|or so|[nsew]|north|south|east|west)\b)"
                  r"(?! \w+ (?:st|street|ave|avenue|rd|road|blvd|dr|drive|ln|lane|ct|court|pl|place|"
                  r"way|pkwy|hwy)\b)")
# Words a technician puts before the time of arrival.
_LEAD = r"(?:by|around|about|prob|probably|maybe|like|til|till|until|eta|there|(?:there|be) at)"
# An hour after a hedge that is no usual count of minutes (never 5 or 10).
_HEDGED_HOUR = r"(?P<h>1[12]|[1-46-9])"

# Each way of writing a time of arrival, tried in this order.
_ARRIVAL_TIMES = (
    # "2pm", "1:45 pm", "11am"
    re.compile(r"\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))? ?(?P<ap>[ap])\.?m\b\.?"),
    # "1:45", "12.30"
    re.compile(r"\b(?P<h>1[0-2]|0?[1-9])[:.](?P<m>[0-5]\d)\b" + _NOT_AN_AMOUNT),
    # "11 oclock", "11 o'clock"
    re.compile(r"\b(?P<h>1[0-2]|[1-9]) ?o'? ?clock\b"),
    # "noon"
    re.compile(r"\b(?P<noon>noon)\b"),
    # "by 145", "there 1230ish": hour and minutes run together
    re.compile(r"\b" + _LEAD + r" (?:like |about |around )?(?P<h>1[0-2]|[1-9])(?P<m>[0-5]\d)\b"
               + _NOT_AN_AMOUNT),
    re.compile(r"\b(?P<h>1[0-2]|[1-9])(?P<m>[0-5]\d) ?ish\b"),
    # "by 2", "be there at 4" (never "late by 2", a delay)
    re.compile(r"(?:(?<!late )(?<!behind )\bby|\b(?:there|be) at) (?P<h>1[0-2]|[1-9])\b" + _NOT_AN_AMOUNT
               + r"(?! ?ish\b)"),
    # "prob 11", "around 2ish"
    re.compile(r"\b(?:prob|probably|maybe|around|about|like|til|till|until) " + _HEDGED_HOUR
               + r"\b" + _NOT_AN_AMOUNT),
    re.compile(r"\b" + _HEDGED_HOUR + r" ?ish\b"),
)


# A time naming a visit by its hour, not an arrival: "late to the 2 o'clock", "before my 4pm".
_A_VISITS_HOUR = re.compile(r"\b(?:the|my|his|her|their|your|a|before|after|from|since)\s*$")


def arrival_in(text: str) -> ClockTime | None:
    """The time of day the text gives as an arrival, as written (am/pm only if said), if any."""
    lowered = text.lower()
    for pattern in _ARRIVAL_TIMES:
        found = next((f for f in pattern.finditer(lowered)
                      if not _A_VISITS_HOUR.search(lowered, 0, f.start())), None)
        if found is None:
            continue
        if found.groupdict().get("noon"):
            return ClockTime(12, 0, "pm")
        meridiem = {"a": "am", "p": "pm"}.get(found.groupdict().get("ap") or "")
        return ClockTime(int(found.group("h")), int(found.groupdict().get("m") or 0), meridiem)
    return None


def arrival_time_in(text: str) -> time | None:
    """The time of day the text gives as an arrival (business hours for a bare hour), if any."""
    said = arrival_in(text)
    if said is None:
        return None
    hour, minute = business_hour(said)
    return time(hour % 24, minute)
