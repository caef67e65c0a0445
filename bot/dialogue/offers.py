"""Offering times: search slots for a wish, list up to three, and read which one was picked.

Booking and rescheduling share this: both keep the offers in the conversation (as JSON) under
the step "pick", and both accept "2", "the second one", "thursday works" or a new wish.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.dialogue import replies, shown_offers, wish_memory
from bot.dialogue.times import visit_label
from bot.dialogue.visits import refers_to_a_visit
from bot.nlu import intents
from bot.nlu.clock import business_hour, find_clock_times
from bot.nlu.days import find_days
from bot.nlu.text import normalize
from bot.nlu.when import alternative_days, names_a_week, resolve_when, turned_down_days
from domain.errors import DomainError
from domain.jobs import Appointment
from domain.scheduling import Booked, Offer, Wish, find_offers
from domain.staff import Role

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

HORIZON_DAYS = 14
# A wish for a day gone by that the parser leaves without a date.
PAST_WORDS = re.compile(r"\b(yesterday|last (night|week|mon|tue|wed|thu|fri|sat|sun)\w*)\b",
                        re.IGNORECASE)
# A past day said of the problem ("it stopped working last night", "the heater you fixed
# yesterday") is no wish: only one in a clause asking for a visit is.
_CLAUSE = re.compile(r"[,.;:!?]+|\b(?:and|but|so|now)\b")
_ASKS_TO_COME = re.compile(r"\b(?:come|fix|send|book|schedule|appointment|visit|available|free|open|"
                           r"be here|stop by|get here|make it)\b")
_TOLD_PAST = re.compile(r"\b(?:stopped|started|broke|quit|died|fixed|repaired|was|were|happened|"
                        r"began|went|came|did|had|been|since)\b")


def _asks_for_a_past_day(text: str) -> bool:
    return any(PAST_WORDS.search(clause) and _ASKS_TO_COME.search(clause)
               and not _TOLD_PAST.search(clause) for clause in _CLAUSE.split(normalize(text)))


PICK = "pick"
# A text that asks or tells rather than picks ("what time is it", "i already have one on the
# 9th", "is thursday free?"): it may name a day among the offers, but it never books one.
# "none of those, monday afternoon?": the times shown are turned down, the day named is a wish.
_TURNED_DOWN = re.compile(
    r"\b(?:none of (?:those|these|them|the above|that)|neither (?:of (?:those|them|these)|works?)|"
    r"(?:those|these|they|that|none) (?:don'?t|do not|doesn'?t|won'?t|can'?t) work|"
    r"other (?:times|options|days|slots)|any other (?:time|day|slot)s?)\b", re.IGNORECASE)
_NOT_A_PICK = re.compile(
    r"\?|^\W*(?:(?:what|when|where|who|how)(?:'?s)?|which|why|is|are|was|were|do|does|did|"
    r"have i|has)\b|"
    r"\b(?:what time|when is|when's|already (?:have|has|got|booked|scheduled)|"
    r"(?:i|we) (?:have|had|got) (?:a|an|one|the) (?:visit|appointment|appt|booking)|"
    r"my (?:visit|appointment|appt|booking) (?:is|was)|"
    # "thursday the 10th, any time": the times that day are asked for, none is picked
    r"any ?time|whenever|what (?:do you|have you|you) (?:have|got)|what(?:'?s| is) (?:open|free))\b",
    re.IGNORECASE)

# A wish that holds several times ("after 2pm", "any time before noon"), not one of them.
_OPEN_RANGE = re.compile(r"\b(?:after|before|from|between|or (?:later|earlier)|any ?time)\b",
                         re.IGNORECASE)

# "friday morning works": a go-ahead; a bare "friday morning" only restates the day offered.
# "my husband works fridays", "i work mornings": someone's job, no go-ahead.
_GO_AHEAD = re.compile(r"\b(?:(?<!\bi )(?<!\bhe )(?<!\bshe )(?<!\bwe )(?<!\bthey )(?<!band )"
                       r"(?<!wife )(?<!ner )(?<!son )(?<!ter )works?\b"
                       r"(?!\s+(?:on |at |from |until |till |late|early|nights?|days?|weekends?|"
                       r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?|mornings?|afternoons?|evenings?))"
                       r"|\b(?:good|fine|ok|okay|yes|yeah|yep|sure|book|perfect|great|"
                       r"please|pls|take|do it|earliest|first|soonest|any)\b)", re.IGNORECASE)


# The wish said again with a word that lets us choose among its times ("the afternoon, earliest
# you have"); a polite "yes, please move it to the afternoon" chooses none of them.
# "what about fri morning then": asks after a day or part of one, never picking the time shown.
_ASKS_AFTER = re.compile(r"\b(?:what|how) about\b", re.IGNORECASE)
_ANY_OF_THEM = re.compile(r"\b(?:earliest|first|soonest|any|whichever|either|book it|do it)\b",
                          re.IGNORECASE)


def _broad(wish: Wish) -> bool:
    """A day or a part of one ("morning"), not a time of day."""
    if wish.start is None or wish.end is None:
        return wish.start is None
    return (wish.end.hour * 60 + wish.end.minute) - (wish.start.hour * 60 + wish.start.minute) >= 180


Chosen = Callable[["Turn", Offer], None]


def wish_from(turn: Turn, default_day: str | None = None) -> Wish | None:
    """The time the text asks for, if any; a time with no day takes `default_day`."""
    when = turn.parse.slots.get("when")
    if not when:  # read as the parser reads, so "can't do wednesday" stays a day turned down
        when = resolve_when(normalize(turn.text), local_date(turn.now, turn.timezone))
    if not when:
        return None
    own = _moved_day(turn)
    if own is not None and when.get("date") == own.isoformat():
        # "the 24th obviously. tues the 29th morning?": the visit's own day names it, the other
        # sentence tells the new time
        when = wish_beside(turn, own) or when
    if when.get("date") is None and default_day is not None:
        when = {**when, "date": default_day}
    wish = Wish.from_when(when)
    today = local_date(turn.now, turn.timezone)
    if wish.date is not None and names_a_week(normalize(turn.text), today, wish.date):
        # "any morning next week but not monday": a morning of that week meets the wish, not
        # only its Monday, and a day of it may be turned down
        return replace(wish, through=wish.date + timedelta(days=6 - wish.date.weekday()),
                       not_days=turned_down(turn))
    among = alternative_days(normalize(turn.text), today) if wish.date is not None else ()
    if wish.date in among:
        # "thursday or friday afternoon": a time on either meets the wish, none between them
        first, last = min(among), max(among)
        between = {first + timedelta(days=n) for n in range((last - first).days)} - set(among)
        return replace(wish, date=first, through=last,
                       not_days=(turned_down(turn) | between) - set(among))
    # "busy monday morning, monday afternoon?": the day wished for is never turned down
    return replace(wish, not_days=turned_down(turn) - {wish.date})


def _moved_day(turn: Turn) -> date | None:
    """The local day of the visit being moved while its new time is chosen; None elsewhere."""
    if turn.step != PICK or not turn.conversation.is_active(turn.now):
        return None
    appointment = turn.uow.appointments.get(int(turn.data.get("appointment_id") or 0))
    return local_date(appointment.window_start, turn.timezone) if appointment is not None else None


def wish_beside(turn: Turn, own: date) -> dict[str, Any] | None:
    """The new time told in another sentence than the one naming the visit of day `own` ("the
    24th obviously. tues the 29th morning?"); None when the text tells none."""
    sentences = [s for s in re.split(r"(?<=[.!?;])\s+", turn.text) if s.strip()]
    if len(sentences) < 2:
        return None
    today = local_date(turn.now, turn.timezone)
    for sentence in reversed(sentences):
        when = resolve_when(normalize(sentence), today)
        if when and when.get("date") != own.isoformat() and (when.get("date") or when.get("start")):
            return when
    return None


def turned_down(turn: Turn) -> frozenset[date]:
    """The days the text turns down ("any morning next week but not wed"): never offered."""
    today = local_date(turn.now, turn.timezone)
    return turned_down_days(normalize(turn.text), today,
                            through=today + timedelta(days=3 * HORIZON_DAYS))


def on_next_day_with_time(turn: Turn, wish: Wish | None, timezone: str) -> Wish | None:
    """A time with no day ("at 3pm") means today while that time is ahead, else tomorrow."""
    if wish is None or wish.date is not None or (wish.start or wish.end) is None:
        return wish
    now = turn.now.astimezone(ZoneInfo(timezone))
    latest = wish.end or wish.start
    day = now.date() if latest is not None and latest > now.time() else now.date() + timedelta(days=1)
    return replace(wish, date=day)


def search(turn: Turn, *, service_id: str, zone_id: str, timezone: str, wish: Wish | None,
           ignore_appointment: int | None = None) -> list[Offer]:
    """Up to three bookable offers for the service at a site, nearest to the wish."""
    wish = wish_memory.applied(turn, wish)  # "not monday" said earlier still holds
    service = turn.catalog.get(service_id)
    technicians = turn.uow.staff.find(role=Role.TECHNICIAN, active=True)
    crew = [t.id for t in technicians if t.id is not None and t.can_do(service.skill, zone_id)]
    first = turn.now
    if wish is not None and wish.date is not None:
        first = max(first, datetime.combine(wish.date, time(0), ZoneInfo(timezone)))
    until = first + timedelta(days=HORIZON_DAYS + 2)
    since = turn.now - timedelta(days=1)
    booked: list[Booked] = [b for b in turn.uow.appointments.busy_between(since, until, crew)
                            if b.appointment_id != ignore_appointment]
    found = find_offers(service=service, zone_id=zone_id, timezone=timezone, wish=wish,
                        technicians=technicians, appointments=booked, settings=turn.business,
                        now=turn.now, horizon_days=HORIZON_DAYS, limit=3)
    moment = exact_moment(turn, wish)
    if wish is None or wish.date is None:
        return found
    if moment is None:  # "the thursday 2-4": that window alone when it is free
        return _windows_named(found, wish, timezone) or found
    # "2:30 thursday?", "tuesday at 10 works?": exactly the times holding it, if any is free
    held = [o for o in found if holds(o, wish, moment, timezone)]
    if not held:  # none of the nearest starts then: the windows starting a little before
        at = datetime.combine(wish.date, moment)
        near = find_offers(service=service, zone_id=zone_id, timezone=timezone,
                           wish=replace(wish, start=max(at - _WINDOW_REACH, at.replace(
                               hour=0, minute=0)).time(), end=(at + timedelta(minutes=1)).time()),
                           technicians=technicians, appointments=booked, settings=turn.business,
                           now=turn.now, horizon_days=HORIZON_DAYS, limit=12)
        held = [o for o in near if holds(o, wish, moment, timezone)][:3]
    return held or found


def _windows_named(found: list[Offer], wish: Wish, timezone: str) -> list[Offer]:
    """The offers whose arrival window is exactly the hours wished on the day wished ("thursday
    2-4"): a window named, not a span to search around."""
    if wish.start is None or wish.end is None:
        return []
    zone = ZoneInfo(timezone)
    return [o for o in found if o.window_start.astimezone(zone).date() == wish.date
            and o.window_start.astimezone(zone).time() == wish.start
            and o.window_end.astimezone(zone).time() == wish.end]


_WINDOW_REACH = timedelta(hours=3)  # an arrival window starting this long before a time may hold it


def exact_moment(turn: Turn, wish: Wish | None) -> time | None:
    """The one time of a day a text asks for ("can you do 2:30 thursday?", "tuesday at 10
    works?"); None for a span ("after 2", "2-4pm", "morning") or no day."""
    if wish is None or wish.date is None or wish.start is None or wish.end is not None:
        return None
    text = normalize(turn.text)
    if _OPEN_RANGE.search(text) or not find_clock_times(text):
        return None
    told = resolve_when(text, local_date(turn.now, turn.timezone)) or {}
    if told.get("date") != wish.date.isoformat() or told.get("end") is not None or \
            told.get("start") != f"{wish.start:%H:%M}":
        return None  # the day or time is not the text's own ("at 4pm": the soonest day)
    return wish.start


def holds(offer: Offer, wish: Wish, moment: time, timezone: str) -> bool:
    """True when the offer's arrival window on the wished day holds `moment`."""
    local = offer.window_start.astimezone(ZoneInfo(timezone))
    return local.date() == wish.date and _at(offer, moment, timezone, within=True)


def present(turn: Turn, flow: str, data: dict[str, Any], found: list[Offer],
            wish: Wish | None, timezone: str, *,
            moving: tuple[str, str, str] | None = None) -> None:
    """List the offers and wait for a pick; with none, offer a call from a person. `moving`:
    the visit the times would move, named first."""
    data = wish_memory.kept(turn, data, wish)
    if not found:
        turn.ask(flow, "offer_human", data, replies.no_offers())
        return
    past = is_past(turn, wish, timezone)
    moment = exact_moment(turn, wish)
    held = wish is not None and moment is not None and any(
        holds(offer, wish, moment, timezone) for offer in found)
    # "tuesday at 10?" with 1:30 the nearest: nothing is free then, though 1:30 is after 10
    missed = wish is not None and (wish.date or wish.start or wish.end) is not None and (
        not held if moment is not None else not any(wish.is_met_by(o, timezone) for o in found))
    earlier = shown_offers.carried(turn, flow, PICK, data)
    turn.ask(flow, PICK, {**data, "offers": [_dump(o) for o in found], "asked": _wish_key(wish),
                          shown_offers.KEY: earlier},
             replies.offers(choices(found, timezone), wish_missed=missed, wish_past=past,
                            wish_held=held, moving=moving))


def _wish_key(wish: Wish | None) -> str | None:
    """The wish the offers were searched for, to tell a restatement of it from a pick."""
    if wish is None:
        return None
    return "|".join(str(part) if part is not None else "" for part in (wish.date, wish.start,
                                                                        wish.end))


def choices(found: list[Offer], timezone: str) -> list[str]:
    """ "Thu Mar 5, 8-10am with Tom" for each offer."""
    return [f"{visit_label(o.window_start, o.window_end, timezone)} with "
            f"{o.technician_name.split()[0]}" for o in found]


def is_past(turn: Turn, wish: Wish | None, timezone: str) -> bool:
    """True when the text wishes for a day (or today's time) that is already over."""
    if _asks_for_a_past_day(turn.text):
        return True
    if wish is None or wish.date is None:
        return False  # "no heat since last night" only tells when it began
    today = local_date(turn.now, timezone)
    if wish.date != today:
        return wish.date < today
    latest = wish.end or wish.start
    return latest is not None and latest <= turn.now.astimezone(ZoneInfo(timezone)).time()


# A pick in words: "option 1 is fine for the outlet" (the parser reads a booking), "the earliest
# one pls", "ok book the first one", "i will take the 2nd", "soonest please".
_NOD = r"^(?:(?:ok|okay|yes|yeah|yep|sure|alright|great|perfect|fine|whatever|ugh|just|so|well|then)\W+)*"
_TAKE = (r"(?:(?:(?:i|we) (?:will |would |would like to |want to |can )?|let us |lets |please )?"
         r"(?:book|take|want|do|go with|go for|grab|choose|pick|give me|gimme|put me (?:in|down) for)\W+)?")
_POLITE = r"(?:\W+(?:please|pls|plz|then|thanks|thank you|thx|works|is fine|is good|is ok|sounds good|"\
          r"ok|okay|for me|for us|you have|you got|you have got|you can do|available))*\W*$"
_OPTION = re.compile(
    _NOD + _TAKE + r"(?:(?:option|number|no\.?|#) ?(?P<n>[1-9])\b|(?:the |that |your )?"
    r"(?:(?:whichever|whatever)(?: one)? (?:is |comes )?)?"
    r"(?P<word>first|1st|second|2nd|third|3rd|last|earliest|soonest|latest|next|earlier|later)"
    r"(?:\W+(?:one|option|slot|time|window|available|possible|opening)\b|" + _POLITE + r"))")
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_SOONER = re.compile(r"\b(?:earlier|sooner|instead)\b")
_SENTENCE = re.compile(r"[.!?;\n]+\s*|,\s+")
# "2", "ok 2 pls", "3 works": an option given alone, maybe with a polite word after it
_LONE = re.compile(r"^\W*(?:(?:ok|okay|yes|yeah|so|then|and)\W+)*(?:option |number |no\.? ?|# ?)?([1-9])"
                   + _POLITE)


def _option_named(text: str, found: list[Offer], *, asides: bool = False) -> int | None:
    """The option a pick in words names (1-based); "the earliest" is the soonest of `found`.
    With `asides` (the text wishes no time), a last sentence may pick after something else said
    ("ugh are you even real. whatever give me the earliest one")."""
    sentences = [s for s in _SENTENCE.split(normalize(text)) if s.strip()]
    named = _OPTION.match(normalize(text))
    if named is None and asides and len(sentences) > 1:
        named = _OPTION.match(sentences[-1])
    if named is None or not found:
        return None
    if named.group("n"):
        return int(named.group("n"))
    word = named.group("word")
    if word in _ORDINALS:
        return _ORDINALS[word]
    by_time = sorted(range(len(found)), key=lambda i: found[i].window_start)
    return 1 + (by_time[-1] if word in ("last", "latest", "later") else by_time[0])


def picks_in_words(text: str) -> bool:
    """True when the text picks an option in words ("the earliest one pls", "book the first")."""
    return _OPTION.match(normalize(text)) is not None


# "how soon can someone get here", "when is the earliest": asks about the times just offered.
_ASKS_SOONEST = re.compile(
    r"\bhow (?:soon|fast|quick(?:ly)?)\b|\b(?:when|what) is (?:the )?(?:earliest|soonest|first)\b"
    r"|\bwhen (?:can|could|will|would) (?:someone|somebody|anyone|any one|you|a tech|the tech|he|she|"
    r"they|a plumber|an electrician)\b(?:\W+\w+){0,3}\W+(?:come|get|be) (?:here|out|over|by)?"
    r"|\bhow long (?:until|till|til|before) (?:someone|somebody|anyone|you|a tech|the tech|they)\b")


def asks_soonest(text: str) -> bool:
    """True when the text asks how soon someone can come."""
    return _ASKS_SOONEST.search(normalize(text)) is not None


def lone_option(text: str) -> int | None:
    """The option a text's first or last sentence gives alone ("ok found it and turned it off. 1",
    "1. tenant Mike will let her in"): a pick said beside other news."""
    sentences = [s for s in _SENTENCE.split(normalize(text)) if s.strip()]
    if len(sentences) < 2:
        return None
    for sentence in (sentences[0], sentences[-1]):
        found = _LONE.match(sentence)
        if found is not None:
            return int(found.group(1))
    return None


# The option given first, before what goes with it: "2. tenant is Amy, 773-555-0199".
_OPTION_FIRST = re.compile(r"^\W*(?:(?:ok|okay|yes|yeah|so|then|and)\W+)*(?:option |number |no\.? ?|# ?)?"
                           r"[1-9]\s*[.,):;-]\s+")
# A sentence that asks rather than tells: answered by itself, never kept as a note.
_ASKS = re.compile(r"^(?:what|how|when|where|why|who|which|can|could|do|does|did|is|are|will|"
                   r"would|should|shall|may)\b")


def note_beside_option(text: str) -> str | None:
    """What a pick's text tells beside the option given first ("2. tenant is Amy, 773-555-0199,
    shes home all day": the tenant's details), for the technician; questions are left out."""
    first = _OPTION_FIRST.match(text)
    if first is None or lone_option(text) is None:
        return None
    told = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text[first.end():]) if s.strip()]
    kept = [s for s in told if "?" not in s and not _ASKS.match(normalize(s))]
    note = " ".join(kept).strip(" .")
    return note if len(note.split()) >= 2 else None


