"""Finding the days a message names: today, tomorrow, weekdays, "in 3 days", "the 14th", "jan 5"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.nlu.calendar_dates import month_and_day, next_occurrence
from bot.nlu.numbers import alternatives, up_to

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = "(" + "|".join(WEEKDAYS) + ")s?"

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ORDINAL = r"(?:st|nd|rd|th)"
_COUNT_WORDS = {
    **up_to(10),
    "a": 1,
    "an": 1,
    "couple": 2,
    "a couple": 2,
    "a couple of": 2,
    "couple of": 2,
}
_COUNT = r"(\d{1,2}|" + alternatives(_COUNT_WORDS) + ")"

_DAY_AFTER_TOMORROW = re.compile(r"\b(?:the )?day after tomorrow\b|\bovermorrow\b")
_MONTH_DAY = re.compile(rf"\b{_MONTH} ?(\d{{1,2}}){_ORDINAL}?\b(?:,? (\d{{4}}))?(?![:\d])")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}}){_ORDINAL}? (?:of )?{_MONTH}\b(?:,? (\d{{4}}))?")
_SLASH_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?\b")
_WEEKDAY_NEXT_WEEK = re.compile(
    rf"\b{_WEEKDAY} (?:of |in )?next week\b|\bnext week (?:on )?(?:the )?{_WEEKDAY}\b"
    # "next week instead, like tues": a weekday said a few filler words after it
    rf"|\bnext week(?:,? (?:instead|maybe|perhaps|then|please|pls|if possible))*,? "
    rf"(?:(?:like|say|maybe|perhaps|preferably|ideally|probably|on|the) )+{_WEEKDAY}\b"
)
_WEEKDAY_WEEK = re.compile(rf"\b{_WEEKDAY} week\b|\ba week on {_WEEKDAY}\b")
_WEEKDAY_PLAIN = re.compile(rf"\b(?:(?:this|next|on|coming|this coming|following|the) )?{_WEEKDAY}\b")
_IN_PERIOD = re.compile(
    rf"\bin (?:about |around |roughly |like )?{_COUNT} (day|week|fortnight)s?\b"
    rf"|\b{_COUNT} (day|week|fortnight)s? (?:from (?:now|today)|out|later)\b"
)
# "3 in one day is too much", "all in one day": how many visits fall on one day, not tomorrow.
_ALL_ON_ONE_DAY = re.compile(r"\b(?:\d+|two|three|four|five|all|both|everything|them|visits?|"
                            r"appointments?|appts?|jobs?|things?) $")
_BARE_PERIOD = re.compile(rf"\b(?:for )?{_COUNT} (day|week|fortnight)s?\b(?! ago)")
_FORTNIGHT = re.compile(
    r"\bin (?:a|one) fortnight\b|\ba fortnight (?:today|from (?:now|today)|on \w+day)\b"
)
_NEXT_MONTH_DAY = re.compile(rf"\b(?:the )?(\d{{1,2}}){_ORDINAL}? of next month\b")
_WEEK_TODAY = re.compile(r"\ba week (today|tomorrow|from today|from tomorrow)\b")
_WEEK_AFTER_NEXT = re.compile(r"\b(?:the )?week after next\b")
_NEXT_WEEK = re.compile(r"\b(?:early |earlier |sometime |some time |the )?next week\b")
_WEEKEND = re.compile(r"\b(?:this |the |next |over the |on the )?weekend\b")
_ORDINAL_DAY = re.compile(
    rf"\b(?:(?:on|for|by|until|til|till|from|the|on the|for the|by the|until the) )?"
    rf"(?:the )?(\d{{1,2}}){_ORDINAL}\b(?! (?:one|option|choice|slot|time|floor|avenue|ave|street|st)\b)"
    r"|\b(?:on|for|by) the (\d{1,2})\b(?![:.]?\d| ?(?:am|pm|min|hour|days?|weeks?))"
)
# "tuesday the 8th": that date (on that weekday), not the next Tuesday.
_WEEKDAY_DAY_OF_MONTH = re.compile(
    rf"\b{_WEEKDAY},? (?:the (\d{{1,2}}){_ORDINAL}?|(\d{{1,2}}){_ORDINAL})\b(?![:.]?\d| ?(?:am|pm)\b)"
)
# "thu 31", "tue 22": a bare number past any clock hour after a weekday is that date when the
# weekday agrees ("fri 10" stays a time)
_WEEKDAY_BARE_DATE = re.compile(
    rf"\b{_WEEKDAY},? (1[3-9]|2\d|3[01])\b(?![:.]?\d| ?(?:am|pm|min|hours?|days?|weeks?)\b)"
)
# A calendar date right after a weekday ("tuesday, dec 8th", "tuesday 12/8").
_DATE_FOLLOWS = re.compile(rf",? (?:the )?(?:{_MONTH} ?\d|\d{{1,2}}(?:/|{_ORDINAL}|\b))")
# Holidays named by name: "xmas", "christmas eve", "new year's day".
_HOLIDAYS = ((re.compile(r"\b(?:christmas|xmas|x-mas) eve\b"), 12, 24),
             (re.compile(r"\b(?:christmas|xmas|x-mas)(?: day)?\b"), 12, 25),
             (re.compile(r"\bnew years? eve\b"), 12, 31),
             (re.compile(r"\bnew years?(?: day)?\b"), 1, 1))
_TODAY = re.compile(r"\b(?:later |sometime |some time )?(today|tonight|this (?:morning|afternoon|evening))\b")
_TOMORROW = re.compile(r"\btomorrow\b")
_LEAD = re.compile(r"(?:(?:on|for|by|until|til|till|from|the|this|next|coming|following) )*")


@dataclass(frozen=True)
class DayMention:
    """A day named in the text, where it was written."""

    start: int
    end: int
    day: date

    def before(self, text: str) -> str:
        """The text before the day, with the mention's own leading words ("on the 8th": "on the")."""
        lead = _LEAD.match(text, self.start, self.end)
        return text[: lead.end() if lead else self.start]


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _COUNT_WORDS[word]


