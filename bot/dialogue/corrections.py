"""Corrections: "undo", "wrong one", "put it back", "wrong address", "it's for my rental at ...".

They put right exactly what the conversation's last step changed (kept in `last_done` for half
an hour): a cancelled visit back in its slot, a moved visit back at its previous time, a booking
at the right address. They never act on another visit and never create a job.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.dialogue import booking, cancel, handoff, offers, replies, reschedule, small_talk, visits
from bot.dialogue.addresses import Address, read_signup
from bot.dialogue.times import visit_label
from bot.nlu import intents
from bot.nlu.clock import ClockTime, business_hour
from bot.nlu.days import find_days
from bot.nlu.result import Parse
from bot.nlu.text import normalize
from bot.nlu.when import resolve_when
from domain.commands import AddSite, ChangeJobSite, RescheduleAppointment, RestoreAppointment
from domain.errors import DomainError, InvalidTransition, OutsideServiceArea, SchedulingConflict
from domain.jobs import Appointment
from domain.parties import Site
from domain.places import served_places, served_zips_in, town_of
from domain.scheduling import Offer, Wish

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

FLOW = "correct"
# "put it back an hour" or "back to 2" is a new time, not an undo.
_NOT_UNDO = r"(?! (?:an?|one|two|three|\d+|by|to|till|until|half|a bit|later|earlier)\b)"
# "put it back how it was", "back where it was": the time it had, whatever else the text says.
_AS_IT_WAS = re.compile(r"\bback (?:to )?(?:how|where|the way|what|as|like) (?:it|they|that|he|she) "
                        r"(?:was|were|had been|used to be)\b|\bback (?:to|at|in) (?:the|its|my) "
                        r"(?:original|old|previous|first) (?:time|slot|day|spot|one)\b")
_UNDO = re.compile(r"\b(?:undo|un-?cancel|put (?:\w+ ){0,3}back" + _NOT_UNDO
                   + r"|bring (?:\w+ ){0,3}back" + _NOT_UNDO
                   + r"|(?:change|switch|move|set|flip|turn) (?:it|that|this|them|everything) back"
                   + _NOT_UNDO + r"|"
                   r"reverse (?:it|that)|take (?:it|that) back|restore (?:it|that|my))\b|"
                   + _AS_IT_WAS.pattern)
# "put it back to the 14th", "move it back to the morning": back to a day or time, maybe its old one.
# "just keep it at 10:30 then" right after it was moved from 10:30: back to that time, too.
_BACK_TO = re.compile(r"\b(?:(?:put|move|change|switch|set|bring|go) (?:\w+ ){0,3}back (?:to|at|on|in|for)|"
                      r"(?:keep|leave) (?:it|that|this|him|her) (?:at|on|for))\b")
_BARE_HOUR = re.compile(r"^\s*(1[0-2]|[1-9])(?::([0-5]\d))?\b(?!\s*(?:st|nd|rd|th)\b)")
_REGRET = re.compile(r"\b(?:wrong (?:one|day|visit|appointment|appt)|not that one|"
                     r"keep (?:\w+ ){0,4}after all|changed my mind|did ?n[o']?t mean (?:to|that))\b")
# A street address ("22 elm st"), so "it's at 3 tomorrow" is never read as a place.
_STREET = (r"\d{1,6}[a-z]? (?:[a-z]+ ){1,3}(?:st|street|ave|avenue|av|rd|road|blvd|dr|drive|ln|"
           r"lane|ct|court|pl|place|way|pkwy|parkway|ter|terrace|hwy)\b")
# The change hit the wrong visit: put it right, then ask about the one meant ("i meant the 1pm").
_WRONG_ONE = re.compile(r"\b(?:wrong (?:one|day|visit|appointment|appt)|not that one|"
                        r"(?:i )?meant (?:the|my|\w+day'?s?|tomorrow'?s?) )")
# The clause naming the visit meant: "i meant the electrician one at 2".
_MEANT = re.compile(r"\bmeant (?:to say )?(the [^.!?;,]+|my [^.!?;,]+|\w+day'?s?[^.!?;,]*)")
_WRONG_PLACE = re.compile(
    r"\b(?:wrong (?:address|place|house|site|property|location)|"
    r"(?:it'?s|it is|its|that'?s|this is|should be) (?:for|at) (?:my|the|our) [\w ]{0,30}?\bat "
    + _STREET + r"|(?:it'?s|it is|its|should be|meant (?:it )?for|meant) at " + _STREET + ")")
# The time just picked or moved to was not the one wanted: "saturday i said", "fat thumb".
_INSISTED = re.compile(r"\bi (?:said|asked for|wanted|meant)\b|\bfat ?-?thumb\w*|\bmis-?(?:tap|click)\w*|"
                       r"\bwrong (?:number|button|option|choice|time|slot)\b|\bhit the wrong\b")
_NOT_DAY = re.compile(r"\b(?:not|no|instead of|rather than)\s*(?:the |on |this |next )?$")
_WRONG = re.compile(r"\b(?:wrong|incorrect|moved|not right)\b")
_HOUSE_NUMBER = re.compile(r"(?<![\w-])\d{1,6}[a-z]?\s+\w+")
_HOUSE_NUMBER_ONLY = re.compile(r"^\s*\d{1,6}[a-z]?\s+")


def worded_as_one(turn: Turn) -> bool:
    """True when the text is worded as a correction ("undo", "wrong one", "keep it after all")."""
    text = _plain(turn.text)
    return any(p.search(text) for p in (_UNDO, _WRONG_PLACE, _REGRET, _WRONG_ONE)) or (
        _INSISTED.search(text) is not None and turn.last_change().get("kind") == "rescheduled"
    ) or _back_to_before(turn, text) is not None


def claims(turn: Turn) -> bool:
    """Answer a correction of the last change; False when the text is no correction."""
    text = _plain(turn.text)
    undo, place = _UNDO.search(text), _WRONG_PLACE.search(text)
    back_to_before = _back_to_before(turn, text)
    undo = undo or back_to_before
    if not undo and not place and _another_day_insisted(turn, text):
        return True
    if not (undo or place or _REGRET.search(text)):
        return False
    when = turn.parse.slots.get("when") or {}
    if not undo and not place and not _WRONG_ONE.search(text) and turn.parse.intent not in (
            intents.DENY, intents.UNKNOWN, intents.RESCHEDULE):
        return False
    if _time_asked(turn, text, when, undo) and not text.startswith("undo") \
            and not _AS_IT_WAS.search(text) and not back_to_before:
        return False  # "put it back to 2pm" is a new time, not an undo
    pending = turn.conversation.flow if turn.conversation.is_active(turn.now) else None
    if place and pending == booking.FLOW and _HOUSE_NUMBER.search(text):
        site_id = _site_for(turn, turn.text, appointment=None)
        if site_id is not None:  # the booking under way is for that address: offer times there
            booking.at_site(turn, site_id)
        return True
    if pending not in (None, FLOW) and not (undo or place):
        return False  # "wrong one" may answer the question pending
    change = turn.last_change()
    if len(change.get("appointment_ids") or []) > 1 and (undo or place):
        change = {}  # several visits cancelled at once: undone by a person, never half of them
    if not change.get("appointment_id"):
        done = turn.last_change_name()
        if (undo or place) and done is not None:  # e.g. a quote approved: a person must undo it
            quote = turn.uow.quotes.get(int(change.get("quote_id") or 0))
            number = f" {quote.number}" if quote is not None else ""
            handoff.hand_over(turn, reason=f"asked to undo the last change by text ({done}{number})")
            turn.finish(replies.quote_undo_by_a_person(quote.number, quote.state.value)
                        if quote is not None else replies.undo_by_a_person())
            return True
        if (undo or place) and pending not in (None, FLOW) and turn.step != offers.PICK:
            return False  # "no wait, undo that" to a question still open: that question's no
        if (place and turn.parse.intent == intents.BOOK and turn.parse.slots.get("service")
                and not _WRONG.search(text) and not visits.points_at_a_visit(turn)):
            return False  # "need a plumber, it's for my rental at 22 elm st": a booking there
        if place and _another_place(text) and not _names_one_visit(turn):
            # "it's for my rental at 22 elm st": a request there, no visit moved
            if turn.parse.intent == intents.UNKNOWN:
                turn.parse = Parse(intents.BOOK, {}, turn.parse.confidence)
            return False
        if place and _address_of_a_visit(turn, text):
            return True  # "the heating visit on thursday has the wrong address, we moved to ..."
        if undo or place:
            turn.finish(replies.nothing_to_undo())
            return True
        return False
    appointment = turn.uow.appointments.get(int(change["appointment_id"]))
    if appointment is None or not visits.may_act(turn, appointment):
        turn.finish(replies.nothing_to_undo())
        return True
    if place:
        _correct_site(turn, appointment, text)
    elif undo and not _is_the_one_named(turn, appointment, change, _undo_clause(text)):
        # "you moved the 14th?? put the 14th back" when the 14th was never touched: said so
        _another_named(turn, change, appointment, _undo_clause(text))
    elif _WRONG_ONE.search(text) and change.get("kind") in ("cancelled", "rescheduled"):
        _wrong_one(turn, change, appointment)
    elif not _is_the_one_named(turn, appointment, change, _undo_clause(text) if undo else None):
        _another_named(turn, change, appointment, _undo_clause(text) if undo else None)
    else:
        _undo(turn, change, appointment)
    return True


def _time_asked(turn: Turn, text: str, when: dict[str, Any], undo: re.Match[str] | None) -> bool:
    """True when the text asks for a time; with a put-back, only a time in its own clause does
    ("i meant the electrician one at 2. put the furnace one back": 2 names the other visit)."""
    if not (when.get("start") or when.get("end")):
        return False
    clause = _undo_clause(text) if undo is not None else None
    if clause is None:
        return True
    own = resolve_when(clause, offers.local_date(turn.now, turn.timezone)) or {}
    return bool(own.get("start") or own.get("end"))


def _back_to_before(turn: Turn, text: str) -> re.Match[str] | None:
    """ "put it back to the 14th", "move it back to the morning" right after a move, when the
    day or time named holds the slot the visit had: an undo of that move, not a new time."""
    found = _BACK_TO.search(text)
    change = turn.last_change()
    if found is None or change.get("kind") != "rescheduled" or not change.get("start"):
        return None
    appointment = turn.uow.appointments.get(int(change.get("appointment_id") or 0))
    if appointment is None or not appointment.is_active:
        return None
    said = re.split(r"[.;!?]|\band\b|\bbut\b", text[found.end():])[0]  # "back to the 14th, i..."
    when = resolve_when(said, offers.local_date(turn.now, turn.timezone))
    hour = _BARE_HOUR.match(said)
    if not when and hour is not None:  # "keep it at 1 then": 1pm, a working hour
        at = time(*business_hour(ClockTime(int(hour.group(1)), int(hour.group(2) or 0), None)))
        when = {"date": None, "start": at.strftime("%H:%M"), "end": None}
    wish = Wish.from_when(when) if when else None
    zone = ZoneInfo(visits.timezone_of(turn, appointment))
    before = datetime.fromisoformat(str(change["start"])).astimezone(zone)
    if wish is None or wish.date is None and wish.start is None and wish.end is None:
        return None
    if wish.date is not None and wish.date != before.date() and not _weekday_of(said, before.date()):
        return None  # "back to thursday": the thursday it was on, not the nearest one
    if wish.start is not None and wish.end is None and wish.start != before.time() and not (
            before.time() <= wish.start < (before + (appointment.window_end
                                                     - appointment.window_start)).time()):
        return None  # "back to 9": the old window holds 9
    if wish.start is not None and wish.end is not None and not (
            wish.start <= before.time() < wish.end):
        return None  # "back to the morning": the old start lies in it
    return found


def _weekday_of(said: str, day: date) -> bool:
    """True when `said` names `day` by its weekday alone ("to thursday", "on thurs")."""
    found = _WEEKDAY_ALONE.match(said.split(",")[0].strip())
    return found is not None and day.strftime("%A").lower().startswith(found.group(1))


_WEEKDAY_ALONE = re.compile(r"^(?:on |the )?(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b(?:'?s)?(?: (?:one|visit|"
                            r"slot|then|please|pls|instead))*\W*$")


def _another_day_insisted(turn: Turn, text: str) -> bool:
    """ "saturday i said", "fat thumb, i meant the saturday one not monday" right after a move:
    times on that day are offered for the visit just moved; no other visit is touched."""
    change = turn.last_change()
    if change.get("kind") != "rescheduled" or not _INSISTED.search(text):
        return False
    if turn.conversation.is_active(turn.now) and turn.conversation.flow != FLOW:
        return False  # "i said the week after" while another visit's move is asked: that move's
    appointment = turn.uow.appointments.get(int(change.get("appointment_id") or 0))
    if appointment is None or not visits.may_act(turn, appointment) or not appointment.is_active:
        return False
    said = visits.named(turn)
    if said.service_id and not visits.same_service(turn, [appointment], said.service_id) \
            and _WRONG_ONE.search(text):
        return False  # "i meant the furnace one": another visit, the wrong-one correction's
    now_on = _local_day(turn, appointment)
    today = offers.local_date(turn.now, turn.timezone)
    days = [m.day for m in find_days(normalize(text), today)
            if not _NOT_DAY.search(m.before(normalize(text))) and m.day != now_on]
    if len(set(days)) != 1:
        return False
    reschedule.offer_times(turn, appointment, Wish(date=days[0]))
    return True


def answer(turn: Turn) -> bool:
    """Answer the pending correction question (a new time, a site, an address)."""
    data = turn.data
    appointment = turn.uow.appointments.get(int(data.get("appointment_id") or 0))
    if appointment is None or not visits.may_act(turn, appointment):
        turn.finish(replies.nothing_to_undo())
        return True
    if turn.step == offers.PICK:
        return offers.answer_pick(turn, timezone=visits.timezone_of(turn, appointment),
                                  chosen=_restore_at, research=_research)
    if turn.step == "site":
        return _answer_site(turn, appointment)
    return False


# Undo ---------------------------------------------------------------------------------------

def _wrong_one(turn: Turn, change: dict[str, Any], appointment: Appointment) -> None:
    """Undo the change to the wrong visit, then ask the same about the other one named, if one."""
    _undo(turn, change, appointment)
    if turn.conversation.flow is not None and turn.conversation.is_active(turn.now):
        return  # the slot was gone: its question is pending
    meant = _MEANT.search(_plain(turn.text))
    said = visits.named(turn, text=meant.group(1)) if meant is not None else None
    if said is None or not said.narrows:  # "i meant the plumbing one at 3": that clause names it
        said = visits.named(turn)
    if not said.narrows:
        return
    matches = visits.narrow(turn, visits.upcoming(turn), said) if meant is not None else \
        visits.resolve(turn, visits.upcoming(turn)).matches
    others = [a for a in matches if a.id != appointment.id]
    same_day = [a for a in others if _local_day(turn, a) == _local_day(turn, appointment)]
    others = same_day if len(same_day) == 1 else others  # "i meant the 1pm": of that day
    cancelling = change.get("kind") == "cancelled"
    if len(others) > 1:
        flow, verb = (cancel.FLOW, "cancel") if cancelling else (reschedule.FLOW, "move")
        visits.ask_which(turn, flow, verb, others, {} if cancelling else {"when": None})
    elif others and cancelling:
        cancel.confirm(turn, others[0])
    elif others:
        reschedule.start_move(turn, others[0])

def _undo(turn: Turn, change: dict[str, Any], appointment: Appointment) -> None:
    kind = change.get("kind")
    if kind == "cancelled":
        _restore(turn, appointment)
    elif kind == "rescheduled":
        _move_back(turn, change, appointment)
    elif kind == "booked" and appointment.is_active:
        cancel.confirm(turn, appointment)  # undoing a booking cancels it, after a Y/N as always
    elif kind == "site_changed":
        _move_to_site(turn, appointment, int(change["site_id"]), undone=True)
    else:
        turn.finish(replies.nothing_to_undo())


def put_back(turn: Turn, appointment: Appointment) -> None:
    """A visit the last change cancelled back in its slot (or the nearest free times offered)."""
    _restore(turn, appointment)


def _restore(turn: Turn, appointment: Appointment) -> None:
    assert appointment.id is not None
    visit = visits.label(turn, appointment)
    try:
        turn.run(RestoreAppointment(appointment_id=appointment.id, actor=turn.actor))
    except SchedulingConflict:
        turn.say(replies.slot_gone(visit))
        _offer(turn, appointment, Wish(date=_local_day(turn, appointment)))
        return
    except DomainError as error:
        turn.finish(replies.refused(str(error)))
        return
    turn.forget_change()
    turn.finish(replies.restored(visit, _technician(turn, appointment)))


def _move_back(turn: Turn, change: dict[str, Any], appointment: Appointment) -> None:
    assert appointment.id is not None
    start = datetime.fromisoformat(str(change["start"]))
    technician_id = int(change["technician_id"])
    try:
        turn.run(RescheduleAppointment(appointment_id=appointment.id, technician_id=technician_id,
                                       start=start, actor=turn.actor))
    except SchedulingConflict:
        turn.say(replies.slot_gone(visit_label(start, start + (appointment.window_end
                                                               - appointment.window_start),
                                               visits.timezone_of(turn, appointment))))
        reschedule.offer_times(turn, appointment, Wish(date=start.astimezone(
            ZoneInfo(visits.timezone_of(turn, appointment))).date()))
        return
    except DomainError as error:
        turn.finish(replies.refused(str(error)))
        return
    turn.forget_change()
    turn.finish(replies.moved_back(visits.label(turn, appointment), _technician(turn, appointment)))


def _offer(turn: Turn, appointment: Appointment, wish: Wish | None) -> None:
    job = turn.uow.jobs.get(appointment.job_id)
    site = turn.uow.sites.get(job.site_id) if job is not None else None
    if job is None or site is None:
        turn.finish(replies.nothing_to_undo())
        return
    found = offers.search(turn, service_id=job.service_id, zone_id=site.zone_id,
                          timezone=site.timezone, wish=wish, ignore_appointment=appointment.id)
    offers.present(turn, FLOW, {"appointment_id": appointment.id}, found, wish, site.timezone)


def _research(turn: Turn, wish: Wish) -> None:
    appointment = turn.uow.appointments.get(int(turn.data.get("appointment_id") or 0))
    if appointment is not None:
        _offer(turn, appointment, wish)


def _restore_at(turn: Turn, offer: Offer) -> None:
    """The cancelled visit back at a time picked from the nearest free ones."""
    appointment = turn.uow.appointments.get(int(turn.data.get("appointment_id") or 0))
    if appointment is None or appointment.id is None:
        turn.finish(replies.nothing_to_undo())
        return
    try:
        turn.run(RestoreAppointment(appointment_id=appointment.id, actor=turn.actor,
                                    technician_id=offer.technician_id, start=offer.start))
    except SchedulingConflict:
        turn.say(replies.slot_taken())
        _offer(turn, appointment, None)
        return
    except DomainError as error:
        turn.finish(replies.refused(str(error)))
        return
    turn.forget_change()
    turn.finish(replies.restored(visits.label(turn, appointment), _technician(turn, appointment)))


# The right address --------------------------------------------------------------------------

# A place of the customer's besides the one on file: a landlord's rental, a relative's home.
_ANOTHER_PLACE = re.compile(r"\b(?:rental|tenants?|unit|property|building|mom'?s|moms|mother'?s|"
                            r"dad'?s|dads|father'?s|parents'?|daughter'?s|son'?s|other (?:place|house|"
                            r"home|address))\b")


def _names_one_visit(turn: Turn) -> bool:
    """True when the text names exactly one of the customer's booked visits."""
    resolution = visits.resolve(turn, visits.upcoming(turn))
    return resolution.named.narrows and resolution.one is not None


