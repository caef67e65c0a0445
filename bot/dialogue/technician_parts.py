"""A technician's text with two updates in it, each done in the order written.

"on site. add note gate code 4412" checks in, then files the note; "done - replaced the
capacitor. heading to rossi next, running 15 late" completes the job, sets off for Rossi and
tells Rossi's customer of the delay; "wrong job sorry. patel first" takes back the last update
and makes it again on the visit named. A part that says no update of its own ("replaced the
capacitor" after "done", "25" after "otw") belongs to the part before it. When a part asks a
question, the parts after it are named back to the technician, never silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.dialogue import technician_asks
from bot.dialogue import technician_texts as texts
from bot.dialogue.technician_jobs import (
    named,
    named_own,
    names_a_place,
    names_only_anothers,
    own_visit,
    ruled_out,
    todays_visits,
    without_ruled_out,
)
from bot.dialogue.technician_summary import (
    names_work,
    only_chit_chat,
    only_work_wished,
    says_done,
    trailing_talk,
    work_summary,
)
from bot.dialogue.technician_undo import LAST, asks_undo, undoable
from bot.nlu import intents
from bot.nlu.parser import Parser
from bot.nlu.result import Parse
from bot.nlu.technician_rules import plans_a_trip_after_a_stop, trip_to_a_stop
from domain.catalog import Catalog

if TYPE_CHECKING:
    from collections.abc import Callable

    from bot.dialogue.turn import Turn

UNDO = "undo"  # a part that takes back the last update
CHIT_CHAT = "chit_chat"  # a part that is only talk ("homeowner was nice"): no one's record
_PART = "_tech_part"  # set on a part's own turn: it is never split again
# Where one part of a technician's text ends: a sentence, a dash, a comma, "then", "btw".
_BREAK = re.compile(r"(?<=[.!;?])\s+|\s+-+\s+|,\s*|\s+(?:and then|then|btw|fyi|also)\s+",
                    re.IGNORECASE)
UPDATES = frozenset({intents.TECH_EN_ROUTE, intents.TECH_ARRIVED, intents.TECH_LATE,
                     intents.TECH_PAUSED, intents.TECH_DONE, intents.NOTE})
_STATUS = UPDATES - {intents.NOTE}  # the updates that change a job's state
# An update that includes the one before it ("here, nobody home": the pause checks in itself).
_INCLUDES = {intents.TECH_DONE: {intents.TECH_EN_ROUTE, intents.TECH_ARRIVED},
             intents.TECH_PAUSED: {intents.TECH_EN_ROUTE, intents.TECH_ARRIVED},
             intents.TECH_ARRIVED: {intents.TECH_EN_ROUTE}}


# "off to fischers next": setting off for a visit named, in a part of its own.
_GOING = re.compile(r"^\W*(?:(?:and|then|now|so|ok)\s+)*(?:off|heading|headed|head|going|omw|otw)"
                    r"\s+(?:over\s+)?to\s+\S", re.IGNORECASE)
# A part that only adds to the one before: "done, customer wants a quote" (the summary's), "late -
# eta 2:15pm" (the delay's new time), "heading to rossi, running 15 late" (one trip, arriving late:
# technician.en_route counts the delay from the window, so the customer gets one text).
_SAME_UPDATE = frozenset({(intents.TECH_DONE, intents.NOTE),
                          (intents.TECH_LATE, intents.TECH_EN_ROUTE),
                          (intents.TECH_EN_ROUTE, intents.TECH_LATE)})


# Which visit was meant instead: "sorry i meant the nguyen house", "meant to say blackstone".
MEANT = re.compile(r"\b(?:i|i'?d)? ?meant(?: to say| to text)?\b|\bsupposed to say\b",
                   re.IGNORECASE)
# A visit turned down by name: "not going to dental", "no not dental" (never "not at X yet").
_NOT_GOING = re.compile(r"\b(?:not|nt)\s+(?:(?:going|heading|headed|driving|coming)\s+(?:over\s+)?"
                        r"(?:to\s+)?)?(?:the\s+|that\s+|my\s+)?(?P<name>[a-z0-9']+)", re.IGNORECASE)
# A note said as one ("note: ...", not a statement read as one) stays a note of its own.
_SAID_NOTE = 0.9


@dataclass
class Part:
    """One update of the text: what it is and the words that say it."""

    intent: str
    text: str
    parse: Parse


def run(turn: Turn, act: Callable[[Turn, str], None]) -> bool:
    """Do each update of a text of several, in order (`act` starts one intent on a part's own
    turn); False when the text holds one update only."""
    if not getattr(turn, _PART, False) and _rules_out_last(turn):
        # "nguyen not the dentist", "not rossi, im at kowalski": the last update was on the
        # visit ruled out; taken back there and made on the one named, never again on it
        return _undo_and_redo(turn, Part(UNDO, "undo", Parse(UNDO, {}, 1.0)), turn.text, act)
    if not getattr(turn, _PART, False) and _only_rules_out_last(turn):
        act(turn, UNDO)  # "im NOT going to dental yet", "no not dental": taken back, nothing else
        return True
    parts = [] if getattr(turn, _PART, False) else split(turn)
    if len(parts) == 1 and (parts[0].intent, turn.parse.intent) == (intents.TECH_EN_ROUTE,
                                                                    intents.TECH_LATE):
        # "omw, running 10 behind": one trip, arriving late (technician.en_route)
        act(_own(turn, parts[0].text, parts[0].parse), intents.TECH_EN_ROUTE)
        return True
    if len(parts) < 2:
        return False
    if parts[0].intent == UNDO and all(p.intent not in UPDATES for p in parts[1:]):
        return _undo_and_redo(turn, parts[0], " ".join(p.text for p in parts[1:]), act)
    for n, part in enumerate(parts):
        if part.intent == CHIT_CHAT:
            continue
        own = _own(turn, part.text, part.parse)
        act(own, part.intent)
        turn.confused = turn.confused or own.confused
        if turn.conversation.is_active(turn.now) and n + 1 < len(parts):
            turn.say(texts.parts_waiting([p.text for p in parts[n + 1:]]))
            break
    return True


def split(turn: Turn) -> list[Part]:
    """The text's updates in order, the words that add nothing new joined to the one before."""
    pieces = [p.strip().rstrip(".!;, ") for p in _BREAK.split(turn.text)
              if p and any(c.isalnum() for c in p)]
    if len(pieces) < 2 or (technician_asks.kind_of(turn.text) == "trouble"
                           and not asks_undo(pieces[0])):
        return []  # "fyi got a flat, might be late tmrw": one heads-up for the office
    parts: list[Part] = []
    visits = todays_visits(turn)
    previous = ""
    parses = [_parse(turn, piece) for piece in pieces]
    # "gas valve is done, no valve on the truck. pausing": a text that puts the job off is a
    # pause whatever else it says; its "done" is never the job finished
    pausing = any(parse.intent == intents.TECH_PAUSED for parse in parses)
    for piece, parse in zip(pieces, parses, strict=True):
        prior, previous = previous, piece
        intent = UNDO if asks_undo(piece) and not parts else parse.intent
        if intent == intents.TECH_DONE and pausing:
            intent, parse = intents.UNKNOWN, Parse(intents.UNKNOWN, {}, 0.0)
        if intent not in UPDATES and _GOING.search(piece) and not trip_to_a_stop(piece):
            intent = intents.TECH_EN_ROUTE
            parse = Parse(intent, parse.slots, parse.confidence)
        if (intent == intents.TECH_EN_ROUTE and prior
                and plans_a_trip_after_a_stop(f"{prior} then {piece}")):
            # "done. grabbing lunch then off to okafor": the trip comes after the stop, a plan
            piece = f"{prior} then {piece}"
        last = parts[-1] if parts else None
        if intent == intents.TECH_DONE and not says_done(piece) and (
                only_work_wished(piece) or (last is not None and last.intent == intents.NOTE)):
            # "note - told them it should be replaced": what the note says, no job finished
            intent, parse = intents.UNKNOWN, Parse(intents.UNKNOWN, {}, 0.0)
        if (parts and parts[0].intent == UNDO and intent in _STATUS
                and not named_own(turn, visits, piece) and not names_a_place(piece)):
            # "undo the omw, gotta swing by the shop first": the reason, not another update
            intent, parse = intents.UNKNOWN, Parse(intents.UNKNOWN, {}, 0.0)
        if last is not None and last.intent == intents.NOTE and intent == intents.TECH_PAUSED:
            intent = intents.NOTE  # "note side gate code 7781, dog loose": what the note says
        if last is not None and last.intent in UPDATES and (intent == intents.TECH_NEXT or (
                last.intent == intents.TECH_DONE and piece.endswith("?"))):
            aside = trailing_talk(work_summary(last.text)) if intent != intents.TECH_NEXT else ""
            if aside and last.text.endswith(aside):  # "they asked bout a maint plan, who do i
                last.text = last.text[:-len(aside)].rstrip(" ,;.-")  # tell?": asked together
                piece = f"{aside}, {piece}"
            parts.append(Part(intent, piece, parse))  # "done, replaced flapper. whats next?"
            continue
        if (last is not None and parts[0].intent != UNDO and intent not in UPDATES
                and (named(visits, piece) or names_a_place(piece))):
            return []  # a visit named in words of no update: whose update it is is unclear
        if last is not None and last.intent != UNDO and (intent not in UPDATES
                                                         or intent == last.intent
                                                         or (last.intent, intent) in _SAME_UPDATE):
            last.text = f"{last.text}, {piece}"  # "done, replaced the capacitor": one update
            if not last.parse.slots.get("minutes") and parse.slots.get("minutes") and (
                    last.intent, intent) != (intents.TECH_EN_ROUTE, intents.TECH_LATE):
                last.parse = Parse(last.parse.intent, {**last.parse.slots, **parse.slots},
                                   last.parse.confidence)
            continue
        if (last is not None and intent == intents.TECH_DONE and last.intent == intents.NOTE
                and last.parse.confidence < _SAID_NOTE and names_work(last.text)):
            # "swapped the inducer motor, all set": the work of the job finished, not a note
            parts[-1] = Part(intent, f"{last.text}, {piece}", parse)
            continue
        if last is not None and (last.intent in _INCLUDES.get(intent, ()) or (
                intent == intents.TECH_ARRIVED and last.intent == intents.NOTE
                and last.parse.confidence < _SAID_NOTE)):  # "found the part, back at it"
            parts[-1] = Part(intent, f"{last.text}, {piece}", parse)  # "here, nobody home"
            continue
        parts.append(Part(intent, piece, parse))
    if not parts or (parts[0].intent not in UPDATES and parts[0].intent != UNDO):
        return []  # a text that opens with no update is read whole
    return [_chit_chat_left_out(part) for part in parts]