def _as_hour(number: int) -> time | None:
    """A number beyond the options that reads as a working hour ("11 works": 11am; "3": no)."""
    return time(number % 12 + (12 if number == 12 else 0)) if 7 <= number <= 12 else None


def pick_sentence(turn: Turn) -> str | None:
    """The sentence of a longer text that names an option or a time of day ("ugh ok monday 10."
    of "...and i shouldn't have to pay, right?"), None when none does."""
    if turn.option() is not None or lone_option(turn.text) is not None:
        return turn.text
    today = local_date(turn.now, turn.timezone)
    for sentence in re.split(r"(?<=[.!?;])\s+", turn.text):
        if "?" not in sentence and picks_in_words(sentence):
            return sentence  # "the first one. do i need to be home?"
        when = resolve_when(normalize(sentence), today)
        # a time told in figures ("monday 10"); "sat morning would be better" only wishes
        if when and when.get("start") and "?" not in sentence and re.search(r"\d", sentence):
            return sentence
    return None


# "the earlier one", "the later one": of the times the rest of the text leaves
_EARLIER_LATER = re.compile(r"\b(?:the )?(earlier|earliest|first|later|latest|last)(?: one)?\b")
# A reference to one of the times shown ("the tuesday one", "monday with alicia", "12:30"), not
# a new wish ("tuesday after 2")
_LONE_TIME = re.compile(r"^\W*\d{1,2}(?::\d{2})? ?(?:am|pm)?\W*$")
_KEEPS = re.compile(r"\b(?:leave|keep|kept|how it was|as it was|as is|stay|stays|put it back)\b")
_POINTS_AT_OFFER = re.compile(r"\bones?\b|\bwith (?!the\b|a\b|it\b|that\b)[a-z]+\b|"
                              r"^\W*\d{1,2}(?::\d{2})? ?(?:am|pm)?\W*$|"
                              # "just do the 4-6", "go back to the thursday 2-4": a window shown
                              r"\b(?:do|take|book|go (?:back )?(?:to|with)|back to) (?:the )?(?:\w+ )?"
                              r"\d{1,2}(?::\d{2})? ?(?:am|pm)? ?- ?\d{1,2}(?::\d{2})? ?(?:am|pm)?\b")