def _another_place(text: str) -> bool:
    """True when the text places the work at another of the customer's places, not the one on
    file ("it's for my rental at ...")."""
    return _ANOTHER_PLACE.search(text) is not None


def _address_of_a_visit(turn: Turn, text: str) -> bool:
    """A wrong address told with nothing changed lately: the one visit named (or the only one)
    goes to the address given; with none, or several, the team is asked to put it right."""
    upcoming = visits.upcoming(turn)
    if not upcoming:
        return False  # nothing booked: the sign-up's own address correction, if any
    resolution = visits.resolve(turn, upcoming)
    named = resolution.one if resolution.named.narrows else (
        upcoming[0] if len(upcoming) == 1 else None)
    if named is not None and _HOUSE_NUMBER.search(text):
        _correct_site(turn, named, text)
        return True
    if _HOUSE_NUMBER.search(text):  # "wrong address on my account, it's 22 Elm St ..."
        handoff.hand_over(turn, reason=f"says the address we have is wrong: {turn.text[:120]}")
        turn.finish(replies.address_to_team())
        return True
    return False


def _correct_site(turn: Turn, appointment: Appointment, text: str) -> None:
    assert turn.customer is not None
    job = turn.uow.jobs.get(appointment.job_id)
    if job is None or not appointment.is_active:
        turn.finish(replies.nothing_to_undo())
        return
    if _HOUSE_NUMBER.search(text):
        _to_address(turn, appointment, turn.text)
        return
    others = [s for s in turn.customer.sites if s.id != job.site_id]
    if others:
        turn.ask(FLOW, "site", {"appointment_id": appointment.id},
                 replies.which_site_instead([s.one_line() for s in others]))
    else:
        turn.ask(FLOW, "site", {"appointment_id": appointment.id}, replies.ask_right_address())