def _period_days(count: int, unit: str) -> int:
    return count * {"day": 1, "week": 7, "fortnight": 14}[unit]


def _weekday_after(today: date, name: str) -> date:
    ahead = (WEEKDAYS.index(name) - today.weekday()) % 7 or 7
    return today + timedelta(days=ahead)


def _monday_next_week(today: date) -> date:
    return today + timedelta(days=7 - today.weekday())


def _day_of_month(today: date, day: int) -> date | None:
    year, month = today.year, today.month
    for _ in range(13):
        if day <= 31:
            try:
                candidate = date(year, month, day)
            except ValueError:
                candidate = None
            if candidate is not None and candidate >= today:
                return candidate
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return None


def _weekday_and_day(today: date, name: str, day: int) -> date | None:
    """The first date with day `day` on weekday `name` within three months, else the first such day."""
    candidate = _day_of_month(today, day)
    for _ in range(3):  # further out the date, not the weekday, is what was meant
        if candidate is None or candidate.weekday() == WEEKDAYS.index(name):
            return candidate
        candidate = _day_of_month(candidate + timedelta(days=1), day)
    return _day_of_month(today, day)


def _calendar(today: date, span: str, year_written: str | None) -> date | None:
    read = month_and_day(span)
    if read is None:
        return None
    month, day, year = read
    return next_occurrence(today, month, day, year if year_written else None)


class _Claims:
    """Collects mentions, first come first served, so overlapping readings do not double count."""

    def __init__(self) -> None:
        self.mentions: list[DayMention] = []

    def covers(self, position: int) -> bool:
        """True when a mention already claimed starts right after `position` (spaces, a comma)."""
        return any(position <= m.start <= position + 3 for m in self.mentions)

    def add(self, start: int, end: int, day: date | None) -> None:
        if day is None:
            return
        if any(start < m.end and m.start < end for m in self.mentions):
            return
        self.mentions.append(DayMention(start, end, day))


