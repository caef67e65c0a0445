"""A technician runs the day by text: on the way, here, late, paused, done, next, notes, undo.

Every update is about one of the technician's own visits today (technician_jobs picks it); the
customer hears about it at once through the outbox, and the last update can be undone for ten
minutes, with a short correction to a customer who was told (technician_undo).
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo

from bot.dialogue import technician_asks, technician_parts, technician_visit_facts
from bot.dialogue import technician_texts as texts
from bot.dialogue.nobody_home import KEY, says_no_way_in, says_nobody_home
from bot.dialogue.reply import Reply
from bot.dialogue.technician_jobs import (
    IN_PROGRESS,
    Visit,
    day_bounds,
    day_said,
    done_today,
    job_id,
    named,
    named_own,
    names_a_place,
    names_only_anothers,
    other_day_visits,
    other_house_number,
    own_visit,
    todays_visits,
    visits_on,
)
from bot.dialogue.technician_summary import (
    VEHICLE,
    asides,
    for_customer,
    is_unsafe,
    names_work,
    only_about_closing,
    only_work_wished,
    safety_said,
    says_done,
    without_name,
    work_summary,
)
from bot.dialogue.technician_undo import (
    asks_undo,
    before_change,
    denies_last_done,
    last_update,
    refuse,
    remember,
    remember_note,
    tell,
    undo,
)
from bot.nlu import intents
from bot.nlu.arrival import arrival_in
from bot.nlu.clock import ClockTime, find_clock_times, spell_out_clock_words
from bot.nlu.quantities import minutes_in
from bot.nlu.result import Parse
from bot.nlu.technician_rules import (
    HEDGED_ARRIVAL_AT,
    ends_the_day,
    plans_a_trip_after_a_stop,
    says_running_late,
)
from domain.commands import (
    AddJobNote,
    AddToJobSummary,
    ChangeJobState,
    CompleteJob,
    ReviseEta,
)
from domain.jobs import JobState
from domain.messages import Direction, MessageKind
from domain.notices import notify_staff
from domain.quotes import QuoteState

if TYPE_CHECKING:
    from bot.dialogue.roles import Starter
    from bot.dialogue.turn import Turn

FLOW = "technician"
PICK = "pick"
CONFIRM = "confirm"  # a Y/N before an update that looks premature (roles.YES_NO_STEPS)
# A delay is told to a customer whose visit has not started only when it starts this soon.
LATE_NOTICE_AHEAD = timedelta(hours=2)
# A bare "omw" this long before the visit's window opens is checked before its customer hears.
EARLY_ON_THE_WAY = timedelta(hours=2)
# An ETA given this long before the window opens is asked about, even for a visit named.
FAR_AHEAD_ON_THE_WAY = timedelta(hours=4)
# "done" on a visit never started whose window opens later than this is asked about first.
DONE_UNSTARTED_AHEAD = timedelta(hours=1)
# "at Fischer's", "to 42 Elm": a text that names a visit must find it, never fall back to another.
NAMING = re.compile(
    r"(?:^\W*|\b(?:at|to|for|@|from)\s+(?:the\s+)?)(?:"
    r"(?:[a-z]+ )?(?!(?:it|that|what|he|she|there|here|let|who|where|how|one|today|tomorrow|"
    r"customer|client|owner|homeowner|tenant|neighbou?r|landlord|unit|system)'s)[a-z]+'s\b|"
    r"\d{1,6} (?!(?:min|mins|minutes|m|hr|hrs|hours?|late|behind|out|away|more|am|pm|sec)\b)"
    r"[a-z]{2,})", re.IGNORECASE)
_NOTE_WORDS = re.compile(r"^\W*(?:(?:add|put|leave)(?: a| this)? notes?|notes?|fyi|memo|log)\b"
                         r"(?: (?:to|on) (?:the )?job(?: notes?)?)?[\s,:;.-]*", re.IGNORECASE)
# A departure planned for later, not made now: "lunch then headed to X", "after this I'll head to X".
PLAN = re.compile(
    r"\b(?:then|later|after (?:this|that|lunch|here|i'?m done|i finish|i'?m finished)|"
    r"once (?:i'?m|i am|done|finished|i finish)|when (?:i'?m|i am) (?:done|finished)|"
    r"in a (?:bit|while)|(?:i'?ll|i will|gonna|going to|will) (?:head|go|swing|drive|leave|"
    r"be heading))\b|"
    # "stopping at the supply house first, be at chen by 11": another stop before the visit
    r"\b(?:stop|stopping|swing|swinging|grab|grabbing|gotta|need to|have to)\b[^.;!?]{0,40}\bfirst\b",
    re.IGNORECASE)
# Set off now, said beside a delay ("omw to alvarez 15 running a bit behind"); not "leaving in 10".
SETTING_OFF_NOW = re.compile(r"\b(?:omw|otw|on my way|en ?route)\b|\bhead(?:ing|ed) (?:over )?to\b",
                             re.IGNORECASE)
# An arrival time promised with no word of setting off ("be at chen by 11"): asked, not assumed.
ARRIVAL_PROMISED = re.compile(r"\b(?:be|get|arrive|arriving|make it)\b[^.;!?]{0,40}?\b(?:by|around|"
                              r"about|at|before) (?:\d|noon)", re.IGNORECASE)
SETTING_OFF = re.compile(r"\b(?:omw|otw|on my way|on the way|en ?route|heading|headed|leaving|"
                         r"left|driving|rolling|in the (?:van|truck)|out the door)\b", re.IGNORECASE)
NOTE_SAID = 0.9  # a note said as one ("note: ..."), not a statement read as one
# A note saying the customer wants a price for more work: sales (or the office) hears of it.
QUOTE_WISH = re.compile(
    r"\b(?:wants?|wanted|needs?|asked (?:for|about)|asking (?:for|about)|interested in|"
    r"would like|requested)\b[^.;!?]{0,40}\b(?:quote|estimate|pricing|price|bid)\b|"
    r"\b(?:quote|estimate) (?:for|on)\b", re.IGNORECASE)
# A Y/N about an update answered by taking it back: "wait no wrong job", "nope not that one".
TAKEN_BACK = re.compile(
    r"^\W*(?:(?:wait|hold on|oops|sorry|my bad|actually|ah|uh)\W+)*(?:no+|n|nope|nah|"
    r"don'?t|do not|not (?:yet|that|this|now)|wrong (?:job|one|visit|customer|house|day))\b",
    re.IGNORECASE)
# "found the part, back on the job": a paused job taken up again.
RESUMING = re.compile(r"\bback (?:on|at) (?:the |this |that )?(?:job|site|it|work)\b|"
                      r"\blet (?:me|us) in\b|\b(?:opened|answered) the door\b|^\W*got in\b",
                      re.IGNORECASE)
# "stuck behind a train", "held up at the tracks": a delay on the road, with its minutes.
HELD_UP = re.compile(r"\b(?:stuck|held up|hung up|backed up|slow going|crawling|detour|"
                     r"accident|train|bridge (?:is )?up|road (?:is )?closed|construction)\b",
                     re.IGNORECASE)
# "otw now, 25", "omw like 10": a bare number after the words of setting off is minutes away.
BARE_ETA = re.compile(r"(?:,|\bnow|\bomw|\botw|\bway)\s*(?:like |about |maybe |prob |~)?"
                      r"(\d{1,3})\s*(?:m|min|mins)?\W*$", re.IGNORECASE)
# "otw to nguyen 20", "heading to rossi 25 min": a number closing a trip named (never a unit's).
ON_THE_WAY_WORDS = re.compile(r"\b(?:omw|otw|on my way|on the way|heading|headed|leaving)\b",
                              re.IGNORECASE)
NAMED_ETA = re.compile(r"(?<!\bapt)(?<!\bunit)(?<!\bsuite)(?<!#)(?<!\bno)(?<=[a-z])\s+"
                       r"(\d{1,3})\s*(?:m|min|mins)?\W*$", re.IGNORECASE)
# "omw to alvarez 15 running a bit behind": the minutes right after the trip, more said after.
ETA_BEFORE_MORE = re.compile(
    r"\b(?:omw|otw|on my way|heading|headed|leaving)(?:\s+(?:over\s+)?to\s+[a-z' ]{1,30}?)?"
    r"(?<!\bunit)(?<!\bapt)(?<!\bsuite)\s+(?:like |about |maybe |prob |~)?(\d{1,3})\s*"
    r"(?:m|min|mins|minutes)?\b(?!\s*(?:am|pm|:|late|behind|[a-z]+ (?:st|ave|rd)\b))",
    re.IGNORECASE)
# "running 15 late", "20 min behind": a delay said beside setting off.
LATE_BY = re.compile(r"\b(\d{1,3})\s*(?:m|min|mins|minutes)?\s*(?:late|behind)\b", re.IGNORECASE)
# A note this soon after "done" (and no update since) is about the job just finished.
NOTE_AFTER_DONE = timedelta(minutes=30)
# A time of day a technician gives as an arrival is at most this far ahead.
SAID_TIME_AHEAD = timedelta(hours=12)
# When a technician arrives anywhere: "by 7" said at 9am is 7pm, "by 8" at 7am is 8am.
WORKING_HOURS = (time(6, 0), time(21, 0))
# A note with nothing open is about the job last finished, if within the working day.
NOTE_ON_DAYS_WORK = timedelta(hours=12)
# How far from today a visit the technician names is looked for, to say which day it is.
OTHER_DAYS_BEFORE = timedelta(days=7)
OTHER_DAYS_AFTER = timedelta(days=30)
# The whole day asked for, also by how many or which comes first ("2 today?", "first one at 11?").
_WHOLE_DAY = re.compile(r"\b(?:day|today|todays|schedule|route|list|all|jobs|plate|on for me|only|"
                        r"first|1st)\b", re.IGNORECASE)

# Which job states each update may act on: a skipped step ("done" without "here") is filled in.
ACCEPTS: dict[str, frozenset[JobState]] = {
    intents.TECH_EN_ROUTE: frozenset({JobState.SCHEDULED, JobState.EN_ROUTE}),
    intents.TECH_ARRIVED: frozenset({JobState.SCHEDULED, JobState.EN_ROUTE, JobState.PAUSED}),
    intents.TECH_LATE: frozenset({JobState.SCHEDULED, JobState.EN_ROUTE}),
    intents.TECH_PAUSED: frozenset({JobState.SCHEDULED, JobState.EN_ROUTE, JobState.ON_SITE}),
    intents.TECH_DONE: frozenset({JobState.SCHEDULED, JobState.EN_ROUTE, JobState.ON_SITE,
                                  JobState.PAUSED}),
    intents.NOTE: frozenset({JobState.SCHEDULED, JobState.EN_ROUTE, JobState.ON_SITE,
                             JobState.PAUSED}),
}
# The steps a job takes to reach a state from where it is (the state machine has no shortcuts).
PATH = (JobState.SCHEDULED, JobState.EN_ROUTE, JobState.ON_SITE)
ACTION_WORDS = {intents.TECH_EN_ROUTE: "on the way", intents.TECH_ARRIVED: "here",
                intents.TECH_LATE: "running late", intents.TECH_PAUSED: "paused",
                intents.TECH_DONE: "done", intents.NOTE: "note"}


def starters() -> dict[str, Starter]:
    """What a technician's text starts; "undo" is recognised whatever the parser read."""
    acting: dict[str, Starter] = {intent: _about_a_visit(intent) for intent in ACCEPTS}
    started = {
        **acting,
        intents.TECH_NEXT: _unless_undo(_updates_then(next_visit)),
        intents.HELP: _unless_undo(help_menu),
        intents.GREET: _unless_undo(help_menu),
        intents.THANKS: _unless_undo(_thanks),
        intents.AFFIRM: _unless_undo(_acknowledge),
        intents.DENY: _unless_undo(_no),
    }
    return {intent: _unless_done_denied(starter) for intent, starter in started.items()}