def _answer_site(turn: Turn, appointment: Appointment) -> bool:
    assert turn.customer is not None
    job = turn.uow.jobs.get(appointment.job_id)
    others = [s for s in turn.customer.sites if job is None or s.id != job.site_id]
    option = turn.option()
    if option is not None and 1 <= option <= len(others):
        assert others[option - 1].id is not None
        _move_to_site(turn, appointment, int(others[option - 1].id or 0))
        return True
    if _HOUSE_NUMBER.search(_plain(turn.text)):
        _to_address(turn, appointment, turn.text)
        return True
    if turn.parse.intent in (intents.UNKNOWN, intents.CHOOSE, intents.AFFIRM):
        turn.misunderstood(replies.ask_right_address())
        return True
    return False


def move_to_address(turn: Turn, appointment: Appointment) -> None:
    """The visit is at the address the text gives (one of the account's, else added); its time
    stays."""
    _to_address(turn, appointment, turn.text)


def street_in(text: str) -> bool:
    """True when the text gives a street address ("5120 N Kimball Ave", or "5530 S Kimbark,
    60637": a street with its ZIP)."""
    if re.search(_STREET, _plain(text)) is not None:
        return True
    address = read_signup(text).address
    return address is not None and bool(address.postal_code)


def _to_address(turn: Turn, appointment: Appointment, text: str) -> None:
    """Move the visit to the address in `text`: one of the account's, else a new one of it."""
    site_id = _site_for(turn, text, appointment=appointment)
    if site_id is not None:
        _move_to_site(turn, appointment, site_id)