def find_days(text: str, today: date, *, bare_periods: bool = False) -> list[DayMention]:
    """Return every day named in canonical `text`, in reading order, resolved against `today`."""
    claims = _Claims()
    for m in _DAY_AFTER_TOMORROW.finditer(text):
        claims.add(m.start(), m.end(), today + timedelta(days=2))
    if any(char.isdigit() for char in text):
        _find_calendar_dates(text, today, claims)
    for pattern, month, day in _HOLIDAYS:
        for m in pattern.finditer(text):
            claims.add(m.start(), m.end(), next_occurrence(today, month, day, None))
    for m in _WEEK_TODAY.finditer(text):
        claims.add(m.start(), m.end(), today + timedelta(days=8 if "tomorrow" in m.group() else 7))
    for m in _WEEKDAY_NEXT_WEEK.finditer(text):
        name = next(g for g in m.groups() if g)
        offset = WEEKDAYS.index(name)
        claims.add(m.start(), m.end(), _monday_next_week(today) + timedelta(days=offset))
    for m in _WEEKDAY_WEEK.finditer(text):
        name = m.group(1) or m.group(2)
        claims.add(m.start(), m.end(), _weekday_after(today, name) + timedelta(days=7))
    for m in _WEEKDAY_PLAIN.finditer(text):
        if _DATE_FOLLOWS.match(text[m.end():]) and claims.covers(m.end()):
            continue  # "tuesday dec 8th": the date says which Tuesday
        claims.add(m.start(), m.end(), _weekday_after(today, m.group(1)))
    for m in _IN_PERIOD.finditer(text):
        count, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if _count(count) == 1 and unit == "day" and _ALL_ON_ONE_DAY.search(text[:m.start()]):
            continue
        claims.add(m.start(), m.end(), today + timedelta(days=_period_days(_count(count), unit)))
    if bare_periods:
        for m in _BARE_PERIOD.finditer(text):
            days = _period_days(_count(m.group(1)), m.group(2))
            claims.add(m.start(), m.end(), today + timedelta(days=days))
    for m in _FORTNIGHT.finditer(text):
        claims.add(m.start(), m.end(), today + timedelta(days=14))
    for m in _WEEK_AFTER_NEXT.finditer(text):
        claims.add(m.start(), m.end(), _monday_next_week(today) + timedelta(days=7))
    for m in _NEXT_WEEK.finditer(text):
        claims.add(m.start(), m.end(), _monday_next_week(today))
    for m in _WEEKEND.finditer(text):
        ahead = 1 if today.weekday() == 5 else (5 - today.weekday()) % 7 or 7
        claims.add(m.start(), m.end(), today + timedelta(days=ahead))
    for m in _TODAY.finditer(text):
        claims.add(m.start(), m.end(), today)
    for m in _TOMORROW.finditer(text):
        claims.add(m.start(), m.end(), today + timedelta(days=1))
    mentions = [_gone_by(text, today, m) if m.day > today and _may_be_past(text, m)
                and _told_as_past(text, m) else m
                for m in claims.mentions]
    return sorted(mentions, key=lambda mention: mention.start)


# "last saturday", "this past tuesday": a day gone by.
_PAST_LEAD = re.compile(r"\b(?:last|this past|past)\W*$")
# "she came out on saturday", "he fixed it on the 5th": a visit told as done, a few words before
# the day in the same clause.
_PAST_DONE = re.compile(
    r"\b(?:came|showed up|stopped by|dropped by|was (?:here|out|over|by)|were (?:here|out|over|by)|"
    r"visited|fixed|repaired|worked|serviced|installed|replaced|finished|cleaned)\b"
    r"(?P<between>(?:[^\w.!?;,]+\w+){0,6}?)[^\w.!?;,]*$")