def _chit_chat_left_out(part: Part) -> Part:
    """A part read as a note that is only chit-chat ("so the homeowner was really nice, we
    chatted about the bears") becomes no note: the update beside it is the text's news."""
    if (part.intent == intents.NOTE and part.parse.confidence < _SAID_NOTE
            and only_chit_chat(part.text)):
        return Part(CHIT_CHAT, part.text, Parse(intents.UNKNOWN, {}, 0.0))
    return part


def _undo_and_redo(turn: Turn, undo_part: Part, rest: str,
                   act: Callable[[Turn, str], None]) -> bool:
    """ "wrong job sorry. patel first": the last update taken back, then made again on the
    visit the rest names (of the technician's own today); False when the rest names none."""
    last = turn.conversation.data.get(LAST)
    what = last.get("what") if isinstance(last, dict) else None
    # "wrong job!! not dental", "im NOT going to dental": the visit ruled out is never the redo's
    named = named_own(turn, todays_visits(turn), without_ruled_out(rest))
    undone = last.get("appointment") if isinstance(last, dict) else None
    if named and len(named) == 1 and named[0].appointment_id == undone:
        named = []  # "undo, still going to dental later": taken back, not made again
    if what not in UPDATES or not named or len(named) != 1:
        if not named and names_only_anothers(turn, rest):
            # "undo that, i said nguyen not alvarez": Nguyen is someone else's, nothing redone
            undoing = isinstance(last, dict) and undoable(turn, last)
            if undoing:
                act(_own(turn, undo_part.text, undo_part.parse), UNDO)
            turn.finish()
            turn.say(texts.not_on_your_schedule(todays_visits(turn), turn.timezone,
                                                after_undo=undoing))
            return True
        if technician_asks.kind_of(rest) is None:
            return False
        # "undo, van won't start": taken back, and the office hears of the trouble
        act(_own(turn, undo_part.text, undo_part.parse), UNDO)
        act(_own(turn, rest, Parse(intents.UNKNOWN, {}, 0.0)), intents.UNKNOWN)
        return True
    act(_own(turn, undo_part.text, undo_part.parse), UNDO)
    if turn.conversation.data.get(LAST) is not None:
        return True  # nothing was undone (too late): nothing is redone either
    redo = Parse(str(what), {}, 1.0)
    act(_own(turn, rest, redo), str(what))
    return True