def _site_for(turn: Turn, text: str, *, appointment: Appointment | None,
              ask: bool = True) -> int | None:
    """The account's site at the address in `text`, added when new; None when it was answered."""
    assert turn.customer is not None
    known = _known_site(turn.customer.sites, text)
    if known is not None and known.id is not None:
        return known.id
    house = _HOUSE_NUMBER.search(text.lower())
    details = _address_in(turn, text[house.start():], appointment) if house else None
    if details is None:
        if appointment is None:
            if ask:
                turn.say(replies.ask_right_address())
        else:
            turn.ask(FLOW, "site", {"appointment_id": appointment.id}, replies.ask_right_address())
        return None
    try:
        site_id = turn.run(AddSite(account_id=turn.customer.account_id, street=details.street,
                                   city=details.city, postal_code=details.postal_code,
                                   actor=turn.actor))
    except OutsideServiceArea:
        visit = visits.label(turn, appointment) if appointment is not None else None
        turn.say(replies.site_outside_area(details.postal_code, visit))
        if appointment is not None:
            turn.finish()
        return None
    return int(site_id)


def _address_in(turn: Turn, text: str, appointment: Appointment | None) -> Address | None:
    """The street, town and ZIP `text` gives: a town from its ZIP, and both from the visit's
    address when only the house number is put right ("its 2048 W Irving Park Rd not 2040")."""
    address = read_signup(text).address
    if address is None or not address.street:
        return None
    city, postal_code = address.city, address.postal_code
    if not postal_code and appointment is not None:
        current = _site_of(turn, appointment)
        if current is not None and _street_name(current.address) == _street_name(address.street):
            city, postal_code = city or current.city, current.postal_code
    if not postal_code:  # "22 elm st in forest park": a town with one served ZIP names it
        city, postal_code = _town_named(turn, text) if not city else (
            city, next(iter(_one_zip(turn, city)), ""))
    city = city or (town_of(postal_code) if postal_code else None) or ""
    if not city or not postal_code:
        return None
    return Address(street=address.street, city=city, postal_code=postal_code)