def _unless_done_denied(starter: Starter) -> Starter:
    """ "rossi is NOT done, fix that" just after marking it done: the completion taken back;
    "the summary should also say ..." then: the job's summary added to."""
    def start(turn: Turn) -> None:
        if denies_last_done(turn):
            undo(turn)
        elif not _added_to_summary(turn):
            starter(turn)
    return start


# "the summary on nguyen should also say ...", "add to the summary: ...": more work for the
# summary of the job just finished.
_MORE_FOR_SUMMARY = re.compile(
    r"\bsummary\b[^.?!]*?\b(?:should|needs to|needs|can you|pls|please)?\s*(?:also )?"
    r"(?:say|include|mention|list|have)\b\W*(?P<more>.+)$"
    r"|\badd (?:to|this to|that to) (?:the |my )?(?:work )?summary\b\W*(?P<added>.+)$",
    re.IGNORECASE)


def _added_to_summary(turn: Turn) -> bool:
    """More work for the summary of the job just finished (within half an hour, no update
    since), added to it; False when the text says none or no job was just finished."""
    found = _MORE_FOR_SUMMARY.search(turn.text)
    finished = _just_finished(turn) if found is not None else None
    if found is None or finished is None:
        return False
    more = (found.group("more") or found.group("added") or "").strip().rstrip(".!,; ")
    if not more:
        return False
    turn.finish()
    turn.run(AddToJobSummary(job_id=job_id(finished), text=more, actor=turn.actor))
    turn.say(texts.added_to_summary(finished, more))
    return True