# Words that turn what follows into a wish ("the guy who fixed it can come saturday?").
_WISH_WORDS = re.compile(r"\b(?:can|could|will|would|come|coming|please|book|schedule|need|want|"
                         r"next|again|back)\b")
_IS_WEEKDAY = re.compile(_WEEKDAY)


def _may_be_past(text: str, mention: DayMention) -> bool:
    """A weekday or a date said without "next" or "coming" (never "tomorrow", "in 3 days")."""
    span = text[mention.start:mention.end]
    return (_IS_WEEKDAY.search(span) is not None or any(char.isdigit() for char in span)) and \
        re.search(r"\b(?:next|coming|following|week|in)\b", span) is None


def _told_as_past(text: str, mention: DayMention) -> bool:
    """Whether the day is told as gone by: "last saturday", "came out on saturday"."""
    before = text[:mention.start]
    if _PAST_LEAD.search(before) or re.match(r"(?:on |the )*(?:last|this past|past) ",
                                             text[mention.start:mention.end]):
        return True
    done = _PAST_DONE.search(before)
    return done is not None and not _WISH_WORDS.search(done.group("between"))


def _gone_by(text: str, today: date, mention: DayMention) -> DayMention:
    """The mention read as the latest such day before today."""
    span = text[mention.start:mention.end]
    day = mention.day
    if not any(char.isdigit() for char in span):  # a weekday: the one before today
        while day >= today:
            day -= timedelta(days=7)
    elif re.search(_MONTH, span) or "/" in span:  # "dec 5": this year's, when it is gone by
        while day >= today:
            day = day.replace(year=day.year - 1)
    else:  # "the 5th", "saturday the 5th": that day of this month or the one before
        weekday = _IS_WEEKDAY.search(span)
        found = []
        year, month = today.year, today.month
        for _ in range(12):
            try:
                candidate = date(year, month, day.day)
            except ValueError:
                candidate = None
            if candidate is not None and candidate < today:
                found.append(candidate)
                if weekday is None or candidate.weekday() == WEEKDAYS.index(weekday.group(1)):
                    break
            month -= 1
            if month == 0:
                year, month = year - 1, 12
        if found and (weekday is None or len(found) <= 3):
            day = found[-1]
        elif found:
            day = found[0]
    return DayMention(mention.start, mention.end, day)


def _find_calendar_dates(text: str, today: date, claims: _Claims) -> None:
    for m in _MONTH_DAY.finditer(text):
        if 1 <= int(m.group(2)) <= 31:
            claims.add(m.start(), m.end(), _calendar(today, m.group(), m.group(3)))
    for m in _DAY_MONTH.finditer(text):
        if 1 <= int(m.group(1)) <= 31:
            claims.add(m.start(), m.end(), _calendar(today, m.group(), m.group(3)))
    for m in _SLASH_DATE.finditer(text):
        first, second = int(m.group(1)), int(m.group(2))
        if 1 <= min(first, second) and max(first, second) <= 31 and min(first, second) <= 12:
            claims.add(m.start(), m.end(), _calendar(today, m.group(), m.group(3)))
    for m in _NEXT_MONTH_DAY.finditer(text):
        first_of_next = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
        claims.add(m.start(), m.end(), _day_of_month(first_of_next, int(m.group(1))))
    for m in _WEEKDAY_DAY_OF_MONTH.finditer(text):
        day = int(m.group(2) or m.group(3))
        if 1 <= day <= 31:
            claims.add(m.start(), m.end(), _weekday_and_day(today, m.group(1), day))
    for m in _WEEKDAY_BARE_DATE.finditer(text):
        found = _day_of_month(today, int(m.group(2)))
        if found is not None and found.weekday() == WEEKDAYS.index(m.group(1)):
            claims.add(m.start(), m.end(), found)
    for m in _ORDINAL_DAY.finditer(text):
        day = int(m.group(1) or m.group(2))
        if 1 <= day <= 31:
            claims.add(m.start(), m.end(), _day_of_month(today, day))