def _town_named(turn: Turn, text: str) -> tuple[str, str]:
    """The served town the text names and its ZIP, when the town has exactly one served ZIP."""
    words = f" {_plain(text)} "
    named = [(town, codes) for town, codes in served_places(turn.business)
             if f" {town.lower()} " in words and len(codes) == 1]
    return (named[0][0], named[0][1][0]) if len(named) == 1 else ("", "")


def _one_zip(turn: Turn, town: str) -> list[str]:
    codes = served_zips_in(turn.business, town)
    return codes if len(codes) == 1 else []


def names_a_site(turn: Turn) -> bool:
    """True when the text gives a street address or the street of one of the account's sites."""
    assert turn.customer is not None
    return _known_site(turn.customer.sites, turn.text) is not None or street_in(turn.text)


def site_named(turn: Turn, text: str | None = None) -> int | None:
    """The account's site at the address the text (or `text`) names, added when new; None when
    it cannot be used (no ZIP to place it, or outside the area, which the customer is told)."""
    return _site_for(turn, turn.text if text is None else text, appointment=None, ask=False)


def _site_of(turn: Turn, appointment: Appointment) -> Site | None:
    job = turn.uow.jobs.get(appointment.job_id)
    return turn.uow.sites.get(job.site_id) if job is not None else None