def otherwise(turn: Turn) -> None:
    """Anything else: several updates in one text, "undo", or an honest "didn't get that" (a
    technician is never handed off)."""
    if technician_visit_facts.answer(turn):  # "whats the address for patel"
        return
    if denies_last_done(turn):
        undo(turn)  # "that one isnt done" just after marking it done
    elif _added_to_summary(turn):
        return
    elif technician_parts.run(turn, _act):
        return
    elif asks_undo(turn.text):
        undo(turn)
    elif technician_asks.answer(turn):
        return
    elif HELD_UP.search(turn.text) and (minutes_in(turn.text) is not None or _more_minutes(
            turn.text) or minutes_until_said_time(turn.text, turn.now, turn.timezone)):
        # "stuck behind a train, 10 more min", "line is crazy, prob 4:40": a delay in words
        # the parser does not know, in minutes or as the time of arrival
        minutes = minutes_in(turn.text) or _more_minutes(turn.text)
        turn.parse = Parse(intents.TECH_LATE, {"minutes": minutes} if minutes else {}, 0.8)
        _about_a_visit(intents.TECH_LATE)(turn)
    elif _reread(turn):
        return
    elif plans_a_trip_after_a_stop(turn.text):  # "grabbing lunch then heading to okafor"
        turn.parse = Parse(intents.TECH_EN_ROUTE, {}, 0.7)
        _about_a_visit(intents.TECH_EN_ROUTE)(turn)  # a plan: noted, nothing sent
    elif technician_asks.for_office(turn.text):
        technician_asks.pass_on(turn, turn.text)  # "can someone check if he still owes"
    elif ends_the_day(turn.text):  # "im done for the day, heading home": no job finished
        _day_over(turn)
    else:
        turn.finish(texts.not_understood())


# "nobody let me in", "she didn't answer the door": no way in, never read as one.
_NOT_DENIED = (r"(?!.*\b(?:nobody|no one|noone|no body|didn'?t|did not|not|never|won'?t|wont|"
               r"cant|can'?t|no)\b)")
# Texting shorthand of the updates, said again in words the parser reads: "heading 2 hughes",
# "leavin shop now", "ok in", "@ riverside", "mike let me in", "he just opened the door".
_SHORTHAND = (
    (re.compile(r"\b(leav|head|com|go|driv|runn|work|pull|arriv)in\b", re.IGNORECASE), r"\1ing"),
    (re.compile(r"\b(head(?:ing|ed)?|going|goin|omw|otw|driving|drivin|over|back|on my way|"
                r"be there|leaving|leavin) 2 (?=[a-z])", re.IGNORECASE), r"\1 to "),
    (re.compile(r"\babt\b", re.IGNORECASE), "about"),
    (re.compile(r"^\W*(?:(?:ok|okay|k|alright|yep)\W+)?(?:i'?m |im |i am )?in(?:side)?\W*$",
                re.IGNORECASE), "here"),
    (re.compile(r"^\W*(?:(?:ok|okay|k|now)\W+)?@\s*", re.IGNORECASE), "at "),
    (re.compile(_NOT_DENIED + r"^\W*[a-z]+ (?:just )?let (?:me|us) in\b", re.IGNORECASE),
     "they let me in"),
    (re.compile(_NOT_DENIED + r"^.*\b(?:opened|answered) the door\b.*$", re.IGNORECASE),
     "back on the job"),
)
# "k whats tmrw", "who do i have today", "my whole day pls": the day's visits asked for.
_DAY_ASKED = re.compile(
    r"\b(?:what'?s|whats|what is|what about|what do i (?:have|got)|who'?s|whos|who do i (?:have|got|"
    r"see)|who am i seeing)\b[^.!?]{0,25}?\b(?:today|tonight|tmrw|tomorrow|tmr|2moro|first|next|"
    r"mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|"
    r"sun(?:day)?)\b|\bmy (?:whole |full )?(?:day|schedule|list)\b", re.IGNORECASE)
_AT_PLACE = re.compile(r"^\W*(?:(?:ok|okay|k|now|just|made it)\W+)*(?:@|at|here at|i'?m at|im at|"
                       r"i am at|arrived at)\s+(?:the\s+)?([a-z][a-z0-9' ]{1,40}?)(?:\s+now)?\W*$",
                       re.IGNORECASE)
# "make that 15 more", "another 10": minutes more than the delay already given.
_MORE = re.compile(r"\bmake (?:that|it) (\d{1,3})\s*(?:m|min|mins|minutes)?\s*(?:more|extra|"
                   r"longer)?\b|\b(\d{1,3})\s*(?:m|min|mins|minutes) (?:more|extra|longer)\b|"
                   r"\b(?:another|an extra|plus)\s+(\d{1,3})\s*(?:m|min|mins|minutes)?\W*$",
                   re.IGNORECASE)


# "its 2 more min", "like 5 more mins": how far off the technician still is, said alone while on
# the way: a fresh ETA counted from now (never added to the one given, as "make that 15 more" is).
_STILL_AWAY = re.compile(r"^\W*(?:(?:it'?s|its|it is|prob|probably|maybe|like|about|bout|only|just"
                         r"|another)\s+)*(\d{1,3})\s*more\s*(?:m|min|mins|minutes)\W*$",
                         re.IGNORECASE)


def _more_minutes(text: str) -> int | None:
    found = _MORE.search(text)
    minutes = int(found.group(1) or found.group(2) or found.group(3)) if found else 0
    return minutes if 0 < minutes <= 180 else None


def _reread(turn: Turn) -> bool:
    """An update in texting shorthand, read again in plain words; True when it was one."""
    if _DAY_ASKED.search(turn.text):
        next_visit(turn)
        return True
    away = _STILL_AWAY.match(turn.text)
    if away is not None and any(v.job.state is JobState.EN_ROUTE for v in todays_visits(turn)):
        turn.parse = Parse(intents.TECH_EN_ROUTE, {"minutes": int(away.group(1))}, 0.8)
        _about_a_visit(intents.TECH_EN_ROUTE)(turn)
        return True
    minutes = _more_minutes(turn.text)
    if minutes is not None and any(v.job.state is JobState.EN_ROUTE for v in todays_visits(turn)):
        turn.parse = Parse(intents.TECH_LATE, {"minutes": minutes}, 0.8)  # "make that 15 more"
        _about_a_visit(intents.TECH_LATE)(turn)
        return True
    at = _AT_PLACE.match(turn.text)
    if at is not None:  # "@ riverside", "ok at the nguyens now": the visit named, reached
        found = named_own(turn, todays_visits(turn), at.group(1))
        if found and len(found) == 1:
            turn.parse = Parse(intents.TECH_ARRIVED, {}, 0.8)
            _about_a_visit(intents.TECH_ARRIVED)(turn)
            return True
    said = turn.text
    for pattern, plain in _SHORTHAND:
        said = pattern.sub(plain, said)
    if said == turn.text:
        return False
    parse = technician_parts.parse_part(turn, said)
    if parse.intent not in ACCEPTS or parse.intent == intents.NOTE:
        return False
    original = turn.text
    turn.text, turn.parse = said, parse
    try:
        _about_a_visit(parse.intent)(turn)
    finally:
        turn.text = original
    return True


def _acknowledge(turn: Turn) -> None:
    """ "ok", "Y", a thumbs-up that answers no question: a word for staff, never a customer's menu."""
    if not turn.conversation.is_active(turn.now) and _reread(turn):
        return  # "ok in": checked in
    if turn.conversation.is_active(turn.now):  # a question is pending that this does not answer
        turn.say(texts.answer_pending(turn.step == PICK))
    else:
        turn.finish(texts.acknowledged())


