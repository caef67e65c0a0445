"""Resolving the `when` slot: the day and hours a message asks for, in local wall-clock time."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from bot.nlu.clock import (
    PARTS_OF_DAY,
    ClockMention,
    business_hour,
    find_clock_times,
    find_parts_of_day,
    span_hours,
    spell_out_clock_words,
)
from bot.nlu.days import DayMention, find_days
from bot.nlu.keeps import spared_spans

# Clause boundaries: punctuation and the words that start a new request ("how about monday").
_CLAUSE_BREAK = re.compile(
    r"[,.;!?()\n]| - |\b(?=but|how about|what about|instead|so |and can|can |could |would |please|"
    r"if |because|otherwise|or maybe|maybe|rather)\b"
)
# Clauses about a visit that stays as it is: "leave the 8th alone", "keep the 14th".
_KEPT = re.compile(r"\balone\b|\bkeep(?:ing)?\b|\bleave (?:it|that|the \w+|my \w+) (?:as is|where it is)\b")
# Clauses that name a time the writer cannot make, or that tell what already happened.
_UNWANTED = re.compile(
    r"\b(?:cannot|can not|could not|not|no longer|unable|busy|unavailable|out of town|bad for|"
    r"no good|instead of|rather than|yesterday|last|ago|since|stopped|broke|went out|started|"
    r"began|died|happened|came|quit|was supposed|were supposed|originally|currently)\b"
    # "we're closed that morning", "the office is closed friday": a time the place is shut
    r"|\b(?:are|were|is|be|re|am|im) (?:closed|shut)\b"
    # "no wednesday": a day turned down, though "no" alone ("no hot water tomorrow") refuses nothing.
    r"|\bno (?:this |next |on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow)\b"
    # "leave the 8th alone", "keep thursday": a day that stays as it is, not one wished for.
    r"|" + _KEPT.pattern
)
_NOT_NEGATION = re.compile(
    r"\b(?:no|not) (?:later|earlier|before|after)\b|\bif not\b|"
    # A symptom ("ac not cooling at all 🥵 tomorrow around 11?") refuses no time.
    r"\b(?:not|no longer|stopped) (?:cooling|heating|working|draining|flushing|running|igniting|lighting|"
    r"blowing|pumping|firing|starting|turning on|kicking on|coming on|getting (?:hot|warm|cold))"
    r"(?: (?:at all|properly|right|well|anymore|any more|again))?\b|"
    r"\b(?:from|than|like|as|since|same as) (?:the )?last (?:time|visit|year|winter|summer|one)\b|"
    # "move the last one on friday": the latest of a day's visits, not a time gone by.
    r"\b(?:the|\w+day(?:'?s)?) (?:very )?last (?:one|visit|appointment|appt)s?\b"
    r"(?: (?:on|of|for|that day)\b)?"
)
_FROM_DAY = re.compile(
    r"\b(?:from|off|instead of|rather than|not|(?:booked|scheduled|set|down|planned|pencilled|penciled|"
    r"confirmed|due|appointment|appt|visit|booking|one) (?:in )?(?:for|on))\s*(?:this |next |the )?$"
)
# In a move ("push thursday's tune-up to friday", "the 8th -> the 11th") the day after "to" is
# the new one and the day before it names the visit being moved.
_MOVING = re.compile(r"\b(?:move|moved|push|pushed|bump|shift|switch|change|swap|reschedule|resched|"
                     r"rebook|can (?:that|it|this) be|go (?:to|till|until))\b|->")
_TO_DAY = re.compile(r"(?:\b(?:to|into|onto|until|till|til)|->)\s*(?:the |this |next |on |a )?$")
_BEFORE_TO = re.compile(
    r"^(?:'s|s)?\s*(?:(?:plumbing|electrical|hvac|ac|a/c|furnace|heating|heater|water heater|drain|"
    r"boiler|repair|tune ?up|maintenance|plumber|electrician|appointment|appt|visit|booking|job|"
    r"one|cleaning|service) ){0,3}(?:to|into|onto|->)\b|^\s*->")
# Words that offer the day wanted instead ("how about thursday", "thursday instead").
_OFFER = re.compile(r"\b(?:how about|what about|instead|rather|prefer|would be better|works better|"
                    r"better for (?:me|us)|could (?:we|you) do|can (?:we|you) do|move (?:it |me |us )?to|"
                    r"make it)\b")
# The day names a booking ("thursday's plumbing appt"): a trade word or two may come between.
_BOOKING_NOUN = re.compile(
    r"^(?:'s|s)?\s*(?:(?:plumbing|electrical|hvac|ac|a/c|furnace|heating|heater|water heater|drain|"
    r"boiler|repair|tune ?up|maintenance|plumber|electrician) ){0,2}"
    r"(?:appointment|appt|visit|booking|slot|job|service|one(?! of)|tune ?up|tuneup|repair|"
    r"cleaning|maintenance)s?\b")


@dataclass(frozen=True)
class _Clause:
    start: int
    end: int
    unwanted: bool


def _clauses(text: str) -> list[_Clause]:
    bounds = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(text)] + [len(text)]
    clauses = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        piece = _NOT_NEGATION.sub(" ", text[start:end])
        clauses.append(_Clause(start, end, bool(_UNWANTED.search(piece))))
    return clauses


def in_kept_clause(text: str, position: int) -> bool:
    """True when the clause around `position` keeps a visit as it is ("leave the 8th alone",
    "keep monday, tuesday and thursday")."""
    if any(start <= position < end for start, end in spared_spans(text)):
        return True
    return any(c.start <= position < c.end and _KEPT.search(text[c.start:c.end])
               for c in _clauses(text))


def _in_unwanted_clause(position: int, clauses: list[_Clause]) -> bool:
    return any(c.start <= position < c.end and c.unwanted for c in clauses)


def _wanted_day(text: str, days: list[DayMention], clauses: list[_Clause]) -> DayMention | None:
    wanted = [d for d in days if not _in_unwanted_clause(d.start, clauses)]
    # "xmas?? no. fri 18th afternoon?": the day refused right after it is not the one wanted
    wanted = [d for d in wanted if not _REFUSED_AFTER.match(text[d.end:])]
    # "i said after christmas. the 28th?": a day that only bounds the wish is not the one wanted
    wanted = [d for d in wanted if not _BOUND.search(d.before(text))] or wanted
    wanted = _first_of_alternatives(text, wanted)
    if len(wanted) > 1:
        moved_to = [
            d
            for d in wanted
            if not _FROM_DAY.search(d.before(text)) and not _BOOKING_NOUN.match(text[d.end :])
        ]
        wanted = moved_to or wanted
    if len(wanted) > 1 and _MOVING.search(text):
        targets = [d for d in wanted if _TO_DAY.search(d.before(text))
                   and not _BEFORE_TO.match(text[d.end:] + " ")]
        wanted = targets or [d for d in wanted if not _BEFORE_TO.match(text[d.end:] + " ")] or wanted
    if len(wanted) > 1:
        offered = [d for d in wanted if _offered(text, d, clauses)]
        wanted = offered or wanted
    return wanted[0] if wanted else None


# "thursday or friday", "tues, wed or thu": days offered as alternatives, any one of them wished.
_OR_BETWEEN = re.compile(r"^\s*(?:,|/|or|,? or|or maybe|or else|or even)\s*(?:on |the |maybe )?$")


def _alternative_runs(text: str, days: list[DayMention]) -> list[list[DayMention]]:
    """The days of `days` written as alternatives, in runs ("tuesday or wednesday": one run of
    two); a day said alone, or in a list with no "or" ("monday, tuesday"), is a run of one."""
    runs: list[list[DayMention]] = []
    joined: list[bool] = []  # whether the run holds an "or" (or "/")
    for mention in sorted(days, key=lambda d: d.start):
        between = text[runs[-1][-1].end:mention.start] if runs else ""
        if runs and _OR_BETWEEN.match(between) and not any(
                _is_week(text, d) for d in (runs[-1][-1], mention)):
            runs[-1].append(mention)
            joined[-1] = joined[-1] or "or" in between.split() or "/" in between
        else:
            runs.append([mention])
            joined.append(False)
    return [r for run, alt in zip(runs, joined, strict=True) for r in ([run] if alt else [[d] for d in run])]


def _first_of_alternatives(text: str, wanted: list[DayMention]) -> list[DayMention]:
    """`wanted` with the days after the first of an "x or y" run left out (the run is one wish,
    its first day the one told), and a week dropped for a day of it named ("next week sometime,
    tuesday or wednesday")."""
    kept = [run[0] for run in _alternative_runs(text, wanted)]
    weeks = [d for d in kept if _is_week(text, d)]
    days = [d for d in kept if d not in weeks]
    return [d for d in kept if d not in weeks or not any(
        d.day <= other.day < d.day + timedelta(days=7) for other in days)]


_NAMES_A_WEEK = re.compile(r"\b(?:next|this|coming) week\b")
_PLAIN_WEEKDAY = re.compile(r"^(?:on )?(?:mon|tues|wednes|thurs|fri|satur|sun)days?$")


def _within_week_named(text: str, days: list[DayMention]) -> list[DayMention]:
    """`days` with each bare weekday put in the week the text names ("sometime next week, tuesday
    or friday", said on a Monday: next week's Tuesday, not tomorrow)."""
    weeks = [d for d in days if _is_week(text, d)]
    if not weeks:
        # "next week, like tuesday or wednesday": a day of the week named sets the week too
        weeks = [d for d in days if _NAMES_A_WEEK.search(text[d.start:d.end])]
        weeks = [replace(weeks[0], day=weeks[0].day - timedelta(days=weeks[0].day.weekday()))
                 ] if len(weeks) == 1 else []
    if len(weeks) != 1:
        return days
    first = weeks[0].day
    return [replace(d, day=d.day + timedelta(days=7 * ((first - d.day).days // 7 + 1)))
            if d.day < first and d.start > weeks[0].start and _PLAIN_WEEKDAY.match(text[d.start:d.end])
            else d for d in days]


def _is_week(text: str, day: DayMention) -> bool:
    """True when the mention names a whole week ("sometime next week"), not a day of one."""
    return _WEEK.match(text[day.start:day.end].replace("next week", "week")) is not None


def alternative_days(text: str, today: date) -> tuple[date, ...]:
    """The days a normalized text offers as alternatives for the day it wishes ("thursday or
    friday afternoon": both), in order; () when it names one day or none."""
    text = spell_out_clock_words(text)
    days = _within_week_named(text, find_days(text, today))
    clauses = _clauses(text)
    wished = _wanted_day(text, days, clauses)
    if wished is None:
        return ()
    for run in _alternative_runs(text, [d for d in days if not _in_unwanted_clause(d.start, clauses)]):
        if wished in run and len(run) > 1:
            return tuple(d.day for d in run)
    return ()


def _offered(text: str, day: DayMention, clauses: list[_Clause]) -> bool:
    clause = next((c for c in clauses if c.start <= day.start < c.end), None)
    if clause is None:
        return False
    return _OFFER.search(text[clause.start : clause.end]) is not None or _OFFER.match(
        text[day.end : day.end + 12].strip()
    ) is not None


def _hhmm(hour_minute: tuple[int, int]) -> str:
    return f"{hour_minute[0]:02d}:{hour_minute[1]:02d}"


def _hours(clock: list[ClockMention], part: str | None) -> tuple[str | None, str | None]:
    for mention in clock:
        if mention.begins and mention.ends:
            span_start, span_end = span_hours(mention.begins, mention.ends, part)
            return _hhmm(span_start), _hhmm(span_end)
    start = next((m.begins for m in clock if m.begins), None)
    end = next((m.ends for m in clock if m.ends), None)
    return (
        _hhmm(business_hour(start, part)) if start else None,
        _hhmm(business_hour(end, part)) if end else None,
    )


def resolve_when(text: str, today: date, *, bare_periods: bool = False) -> dict[str, str | None] | None:
    """Return {"date", "start", "end"} for the time `text` asks for, or None if it names none."""
    text = spell_out_clock_words(text)
    days = _within_week_named(text, find_days(text, today, bare_periods=bare_periods))
    clauses = _clauses(text)
    day = _wanted_day(text, days, clauses)
    taken = [(d.start, d.end) for d in days]
    clock = [
        m
        for m in find_clock_times(text)
        if not _in_unwanted_clause(m.start, clauses)
        and not any(s <= m.start < e for s, e in taken)  # "dec 11 am": the 11th
    ]
    parts = [p for p in find_parts_of_day(text) if not _in_unwanted_clause(p.start, clauses)]
    part = parts[0].part if parts else None
    clock = _without_hours_told(text, clock, clauses)
    deadline = next((m for m in clock if _is_deadline(text, m)), None)
    if deadline is not None:  # "done by 5", "we close at 5": when the visit must be over
        clock = [m for m in clock if m is not deadline]
    start, end = _hours(clock, part)
    start, end = _after_busy(text, clock, start, end)
    if part is not None:
        # "thursday afternoon before 5", "morning after 9": the part of the day bounds the other end
        part_start, part_end = PARTS_OF_DAY[part]
        if start is None and end is not None and part_start < end:
            start = part_start
        elif end is None and start is not None and start < part_end and _OPEN_START.search(text):
            end = part_end
        elif start is None and end is None:
            start, end = part_start, part_end
    finish = None
    if deadline is not None:
        told = deadline.ends or deadline.begins
        assert told is not None
        finish = _hhmm(business_hour(told, part))
        if start is not None and finish <= start:
            # "thursday morning? i leave for work at 1": a time to be done by before the
            # morning even begins is the afternoon hour
            finish = _hhmm(business_hour(told))
        end = finish if end is None or end > finish else end
    if day is None and start is None and end is None:
        return None
    when = {"date": day.day.isoformat() if day else None, "start": start, "end": end}
    return {**when, "finish": finish} if finish is not None else when


_OPEN_START = re.compile(r"\b(?:after|from|later than|no earlier than|not before) \d")
# "we are open to patients 8-5", "our hours are 9-6": the place's own hours, told beside a wish
_HOURS_TOLD = re.compile(r"\b(?:open|opened|hours|patients|customers|clients|staffed|class|school|"
                         r"shift|meetings?)\b")


def _without_hours_told(text: str, clock: list[ClockMention],
                        clauses: list[_Clause]) -> list[ClockMention]:
    """`clock` without a range telling the place's hours or the writer's day ("we are open to
    patients 8-5, can your electrician come after 5?") when another time is the wish."""
    def told(mention: ClockMention) -> bool:
        clause = next((c for c in clauses if c.start <= mention.start < c.end), None)
        return mention.begins is not None and mention.ends is not None and clause is not None \
            and _HOURS_TOLD.search(text[clause.start:clause.end]) is not None
    kept = [m for m in clock if not told(m)]
    return kept if kept else clock


# "has to be done by 5", "finished before 4", "need you out by 3": the visit must END by then.
_DONE_BEFORE = re.compile(r"\b(?:done|finished|finish|finishes|complete|completed|wrapped up|wrap up|"
                          r"wrap it up|out|gone|over|leave|left|through|thru)\b(?: \w+){0,2} $")
# "we close at 5", "the office shuts at 4": a closing time, which the visit must end by.
_CLOSES_AT = re.compile(r"\b(?:close|closes|closing|shut|shuts|shutting|lock up|locks up)(?: up)? $")
# "tomorrow before we open at 11am", "before the store opens at 10": over before the opening.
_BEFORE_OPENING = re.compile(r"\bbefore (?:we|they|i|it|the \w+|our \w+|my \w+) (?:open|opens|"
                             r"opening|start|starts|get in|gets in|leave|leaves)(?: up)? $")
# "i gotta leave for work at 1", "i have to head out at 2": the customer goes then, so the visit
# must be over by then, never begin at that hour.
_LEAVES_AT = re.compile(r"\b(?:leave|leaving|head out|heading out|take off|taking off|go out|"
                        r"going out)(?: (?:for|to) (?:work|school|my shift|the airport|the office))?"
                        r" $")


def _is_deadline(text: str, mention: ClockMention) -> bool:
    """True when the time told is one the visit must be over by, not an arrival."""
    before = text[:mention.start]
    if mention.ends is not None and mention.begins is None:
        return text.startswith(("by ", "before "), mention.start) and \
            _DONE_BEFORE.search(before) is not None
    if mention.begins is not None and mention.ends is None and text[mention.start:].startswith("at "):
        return any(told.search(before) is not None
                   for told in (_CLOSES_AT, _LEAVES_AT, _BEFORE_OPENING))
    return False


# "im at work til 2:30", "not home until 4": busy until then, so free only after it.
_BUSY_UNTIL = re.compile(r"\b(?:at work|working|busy|at school|in class|in meetings?|out|away|"
                         r"not (?:home|back|around|free|available))(?: \w+){0,3} (?:until|till|til)\s*$")


def _after_busy(text: str, clock: list[ClockMention], start: str | None,
                end: str | None) -> tuple[str | None, str | None]:
    """The hours wished when the text says until when the customer is busy: no arrival before
    that time (it is the start, never the end), whatever else is said ("like 3 or 4")."""
    busy = next((m.ends for m in clock if m.ends is not None and m.begins is None
                 and _BUSY_UNTIL.search(text[:m.start] + text[m.start:m.end].split()[0])), None)
    if busy is None:
        return start, end
    free_from = _hhmm(business_hour(busy))
    if end == free_from:
        end = None
    return (start if start is not None and start > free_from else free_from), end


# A day turned down, not one gone by or wished for: "not wed", "can't do monday or tuesday",
# "anything but friday", "except the 16th". "not sure about thursday" refuses nothing.
_REFUSES = re.compile(
    r"\b(?:cannot|can not|could not|not|unable|busy|unavailable|out of town|bad for|no good|"
    r"instead of|rather than)\b"
    r"|\bno (?:this |next |on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow)\b")
_NOT_A_REFUSAL = re.compile(r"\bnot (?:sure|certain|positive)\b|\bnot (?:too |that |so )?(?:bad|"
                            r"big|urgent|a big deal)\b")
# "xmas?? no", "monday - nope": a day named, then refused right after it.
_REFUSED_AFTER = re.compile(r"^\W*(?:no|nope|nah|not that(?: one| day)?|no way)\b"
                            r"(?! (?:later|earlier|sooner|more|problem|rush|hurry|need|worries)\b)")
_BOUND = re.compile(r"\b(?:after|before|past|until|till|til)\s+(?:the\s+)?$")
_BUT = re.compile(r"\b(?:except(?: for)?|but|other than|besides|apart from)\s+(?:(?:on|the|not)\s+)*$")
_BARE_WEEKDAY = re.compile(r"^(?:(?:on|this|next|the|coming) )?(?:monday|tuesday|wednesday|thursday|"
                           r"friday|saturday|sunday)s?$")


def turned_down_days(text: str, today: date, *, through: date) -> frozenset[date]:
    """The days a normalized text turns down, up to `through`: a weekday named bare ("not wed")
    is every such weekday, since the week meant is the one wished for, not this one."""
    text = spell_out_clock_words(text)
    clauses = _clauses(text)
    refused: set[date] = set()
    for mention in find_days(text, today):
        clause = next((c for c in clauses if c.start <= mention.start < c.end), None)
        piece = _NOT_A_REFUSAL.sub(" ", _NOT_NEGATION.sub(" ", text[clause.start:mention.start])) \
            if clause is not None else ""
        if not (_REFUSES.search(piece) or _BUT.search(text[:mention.start])
                or _REFUSED_AFTER.match(text[mention.end:])):
            continue
        if _BARE_WEEKDAY.match(text[mention.start:mention.end]):
            day = mention.day
            while day - timedelta(days=7) >= today:
                day -= timedelta(days=7)
            while day <= through:
                refused.add(day)
                day += timedelta(days=7)
        else:
            refused.add(mention.day)
    return frozenset(refused)


_WEEK = re.compile(r"^(?:(?:early|earlier|sometime|some time|the|this|next|coming) )*(?:week|weekend)$|"
                   r"^(?:the )?week after next$")


def names_a_week(text: str, today: date, day: date) -> bool:
    """True when `day` is read from a whole week named ("any morning next week"), not one day."""
    return any(m.day == day and _WEEK.match(text[m.start:m.end].replace("next week", "week"))
               for m in find_days(text, today))