# Words of a street that do not tell one street from another.
_STREET_WORDS = frozenset("n s e w north south east west st street ave avenue av rd road blvd dr drive "
                          "ln lane ct court pl place way pkwy parkway ter terrace hwy".split())


def site_confirmed(turn: Turn) -> bool:
    """Right after a visit's address was changed, a text naming that new street again ("i just
    need it at the kimball address", "so is it gonna be at kimball?") is told it is done."""
    change = turn.last_change()
    if turn.customer is None or change.get("kind") != "site_changed":
        return False
    text = _plain(turn.text)
    if _UNDO.search(text) or _REGRET.search(text):
        return False
    appointment = turn.uow.appointments.get(int(change.get("appointment_id") or 0))
    job = turn.uow.jobs.get(appointment.job_id) if appointment is not None else None
    site = turn.uow.sites.get(job.site_id) if job is not None else None
    if appointment is None or site is None or not visits.may_act(turn, appointment):
        return False
    own = set(_street_name(site.address).split()) - _STREET_WORDS
    words = set(re.findall(r"[a-z]+", text))
    if not own or not own <= words:
        return False
    numbers = re.findall(r"\b(\d{1,6})[a-z]?\s+[a-z]", text)
    if numbers and not site.address.startswith(numbers[0]):
        return False  # another house number on that street: a new address, the correction's
    small_talk.settle(turn, replies.site_confirmed(visits.label(turn, appointment),
                                                   site.one_line()))
    return True