def _thanks(turn: Turn) -> None:
    assert turn.staff is not None
    if ends_the_day(turn.text):  # "thx. im done for the day": the jobs left open named too
        _day_over(turn)
        return
    turn.finish(texts.thanks(turn.staff.first_name))


def _day_over(turn: Turn) -> None:
    """The technician's day over: nothing changed, the jobs left open today as they stand."""
    turn.finish(texts.day_over([v for v in todays_visits(turn)
                                if v.job.state in (JobState.PAUSED, JobState.ON_SITE)]))


def _no(turn: Turn) -> None:
    turn.finish(texts.nothing_changed())


def help_menu(turn: Turn) -> None:
    assert turn.staff is not None
    turn.finish(texts.help_menu(turn.staff.first_name))


def answer(turn: Turn) -> bool:
    """The answer to "which visit is that?": a number, or a name or street among the options."""
    data = turn.data
    if turn.step == CONFIRM and (turn.parse.intent == intents.DENY or TAKEN_BACK.match(turn.text)):
        turn.parse = Parse(intents.DENY, {}, 1.0)  # "wait no wrong job": the question's No, no undo
        return _confirmed(turn, data)
    if asks_undo(turn.text):
        return False  # the last update is taken back instead (starters)
    if turn.step == CONFIRM:
        return _confirmed(turn, data)
    if turn.step != PICK:
        return False
    options = [v for v in (own_visit(turn, i) for i in data.get("options", [])) if v is not None]
    option = turn.option()
    if option is not None and 1 <= option <= len(options):
        chosen = [options[option - 1]]
    else:
        chosen = named(options, turn.text) if option is None else []
    if len(chosen) != 1:
        return False  # not an answer: read the text afresh
    turn.finish()
    # a paused job picked from the list is meant: no second question about it
    ACTIONS[data["intent"]](turn, chosen[0], data.get("text", ""), data.get("minutes"),
                            checked=chosen[0].job.state is JobState.PAUSED)
    return True


def _confirmed(turn: Turn, data: dict[str, Any]) -> bool:
    """Y carries out the update asked about, N leaves everything as it was; else not an answer."""
    visit = own_visit(turn, data.get("appointment"))
    if turn.parse.intent not in (intents.AFFIRM, intents.DENY) or visit is None:
        return False
    if turn.parse.intent == intents.DENY:
        turn.finish(texts.left_alone(visit))
        return True
    turn.finish()
    ACTIONS[data["intent"]](turn, visit, data.get("text", ""), _minutes_left(turn, data),
                            checked=True)
    return True


def _minutes_left(turn: Turn, data: dict[str, Any]) -> int | None:
    """The minutes the text gave, less those since the question for a trip: "eta 11:40"
    answered Y at 11:06 still arrives at 11:40."""
    minutes = data.get("minutes")
    if not isinstance(minutes, int) or data.get("intent") != intents.TECH_EN_ROUTE:
        return minutes if isinstance(minutes, int) else None  # a delay counts from the plan
    try:
        since = turn.now - datetime.fromisoformat(str(data.get("asked")))
    except ValueError:
        return minutes
    return max(1, minutes - round(since.total_seconds() / 60))


def _check(turn: Turn, visit: Visit, intent: str, text: str, minutes: int | None,
           question: Reply) -> None:
    """Ask Y/N before an update that looks premature, keeping everything the text said."""
    turn.ask(FLOW, CONFIRM, {"intent": intent, "appointment": visit.appointment_id, "text": text,
                             "minutes": minutes, "asked": turn.now.isoformat()}, question)


# --- Choosing the visit -----------------------------------------------------------------------


def _updates_then(starter: Starter) -> Starter:
    """ "done at patel, replaced the cartridge. whats next?": the updates first, then the rest."""
    def start(turn: Turn) -> None:
        if not technician_parts.run(turn, _act):
            starter(turn)
    return start


def _unless_undo(starter: Starter) -> Starter:
    def start(turn: Turn) -> None:
        if asks_undo(turn.text):
            undo(turn)
        else:
            starter(turn)
    return start


def _about_a_visit(intent: str) -> Starter:
    """A starter that finds the visit the update is about, asking when it can't tell."""

    def start(turn: Turn) -> None:
        if intent == intents.NOTE and turn.parse.confidence < NOTE_SAID and (
                technician_visit_facts.answer(turn)):
            return  # "gate code for the chen job?": asked, not noted
        if technician_parts.run(turn, _act):
            return
        if asks_undo(turn.text):
            undo(turn)
            return
        if intent == intents.TECH_DONE and not says_done(turn.text):
            if VEHICLE.search(turn.text) and not named(todays_visits(turn), turn.text):
                technician_asks.pass_on(turn, turn.text)  # "van fixed": news for the office
                return
            if only_work_wished(turn.text):  # "told them it should be replaced": a note
                _about_a_visit(intents.NOTE)(turn)
                return
        if intent == intents.NOTE and (turn.parse.confidence < NOTE_SAID or technician_asks.kind_of(
                turn.text) == "trouble") and technician_asks.answer(
                turn):  # "customer wants to reschedule, can u move my 3pm": for the office
            return
        visits = todays_visits(turn)
        found = named_own(turn, visits, turn.text)
        if found is None:  # another technician's visit fits better: nothing of theirs is touched
            refuse(turn, texts.no_visit(named=True))
            return
        candidates = found
        weak = len(candidates) == 1 and other_house_number(candidates[0], turn.text)
        done_earlier = named(done_today(turn), turn.text) if not candidates and intent in (
            intents.TECH_EN_ROUTE, intents.TECH_ARRIVED, intents.TECH_DONE) else []
        if len(done_earlier) == 1:
            # "back on the job at hughes" after Hughes was marked done: say so, no other Hughes
            turn.finish(texts.already(done_earlier[0], ACTION_WORDS[intent]))
            return
        if not candidates:
            if NAMING.search(turn.text) is not None or names_a_place(turn.text):
                if intent != intents.NOTE or not _note_another_day(turn):
                    _not_today(turn)  # never another visit than the one named
                return
            if intent != intents.NOTE and _names_another_day(turn):
                return  # "kowalski done": the Kowalski visit, never the current job
            if intent == intents.NOTE and _note_another_day(turn):
                return  # "note for the rossi job monday: bring sharkbites"
            if names_only_anothers(turn, turn.text):
                # "im closer to nguyen, omw": another technician's visit, never the own next one
                refuse(turn, texts.not_on_your_schedule(visits, turn.timezone))
                return
            finished = _just_finished(turn) if intent == intents.NOTE else None
            candidates = [finished] if finished else _current(visits, ACCEPTS[intent])
            if intent == intents.TECH_ARRIVED and RESUMING.search(turn.text):
                # "back on the job": the paused one, not the next one not started
                candidates = [v for v in candidates if v.job.state is JobState.PAUSED] or (
                    candidates)
            if not candidates and intent == intents.NOTE:
                candidates = _finished_today(turn)  # nothing open: the job finished last
        elif intent == intents.TECH_LATE and not any(
                v.job.state in ACCEPTS[intent] for v in candidates):
            # "running 30 behind, hughes job took longer": the visit named is the one holding
            # the technician up; the delay is for the next one not reached yet
            held_up = candidates[0]
            candidates = _current(visits, ACCEPTS[intent])
            if not candidates:
                turn.finish(texts.late_nothing_after(held_up))
                return
        if len(candidates) > 1:  # "done here, ... nguyen": of two Nguyens, the one in hand
            busy = JobState.ON_SITE if intent in (intents.TECH_DONE, intents.TECH_PAUSED,
                                                  intents.NOTE) else JobState.EN_ROUTE
            in_hand = [v for v in candidates if v.job.state is busy]
            candidates = in_hand if len(in_hand) == 1 else candidates
        minutes = _minutes_said(turn)
        if not candidates and intent in (intents.TECH_ARRIVED, intents.TECH_EN_ROUTE):
            # "here" while checked in already: say so, never "no visit left"
            candidates = [v for v in visits if v.job.state is JobState.ON_SITE][:1] or (
                candidates)
        if len(candidates) == 1 and intent != intents.NOTE and (
                candidates[0].job.state not in ACCEPTS[intent]):
            # a job already past this update: where it stands, in plain words, and what to text
            turn.finish(texts.already(candidates[0], ACTION_WORDS[intent]))
            return
        if not candidates and technician_asks.for_office(turn.text):
            technician_asks.pass_on(turn, turn.text)  # "tell dana im in late tmrw"
        elif not candidates:
            turn.finish(texts.no_visit(named=False))
        elif len(candidates) == 1 and not weak:
            ACTIONS[intent](turn, candidates[0], turn.text, minutes)
        else:
            zone = turn.timezone
            turn.ask(FLOW, PICK, {"intent": intent, "text": turn.text, "minutes": minutes,
                                  "options": [v.appointment_id for v in candidates]},
                     Reply.choice(texts.which_visit(ACTION_WORDS[intent]),
                                  tuple(texts.label(v, zone) for v in candidates)))

    return start