# A decision said last, after thinking aloud: "eh whatever just do the 4-6", "ok book the 2-4".
_DECIDED = re.compile(r"\b(?:just|whatever|fine|ok|okay|then|book|take|do|go (?:back )?(?:to|with)|"
                      r"back to)\b")


def offers_meant(turn: Turn, found: list[Offer], timezone: str) -> list[Offer] | None:
    """The offers among `found` a reference names by day, technician, time or order ("the tuesday
    one", "Monday with Alicia, the earlier one", "12:30"); None when the text names none of them
    (a new wish, another visit, or not a reference)."""
    from bot.dialogue import visits  # imports this module

    # "the tuesday one. will they bring a flapper?": the sentence pointing at a time is the pick
    # "nothing today at all? ok monday at noon, the fatima one": a question before it asks no more
    sentences = [s for s in re.split(r"(?<=[.!;?])\s+", turn.text) if s.strip()]
    pointing = [s for s in sentences if _POINTS_AT_OFFER.search(normalize(s))]
    if len(sentences) > 1 and "?" not in sentences[-1] and _DECIDED.search(normalize(sentences[-1])) \
            and _POINTS_AT_OFFER.search(normalize(sentences[-1])):
        # "whats the earliest after 2:30? eh whatever just do the 4-6": the last word decides
        pointing = [sentences[-1]]
    said_alone = len(sentences) > 1 and len(pointing) == 1
    pick = pointing[0] if said_alone else turn.text
    text = normalize(pick)
    if not found or not _POINTS_AT_OFFER.search(text) or _OPEN_RANGE.search(text) \
            or "?" in pick or _KEEPS.search(text) or picks_in_words(pick):
        return None  # "1pm with dave right?", "leave it how it was": no pick; "the 2nd": option 2
    alone = _LONE_TIME.match(text) is not None  # "12:30" alone: the window it falls in
    said = visits.named(turn, text=text) if said_alone else visits.named(turn)
    # "with fatima": any technician named so, offered or not (not offered: no pick is guessed)
    firsts = {o.technician_name.split()[0].lower() for o in found} | {
        p.first_name.lower() for p in turn.uow.staff.find(role=Role.TECHNICIAN, active=True)}
    people = {name.lower() for name in said.technician_names} | {
        first for first in firsts if re.search(rf"\b(?:with|by) {re.escape(first)}\b", text)}
    order = _EARLIER_LATER.search(text)
    # "9-11 with ben", "the 12-2 one": the window starting at the first time named
    times = said.times or window_starts(text)
    if not (said.days or said.weekdays or times or people) or said.service_id:
        return None
    day_of = {id(o): o.window_start.astimezone(ZoneInfo(timezone)) for o in found}
    on_day = [o for o in found
              if not (said.days or said.weekdays) or said.on_day(day_of[id(o)].date())]
    at_time = [o for o in on_day if not times or _at(o, times[0], timezone, within=alone)]
    if times and not at_time:
        # "the 7:30 one" read as 7:30pm in the evening: the 7:30am offered is the one meant
        at_time = [o for o in on_day if any(_at(o, moment, timezone, within=alone)
                                            for moment in clock_readings(times[0], text))]
    meant = [o for o in at_time if not people or o.technician_name.split()[0].lower() in people]
    if not meant and people and times:
        # "2:30-4:30 with fatima" with 2:30 free only with alicia: the time named is the pick
        # (the reply names who comes), never fatima's other time
        meant = at_time
    if not meant or len(meant) == len(found) and order is None and not said.weekdays \
            and not said.days:
        return None  # "thursday then": none offered then, a new wish; "with ben": all of them
    if order is not None and len(meant) > 1:
        by_time = sorted(meant, key=lambda o: o.window_start)
        meant = [by_time[0] if order.group(1) in ("earlier", "earliest", "first") else by_time[-1]]
    return meant