def _rules_out_last(turn: Turn) -> bool:
    """The text rules out the visit of the last update (under ten minutes old) by name, or says
    which was meant ("i meant the nguyen house"), and names exactly one other visit of the
    technician's today."""
    last = turn.conversation.data.get(LAST)
    said = ruled_out(turn.text)
    meant = MEANT.search(turn.text) is not None
    if ((not said and not meant) or asks_undo(turn.text) or not isinstance(last, dict)
            or last.get("what") not in UPDATES or not undoable(turn, last)):
        return False
    updated = own_visit(turn, last.get("appointment"))
    if updated is None or (not meant and not named([updated], said)):
        return False
    other = named_own(turn, todays_visits(turn), turn.text)
    return (other is not None and len(other) == 1
            and other[0].appointment_id != updated.appointment_id)


def _only_rules_out_last(turn: Turn) -> bool:
    """The text turns down, by name, the visit the last update (under ten minutes old) was on
    ("im NOT going to dental yet") and names no other visit of the technician's today; never
    "not at dental yet", which is still on the way."""
    last = turn.conversation.data.get(LAST)
    if (not isinstance(last, dict) or last.get("what") not in UPDATES or not undoable(turn, last)
            or asks_undo(turn.text)):
        return False
    updated = own_visit(turn, last.get("appointment"))
    turned_down = " ".join(found.group("name") for found in _NOT_GOING.finditer(turn.text))
    if updated is None or not turned_down or not named([updated], turned_down):
        return False
    return not named_own(turn, todays_visits(turn), without_ruled_out(turn.text))


def _own(turn: Turn, text: str, parse: Parse) -> Turn:
    """The part as a text of its own, sharing the conversation and the replies said."""
    own = replace(turn, text=text, parse=parse)
    setattr(own, _PART, True)
    return own


def parse_part(turn: Turn, part: str) -> Parse:
    """A technician's words read as a text of their own."""
    return _parse(turn, part)


def _parse(turn: Turn, part: str) -> Parse:
    return _parser(turn.catalog).parse(part, role=intents.TECHNICIAN,
                                       now=turn.now.astimezone(ZoneInfo(turn.timezone)))


@lru_cache(maxsize=2)
def _parser(catalog: Catalog) -> Parser:
    return Parser(catalog)