def _minutes_said(turn: Turn) -> int | None:
    """The minutes the text gives; a time of arrival said ("prob 11") leaves them to the update,
    unless no such time is still ahead today (then the number is minutes after all)."""
    minutes = turn.parse.slots.get("minutes")
    if isinstance(minutes, int):
        return minutes
    if turn.parse.slots.get("when") and minutes_until_said_time(
            turn.text, turn.now, turn.timezone) is None:
        return minutes_in(turn.text)
    return None


def _act(turn: Turn, intent: str) -> None:
    """One part of a text of several: an undo, or an update found on its visit as if texted."""
    if intent == technician_parts.UNDO:
        undo(turn)
    elif intent in ACCEPTS:
        _about_a_visit(intent)(turn)
    elif intent == intents.TECH_NEXT:
        next_visit(turn)
    else:
        otherwise(turn)


def _just_finished(turn: Turn) -> Visit | None:
    """The visit the technician marked done within the last half hour, with no update since."""
    last = last_update(turn, NOTE_AFTER_DONE)
    if last is None or last.get("what") != intents.TECH_DONE:
        return None
    visit = own_visit(turn, last.get("appointment"))
    return visit if visit is not None and visit.job.state is JobState.COMPLETED else None


def _finished_today(turn: Turn) -> list[Visit]:
    """The visit the technician last marked done, today and with no update since (a note when
    nothing else is open is about it, however long after)."""
    last = last_update(turn, NOTE_ON_DAYS_WORK)
    if last is None or last.get("what") != intents.TECH_DONE:
        return []
    visit = own_visit(turn, last.get("appointment"))
    start, _ = day_bounds(turn.now, turn.timezone)
    if visit is None or visit.job.state is not JobState.COMPLETED or (
            datetime.fromisoformat(str(last.get("at"))) < start):
        return []
    return [visit]


def _not_today(turn: Turn) -> None:
    """The text names no visit of the technician's today: say which day it is, if it is theirs;
    otherwise say nothing about whose it may be."""
    elsewhere = named(other_day_visits(turn, before=OTHER_DAYS_BEFORE, after=OTHER_DAYS_AFTER),
                      turn.text)
    if elsewhere:
        turn.finish(texts.visit_on_another_day(elsewhere[0], turn.timezone))
    elif technician_asks.for_office(turn.text):
        technician_asks.pass_on(turn, turn.text)  # "is alicia coming here at 11 too?"
    else:
        refuse(turn, texts.no_visit(named=True))


# Where a technician's text opens with whom it is about: "kowalski done, new circuit".
_OPENING_CLAUSE = re.compile(r"^[^,.;:!?\n]*?(?=\s*(?:[,.;:!?\n]|\s-+\s|$))")


def _note_another_day(turn: Turn) -> bool:
    """A note whose opening ("note for the rossi job monday:", "note on chen this morning -")
    names one of the technician's own visits finished earlier today or open on another day is
    filed there."""
    opening = _OPENING_CLAUSE.match(turn.text.strip())
    said = opening.group() if opening is not None else ""
    finished = named(done_today(turn), said) if said else []
    if len({v.job.id for v in finished}) == 1:
        note(turn, finished[0], turn.text, None)
        return True
    elsewhere = [v for v in named(other_day_visits(turn, before=OTHER_DAYS_BEFORE,
                                                   after=OTHER_DAYS_AFTER), said)
                 if v.job.state in ACCEPTS[intents.NOTE]] if said else []
    zone = ZoneInfo(turn.timezone)
    day = day_said(said, turn.now.astimezone(zone).date())
    if day is not None:  # "the rossi job monday": the Rossi visit that day
        elsewhere = [v for v in elsewhere
                     if v.appointment.window_start.astimezone(zone).date() == day]
    if len({v.job.id for v in elsewhere}) != 1:
        return False
    note(turn, elsewhere[0], turn.text, None)
    return True


# What a plain status update is made of ("omw 20", "running 15 late, traffic", "done"): an
# opening clause of only these words and numbers names no visit, so no other day is looked up.
_STATUS_WORDS = frozenset(
    "omw otw on my the way here there site onsite arrived arriving at in running late behind "
    "done finished complete completed all wrapped up heading leaving back eta min mins minute "
    "minutes hour hours be out now just got i im am ok okay traffic soon about around like ish "
    "a an to with and so hey yo".split())


def _may_name_a_visit(said: str) -> bool:
    return any(not word.isdigit() and word not in _STATUS_WORDS
               for word in re.findall(r"[a-z0-9]+", said.lower().replace("'", "")))


def _names_another_day(turn: Turn) -> bool:
    """The text's opening clause names the customer or street of one of the technician's visits
    on another day: that day is said and nothing changes (True); False when it names none."""
    opening = _OPENING_CLAUSE.match(turn.text.strip())
    said = opening.group() if opening is not None else ""
    elsewhere = named(other_day_visits(turn, before=OTHER_DAYS_BEFORE, after=OTHER_DAYS_AFTER),
                      said) if said and _may_name_a_visit(said) else []
    if not elsewhere:
        return False
    turn.finish(texts.visit_on_another_day(elsewhere[0], turn.timezone))
    return True