_HALF_OF_DAY = re.compile(r"\d\s*(?:am|pm|a\.m|p\.m)\b|\b(?:morning|afternoon|evening|tonight|noon)\b")


def clock_readings(moment: time, text: str) -> tuple[time, ...]:
    """The times a clock time read from `text` may be: 7:30 said without am or pm (or a part of
    the day) is 7:30am or 7:30pm."""
    if _HALF_OF_DAY.search(text):
        return (moment,)
    return moment, moment.replace(hour=(moment.hour + 12) % 24)


def window_starts(text: str) -> tuple[time, ...]:
    """The starts of the windows a text names as ranges ("the 12-2 one", "2:30-4:30")."""
    return tuple(time(*business_hour(m.begins)) for m in find_clock_times(text)
                 if m.begins is not None and m.ends is not None)


def day_referred(turn: Turn) -> date | None:
    """The one day a bare reference names while times are offered ("the friday one", "the dec
    11 one"), no work, technician or time with it: a day wished for among the times, not another
    visit; None for anything else ("the furnace one", "no, i meant the friday one")."""
    from bot.dialogue import visits  # imports this module

    if not refers_to_a_visit(turn) or picks_in_words(turn.text) or visits.CORRECTS.search(
            normalize(turn.text)):
        return None
    said = visits.named(turn)
    if len(said.days) != 1 or said.service_id or said.technicians or said.times or said.parts:
        return None
    return said.days[0] if said.days[0] >= local_date(turn.now, turn.timezone) else None


