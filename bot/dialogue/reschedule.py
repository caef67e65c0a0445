"""Moving a visit: which one (when there are several), to when, three offers, a pick, done.

A time with no day ("can the tech come at 4pm instead?") keeps the visit's own day.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.dialogue import handoff, offers, replies, small_talk, visits
from bot.dialogue.reply import Reply
from bot.dialogue.times import clock_label, visit_label
from bot.nlu import intents
from bot.nlu.days import find_days
from bot.nlu.text import normalize
from bot.nlu.when import names_a_week, resolve_when
from domain.commands import RescheduleAppointment
from domain.errors import DomainError, SchedulingConflict
from domain.jobs import Appointment, JobState
from domain.scheduling import Offer, Wish

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

FLOW = "reschedule"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def start(turn: Turn) -> None:
    """A customer wants to move a visit, maybe naming which one and to when."""
    when = turn.parse.slots.get("when")
    wanted = (when or {}).get("date")
    if said_from_the_visit(turn):
        # "can the drain cleaning on the 11th go a week later": the 11th names the visit; the
        # new day counts from it (`_from_the_visit`)
        wanted, when = None, {**(when or {}), "date": None}
    elif (moved_to := visits.day_moved_to(turn)) is not None and wanted != moved_to.isoformat():
        # "the monday drain cleaning, moved to the 17th": monday names the visit, the 17th is new
        wanted = moved_to.isoformat()
        when = {"start": None, "end": None, **(when or {}), "date": wanted}
    if wanted is not None and date.fromisoformat(wanted) in visits.named(turn, wanted=wanted).days:
        # "can tomorrow's appointment be after 2", "the friday guy in the afternoon": the day names
        # the visit; the hours asked for are on its day ("move tomorrow's appointment" asks when)
        when = {**when, "date": None} if when and (when.get("start") or when.get("end")) else None
    said_at = _visit_said_at(turn, when)
    if said_at is not None:
        # "someone is coming thursday at 8 ... could they come in the afternoon": the day and
        # time a visit already has name it; the new hours are the others the text asks for
        visits.start_choice(turn, FLOW, "move",
                            lambda t, appointment: _move_to_wish(
                                t, appointment, visits.wish_for(t, appointment, when)),
                            {"when": None}, among=[said_at])
        return
    if not visits.points_at_a_visit(turn) and not visits.named(turn, wanted=wanted).narrows:
        from bot.dialogue import booking  # imports this module's neighbours

        if booking.schedules_waiting_job(turn):
            return  # "how about monday morning" right after a quote's yes: times for its work
    among = visits.movable(turn)
    if wanted is not None and when and (when.get("start") or when.get("end")):
        resolution = visits.resolve(turn, among, wanted=wanted)
        matches = resolution.matches
        on_day = [a for a in matches if visits.local_day(turn, a).isoformat() == wanted]
        if resolution.named.narrows and len(matches) > 1 and len(on_day) == 1:
            # "can the plumber come after 3 friday instead" with plumbers friday and wednesday:
            # friday's visit, at other hours of its day
            among, when = on_day, {**when, "date": None}
    visits.start_choice(turn, FLOW, "move",
                        lambda t, appointment: _move_to_wish(
                            t, appointment,
                            (visits.wish_for(t, appointment, when) or when) if when else when),
                        {"when": when}, wanted=wanted, among=among)


def _visit_said_at(turn: Turn, when: dict[str, Any] | None) -> Appointment | None:
    """The one booked visit starting at exactly the day and time the text says, if any: asking
    to move a visit to where it already is makes no sense, so they name it."""
    if not when or not when.get("date") or not when.get("start"):
        return None
    day, start = date.fromisoformat(when["date"]), when["start"]
    found = [a for a in visits.upcoming(turn) if visits.local_day(turn, a) == day
             and f"{a.window_start.astimezone(ZoneInfo(visits.timezone_of(turn, a))):%H:%M}" == start]
    return found[0] if len(found) == 1 else None


def answer(turn: Turn) -> bool:
    """Answer the pending reschedule question; False when the text is about something else."""
    data = turn.data
    if turn.step == "which":
        return visits.answer_choice(turn, FLOW, "move",
                                    lambda t, appointment: _move_to_wish(
                                        t, appointment,
                                        data.get("when") or _wish_beside(t, appointment)))
    appointment = visits.own(turn, data.get("appointment_id"))
    if appointment is None:
        turn.finish(replies.no_upcoming())
        return True
    if turn.step == offers.PICK and asks_what_a_visit_is_for(turn.text):
        from bot.dialogue import held_offers, visit_questions  # import this module

        # "before i choose, is the thursday one for the same outlets?": answered, never moved;
        # the times offered stay offered
        if held_offers.aside(turn, visit_questions.answer):
            return True
    if turn.step in ("when", offers.PICK) and visits.keeps(turn, appointment):
        turn.finish(replies.kept(visits.label(turn, appointment)))  # "just keep thursday then"
        visits.remember_shown(turn, [appointment])  # "no just keep it as is" means this one
        return True
    if turn.step in ("when", offers.PICK, UNDERWAY) and _switched(turn, appointment):
        return True
    day_wished = offers.day_referred(turn) if turn.step == offers.PICK else None
    other = visits.other_named(turn, appointment) if turn.step in ("when", offers.PICK) \
        and day_wished is None else None
    if other is not None:
        # "no, the wed 9th plumbing one -> thu the 10th": another visit, maybe with its new time
        _move_to_wish(turn, other, visits.wish_for(turn, other))
        return True
    if turn.step in ("when", offers.PICK) and visits.refers_to_a_visit(turn) and visits.named(
            turn).narrows and not _names_an_offer(turn, appointment) and day_wished is None:
        # "the furnace one": the customer means another of their visits, not a new one
        return visits.answer_choice(turn, FLOW, "move",
                                    lambda t, other: _move_to_wish(t, other, None),
                                    listed=visits.upcoming(turn))
    if turn.step == "when":
        wish = offers.wish_from(turn, data.get("default_day"))
        if wish is None and said_from_the_visit(turn):
            wish = Wish()  # "a couple days later": counted from the visit in `offer_times`
        if wish is None:
            return _not_an_answer(turn, replies.ask_new_time(visits.label(turn, appointment)))
        offer_times(turn, appointment, wish)
        return True
    if turn.step == offers.PICK and _own_day_asked(turn, appointment):
        # "and the 22nd?" of the visit on the 22nd being moved: the times offered are its own
        turn.say(replies.counted_from(visits.service_name(turn, appointment),
                                      visits.label(turn, appointment)))
        turn.say(small_talk.still_open(turn))
        return True
    if turn.step == offers.PICK:
        return offers.answer_pick(turn, timezone=visits.timezone_of(turn, appointment),
                                  chosen=_move, research=_research)
    if turn.step == "offer_human":
        return handoff.answer_offer(turn)
    if turn.step == UNDERWAY:
        return _answer_underway(turn, appointment)
    return False


# "is that for the same outlets?", "what is the dec 17 visit for?": what a visit is about
_WHAT_FOR = re.compile(
    r"\b(?:is|was|are) (?:that|it|this|they|those|the \w+(?: \w+)? (?:one|visit|appointment|appt)s?)"
    r"(?: \w+){0,2} (?:for|about)\b|"
    r"\bwhat(?:s| is| was| are)?(?: \w+){1,8} (?:for|about)\b\W*(?:$|\?)|"
    r"\b(?:is|was) (?:that|it|this) (?:the )?same (?:thing|problem|issue|job|work)\b")
_MOVE_ASKED = re.compile(r"\b(?:move|moved|push|pushed|reschedule|switch|swap|instead|change|"
                         r"(?:can|could) (?:it|that|this|they|the \w+ one) (?:be|go|come))\b")


def asks_what_a_visit_is_for(text: str) -> bool:
    """True when a question asks what a visit is about ("the thursday one with eddie, is that for
    the same outlets?"), and asks no move of it."""
    plain = normalize(text)
    return "?" in text and _WHAT_FOR.search(plain) is not None and not _MOVE_ASKED.search(plain)


# "and the 22nd?", "what about the 22nd": a day alone asked after, no new time with it.
_DAY_ALONE_ASKED = re.compile(r"^\W*(?:(?:and|so|ok|okay|also|what about)\W+)+(?P<day>.+?)"
                              r"(?:\s+(?:one|visit|appointment|appt))?\W*$")
_DAY_WORDS = re.compile(r"^\W*(?:(?:the|on|my|\w+day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\W*)*$")


def _own_day_asked(turn: Turn, appointment: Appointment) -> bool:
    """True when the text only asks after the day of the visit being moved ("and the 22nd?"
    while the 22nd's visit has times offered on another day)."""
    found = _DAY_ALONE_ASKED.match(normalize(turn.text))
    if found is None:
        return False
    said = found.group("day")
    mentions = find_days(said, offers.local_date(turn.now, turn.timezone))
    if len(mentions) != 1:
        return False
    day = mentions[0]
    return (_DAY_WORDS.match(said[:day.start] + " " + said[day.end:]) is not None
            and day.day == visits.local_day(turn, appointment))


def _wish_beside(turn: Turn, appointment: Appointment) -> dict[str, Any] | None:
    """The new time told in another sentence than the one naming the visit ("the 24th obviously.
    tues the 29th morning?"); None when the text tells none."""
    return offers.wish_beside(turn, visits.local_day(turn, appointment))


def move_instead(turn: Turn, appointment: Appointment) -> None:
    """ "instead of cancelling can it go to the monday after": move the visit asked about; a
    day said relative to it counts from its own day (see `_from_the_visit`)."""
    _move_to_wish(turn, appointment, turn.parse.slots.get("when"))


def move_to(turn: Turn, appointment: Appointment, when: dict[str, Any] | None) -> None:
    """Move `appointment` to the time wished ("later that day" after a reminder), or ask when."""
    _move_to_wish(turn, appointment, when)


def start_among(turn: Turn, among: list[Appointment]) -> None:
    """Ask which of `among` (the visits just reminded) to move, then when."""
    visits.ask_which(turn, FLOW, "move", among, {"when": None})


# A move broken off by another request before a time was picked (persistent, half an hour):
# the time asked next for that visit's work moves it, never books it again.
MOVING = "moving"


def left_for_another(turn: Turn) -> None:
    """The pending move's question is left for another request ("the first one please, and how
    much was the kitchen quote?" read as a new booking): remember which visit was being moved."""
    conversation = turn.conversation
    appointment_id = turn.data.get("appointment_id")
    if conversation.flow == FLOW and conversation.step in ("when", offers.PICK) and appointment_id:
        turn.remember(MOVING, {"appointment_id": appointment_id, "at": turn.now.isoformat()})


def being_moved(turn: Turn) -> Appointment | None:
    """The visit a move broken off in the last half hour was moving, if still booked."""
    raw = turn.recent(MOVING)
    return visits.own(turn, raw.get("appointment_id")) if raw is not None else None


def start_move(turn: Turn, appointment: Appointment) -> None:
    """Ask when to move `appointment` to (it was named after another was moved by mistake)."""
    _move_to_wish(turn, appointment, None)


# The new time after the visit named: "the friday electrical, to monday dec 14".
_TO_TIME = re.compile(r"\b(?:to|onto|until|till|for)\s+(.+)$")


def _switched(turn: Turn, appointment: Appointment) -> bool:
    """A correction naming another visit mid-move ("the water heater one friday, not the drain",
    "sorry i meant the electrical one"): that visit is the one to move, asked about when several
    match; the visit picked first never moves. A text that cancels ("keep the plumbing where it
    was, but cancel the electrical one") is the cancel's."""
    if turn.parse.intent == intents.CANCEL:
        return False
    spares_this = appointment in visits.spared_among(turn, [appointment])
    wanted = _day_wished(turn)
    said = visits.named(turn, wanted=wanted)
    if not spares_this and not (visits.CORRECTS.search(visits.kept(turn).rest) and said.narrows):
        return False
    if not spares_this and not (said.days or said.service_id or said.technicians) and find_days(
            normalize(turn.text), offers.local_date(turn.now, turn.timezone)):
        return False  # "no it has to be friday. anything fri morning?": day and hours are the wish
    movable = visits.movable(turn)
    spared = visits.spared_among(turn, movable)
    matches = visits.resolve(turn, movable, wanted=wanted).matches if said.narrows else movable
    others = [a for a in matches if a.id != appointment.id and a not in spared]
    if not others:
        if not spares_this:
            return False  # names this very visit again: the question goes on
        others = [a for a in movable if a.id != appointment.id and a not in spared]
        if not others:
            turn.finish(replies.left_as_is())
            return True
    when = _wished_after(turn, turn.data.get("when"))
    if len(others) == 1:
        _move_to_wish(turn, others[0], when)
    else:
        visits.ask_which(turn, FLOW, "move", others, {"when": when})
    return True


def _day_wished(turn: Turn) -> str | None:
    """The day the text wishes for: after "to" ("to monday dec 14"), else the parsed one."""
    found = _TO_TIME.search(visits.kept(turn).rest)
    today = offers.local_date(turn.now, turn.timezone)
    when = resolve_when(found.group(1), today) if found is not None else None
    when = when or turn.parse.slots.get("when") or {}
    day = when.get("date")
    return str(day) if day else None


def _wished_after(turn: Turn, before: dict[str, Any] | None) -> dict[str, Any] | None:
    """The time wished for the visit switched to: "to monday dec 14" or "can that be monday" in
    the text, else the hours wished before (on that visit's own day)."""
    found = _TO_TIME.search(visits.kept(turn).rest)
    today = offers.local_date(turn.now, turn.timezone)
    when = resolve_when(found.group(1), today) if found is not None else None
    if when:
        return when
    wanted = _day_wished(turn)
    parsed = turn.parse.slots.get("when")
    if wanted and parsed and date.fromisoformat(wanted) not in visits.named(
            turn, wanted=wanted).days:
        return dict(parsed)  # "can that be monday": a day no visit is named by
    if before and (before.get("start") or before.get("end")):
        return {**before, "date": None}
    return None


UNDERWAY = "underway"  # the technician is on the way or there: a Y/N before anything moves


def _underway(turn: Turn, appointment: Appointment) -> bool:
    job = turn.uow.jobs.get(appointment.job_id)
    return job is not None and job.state in (JobState.EN_ROUTE, JobState.ON_SITE)


def _warn_underway(turn: Turn, appointment: Appointment, when: dict[str, Any] | None) -> None:
    """Say the technician is already on the way (or there) and ask before moving the visit."""
    job = turn.uow.jobs.get(appointment.job_id)
    assert job is not None
    technician = turn.uow.staff.get(appointment.technician_id)
    name = technician.name.split()[0] if technician is not None else "Your technician"
    eta = (clock_label(job.eta, visits.timezone_of(turn, appointment))
           if job.state is JobState.EN_ROUTE and job.eta is not None and job.eta > turn.now
           else None)
    turn.ask(FLOW, UNDERWAY, {"appointment_id": appointment.id, "when": when,
                              "underway_ok": False},
             replies.confirm_move_underway(name, job.state is JobState.ON_SITE, eta))


def _answer_underway(turn: Turn, appointment: Appointment) -> bool:
    """Only a clear yes (or a new time asked for after the warning) goes on; nothing moves yet."""
    intent = turn.parse.intent
    if intent == intents.DENY:
        turn.finish(replies.kept(visits.label(turn, appointment)))
        return True
    wish = offers.wish_from(turn)
    # "today at 1 pls, same guy right?": the time told in a clause of its own is a yes with it
    told = offers.time_told_beside_question(turn)
    if intent == intents.AFFIRM or (wish is not None and ("?" not in turn.text or told is not None)
                                    and intent in (intents.RESCHEDULE, intents.BOOK,
                                                   intents.CHOOSE, intents.UNKNOWN)
                                    and turn.option() is None):
        when = turn.parse.slots.get("when") or told or turn.data.get("when")
        # the technician is driving there now: dispatch hears at once, not only once it moves
        handoff.hand_over(turn, reason=f"wants to move the {visits.label(turn, appointment)} visit "
                                       "while the technician is on the way; choosing a new time")
        _move_to_wish(turn, appointment, when, confirmed=True)
        return True
    if intent in (intents.UNKNOWN, intents.CHOOSE, intents.RESCHEDULE):
        turn.misunderstood(replies.yes_or_no(replies.confirm_move_underway(
            "Your technician", False, None)))
        return True
    return False


def move_missed(turn: Turn, appointment: Appointment, when: dict[str, Any] | None) -> None:
    """A booking asked for while a visit of the same work was missed: move that visit instead."""
    _move_to_wish(turn, appointment, when)


def move_sooner(turn: Turn, appointment: Appointment) -> None:
    """A hurried booking of work already booked ("can she come earlier?"): the soonest times to
    move that visit to; nothing moves until one is picked."""
    if _underway(turn, appointment):
        _warn_underway(turn, appointment, None)
        return
    technician = turn.uow.staff.get(appointment.technician_id)
    turn.say(replies.booked_already(visits.service_name(turn, appointment),
                                    visits.label(turn, appointment),
                                    technician.name.split()[0] if technician else None))
    offer_times(turn, appointment, None, confirmed=False)


def _move_to_wish(turn: Turn, appointment: Appointment, when: dict[str, Any] | None, *,
                  confirmed: bool = False) -> None:
    if not confirmed and _underway(turn, appointment):
        _warn_underway(turn, appointment, when)
        return
    day = offers.local_date(appointment.window_start, visits.timezone_of(turn, appointment))
    if not when and (_later_than(turn, appointment) is not None or said_from_the_visit(turn)):
        # "push it back a bit", "move it to the week after": times after it, at once
        offer_times(turn, appointment, Wish(date=day), confirmed=confirmed)
        return
    if not when:
        turn.ask(FLOW, "when", {"appointment_id": appointment.id, "default_day": day.isoformat(),
                                "underway_ok": confirmed},
                 replies.ask_new_time(visits.label(turn, appointment)))
        return
    if when.get("date") is None:
        when = {**when, "date": day.isoformat()}
    when = _in_the_visits_week(turn, appointment, when)
    offer_times(turn, appointment, Wish.from_when(when), confirmed=confirmed)


# A weekday named alone ("thursday", "on friday"): which week it is in is not said.
_BARE_DAY = re.compile(r"^(?:on )?(?:" + "|".join(_WEEKDAYS) + r")s?$")


def _in_the_visits_week(turn: Turn, appointment: Appointment,
                        when: dict[str, Any]) -> dict[str, Any]:
    """After the visits of a later week were listed ("what do i have next week?"), "the second
    one on wednesday, can that be thursday" means that week's Thursday: a weekday named alone is
    of the week talked about, not this week's."""
    wanted = when.get("date")
    if not wanted:
        return when
    day = date.fromisoformat(str(wanted))
    visit_day = visits.local_day(turn, appointment)
    monday = visit_day - timedelta(days=visit_day.weekday())
    shown = visits.just_shown(turn, visits.upcoming(turn))
    if day >= monday or appointment not in shown or any(
            not monday <= visits.local_day(turn, a) < monday + timedelta(days=7) for a in shown):
        return when
    text = normalize(turn.text)
    today = offers.local_date(turn.now, turn.timezone)
    bare = any(m.day == day and _BARE_DAY.match(text[m.start:m.end])
               for m in find_days(text, today))
    moved = monday + timedelta(days=day.weekday())
    return {**when, "date": moved.isoformat()} if bare and moved >= today else when


def _names_an_offer(turn: Turn, appointment: Appointment) -> bool:
    """ "the tuesday one" while times are offered: one of those times, not another visit."""
    if turn.step != offers.PICK:
        return False
    found = [offers.load(raw) for raw in turn.data.get("offers", [])]
    return offers.offers_meant(turn, found, visits.timezone_of(turn, appointment)) is not None


def offer_times(turn: Turn, appointment: Appointment, wish: Wish | None, *,
                confirmed: bool | None = None, sooner: bool = False) -> None:
    """Search and list times to move `appointment` to, nearest to `wish`; `sooner`: only times
    before it (none: said so, and the visit stays)."""
    job = turn.uow.jobs.get(appointment.job_id)
    site = turn.uow.sites.get(job.site_id) if job is not None else None
    if job is None or site is None:
        turn.finish(replies.no_upcoming())
        return
    day = offers.local_date(appointment.window_start, site.timezone)
    ok = bool(turn.data.get("underway_ok")) if confirmed is None else confirmed
    later = _later_than(turn, appointment) or (wish.later_than if wish else None)
    # its own time, or one within half its window of it, is no move; "push it" asks for a time
    # after it, on a weekday after its day
    near = (appointment.window_end - appointment.window_start) / 2
    counted = _from_the_visit(turn, appointment, wish, day)
    named = sooner  # "to move it sooner": the visit is said already
    if counted is not None and counted.date is not None and counted.date != (
            wish.date if wish else None) and _same_work_elsewhere(turn, appointment):
        # "push the drain one a week" with two drain visits: say which one the week counts from
        turn.say(replies.counted_from(visits.service_name(turn, appointment),
                                      visits.label(turn, appointment)))
        named = True
    wish = counted
    wish = replace(_after_the_visit(turn, wish, day) if later and wish else wish or Wish(),
                   not_within=(appointment.window_start - near + timedelta(seconds=1),
                               appointment.window_start + near), later_than=later)
    data = {"appointment_id": appointment.id, "default_day": day.isoformat(), "underway_ok": ok,
            "when": _when_of(wish), "later_than": later.isoformat() if later else None}
    found = offers.search(turn, service_id=job.service_id, zone_id=site.zone_id,
                          timezone=site.timezone, wish=wish, ignore_appointment=appointment.id)
    if not found and (wish.start or wish.end or wish.date) is not None:
        # hours never open ("at 7:30" read as evening), or a day with nothing free: the nearest
        # times that still move the visit, before saying there is nothing for two weeks
        for wider in (replace(wish, start=None, end=None),
                      replace(wish, start=None, end=None, date=None, through=None)):
            found = offers.search(turn, service_id=job.service_id, zone_id=site.zone_id,
                                  timezone=site.timezone, wish=wider,
                                  ignore_appointment=appointment.id)
            if found:
                break
    # the slot the visit already has is no time to move it to
    found = [o for o in found if (o.start, o.technician_id) != (appointment.start,
                                                                appointment.technician_id)]
    if sooner:
        found = [o for o in found if o.start < appointment.start]
        if not found:
            turn.finish(replies.nothing_sooner())
            return
    moving = None
    if not named and _first_offer_among_several(turn, appointment):
        # "move the 2nd one to monday" among several visits: which one the times are for
        on, _, window = visits.label(turn, appointment).partition(", ")
        moving = (visits.service_name(turn, appointment), on, window)
    offers.present(turn, FLOW, data, found, wish, site.timezone, moving=moving)


def _first_offer_among_several(turn: Turn, appointment: Appointment) -> bool:
    """True when times are first offered to move `appointment` and the customer has other
    visits booked, so the offer says which visit it moves."""
    again = turn.conversation.is_active(turn.now) and turn.conversation.flow == FLOW and \
        turn.data.get("appointment_id") == appointment.id
    return not again and any(a.id != appointment.id for a in visits.upcoming(turn))


def _same_work_elsewhere(turn: Turn, appointment: Appointment) -> bool:
    """True when another upcoming visit is for the same work as `appointment`."""
    job = turn.uow.jobs.get(appointment.job_id)
    others = [a for a in visits.upcoming(turn) if a.id != appointment.id]
    return job is not None and bool(visits.same_service(turn, others, job.service_id))


# "push it back", "can it be later", "postpone it": a time after the visit's own.
_PUSHES = re.compile(r"\b(?:push|pushed|pushing|postpone|postponed|delay|later|bump (?:it |that |this )?"
                     r"back|put (?:it |that |this )?back a bit|after the "
                     r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,2}(?:st|nd|rd|th))"
                     r"(?: one| visit)? not before)\b")