def _street_name(street: str) -> str:
    """ "2040 W Irving Park Rd" -> "w irving park rd": the street without its house number."""
    return _plain(_HOUSE_NUMBER_ONLY.sub("", street.split(",")[0])).rstrip(".")


def _move_to_site(turn: Turn, appointment: Appointment, site_id: int, *,
                  undone: bool = False) -> None:
    job = turn.uow.jobs.get(appointment.job_id)
    if job is None or job.id is None:
        turn.finish(replies.nothing_to_undo())
        return
    previous = job.site_id
    if site_id == previous:  # the address given is the one it already has: nothing to change
        site = turn.uow.sites.get(site_id)
        turn.ask(FLOW, "site", {"appointment_id": appointment.id}, replies.already_there(
            visits.label(turn, appointment), site.one_line() if site is not None else ""))
        return
    site = turn.uow.sites.get(site_id)
    where = site.one_line() if site is not None else "the new address"
    try:
        turn.run(ChangeJobSite(job_id=job.id, site_id=site_id, actor=turn.actor))
    except InvalidTransition as error:
        turn.finish(replies.refused(str(error)))
        return
    except DomainError:  # the technician does not cover that area then: a person re-books it
        visit = visits.label(turn, appointment)
        handoff.hand_over(turn, reason=f"move the {visit} visit (job {job.number}) to {where}")
        turn.finish(replies.site_needs_rebooking(visit, where))
        return
    if undone:
        turn.forget_change()
        turn.finish(replies.site_changed(visits.label(turn, appointment), where))
        return
    turn.finish(replies.site_changed(visits.label(turn, appointment), where), done="site_changed",
                changed={"kind": "site_changed", "appointment_id": appointment.id,
                         "site_id": previous})