# "can the first one be later", "the 2nd one a bit earlier?", "something later than the first":
# times after (or before) the offer named, not a pick of it.
_OFFER_PLACE = r"(?:the |that |option |number |# ?)?(first|1st|second|2nd|third|3rd|last|[1-3])"
_SHIFTED_OFFER = re.compile(
    _OFFER_PLACE + r"(?: one| option| time| slot)?\b(?: (?:be|come|go|start|a|bit|little|slightly|any|"
    r"tad|an|hour|some|somewhat)){0,4} (later|earlier|sooner)\b|"
    r"\b(?:anything|something|any time|a time|one) (later|earlier|sooner) than " + _OFFER_PLACE + r"\b")
_PLACES_SHOWN = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "1": 1, "2": 2,
                 "3": 3}


def _around_an_offer(turn: Turn, found: list[Offer], timezone: str) -> Wish | None:
    """The wish for times after (or before) one of the offers shown, when the text asks the one
    it names to be later or earlier; None when it does not."""
    shifted = _SHIFTED_OFFER.search(normalize(turn.text))
    if shifted is None or not found:
        return None
    place = shifted.group(1) or shifted.group(4)
    word = shifted.group(2) or shifted.group(3)
    index = len(found) if place == "last" else _PLACES_SHOWN[place]
    if index > len(found):
        return None
    offer = found[index - 1]
    local = offer.window_start.astimezone(ZoneInfo(timezone))
    wish = wish_from(turn) or Wish()
    if word == "later":  # by half a window at least: a real change, as when moving a visit
        after = offer.window_start + (offer.window_end - offer.window_start) / 2
        # "later? i'm at the gym till 10": busy till then, no end to the times wished
        end = wish.end if wish.end is not None and wish.end > after.astimezone(
            ZoneInfo(timezone)).time() else None
        return replace(wish, date=wish.date or local.date(), end=end,
                       later_than=after - timedelta(seconds=1))
    start = wish.start if wish.start is not None and wish.start < local.time() else None
    return replace(wish, date=wish.date or local.date(), start=start,
                   end=min(wish.end or local.time(), local.time()))


# A time written as bare figures ("930", "1030"), which the parser reads as no time at all.
_FIGURES = re.compile(r"(?<![\d$#:.,/-])\b(1[0-2]|[1-9])([0-5]\d)\b(?![:.,/-]?\d)")


def _offer_at_figures(text: str, found: list[Offer], timezone: str) -> Offer | None:
    """The one offer starting at a time told in bare figures ("930 works"); None when the text
    tells none, asks ("930?"), or no single offer starts then."""
    plain = normalize(text)
    figures = _FIGURES.findall(plain)
    if len(figures) != 1 or "?" in text or _OPEN_RANGE.search(plain):
        return None
    hour, minute = int(figures[0][0]), int(figures[0][1])
    moments = {time(hour % 12, minute), time(hour % 12 + 12, minute)}
    zone = ZoneInfo(timezone)
    starting = [o for o in found if o.window_start.astimezone(zone).time() in moments]
    if len(starting) == 1:
        return starting[0]
    if starting:
        return None
    holding = [o for o in found if any(_at(o, moment, timezone, within=True) for moment in moments)]
    return holding[0] if holding else None  # "930" with 8-10am offered: the window holding it


# "dont book anything", "i do not want a new appointment": no time is picked, whatever it names.
_REFUSES = re.compile(r"\b(?:don'?t|do not|no need to|never) (?:book|schedule)\b|"
                      r"\b(?:don'?t|do not) (?:want|need) (?:a |an |any |another )?(?:new |other |"
                      r"second |more )?(?:appointment|appt|visit|booking)s?\b|"
                      r"\bno (?:new|other|another|second) (?:appointment|appt|visit|booking)\b")
_CANCELS = re.compile(r"\bcancel")


def refuses_booking(text: str) -> bool:
    """ "dont book anything yet", "no new appointment": the text asks for no booking."""
    return _REFUSES.search(normalize(text)) is not None


def _refused(turn: Turn) -> bool:
    """A text turning the times down: a cancel asked for is the cancel's ("cancel my thursday
    visit"); else nothing is picked and everything stays as it is."""
    if turn.parse.intent == intents.CANCEL:
        return False
    if _CANCELS.search(normalize(turn.text)) and turn.customer is not None:
        from bot.dialogue import cancel  # imports this module's neighbours

        cancel.start(turn)
        return True
    turn.finish(replies.left_as_is())
    return True


def _at(offer: Offer, moment: time, timezone: str, *, within: bool) -> bool:
    """True when the offer starts at `moment` (or, `within`, its window holds it)."""
    start = offer.window_start.astimezone(ZoneInfo(timezone)).time()
    end = offer.window_end.astimezone(ZoneInfo(timezone)).time()
    return start <= moment < end if within else start == moment


