"""What a technician texts that no update of theirs does, and a person in the office must hear:
a visit they ask to move ("can we push the garcia job to monday") and trouble on the road
("van won't start"). Nothing is changed by text; the dispatchers get an item and the
technician is told so honestly."""

from __future__ import annotations

import re
import zlib
from datetime import timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.dialogue import technician_texts as texts
from bot.dialogue.technician_jobs import (
    Visit,
    day_said,
    done_today,
    named,
    other_day_visits,
    todays_visits,
    visits_on,
)
from bot.dialogue.technician_undo import last_update
from bot.nlu import intents
from bot.nlu.clock import find_clock_times
from domain.jobs import JobState
from domain.notices import notify_staff

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

# "can u move my 3pm alvarez to monday", "push the garcia job to friday", "reschedule the 2pm":
# a visit moved to another day, never "move the thermostat to the hallway".
MOVE = re.compile(
    r"\b(?:move|push|bump|shift|switch|swap)\b[^.!?]{0,60}?\b(?:to|till|until|for|out to|back to)"
    r"\s+(?:(?:next|this|the)\s+)?(?:mon|tue|wed|thu|fri|sat|sun|tomorrow|tmrw|tmr|week|later|"
    r"another day|a different day|other day|\d{1,2}(?:st|nd|rd|th)\b|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d|"
    r"(?:the )?(?:morning|afternoon|evening)|after lunch|later (?:in the day|today))|"
    # "patel asked me to come after lunch instead": the customer's wish, for the office
    r"\b(?:asked|wants?|wanted|asking) (?:me |us |if i could |if we could )?(?:to )?"
    r"(?:come|be there|swing by|stop by|show up)(?: back)? (?:after lunch|later|earlier|"
    r"in the (?:morning|afternoon|evening)|tomorrow|tmrw|next week|on \w+day)\b|"
    r"\breschedul\w*\b|\bresched\b", re.IGNORECASE)
# Trouble that puts the rest of the day at risk.
TROUBLE = re.compile(
    r"\b(?:van|truck|car|vehicle)\b[^.!?]{0,30}\b(?:won'?t|wont|will not|doesn'?t|does not|"
    r"not|didn'?t) (?:start|turn over|run|move)\b|"
    r"\b(?:broke(?:n)? down|breakdown|flat (?:tire|tyre)|dead battery|got a flat|"
    r"(?:in|had|got into|was in) an accident|got hurt|i'?m hurt|injured|"
    r"(?:feeling |i'?m |am )sick|family emergency|can'?t make it|cannot make it|"
    r"won'?t make it|wont make it)\b", re.IGNORECASE)
# A question or a request meant for a person in the office, not an update: "can u tell dana
# i'm in late tmrw", "does he still owe from nov, can someone check", "want me to grab her job?",
# "van fixed", "is that double booked".
FOR_OFFICE = re.compile(
    r"\?|\b(?:tell|let|ask|remind|text|call|inform) (?!me\b)(?:\w+ ){0,2}?(?:know|that|i'?m|im|i|"
    r"she|he|they|we|to|if|about)\b|\b(?:tell|ask|let) (?:the office|dispatch|\w+ \w+ know)\b|"
    # "tell dana the customer wants a quote": a person told what someone wants or said
    r"\b(?:tell|ask|remind) [a-z]+ (?:the|that|this|mrs?|ms|customer|cust|homeowner|our|my)\b|"
    r"\bcan (?:u|you|someone|somebody|anyone|the office|dispatch|we|i)\b|"
    r"\b(?:could|would) (?:u|you|someone|somebody)\b|\bpass (?:that|this|it) (?:on|along)\b|"
    r"\b(?:pls|please|plz) (?:have|get|check|ask|tell|let|call|see)\b|"
    r"\b(?:does|did|do|will|is|has) (?:the office|dispatch|anyone|someone|somebody)\b|"
    r"\bdouble[- ]?book\w*\b|\bcover (?:for )?\w+|\b(?:grab|take|pick up) (?:his|her|their|\w+'?s) "
    r"(?:\w+ )?(?:job|call|visit|stop)\b|\bwho do i (?:tell|call|ask|talk)\b|"
    r"\b(?:van|truck|vehicle|battery)\b[^.!?]{0,30}\b(?:fixed|running|started|good|ok|sorted|back)\b|"
    r"\bgot a jump\b|\bscratch that\b|\bforget (?:that|what i said)\b|\bafter all\b|"
    r"\bnot (?:actually|really|quite) (?:done|finished)\b|\bgoing back in\b|\breopen\b|"
    r"\b(?:any|an?) (?:emergency|extra|more) (?:calls?|jobs?|work)\b|"
    # addressed to the office: "office: need the invoice resent", "for dispatch - ..."
    r"^\W*(?:(?:hey|msg|message|fyi) )?(?:(?:to|for) )?(?:the )?(?:office|dispatch|dispatcher|"
    r"front desk|billing)\s*(?:[:,-]|pls|please|plz)|^\W*(?:msg|message) (?:for|to) [a-z]+\s*[:,-]",
    re.IGNORECASE)