def _current(visits: list[Visit], accepts: frozenset[JobState]) -> list[Visit]:
    """The visit in progress (all of them, if somehow several); else a paused one (waiting on
    parts, it is current only once the technician is back) and the next one not started."""
    fitting = [v for v in visits if v.job.state in accepts]
    started = [v for v in fitting if v.job.state in IN_PROGRESS]
    if started:
        return started
    paused = [v for v in fitting if v.job.state is JobState.PAUSED]
    waiting = [v for v in fitting if v.job.state is JobState.SCHEDULED]
    return paused + waiting[:1]


# --- The updates ------------------------------------------------------------------------------


def en_route(turn: Turn, visit: Visit, text: str, minutes: int | None,
             checked: bool = False) -> None:
    """On the way now: the customer is told, with the arrival time given in minutes or as a
    time of day ("prob 8:15"), also when already on the way, and that the technician runs
    behind when the text said so ("omw to alvarez, running a bit behind"). A plan ("lunch then headed to 26th
    st") changes nothing; an "omw" naming no visit hours before the window, or giving an ETA
    over four hours before it, is asked about (the ETA kept for the answer); a job
    still on site elsewhere is pointed out, since it stays open."""
    if visit.job.state is JobState.SCHEDULED and PLAN.search(text):
        turn.finish(texts.plan_noted(visit, turn.timezone))
        return
    if not checked:
        _note_hazard(turn, visit, text)
    if minutes is None:
        minutes = minutes_until_said_time(text, turn.now, turn.timezone)
    # "be at chen by 11", "prob 1:45 at hughes": a time promised, on the way yet?
    if (not checked and visit.job.state is JobState.SCHEDULED and not SETTING_OFF.search(text)
            and (ARRIVAL_PROMISED.search(text) or HEDGED_ARRIVAL_AT.search(text.lower()))):
        _check(turn, visit, intents.TECH_EN_ROUTE, text, minutes,
               texts.on_the_way_yet(visit, turn.now, minutes, turn.timezone))
        return
    if minutes is None:
        minutes = _bare_minutes(text) or _late_by(visit, text, turn.now)
    ahead = visit.appointment.window_start - turn.now
    if (not checked and visit.job.state is JobState.SCHEDULED and (
            (ahead > FAR_AHEAD_ON_THE_WAY and minutes is not None)  # an ETA hours early, even
            or (ahead > EARLY_ON_THE_WAY and minutes is None  # of a visit named: asked first
                and not named([visit], text)))):  # a visit named is a deliberate choice
        _check(turn, visit, intents.TECH_EN_ROUTE, text, minutes,
               texts.on_the_way_early(visit, turn.now, turn.timezone))
        return
    before = before_change(visit)
    job = job_id(visit)
    if visit.job.state is JobState.EN_ROUTE:
        if minutes is None:  # already on the way: nothing new to tell anyone
            turn.finish(texts.on_the_way(visit, visit.job.eta, turn.timezone, again=True))
            return
        turn.run(ReviseEta(job_id=job, eta_minutes=minutes, actor=turn.actor))
    else:
        turn.run(ChangeJobState(job_id=job, new_state=JobState.EN_ROUTE, actor=turn.actor,
                                eta_minutes=minutes))
    eta = visit.job.eta
    # "omw, running a bit behind": with no time to give, the delay itself is the news
    behind = eta is None and says_running_late(text)
    told = tell(turn, visit, "en-route", texts.customer_on_the_way(
        _tech(turn), turn.business.name, eta, visit.site.timezone, behind=behind))
    remember(turn, visit, before, told, what=intents.TECH_EN_ROUTE)
    turn.say(texts.on_the_way(visit, eta, turn.timezone, behind=behind))
    left = [v for v in todays_visits(turn)
            if v.job.state is JobState.ON_SITE and v.appointment_id != visit.appointment_id]
    if left:
        turn.say(texts.still_open(left[0]))


def arrived(turn: Turn, visit: Visit, text: str, minutes: int | None,
            checked: bool = False) -> None:
    """On site; a paused job taken up again ("back on the job") tells the office, and the
    customer who was told the work can't be finished, that no return visit is needed."""
    if visit.job.state is not JobState.PAUSED and _locked_out(turn, visit, text):
        return
    before = before_change(visit)
    resumed = visit.job.state is JobState.PAUSED
    _move_to(turn, visit, JobState.ON_SITE)
    told = _tell_resumed(turn, visit) if resumed else None
    remember(turn, visit, before, told, what=intents.TECH_ARRIVED)
    turn.say(texts.resumed(visit, told is not None) if resumed
             else texts.arrived(visit, turn.timezone))


def _tell_resumed(turn: Turn, visit: Visit) -> int | None:
    """Tell the office a paused job goes on; tell the customer too if their last word from us
    was that the work can't be finished (not "are you home?"). The customer's message id."""
    notify_staff(turn.uow, now=turn.now, account_id=visit.job.account_id,
                 body=texts.office_resumed(visit, _tech(turn)),
                 key=f"job-resumed:{job_id(visit)}:{turn.message_id or turn.now.isoformat()}")
    keys = [m.idempotency_key or "" for m in turn.uow.messages.find(
        account_id=visit.job.account_id, direction=Direction.OUT, kind=MessageKind.NOTICE)
        if m.staff_id is None]
    last = next((k for k in reversed(keys) if k.startswith((f"tech-paused:{job_id(visit)}:",
                                                            f"{KEY}:{job_id(visit)}:"))), "")
    if not last.startswith("tech-paused:"):
        return None
    return tell(turn, visit, "resumed", texts.customer_resumed(_tech(turn), turn.business.name))