def answer_pick(turn: Turn, *, timezone: str, chosen: Chosen,
                research: Callable[[Turn, Wish], None]) -> bool:
    """Read the customer's pick among the stored offers; False when the text is about something else."""
    data = turn.data
    found = [load(raw) for raw in data.get("offers", [])]
    intent = turn.parse.intent
    if intent == intents.CANCEL and turn.option() is None:
        return False  # "i do not want a new appointment, cancel the one on the 24th": no pick
    around = _around_an_offer(turn, found, timezone)
    if around is not None:  # "can the first one be later?": times after it, never the same list
        research(turn, around)
        return True
    service = turn.parse.slots.get("service")
    if (intent == intents.CANCEL or _REFUSES.search(normalize(turn.text))) \
            and not picks_in_words(turn.text):
        return _refused(turn)  # "i don't want a new appointment, cancel the one on the 24th"
    meant = offers_meant(turn, found, timezone)
    if meant is not None:  # "the tuesday one", "Monday with Alicia, the earlier one"
        if len(meant) == 1:
            chosen(turn, meant[0])
        else:
            turn.say(replies.which_offer(choices(found, timezone)))
        return True
    day = day_referred(turn)
    if day is not None:  # "the friday one" with no friday time shown: times that day, at
        before = data.get("when") or {}  # the hours wished before ("thursday or friday afternoon")
        research(turn, Wish.from_when({"start": before.get("start"), "end": before.get("end"),
                                       "date": day.isoformat()}))
        return True
    if refers_to_a_visit(turn) and not picks_in_words(turn.text):  # "the furnace one": a visit
        turn.misunderstood(replies.which_offer(choices(found, timezone)))
        return True
    pending = _pending_service(turn, data)
    if intent == intents.BOOK and service and other_trade(turn, pending, service) \
            and not _beside_a_visit(turn, service):
        return False  # a problem of another trade is a new booking, not a pick among these
    sooner = _SOONER.search(normalize(turn.text)) and _booked_meant(turn)
    if sooner and _other_work_than_danger(turn, sooner, data.get("service")):
        from bot.dialogue import visits  # imports this module

        # "today instead of waiting for the tune-up": the repair is offered; the tune-up stays
        turn.say(replies.kept(f"{visits.service_name(turn, sooner).lower()} "
                              f"{visits.label(turn, sooner)}"))
        sooner = None
    if sooner:  # "isn't carla coming at 3 anyway? can she come sooner": that visit moves
        from bot.dialogue import reschedule  # imports this module

        reschedule.move_sooner(turn, sooner)
        return True
    at_time = _offer_at_figures(turn.text, found, timezone)
    if at_time is not None:  # "930 works", "the 1030 one": the time offered starting then
        chosen(turn, at_time)
        return True
    option = (turn.option() or (_option_named(turn.text, found, asides=wish_from(turn) is None)
                                if intent in (
        intents.BOOK, intents.UNKNOWN, intents.AFFIRM) else None) or lone_option(turn.text))
    if option is not None:
        hour = _as_hour(option)
        if 1 <= option <= len(found):
            chosen(turn, found[option - 1])
        elif hour is not None:  # "ok 11 works": a time, not an eleventh option
            at = _matching(found, Wish(start=hour), timezone)  # the window that holds it first
            if at:
                chosen(turn, at[0])
            else:
                day = min(found, key=lambda o: o.window_start).window_start.astimezone(
                    ZoneInfo(timezone)).date() if found else None
                research(turn, Wish(date=day, start=hour))
        else:
            turn.misunderstood(replies.which_offer(choices(found, timezone)))
        return True
    if intent == intents.AFFIRM and len(found) == 1:
        chosen(turn, found[0])
        return True
    wish = None
    if intent in (intents.BOOK, intents.RESCHEDULE, intents.AFFIRM, intents.CHOOSE,
                  intents.UNKNOWN, intents.DENY) and not _asks_about_else(turn):
        # "12-2 then" after times all on one day: that day's, the one the customer is looking at
        days = {o.window_start.astimezone(ZoneInfo(timezone)).date() for o in found}
        wish = wish_from(turn, days.pop().isoformat() if len(days) == 1 else data.get("default_day"))
        wish = _on_weekday_shown(turn, wish, found, timezone)
        wish = _at_hours_wished_before(turn, wish, data)
    if wish is not None:
        # a whole week named ("any morning next week") picks none of the times shown
        matching = _matching(found, wish, timezone, open_start=says_open_start(turn.text)) \
            if wish.through is None else []
        # A text telling the problem again ("nothing today?? its flooding") shows times, picks none.
        if matching and _NOT_A_PICK.search(turn.text) and not _picked_beside_a_question(turn):
            from bot.dialogue import visit_asks, visit_questions, visits  # import this module

            # "whats the earliest tomorrow?" asks for times: shown, never a visit looked up;
            # with no visit booked, "nobody today??" can only ask for times too
            if (visit_asks.asks_for_times(turn.text) or _TURNED_DOWN.search(turn.text)
                    or asks_only_a_time(turn.text)
                    or not visits.upcoming(turn)
                    or not visit_questions.answer(turn, within_questions=True)):
                research(turn, wish)  # shows the times on that day; books nothing
        elif matching and _wish_key(wish) == data.get("asked") and _OPEN_RANGE.search(turn.text) \
                and not _GO_AHEAD.search(turn.text):
            # "tomorrow after 2pm" again, right after times for just that were listed: no pick
            # (a time of its own, "10am", picks the time starting then)
            turn.say(replies.which_offer(choices(found, timezone)))
        elif matching and _hangs_on_what_is_open(turn.text):
            research(turn, wish)  # "if friday isnt open put it back to 9": the times, no move
        elif matching and intent != intents.DENY and not (intent == intents.BOOK and service):
            if _restated(wish, data) and _OPEN_ENDED.search(turn.text) and \
                    not _ANY_OF_THEM.search(turn.text):
                turn.say(replies.which_offer(choices(found, timezone)))  # the wish said again
                return True
            if _broad(wish) and not _GO_AHEAD.search(turn.text) and (
                    len(matching) > 1 or wish.date is not None and all(
                        o.window_start.astimezone(ZoneInfo(timezone)).date() == wish.date
                        for o in found)):
                turn.say(replies.which_offer(choices(found, timezone)))  # "friday morning"
                return True  # restates a day all those times are on: ask, never guess one
            if _broad(wish) and _asks_after(turn.text):
                research(turn, wish)  # "hm ok what about fri morning then": its times shown
                return True
            chosen(turn, matching[0])
        elif (before := shown_offers.named_before(turn, wish, timezone)) is not None and \
                intent != intents.DENY and not _NOT_A_PICK.search(turn.text) \
                and not _hangs_on_what_is_open(turn.text):
            chosen(turn, before)  # "the thursday one at 12": offered in a list before this one
        else:
            research(turn, wish)
        return True
    if intent == intents.AFFIRM:
        turn.say(replies.which_offer(choices(found, timezone)))
        return True
    if found and asks_soonest(turn.text):  # "how soon can someone get here": the soonest shown
        soonest = min(found, key=lambda o: o.window_start)
        turn.say(replies.soonest_offered(choices([soonest], timezone)[0], found.index(soonest) + 1))
        return True
    if intent == intents.DENY or turns_a_day_down(turn):
        # "xmas?? no": that day stays turned down for the times asked for next
        data = wish_memory.kept(turn, data, Wish(not_days=turned_down(turn)))
        turn.ask(turn.conversation.flow or "book", PICK, data, replies.keep_searching())
        return True
    if intent == intents.UNKNOWN:
        turn.misunderstood(replies.which_offer(choices(found, timezone)))
        return True
    if intent == intents.BOOK and data.get("appointment_id") is not None:
        # times to move a visit: its own trade told again ("is the new guy an electrician?") is
        # about that visit, never a second job; the same times stay offered for it
        turn.say(replies.which_offer(choices(found, timezone)))
        return True
    if intent == intents.BOOK and service is not None and service == data.get("service") and not (
            _already_booked(turn, service)):  # booked already: "can she come sooner" moves it
        turn.say(replies.which_offer(choices(found, timezone)))  # the same problem told again
        return True
    return False


# "is the new guy an electrician?", "will she be licensed?", "who is coming?": about who the
# times offered are with, asked while they are offered.
_WHO = r"(?:the \w+(?: \w+)?|your \w+|that \w+|this \w+|[a-z]+)"  # "he", "alicia", "the new guy"
_WHO_DOES_IT = re.compile(
    rf"\b(?:is|are) {_WHO} (?:also |even |actually )?(?:an? )(?:(?:licensed|qualified|certified|real|"
    r"actual|proper) )*(?:electrician|plumber|hvac (?:tech|technician|guy))\b|"
    rf"\b(?:is|are|will|would) {_WHO}(?: be| also| even| actually)* (?:licensed|qualified|certified)\b|"
    r"\bwho(?:s| is| will| would)(?: be)? (?:coming|come|doing it|doing the work|the tech|sent)\b")


