"""Finding times of day: "at 3", "2:30pm", "after 2", "by 11", "between 1 and 3", "morning".

A bare hour is a business hour: 1 to 7 are afternoon, 8 to 11 morning, 12 noon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.nlu.numbers import SMALL_NUMBERS, alternatives

PARTS_OF_DAY = {
    "morning": ("08:00", "12:00"),
    "afternoon": ("12:00", "17:00"),
    "evening": ("17:00", "20:00"),
}

_T = r"(?:(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?(?: ?(?:am|pm|a\.m\.?|p\.m\.?))?(?: ?o ?clock)?|noon)"
_NOT_A_TIME_AFTER = (
    r"(?![:.]?\d)(?! ?(?:days?|weeks?|months?|years?|yrs?|mins?|minutes?|hrs?|min|hours?|times|"
    r"people|units|rooms?|"
    r"bedrooms?|baths?|bathrooms?|floors?|story|stories|kids|dogs|cats|techs?|of|more|or more|"
    r"quoteref|things|items|toilets|sinks|outlets|(?:st|nd|rd|th|x)\b|%|/))"
)
_RANGE = re.compile(
    rf"\bbetween ({_T}) ?(?:and|&|-|to) ?({_T}){_NOT_A_TIME_AFTER}"
    rf"|\b(?:from |anytime |any time |sometime )?({_T}) ?(?:-|to|till|til|until|thru|through) ?({_T})"
    rf"{_NOT_A_TIME_AFTER}"
)
_START_WORDS = (
    r"at|@|around|about|arround|round|approx|approximately|after|from|anytime after|any time after|"
    r"sometime after|no earlier than|not before|earliest|say|ideally|like|later than"
)
_END_WORDS = r"before|by|until|till|til|no later than|not later than|latest|any time before|anytime before"
_ANCHORED = re.compile(rf"\b({_START_WORDS}|{_END_WORDS}) ({_T}){_NOT_A_TIME_AFTER}")
_SUFFIXED = re.compile(rf"\b({_T}) ?(?:ish)\b|\b({_T})ish\b")
_MERIDIEM = re.compile(
    r"\b((?:[01]?\d|2[0-3])(?:[:.][0-5]\d)? ?(?:am|pm|a\.m\.?|p\.m\.?)|\d{1,2}:[0-5]\d|noon|"
    r"\d{1,2} ?o ?clock)"
    r"(?![\w])"
)
_AFTER_DAY_WORD = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|tonight|"
    r"morning|afternoon|evening|night|\d{1,2}(?:st|nd|rd|th)|\d{1,2}/\d{1,2}),? "
    rf"((?:[1-9]|1[0-2])(?:[:.][0-5]\d)?){_NOT_A_TIME_AFTER}(?! ?(?:-|to|and))"
)
# A bare hour offered as the alternative: "can we do 2 instead", "how about 3?", "make it 4".
_OFFERED = re.compile(
    r"\b(?:do|make it|how about|what about|try|say|maybe|or)\s+((?:[1-9]|1[0-2])(?:[:.][0-5]\d)?)"
    r"(?=\s+instead\b|\s*(?:instead|then|please|pls)?\s*[?.!]*\s*$)"
)
_PART = re.compile(
    r"(?<!good )\b(morning|afternoon|evening|tonight)\b|\b(?:tomorrow|today|day|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|at|late) (night)\b|\bin the (am|pm)\b|\b(?:tomorrow|monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday|today) (am|pm|eve)\b|\b(first thing)\b"
)
_PART_NAMES = {
    "morning": "morning",
    "afternoon": "afternoon",
    "evening": "evening",
    "tonight": "evening",
    "night": "evening", "eve": "evening",
    "am": "morning",
    "pm": "afternoon",
    "first thing": "morning",
}
_END_ANCHORS = frozenset(_END_WORDS.split("|"))

_HALF_PAST = re.compile(r"\bhalf (?:past )?(1[0-2]|[1-9])\b(?! ?(?:an|hour|min|day|week))")
_QUARTER_PAST = re.compile(r"\b(?:a )?quarter past (1[0-2]|[1-9])\b")
_QUARTER_TO = re.compile(r"\b(?:a )?quarter (?:to|til|till|of) (1[0-2]|[1-9])\b")
_HOUR_WORDS = SMALL_NUMBERS
_WORD_HOUR = re.compile(
    r"\b(at|around|about|after|before|by|until|till|til|between|and|from|to|past|half) "
    r"(" + alternatives(_HOUR_WORDS) + r")\b"
    r"(?! (?:days?|weeks?|months?|min|hours?|of|more|people|point|time|thing|things|or more|techs?))"
)


@dataclass(frozen=True)
class ClockTime:
    """A written time: hour and minute, whether am/pm was written, and where it was written."""

    hour: int
    minute: int
    meridiem: str | None


@dataclass(frozen=True)
class ClockMention:
    """A time constraint in the text: a start, an end, or both for a range."""

    start: int
    end: int
    begins: ClockTime | None
    ends: ClockTime | None


@dataclass(frozen=True)
class PartMention:
    """A part of the day ("morning") named in the text."""

    start: int
    end: int
    part: str


# "at 930", "after 1230", "1030am", "tues 930": a time written as bare figures. Only after a
# word that takes a time, or with am/pm, and never a street number ("at 930 w belmont").
_FIGURES = r"(1[0-2]|[1-9])([0-5]\d)(?![\d:.,/])"
_NOT_A_STREET = (r"(?! ?(?:[nsew]|north|south|east|west|\w+ (?:st|street|ave|avenue|rd|road|blvd|dr|"
                 r"drive|ln|lane|ct|court|pl|place|way|pkwy|hwy))\b)")
_FIGURE_TIME = re.compile(
    r"\b(at|@|after|before|by|around|about|from|until|till|til|between|and|to|say|like|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tmrw|tonight) "
    + _FIGURES + r"\b" + _NOT_A_STREET)
_FIGURE_MERIDIEM = re.compile(r"\b" + _FIGURES + r" ?(am|pm)\b")


def spell_out_clock_words(text: str) -> str:
    """Rewrite "half 3", "quarter to 4", "at three" and "at 930" as digits the clock grammar reads."""
    text = _FIGURE_MERIDIEM.sub(lambda m: f"{m.group(1)}:{m.group(2)}{m.group(3)}", text)
    text = _FIGURE_TIME.sub(lambda m: f"{m.group(1)} {m.group(2)}:{m.group(3)}", text)
    text = _WORD_HOUR.sub(lambda m: f"{m.group(1)} {_HOUR_WORDS[m.group(2)]}", text)
    text = _HALF_PAST.sub(lambda m: f"{m.group(1)}:30", text)
    text = _QUARTER_PAST.sub(lambda m: f"{m.group(1)}:15", text)
    return _QUARTER_TO.sub(lambda m: f"{int(m.group(1)) - 1 or 12}:45", text)


def read_time(written: str) -> ClockTime | None:
    """Read "3", "3:30", "2.30pm", "10 am", "noon" or "4 oclock" into a ClockTime."""
    written = written.replace(" ", "").replace(".", ":").replace("oclock", "")
    if written == "noon":
        return ClockTime(12, 0, "pm")
    meridiem = None
    for suffix, name in (
        ("a:m:", "am"),
        ("p:m:", "pm"),
        ("a:m", "am"),
        ("p:m", "pm"),
        ("am", "am"),
        ("pm", "pm"),
    ):
        if written.endswith(suffix):
            meridiem, written = name, written[: -len(suffix)]
            break
    hour_text, _, minute_text = written.partition(":")
    if not hour_text.isdigit() or (minute_text and not minute_text.isdigit()):
        return None
    hour, minute = int(hour_text), int(minute_text or 0)
    if hour > 23 or minute > 59 or (meridiem and not 1 <= hour <= 12):
        return None
    return ClockTime(hour, minute, meridiem)


def find_clock_times(text: str) -> list[ClockMention]:
    """Return the time constraints written in canonical `text`, in reading order."""
    if not any(char.isdigit() for char in text) and "noon" not in text:
        return []
    found: list[ClockMention] = []

    def add(start: int, end: int, begins: ClockTime | None, ends: ClockTime | None) -> None:
        if (begins or ends) and not any(start < m.end and m.start < end for m in found):
            found.append(ClockMention(start, end, begins, ends))

    for m in _RANGE.finditer(text):
        first, second = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        begins, ends = read_time(first), read_time(second)
        if begins and ends:
            add(m.start(), m.end(), begins, ends)
    for m in _ANCHORED.finditer(text):
        time = read_time(m.group(2))
        if m.group(1) in _END_ANCHORS:
            add(m.start(), m.end(), None, time)
        else:
            add(m.start(), m.end(), time, None)
    for m in _SUFFIXED.finditer(text):
        add(m.start(), m.end(), read_time(m.group(1) or m.group(2)), None)
    for m in _MERIDIEM.finditer(text):
        add(m.start(), m.end(), read_time(m.group(1)), None)
    for m in _AFTER_DAY_WORD.finditer(text):
        add(m.start(1), m.end(1), read_time(m.group(1)), None)
    for m in _OFFERED.finditer(text):
        add(m.start(1), m.end(1), read_time(m.group(1)), None)
    return sorted(found, key=lambda mention: mention.start)


def find_parts_of_day(text: str) -> list[PartMention]:
    """Return the parts of day ("morning", "tonight", "in the am") named in canonical `text`."""
    return [
        PartMention(m.start(), m.end(), _PART_NAMES[next(g for g in m.groups() if g)])
        for m in _PART.finditer(text)
    ]


_LAST_NIGHT_HOUR = 5


def business_hour(time: ClockTime, part: str | None = None) -> tuple[int, int]:
    """Turn a written time into a 24-hour (hour, minute), reading bare hours as business hours."""
    hour = time.hour
    if time.meridiem == "pm" and hour < 12:
        hour += 12
    elif time.meridiem == "am" and hour == 12:
        hour = 0
    elif time.meridiem is None and 1 <= hour <= 12:
        if part in ("afternoon", "evening"):
            hour = hour + 12 if hour < 12 else 12
        elif part == "morning":
            # "after 1 ... a dentist appt in the morning": no visit starts at 1-5 at night
            hour = hour + 12 if hour <= _LAST_NIGHT_HOUR else hour
        elif hour <= 7:
            hour += 12
    return hour, time.minute


def span_hours(
    begins: ClockTime, ends: ClockTime, part: str | None
) -> tuple[tuple[int, int], tuple[int, int]]:
    """Resolve a range such as "1-3pm", "9-11" or "11-1" into 24-hour start and end."""
    if begins.meridiem is None and ends.meridiem is not None:
        end = business_hour(ends, part)
        start = (begins.hour, begins.minute)
        if begins.hour < 12 and ends.meridiem == "pm" and begins.hour + 12 <= end[0]:
            start = (begins.hour + 12, begins.minute)
        return start, end
    start, end = business_hour(begins, part), business_hour(ends, part)
    if start >= end and start[0] >= 13 and (start[0] - 12, start[1]) < end:
        start = (start[0] - 12, start[1])
    return start, end