def late(turn: Turn, visit: Visit, text: str, minutes: int | None,
         checked: bool = False) -> None:
    """A delay counts from where the visit stood (its ETA on the way, else its planned arrival),
    never from now, and a time of day ("there by 3:30") is the new arrival; a delay still on
    time for the window tells no one, and one for a visit hours away is asked about first."""
    if visit.job.state is JobState.SCHEDULED and SETTING_OFF_NOW.search(text):
        # "omw to alvarez 15 running a bit behind": setting off late, told once with the ETA
        en_route(turn, visit, text, minutes, checked)
        return
    if not checked:
        _note_hazard(turn, visit, text)
    a = visit.appointment
    planned = visit.job.eta or max(a.start, a.window_start)  # a delay already given counts
    said = minutes_until_said_time(text, turn.now, turn.timezone) if minutes is None else None
    if said is not None:  # an arrival time, not a delay: count it from now
        planned, minutes = turn.now, said
    arrival = max(planned, turn.now) + timedelta(minutes=minutes or 0)
    # Still on time for the window: before it opens, or, for a customer not yet given an ETA,
    # inside the window they were promised. Nobody needs telling.
    on_time = minutes is not None and (arrival <= a.window_start or (
        visit.job.state is JobState.SCHEDULED and arrival <= a.window_end))
    if (not checked and not on_time and visit.job.state is JobState.SCHEDULED
            and a.start - turn.now > LATE_NOTICE_AHEAD):
        zone = turn.timezone
        busy = [v for v in todays_visits(turn) if v.job.state is JobState.ON_SITE]
        _check(turn, visit, intents.TECH_LATE, text, minutes, texts.late_ahead(
            visit, busy[0] if busy else None, arrival if minutes else None, turn.now, zone))
        return
    before = before_change(visit)
    if minutes is not None:
        turn.run(ReviseEta(job_id=job_id(visit), eta_minutes=minutes, actor=turn.actor,
                           note=text, since=planned))
    eta = visit.job.eta if minutes is not None else None
    if eta is not None and on_time:
        remember(turn, visit, before, None, what=intents.TECH_LATE)
        turn.say(texts.late_in_time(visit, eta, turn.timezone))
        return
    told = tell(turn, visit, "late", texts.customer_late(
        _tech(turn), turn.business.name, eta, visit.site.timezone))
    remember(turn, visit, before, told, what=intents.TECH_LATE)
    turn.say(texts.late(visit, eta, turn.timezone))


def _note_hazard(turn: Turn, heading: Visit, text: str) -> None:
    """A hazard reported beside a trip or a delay ("running late, red tagged the furnace at the
    last place") is noted on the job it was found at: the one in hand, else the one finished
    last today, unless the hazard's words name a visit. With neither, the technician is asked."""
    hazard = safety_said(text)
    if not hazard:
        return
    others = [v for v in todays_visits(turn) if v.appointment_id != heading.appointment_id]
    in_hand = [v for v in others if v.job.state in (JobState.ON_SITE, JobState.PAUSED)]
    finished = [v for v in done_today(turn) if v.appointment_id != heading.appointment_id]
    named_at = named([heading, *others, *finished], hazard)  # "gas leak at patel's": that one
    found_at = named_at if len(named_at) == 1 else in_hand[-1:] or finished[-1:]
    if not found_at:
        turn.say(texts.hazard_where())
        return
    turn.run(AddJobNote(job_id=job_id(found_at[0]), text=hazard, actor=turn.actor))
    turn.say(texts.hazard_noted(found_at[0], hazard))


def _locked_out(turn: Turn, visit: Visit, text: str) -> bool:
    """ "gate's locked, cant get in", "here but they're closed til 3:30": no arrival and no job
    put off, nor a customer to text; the office is told, to reach them."""
    if not says_no_way_in(text) or VEHICLE.search(text):
        return False
    notify_staff(turn.uow, now=turn.now, account_id=visit.job.account_id,
                 body=texts.office_no_way_in(visit, _tech(turn), text.strip()),
                 key=f"job-no-way-in:{job_id(visit)}:{turn.message_id or turn.now.isoformat()}")
    turn.say(texts.no_way_in(visit))
    return True


def paused(turn: Turn, visit: Visit, text: str, minutes: int | None,
           checked: bool = False) -> None:
    if _locked_out(turn, visit, text):
        return
    if says_nobody_home(text) and turn.now < visit.appointment.window_start:
        # there before the window: nobody is late, nothing is put off
        turn.say(texts.before_the_window(visit, turn.timezone))
        return
    before = before_change(visit)
    _move_to(turn, visit, JobState.ON_SITE)
    turn.run(ChangeJobState(job_id=job_id(visit), new_state=JobState.PAUSED, actor=turn.actor,
                            note=text.strip()))
    if says_nobody_home(text):  # at the door: the customer is asked, not told it's put off
        told = tell(turn, visit, KEY.removeprefix("tech-"), texts.customer_nobody_home(
            _tech(turn), turn.business.name))
        remember(turn, visit, before, told, what=intents.TECH_PAUSED)
        turn.say(texts.nobody_home(visit))
        return
    told = tell(turn, visit, "paused", texts.customer_paused(_tech(turn), turn.business.name))
    remember(turn, visit, before, told, what=intents.TECH_PAUSED)
    turn.say(texts.paused(visit))


def done(turn: Turn, visit: Visit, text: str, minutes: int | None,
         checked: bool = False) -> None:
    if (not checked and visit.job.state is JobState.SCHEDULED
            and visit.appointment.window_start - turn.now > DONE_UNSTARTED_AHEAD):
        _check(turn, visit, intents.TECH_DONE, text, minutes,
               texts.done_unstarted(visit, turn.timezone))
        return
    if (not checked and visit.job.state is JobState.PAUSED and not named([visit], text)
            and not names_work(text)):
        # a paused job waits on a return visit: a "done" that names neither it nor the work
        # finished ("found the part in the van - replaced the valve") is asked about
        _check(turn, visit, intents.TECH_DONE, text, minutes, texts.done_paused(visit))
        return
    before = before_change(visit)
    was_paused = visit.job.state is JobState.PAUSED
    _move_to(turn, visit, JobState.ON_SITE)
    summary = without_name(work_summary(text), [visit.customer, visit.account])
    if only_about_closing(summary):  # talk about the closing is no work done: kept out of it
        summary = ""
    aside = asides(summary)
    if aside:  # "unit is 20+ yrs old tho": kept in the job's notes, out of the summary
        summary = summary[:len(summary) - len(aside)].strip().rstrip(",;.-! ")
    turn.run(CompleteJob(job_id=job_id(visit), summary=summary, actor=turn.actor))
    invoice = turn.uow.invoices.first(job_id=job_id(visit))
    if was_paused:  # the office was asked to arrange a return visit: no longer needed
        notify_staff(turn.uow, now=turn.now, account_id=visit.job.account_id,
                     body=texts.office_finished_after_pause(visit, _tech(turn)),
                     key=f"job-resumed:{job_id(visit)}:{turn.message_id or turn.now.isoformat()}")
    if is_unsafe(summary):  # the office follows it up with the customer, not a raw text
        notify_staff(turn.uow, now=turn.now, account_id=visit.job.account_id,
                     body=texts.office_unsafe(visit, _tech(turn), summary),
                     key=f"job-unsafe:{job_id(visit)}:{turn.message_id or turn.now.isoformat()}")
    told = tell(turn, visit, "done", texts.customer_done(_tech(turn), turn.business.name,
                                                          for_customer(summary)))
    remember(turn, visit, before, told, what=intents.TECH_DONE)
    turn.say(texts.done(visit, invoice.number if invoice is not None else None))
    if aside:
        _file_aside(turn, visit, aside)


def _file_aside(turn: Turn, visit: Visit, aside: str) -> None:
    """What a "done" text said besides the work: a quote wished for reaches the rep as a note
    would; a question or a word for the office becomes a dispatcher item; the rest a job note."""
    if QUOTE_WISH.search(aside):
        note(turn, visit, aside, None, quiet=True)
    elif technician_asks.for_office(aside):
        technician_asks.pass_on(turn, aside, [visit])
    else:
        turn.run(AddJobNote(job_id=job_id(visit), text=aside, actor=turn.actor))