def asks_who_does_it(text: str) -> bool:
    """True when a question asks who comes or whether they are a tradesperson of the work."""
    return "?" in text and _WHO_DOES_IT.search(normalize(text)) is not None


def who_comes(turn: Turn) -> bool:
    """ "is the new guy an electrician?" while times are offered: who the times are with and
    that they do this work; the same times stay offered. False for any other text."""
    if not turn.conversation.is_active(turn.now) or turn.step != PICK or not asks_who_does_it(
            turn.text) or turn.customer is None:
        return False
    found = [load(raw) for raw in turn.data.get("offers", [])]
    if not found:
        return False
    service = _pending_service(turn, turn.data)
    work = turn.catalog.get(service).name.lower() if service else None
    timezone = turn.timezone
    turn.say(replies.offered_with(sorted({o.technician_name.split()[0] for o in found}), work))
    turn.say(replies.which_offer(choices(found, timezone)))
    return True


# The words of a question that only names a time ("thursday afternoon before 5?", "tues at
# 10 then?"): it asks for times then, never about a visit booked.
_TIME_WORDS = re.compile(
    r"\b(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?|today|tomorrow|tmrw|"
    r"morning|afternoon|evening|am|pm|noon|before|after|by|at|around|between|and|or|then|on|the|"
    r"this|next|maybe|ok|okay|so|how|what|about|instead|ish|anytime|any|time|earlier|later|"
    # "wed 10am works?", "fri at 2 good?": whether a time suits is a time asked for
    r"works?|good|fine|free|available|possible|doable|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|\d{1,2}(?:st|nd|rd|th)?|"
    r"\d{1,2}(?::\d{2})?(?:am|pm)?)\b")


def asks_only_a_time(text: str) -> bool:
    """True when a sentence asking ("?") names a time and nothing else."""
    for sentence in re.split(r"(?<=[.!?;])\s+", text):
        if "?" not in sentence:
            continue
        plain = normalize(sentence)
        if re.search(r"\d|\b(?:morning|afternoon|evening|\w+day|tomorrow)\b", plain) and \
                not re.sub(r"[^\w]+", " ", _TIME_WORDS.sub(" ", plain)).strip():
            return True
    return False


def _asks_after(text: str) -> bool:
    """True when the text asks after a day or part of one ("hm ok what about fri morning then"),
    with no go-ahead said after the asking (an "ok" before it only acknowledges)."""
    asks = _ASKS_AFTER.search(text)
    return asks is not None and _GO_AHEAD.search(text[asks.end():]) is None


_ANY_HOUR = re.compile(r"\b(?:any ?time|whenever|all day|any hour|whatever time|doesn'?t matter|"
                       r"does not matter)\b", re.IGNORECASE)


def _at_hours_wished_before(turn: Turn, wish: Wish | None, data: dict[str, Any]) -> Wish | None:
    """A day said alone ("thursday then") after times were asked for at some hours ("any morning
    this week"): that day at those hours, unless the text opens the day ("thursday, any time")."""
    before = data.get("when") or {}
    if wish is None or wish.date is None or wish.start or wish.end or wish.finish_by \
            or not (before.get("start") or before.get("end")) or _ANY_HOUR.search(turn.text):
        return wish
    hours = Wish.from_when({"start": before.get("start"), "end": before.get("end"),
                            "finish": before.get("finish")})
    return replace(wish, start=hours.start, end=hours.end, finish_by=hours.finish_by)


_BARE_WEEKDAY = re.compile(r"^(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?$")


def _on_weekday_shown(turn: Turn, wish: Wish | None, found: list[Offer], timezone: str) -> Wish | None:
    """`wish` on the day shown when it names that day's weekday bare ("thursday afternoon before
    5?" with times on Thu Dec 10 listed): the Thursday looked at, not this week's."""
    if wish is None or wish.date is None or wish.through is not None:
        return wish
    shown = {o.window_start.astimezone(ZoneInfo(timezone)).date() for o in found}
    if wish.date in shown:
        return wish
    text = normalize(turn.text)
    today = local_date(turn.now, turn.timezone)
    if not any(m.day == wish.date and _BARE_WEEKDAY.match(text[m.start:m.end])
               for m in find_days(text, today)):
        return wish
    same = [day for day in shown if day.weekday() == wish.date.weekday()]
    return replace(wish, date=same[0]) if len(same) == 1 else wish


# "after 1", "from 2", "no earlier than 3": the earliest start, so 12:30-2:30 is too early
_OPEN_START = re.compile(r"\b(?:after|from|later than|no earlier than|not before) \d")
_AT_WORK = re.compile(r"\b(?:at|from|to|off|after|before|leave|out of) work\b", re.IGNORECASE)
# "is there anything tmrw afternoon? if not friday after 1 is fine": a fallback hangs on the
# answer to the question, so it picks nothing until the customer has seen that answer.
_FALLBACK = re.compile(r"^\W*(?:if not|if no\b|if nothing|if (?:that|thats|that's|it) (?:is not|isn'?t|"
                       r"doesn'?t|does not|can'?t|cannot)|if there(?:'?s| is) (?:nothing|none|not)|"
                       r"otherwise|or else|failing that|else)\b", re.IGNORECASE)


# "if friday afternoon isnt open just put it back to 9": a change asked only if a time is not free
_IF_NOT_OPEN = re.compile(r"\bif (?:\w+ ){0,3}(?:is not|isnt|isn't|are not|arent|aren't|not) "
                          r"(?:open|available|free|possible)\b", re.IGNORECASE)


def _hangs_on_what_is_open(text: str) -> bool:
    """True when the text asks for a change only if some time is not free: which times are
    free is shown first, nothing moved before the customer sees them."""
    return _IF_NOT_OPEN.search(text) is not None


def time_told_beside_question(turn: Turn) -> dict[str, Any] | None:
    """The time a clause of its own takes ("thursday at 9 works", "today at 1 pls") when another
    clause asks ("will it be carla again?"); None when no clause does."""
    if "?" not in turn.text:
        return None
    today = local_date(turn.now, turn.timezone)
    for clause in re.split(r"(?<=[.!?;,])\s+", turn.text):
        if "?" in clause or _NOT_A_PICK.search(clause) or not _GO_AHEAD.search(clause) \
                or _AT_WORK.search(clause) or _FALLBACK.search(clause):
            continue
        when = resolve_when(normalize(clause), today)
        if when and (when.get("date") or when.get("start")):
            return when
    return None


def _picked_beside_a_question(turn: Turn) -> bool:
    """True when a clause of its own takes a time and the question is another: the time is
    picked, the booking's reply says who comes."""
    return time_told_beside_question(turn) is not None