def move_back_to_site(turn: Turn, appointment: Appointment, site_id: int) -> None:
    """The visit back at one of the account's addresses ("put monday back to 3274"): an undo
    when the last change put it elsewhere, else a change of its own; its time stays."""
    change = turn.last_change()
    undone = (change.get("kind") == "site_changed"
              and change.get("appointment_id") == appointment.id
              and int(change.get("site_id") or 0) == site_id)
    _move_to_site(turn, appointment, site_id, undone=undone)


def known_site(turn: Turn) -> Site | None:
    """The account's site the text names by its street ("9 oak ave", "the marengo place")."""
    assert turn.customer is not None
    return _known_site(turn.customer.sites, turn.text)


def _known_site(sites: list[Site], text: str) -> Site | None:
    """The account's site whose street the text names ("9 oak ave", else "my rental on 53rd":
    the street's own words), if exactly one."""
    words = _plain(text)
    named = [s for s in sites if _plain(s.address).split(",")[0] in words
             or " ".join(_plain(s.address).split()[:2]) in words]
    if not named and re.search(_STREET, words) is None:  # a house number given is a new one
        said = set(re.findall(r"[a-z0-9]+", words))
        named = [s for s in sites if (own := set(_street_name(s.address).split()) - _STREET_WORDS)
                 and own <= said]
    return named[0] if len(named) == 1 else None


def site_on_street(sites: list[Site], text: str) -> Site | None:
    """The one site among `sites` whose street `text` names, if exactly one."""
    return _known_site(sites, text)


def named_site(turn: Turn) -> Site | None:
    """The sender's own site the text names by its street, if exactly one."""
    return _known_site(turn.customer.sites, turn.text) if turn.customer is not None else None


# Helpers ------------------------------------------------------------------------------------

def _undo_clause(text: str) -> str | None:
    """The clause that asks to put something back ("i said the heater!! put the drain back")."""
    for clause in re.split(r"[.!?;,]+", text):
        if _UNDO.search(clause):
            return clause.strip()
    return None


def _another_named(turn: Turn, change: dict[str, Any], appointment: Appointment,
                   clause: str | None) -> None:
    """A put-back naming a visit the last change did not touch: it is where it was, said so with
    what the last change was; nothing is changed."""
    said = visits.named(turn, text=clause) if clause else None
    others = [a for a in visits.narrow(turn, visits.upcoming(turn), said)
              if a.id != appointment.id] if said is not None and said.narrows else []
    if not others or len(others) > 2:
        turn.finish(replies.only_last_change(_what_changed(turn, change, appointment)))
        return
    for other in others:
        turn.say(replies.visit_unchanged(visits.service_name(turn, other).lower(),
                                         visits.label(turn, other), _technician(turn, other)))
    visits.remember_shown(turn, others)
    turn.finish(replies.only_last_change(_what_changed(turn, change, appointment)), keep_done=True)


def _is_the_one_named(turn: Turn, appointment: Appointment, change: dict[str, Any],
                      clause: str | None = None) -> bool:
    """False when the text (or its put-back `clause`) names a day or service that the changed
    visit does not have (a moved visit is also named by the day it had: "undo that, keep friday")."""
    said = visits.named(turn, text=clause) if clause else visits.named(turn)
    days = [_local_day(turn, appointment)]
    if change.get("kind") == "rescheduled" and change.get("start"):
        days.append(datetime.fromisoformat(str(change["start"])).astimezone(
            ZoneInfo(visits.timezone_of(turn, appointment))).date())
    if said.days and not any(said.on_day(day) for day in days):
        return False
    return not said.service_id or bool(visits.same_service(turn, [appointment], said.service_id))


def _what_changed(turn: Turn, change: dict[str, Any], appointment: Appointment) -> str:
    verb = {"cancelled": "cancelled", "rescheduled": "moved", "booked": "booked",
            "site_changed": "changed the address of"}.get(str(change.get("kind")), "changed")
    return f"I {verb} your {visits.label(turn, appointment)} visit"


def _technician(turn: Turn, appointment: Appointment) -> str:
    person = turn.uow.staff.get(appointment.technician_id)
    return person.name.split()[0] if person is not None else "your technician"


def _local_day(turn: Turn, appointment: Appointment) -> Any:
    return appointment.window_start.astimezone(
        ZoneInfo(visits.timezone_of(turn, appointment))).date()


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())