def note(turn: Turn, visit: Visit, text: str, minutes: int | None,
         checked: bool = False, quiet: bool = False) -> None:
    written = _NOTE_WORDS.sub("", text).strip()
    if not written:
        turn.finish(texts.empty_note())
        return
    turn.run(AddJobNote(job_id=job_id(visit), text=written, actor=turn.actor))
    remember_note(turn, visit, written)
    if QUOTE_WISH.search(written) is None:
        turn.say(texts.noted(visit))
        return
    deals = turn.uow.deals.find(account_id=visit.job.account_id)
    rep = next((turn.uow.staff.get(d.owner_id) for d in reversed(deals) if d.owner_id), None)
    notify_staff(turn.uow, now=turn.now, account_id=visit.job.account_id,
                 owner_id=rep.id if rep is not None and rep.active else None,
                 body=texts.office_quote_wish(visit, _tech(turn), written),
                 key=f"job-quote-wish:{job_id(visit)}:{turn.message_id or turn.now.isoformat()}")
    turn.say(texts.noted_quote_wish(visit, rep.first_name if rep and rep.active else None,
                                    after_done=quiet))


class Action(Protocol):
    """An update on one visit; `checked`: the technician has confirmed it (Y)."""

    def __call__(self, turn: Turn, visit: Visit, text: str, minutes: int | None,
                 checked: bool = False) -> None: ...


ACTIONS: dict[str, Action] = {
    intents.TECH_EN_ROUTE: en_route,
    intents.TECH_ARRIVED: arrived,
    intents.TECH_LATE: late,
    intents.TECH_PAUSED: paused,
    intents.TECH_DONE: done,
    intents.NOTE: note,
}


def next_visit(turn: Turn) -> None:
    """The next visit not started (window, customer, address, service, access, open quote), or
    the whole day when the text asks for it."""
    zone = turn.timezone
    today = turn.now.astimezone(ZoneInfo(zone)).date()
    asked = day_said(turn.text, today)
    if asked is not None and asked != today:  # "what's my day look like tomorrow"
        listed = [(v, v.job.state.value.replace("_", " ")) for v in visits_on(turn, asked)]
        turn.finish(texts.day(listed, zone, on=asked, tomorrow=asked == today + timedelta(days=1)))
        return
    visits = todays_visits(turn)
    if _WHOLE_DAY.search(turn.text) and "next" not in turn.text.lower():
        turn.finish(texts.day([(v, v.job.state.value.replace("_", " ")) for v in visits], zone))
        return
    upcoming = [v for v in visits if v.job.state is JobState.SCHEDULED]
    heading = next((v for v in visits if v.job.state is JobState.EN_ROUTE), None)
    if not upcoming:  # the visit on the way to, if any, is what is next
        turn.finish(texts.nothing_next() if heading is None else texts.heading_to(heading, zone))
        return
    visit = upcoming[0]
    quotes = turn.uow.quotes.find(account_id=visit.job.account_id, state=QuoteState.SENT)
    turn.finish(texts.next_visit(visit, zone, quotes[-1].number if quotes else None, heading))


def minutes_until_said_time(text: str, now: datetime, timezone: str) -> int | None:
    """Minutes from now to the time of day a technician gives ("prob 8:15", "there by 145",
    "prob 11", "eta 2pm"): an arrival said as one is the next such time today within working
    hours (bot/nlu/arrival.py); else any time written, the next within half a day, an hour
    without am/pm read either way."""
    arrival = arrival_in(spell_out_clock_words(text.lower()))
    if arrival is not None:
        return _minutes_until_today(arrival, now, timezone)
    mentions = find_clock_times(spell_out_clock_words(text.lower()))
    said = next((m.begins or m.ends for m in mentions if m.begins or m.ends), None)
    if said is None:
        return None
    local = now.astimezone(ZoneInfo(timezone))
    hours = ([said.hour % 12 + (12 if said.meridiem == "pm" else 0)] if said.meridiem
             else [said.hour] if said.hour > 12 else [said.hour % 12, said.hour % 12 + 12])
    for day in (local.date(), local.date() + timedelta(days=1)):
        for hour in sorted(hours):
            at = datetime.combine(day, time(hour, said.minute), tzinfo=local.tzinfo)
            if timedelta(0) < at - local <= SAID_TIME_AHEAD:
                return round((at - local).total_seconds() / 60)
    return None


def _minutes_until_today(said: ClockTime, now: datetime, timezone: str) -> int | None:
    """Minutes to the earliest reading of `said` still ahead today within working hours ("by 2"
    at 9am is 2pm, "by 8" at 7am is 8am); None when none is."""
    local = now.astimezone(ZoneInfo(timezone))
    hour = said.hour % 12
    hours = [hour + (12 if said.meridiem == "pm" else 0)] if said.meridiem else [hour, hour + 12]
    for reading in sorted(hours):
        at = datetime.combine(local.date(), time(reading, said.minute), tzinfo=local.tzinfo)
        if at > local and WORKING_HOURS[0] <= at.time() <= WORKING_HOURS[1]:
            return round((at - local).total_seconds() / 60)
    return None


def _bare_minutes(text: str) -> int | None:
    """A bare number closing an "on the way" text ("otw now, 25", "omw 10", "otw to nguyen 20"),
    or right after the trip with more said ("omw to alvarez 15 running a bit behind"): minutes
    away."""
    found = (BARE_ETA.search(text) or (ON_THE_WAY_WORDS.search(text) and NAMED_ETA.search(text))
             or ETA_BEFORE_MORE.search(text))
    minutes = int(found.group(1)) if found else 0
    return minutes if 0 < minutes <= 180 else None


def _late_by(visit: Visit, text: str, now: datetime) -> int | None:
    """ "heading to rossi, running 15 late": minutes from now to the visit's planned arrival plus
    the delay said; None for a visit hours ahead."""
    found = LATE_BY.search(text)
    a = visit.appointment
    if found is None or a.window_start - now > EARLY_ON_THE_WAY:
        return None  # hours ahead: asked about first (en_route), not set off on a guess
    arrival = max(a.start, a.window_start, now) + timedelta(minutes=int(found.group(1)))
    return round((arrival - now).total_seconds() / 60)


# --- Helpers ----------------------------------------------------------------------------------


def _move_to(turn: Turn, visit: Visit, target: JobState) -> None:
    """Walk the job along scheduled -> en route -> on site up to `target` (a paused job resumes)."""
    job = visit.job
    if job.state is JobState.PAUSED and target is JobState.ON_SITE:
        turn.run(ChangeJobState(job_id=job_id(visit), new_state=target, actor=turn.actor))
        return
    while job.state in PATH and PATH.index(job.state) < PATH.index(target):
        step = PATH[PATH.index(job.state) + 1]
        turn.run(ChangeJobState(job_id=job_id(visit), new_state=step, actor=turn.actor))


def _tech(turn: Turn) -> str:
    assert turn.staff is not None
    return turn.staff.name