def _pending_service(turn: Turn, data: dict[str, Any]) -> str | None:
    """The work the offers are for: the booking's service, or the moved visit's job's."""
    if data.get("service"):
        return str(data["service"])
    appointment = turn.uow.appointments.get(int(data.get("appointment_id") or 0))
    job = turn.uow.jobs.get(appointment.job_id) if appointment is not None else None
    return job.service_id if job is not None else None


# "after 2", "in the morning": a wish with room for several times, not a time picked.
_OPEN_ENDED = re.compile(r"\b(?:after|before|later|earlier|morning|afternoon|evening|anytime|"
                         r"any time)\b", re.IGNORECASE)


def _restated(wish: Wish, data: dict[str, Any]) -> bool:
    """True when the text only repeats the wish these offers were found for ("tomorrow after 2")."""
    before = data.get("when")
    if not before:
        return False
    asked = Wish.from_when(before)
    if asked.date is None and data.get("default_day"):
        asked = replace(asked, date=date.fromisoformat(str(data["default_day"])))
    return (asked.date, asked.start, asked.end) == (wish.date, wish.start, wish.end)
def _booked_meant(turn: Turn) -> Appointment | None:
    """The one booked visit a text names by its technician, its time or its work, if any."""
    from bot.dialogue import visits  # imports this module

    if turn.customer is None:
        return None
    text = normalize(turn.text)
    said = visits.named(turn)
    meant = []
    for appointment in visits.upcoming(turn):
        technician = turn.uow.staff.get(appointment.technician_id)
        first = technician.name.split()[0].lower() if technician is not None else None
        if (first and re.search(rf"\b{re.escape(first)}\b", text)
                or said.times and visits.at_time(turn, appointment, said.times)
                or said.service_id and visits.same_service(turn, [appointment], said.service_id)):
            meant.append(appointment)
    return meant[0] if len(meant) == 1 else None


def _other_work_than_danger(turn: Turn, appointment: Appointment, service: object) -> bool:
    """Whether times are offered for a danger's repair and the visit named is other work (a
    tune-up booked before the furnace quit): that visit is not what should come sooner."""
    from bot.dialogue import safety_followup  # imports this module

    job = turn.uow.jobs.get(appointment.job_id)
    return (safety_followup.known(turn) is not None and isinstance(service, str)
            and job is not None and job.service_id != service)


def _already_booked(turn: Turn, service: str) -> bool:
    """Whether the customer has an upcoming visit for this service."""
    from bot.dialogue import visits  # imports this module

    return bool(turn.customer) and bool(visits.same_service(turn, visits.upcoming(turn), service))


# Words of a question about times ("is thursday free?", "tonight possible?").
_ABOUT_TIMES = re.compile(r"\b(?:free|open|openings?|available|availability|possible|works?|come|"
                          r"coming|book|slots?|times?|earliest|soonest|sooner|earlier|later|instead|"
                          r"anything|any|someone|somebody|anyone|(?:can|could|would) (?:you|u|we|y'?all))\b")
# A question put in words ("is it safe ...?"), not a time asked about ("no, friday afternoon?").
_WORDED_QUESTION = re.compile(r"^\W*(?:(?:ok|okay|so|and|but|also|hey)\W+)*(?:is|are|was|were|do|does|"
                              r"did|should|shall|will|would|can|could|what|how|why|where|who|am)\b")


def _asks_about_else(turn: Turn) -> bool:
    """A question the parser placed nowhere that names a time but not about visiting then ("is it
    safe to stay in the house tonight?"): the time is no wish for another offer."""
    text = normalize(turn.text)
    return (turn.parse.intent == intents.UNKNOWN and not turn.parse.slots.get("when")
            and _WORDED_QUESTION.search(text) is not None and _ABOUT_TIMES.search(text) is None)


def says_open_start(text: str) -> bool:
    """True when the time is a bound ("after 1", "from 2 on"), not a moment to be held."""
    return _OPEN_START.search(normalize(text)) is not None


def _matching(found: list[Offer], wish: Wish, timezone: str, *,
              open_start: bool = False) -> list[Offer]:
    """The offers a wish names; a time alone ("the 8am one") is first the window that holds it,
    while "after 1" is met only by a window starting at 1 or later."""
    if wish.start is not None and wish.end is None and not open_start:
        zone = ZoneInfo(timezone)
        holding = [o for o in found if (wish.date is None or o.window_start.astimezone(zone).date()
                                        == wish.date)
                   and o.window_start.astimezone(zone).time() <= wish.start
                   < o.window_end.astimezone(zone).time()]
        if holding:
            return holding
        if wish.start.hour >= 12:  # "7:30 w ben" read as 7:30pm: the 7:30am time listed
            morning = replace(wish, start=wish.start.replace(hour=wish.start.hour - 12))
            earlier = _matching(found, morning, timezone)
            if earlier:
                return earlier
    return [o for o in found if wish.is_met_by(o, timezone)]


def _beside_a_visit(turn: Turn, service: str) -> bool:
    """ "right after the electrical": the work named marks where the time goes."""
    from bot.dialogue import visits  # imports this module

    return visits.names_work_as_a_mark(turn, service)


def other_trade(turn: Turn, pending: object, named: str) -> bool:
    """True when the service named needs another trade than the one being booked; the same trade
    ("its flooding" while booking a leaking water heater) is a follow-up, never a new job."""
    if pending is None or pending == named:
        return False
    try:
        return turn.catalog.get(str(pending)).skill != turn.catalog.get(named).skill
    except DomainError:
        return True


def turns_a_day_down(turn: Turn) -> bool:
    """True when the text names a day only to turn it down ("can't do wednesday")."""
    text = normalize(turn.text)
    today = local_date(turn.now, turn.timezone)
    return bool(find_days(text, today)) and resolve_when(text, today) is None


def kept(found: list[Offer]) -> list[dict[str, Any]]:
    """Offers as the conversation keeps them (JSON) for `answer_pick` to read."""
    return [_dump(o) for o in found]


def _dump(offer: Offer) -> dict[str, Any]:
    return {
        "technician_id": offer.technician_id, "technician_name": offer.technician_name,
        "start": offer.start.isoformat(), "end": offer.end.isoformat(),
        "window_start": offer.window_start.isoformat(), "window_end": offer.window_end.isoformat(),
    }


def load(raw: dict[str, Any]) -> Offer:
    return Offer(
        technician_id=int(raw["technician_id"]), technician_name=str(raw["technician_name"]),
        start=datetime.fromisoformat(raw["start"]), end=datetime.fromisoformat(raw["end"]),
        window_start=datetime.fromisoformat(raw["window_start"]),
        window_end=datetime.fromisoformat(raw["window_end"]),
    )


def local_date(moment: datetime, timezone: str) -> date:
    return moment.astimezone(ZoneInfo(timezone)).date()