MOVE_DAYS = timedelta(days=30)
FIRST = re.compile(r"\bfirst (?:job|visit|call|stop|one|appointment)\b", re.IGNORECASE)
OPEN = frozenset({JobState.SCHEDULED, JobState.EN_ROUTE, JobState.PAUSED})


def kind_of(text: str) -> str | None:
    """ "move" or "trouble" when the text is one for the office, else None."""
    if TROUBLE.search(text):
        return "trouble"
    if MOVE.search(text):
        return "move"
    return None


def for_office(text: str) -> bool:
    """The text asks or tells a person something (a question, "tell dana ...", "can someone
    check"), which no update of the technician's answers."""
    return FOR_OFFICE.search(text) is not None


def pass_on(turn: Turn, said: str, visits: list[Visit] | None = None) -> None:
    """A dispatcher item with the technician's words (and the visit they are about, if one), and
    an honest word back: passed on, nothing changed."""
    assert turn.staff is not None
    if visits is None:
        today = todays_visits(turn)
        last = last_update(turn, timedelta(minutes=30))
        finished = [v for v in done_today(turn) if last is not None and last.get("what") == intents.TECH_DONE
                    and v.appointment_id == last.get("appointment")]
        # a customer named who is not today's ("pls call mrs fischer"): their nearest visit
        elsewhere = named(other_day_visits(turn, before=MOVE_DAYS, after=MOVE_DAYS), said)[:1]
        visits = named(today, said) or elsewhere or [v for v in today if v.job.state in (
            JobState.ON_SITE, JobState.EN_ROUTE)][:1] or finished
    visits = visits if len(visits) == 1 else []
    account = visits[0].job.account_id if visits else None
    notify_staff(turn.uow, now=turn.now, account_id=account,
                 body=texts.office_from_the_field(turn.staff.name, "ask", said,
                                                  _labels(visits, turn.timezone)),
                 key=f"tech-ask:{turn.staff.id}:{turn.message_id or turn.now.isoformat()}:"
                     f"{zlib.crc32(said.encode()) % 10_000}")
    turn.finish(texts.passed_to_office("ask", []))


def answer(turn: Turn) -> bool:
    """Pass a move request or trouble on to the dispatchers; False for any other text."""
    kind = kind_of(turn.text)
    if kind is None:
        return False
    assert turn.staff is not None
    today = todays_visits(turn)
    local = turn.now.astimezone(ZoneInfo(turn.timezone)).date()
    day = day_said(turn.text, local)
    if kind == "move":
        later = named(other_day_visits(turn, before=timedelta(0), after=MOVE_DAYS), turn.text)
        if day is not None and day != local:  # "move okafor tmrw": the Okafor visit that day
            later = [v for v in later if v.appointment.window_start.astimezone(
                ZoneInfo(turn.timezone)).date() == day]
        visits = named(today, turn.text) or at_hour_said(today, turn) or later
        if len(visits) != 1:
            visits = []
    else:  # the visits at risk: today's, or those of the day said ("can't make tmrw's first")
        visits = [v for v in (today if day in (None, local) else visits_on(turn, day))
                  if v.job.state in OPEN][:1 if FIRST.search(turn.text) else None]
    account = visits[0].job.account_id if len(visits) == 1 else None
    notify_staff(turn.uow, now=turn.now, account_id=account,
                 body=texts.office_from_the_field(turn.staff.name, kind, turn.text,
                                                  _labels(visits, turn.timezone)),
                 key=f"tech-{kind}:{turn.staff.id}:{turn.message_id or turn.now.isoformat()}")
    turn.finish(texts.passed_to_office(kind, _labels(visits, turn.timezone)))
    return True


def at_hour_said(visits: list[Visit], turn: Turn) -> list[Visit]:
    """ "my 3pm": today's visits whose window opens at the hour said."""
    zone = ZoneInfo(turn.timezone)
    found = []
    for mention in find_clock_times(turn.text.lower()):
        said = mention.begins
        if said is None:
            continue
        hour = said.hour % 12
        hours = {hour + (12 if said.meridiem == "pm" else 0)} if said.meridiem else {hour,
                                                                                     hour + 12}
        found += [v for v in visits
                  if (v.appointment.window_start.astimezone(zone).hour in hours
                      and v.appointment.window_start.astimezone(zone).minute == said.minute)]
    return found


def _labels(visits: list[Visit], timezone: str) -> list[str]:
    return [f"{texts.day_and_label(v, timezone)} ({v.job.number})" for v in visits[:4]]