_NOT_PUSHING = re.compile(r"\b(?:text|call|talk|get back to)(?: \w+)? later\b|\blater (?:today|on)? ?"
                          r"(?:i|we) (?:will|can|ll)\b|\bput (?:it|that) back\b(?! a bit)|"
                          # "later today" asks for a time after now, maybe before the visit
                          r"\blater (?:today|tonight|this (?:morning|afternoon|evening))\b|"
                          r"\b(?:earlier|sooner) or later\b|\blater or (?:earlier|sooner)\b|"
                          # "you pushed it by mistake, back to how it was": a put-back, not a push
                          r"\bback to (?:how|where|what|the way) it (?:was|were)\b|"
                          r"\bback to (?:the )?(?:original|old|first|usual)\b|\bby mistake\b|"
                          r"\bmove (?:it|that|this) back\b")


def _later_than(turn: Turn, appointment: Appointment) -> datetime | None:
    """The visit's start when the text pushes it back (or pushed it earlier in this move)."""
    text = normalize(turn.text)
    if _PUSHES.search(text) and not _NOT_PUSHING.search(text):
        return appointment.start
    said = turn.data.get("later_than") if turn.data.get("appointment_id") == appointment.id else None
    return datetime.fromisoformat(str(said)) if said else None


def _after_the_visit(turn: Turn, wish: Wish, visit_day: date) -> Wish:
    """A weekday wished for a pushed visit falls after its day: "push friday's to monday or
    tuesday next week", said on Sunday, means the Monday after that Friday."""
    if wish.date is None or wish.date >= visit_day:
        return wish
    text = normalize(turn.text)
    today = offers.local_date(turn.now, turn.timezone)
    named = any(m.day == wish.date and _WEEKDAY_WORD.search(text[m.start:m.end])
                for m in find_days(text, today))
    if not named:
        return wish
    shift = timedelta(days=7 * ((visit_day - wish.date).days // 7 + 1))
    # "thursday or friday": both after the visit's day, as one wish still
    through = wish.through + shift if wish.through is not None and not names_a_week(
        text, today, wish.date) else None
    if through is None:
        return replace(wish, date=wish.date + shift, through=None)
    first, last = wish.date, wish.through
    assert last is not None
    return replace(wish, date=first + shift, through=through, not_days=frozenset(
        day + shift if first <= day <= last else day for day in wish.not_days))


# Days said relative to the visit being moved: "the monday after", "a week later", "2 weeks
# after that", "same time next week".
_WEEKDAY_AFTER = re.compile(r"\b(?:the )?(" + "|".join(_WEEKDAYS) + r")(?: (?:morning|afternoon|evening))?"
                            r" (?:after|following)\b"
                            r"(?! (?:next|this|today|tomorrow|\d))")
_COUNT = r"(a couple(?: of)?|couple(?: of)?|a few|few|a|one|1|two|2|three|3)"
# "push it a week", "move the thursday one back 2 weeks", "bump it by a couple of days": a
# count said after a move word, not "in a week" / "a week from today" (counted from today)
_MOVED_BY = (r"\b(?:push|pushed|move|moved|bump|bumped|shift|shifted|delay|delayed|postpone|"
             r"postponed|put)\b[^.?!,;]{0,40}? (?:back |out |forward )?(?:by )?(?<!\bin )"
             + _COUNT)
_NOT_FROM_TODAY = r"(?! from (?:today|now|tomorrow))"
_WEEKS_LATER = re.compile(rf"\b{_COUNT} weeks? (?:later|after(?: (?:that|it|this))?)\b|"
                          r"\b(?:the|a) week (?:after|later)\b(?! next)|"
                          rf"{_MOVED_BY} weeks?\b{_NOT_FROM_TODAY}")
# "a couple days later", "2 days after that", "push it a day", "the day after" (not "the day
# after tomorrow", nor "same day after 12": that day, after noon)
_DAYS_LATER = re.compile(rf"\b{_COUNT} days? (?:later|after(?: (?:that|it|this))?)\b|"
                         r"(?<!\bsame )(?<!\bthat )\b(?:the )?(?:next day|day after)\b(?! tomorrow| next)|"
                         rf"{_MOVED_BY} days?\b{_NOT_FROM_TODAY}")
_SAME_TIME = re.compile(r"\b(?:same|usual) time\b")
# "later in the week": the days after the visit's own, up to that week's Sunday.
_LATER_THAT_WEEK = re.compile(r"\blater (?:in|that|this) (?:the )?week\b")
_NEXT_WEEK = re.compile(r"\bnext (?:week|wk)\b")
_COUNTS = {"a": 1, "one": 1, "1": 1, "two": 2, "2": 2, "three": 3, "3": 3, "a couple": 2,
           "a couple of": 2, "couple": 2, "couple of": 2, "a few": 3, "few": 3}


def _count_of(found: re.Match[str]) -> int:
    """The count a later-by match says ("a couple of" weeks: 2); "the week after": 1."""
    said = next((g for g in found.groups() if g), "a")
    return _COUNTS.get(said, 1)


def said_from_the_visit(turn: Turn) -> bool:
    """True when the text names a day counted from the visit ("the friday after", "a week later",
    "same time next week")."""
    text = visits.kept(turn).rest
    return bool(_WEEKDAY_AFTER.search(text) or _WEEKS_LATER.search(text)
                or _DAYS_LATER.search(text) or _later_that_week(turn, text)
                or _SAME_TIME.search(text) and _NEXT_WEEK.search(text))


def _later_that_week(turn: Turn, text: str) -> bool:
    """ "later in the week": the days after the visit's own, unless a day follows that says
    which ("later in the week, thurs?": that Thursday, a day of its own)."""
    found = _LATER_THAT_WEEK.search(text)
    return found is not None and not find_days(text[found.end():],
                                               offers.local_date(turn.now, turn.timezone))


def _from_the_visit(turn: Turn, appointment: Appointment, wish: Wish | None,
                    visit_day: date) -> Wish | None:
    """A day said relative to the visit being moved counts from its day, not today: "the friday
    after" (that Friday after the visit), "a week later", "same time next week" (its start)."""
    text = visits.kept(turn).rest
    after = _WEEKDAY_AFTER.search(text)
    weeks = _WEEKS_LATER.search(text)
    days = _DAYS_LATER.search(text)
    same_time = _SAME_TIME.search(text) is not None
    day: date | None = None
    if after is not None:
        day = visit_day + timedelta(days=(_WEEKDAYS.index(after.group(1)) - visit_day.weekday() - 1)
                                    % 7 + 1)
    elif weeks is not None:
        day = visit_day + timedelta(days=7 * _count_of(weeks))
    elif days is not None:
        day = visit_day + timedelta(days=_count_of(days))
    elif same_time and _NEXT_WEEK.search(text):
        day = visit_day + timedelta(days=7)
    elif _later_that_week(turn, text) and visit_day.weekday() < 6:
        return replace(wish or Wish(), date=visit_day + timedelta(days=1),
                       through=visit_day + timedelta(days=6 - visit_day.weekday()))
    if day is None and not same_time:
        return wish
    wish = wish or Wish()
    if day is not None:
        wish = replace(wish, date=day, through=None)
    own = appointment.window_start.astimezone(ZoneInfo(visits.timezone_of(turn, appointment))).time()
    if same_time and (wish.start is None or (wish.start.hour % 12, wish.start.minute) == (
            own.hour % 12, own.minute)):
        # "same time 7:30" for a 7:30am visit: its own time, never 7:30pm
        wish = replace(wish, start=own, end=None)
    return wish


_WEEKDAY_WORD = re.compile(r"\b(?:" + "|".join(_WEEKDAYS) + r")")


def _when_of(wish: Wish | None) -> dict[str, str | None] | None:
    """A wish as the `when` slot reads ({"date", "start", "end"}), kept for a switch of visit."""
    if wish is None:
        return None
    return {"date": wish.date.isoformat() if wish.date else None,
            "start": wish.start.strftime("%H:%M") if wish.start else None,
            "end": wish.end.strftime("%H:%M") if wish.end else None}


def _research(turn: Turn, wish: Wish) -> None:
    appointment = visits.own(turn, turn.data.get("appointment_id"))
    if appointment is None:
        turn.finish(replies.no_upcoming())
        return
    offer_times(turn, appointment, wish)


def _move(turn: Turn, offer: Offer) -> None:
    appointment = visits.own(turn, turn.data.get("appointment_id"))
    if appointment is None:
        turn.finish(replies.no_upcoming())
        return
    assert appointment.id is not None
    was = visits.label(turn, appointment)
    underway = _underway(turn, appointment)
    if underway and not turn.data.get("underway_ok"):
        _warn_underway(turn, appointment, None)  # never moved before the customer said yes
        return
    technician = turn.uow.staff.get(appointment.technician_id) if underway else None
    previous = {"kind": "rescheduled", "appointment_id": appointment.id,
                "technician_id": appointment.technician_id,
                "start": appointment.start.isoformat()}
    try:
        turn.run(RescheduleAppointment(appointment_id=appointment.id,
                                       technician_id=offer.technician_id, start=offer.start,
                                       actor=turn.actor))
    except SchedulingConflict:
        turn.say(replies.slot_taken())
        offer_times(turn, appointment, None)
        return
    except DomainError as error:
        turn.finish(replies.refused(str(error)))
        return
    turn.forget(MOVING)
    visit = visit_label(offer.window_start, offer.window_end, visits.timezone_of(turn, appointment))
    reply = (replies.moved_told_crew(f"{visit} with {offer.technician_name.split()[0]}",
                                     technician.name.split()[0])
             if technician is not None else
             replies.rescheduled(visits.service_name(turn, appointment), was, visit,
                                 offer.technician_name.split()[0]))
    turn.finish(reply, done="rescheduled", changed=previous)


def _not_an_answer(turn: Turn, retry: Reply) -> bool:
    if turn.parse.intent in (intents.UNKNOWN, intents.CHOOSE, intents.AFFIRM, intents.DENY):
        turn.misunderstood(retry)
        return True
    return False
