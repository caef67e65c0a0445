"""A customer asks to be told before the technician comes ("can the tech text me when they're
heading over"), or asks more of a visit booked ("can eddie also check the garage outlet on
thursday", "tell him about the dripping tap"): a note for the office, never a new visit."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.dialogue import handoff, quote_decisions, replies, small_talk, visits
from bot.dialogue.times import clock_label, local
from bot.nlu import intents
from bot.nlu.text import normalize
from domain.jobs import JobState

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

_ASKED = re.compile(
    r"\b(?:text|call|ring|message|phone|ping|let) (?:me|us|him|her|them|my tenant|the tenant)"
    r"(?: (?:or|and) (?:me|us|him|her|them))?(?: know)? (?:when|before|once|as soon as|"
    r"if) (?:(?:he|she|they|the tech|the technician|the plumber|the electrician|your (?:guy|tech))"
    r"(?:'re|'s| is| are)? )?(?:is |are )?(?:heading|on (?:the|their|his|her) way|leaving|coming|"
    r"comes?|gets? (?:here|there|close)|leaves?|heads?|close|nearby|near|about to|headed|"
    r"setting off|en route|\d+ min)")


_WORKER = r"(?:the (?:tech|technician|plumber|electrician|guy)|(?!(?:me|you|u|us|we|i|thought)\b)\w+)"
# More asked of the visit booked, in so many words: "also", "while he's there", "tell him about".
_MORE = re.compile(
    rf"\b(?:tell|let|ask|remind) {_WORKER} (?:about|know about)\b"
    rf"|\b(?:tell|ask|remind|have|get) {_WORKER} to (?:also )?(?:check|look|take a look|see)\b"
    rf"|\b(?:can|could|would) {_WORKER}(?: \w+day| tomorrow)? (?:also|too|please also) (?:check|look at|"
    r"take a look at|see about|fix)\b"
    r"|\bwhile (?:he|she|they)(?:'s|'re| is| are) (?:there|here|at it)\b"
    # "can he check the thermostat upstairs too?", "can he look at it today" (his visit's day):
    # more of the visit under way, never a new booking
    rf"|\b(?:can|could|would) {_WORKER} (?:check|look at|take a look at|see about|fix)\b[^.?!]{{0,40}}"
    r"\b(?:too|also|as well)\b"
    r"|\b(?:can|could|would) (?:he|she|they) (?:check|look at|take a look at|see about|fix)\b[^.?!]{0,40}"
    r"\btoday\b"
    r"|\bnote\b(?= (?:for|to|about)\b|\W*$)")
# A word for the technician coming today: "tell him to wait 10 min", "need to run out for 15",
# "can she wait if im not there", "i'll be back in 10".
_RELAY = re.compile(
    r"\b(?:tell|ask|let) (?:him|her|them|the (?:tech|technician|plumber|electrician|guy)|[a-z]+) "
    r"(?:to )?(?:wait|hold on|hang on|sit tight|come back|call me|ring)\b"
    r"|\b(?:can|could|will|would) (?:he|she|they) (?:please )?(?:wait|hold on|hang on)\b"
    r"|\b(?:need|have|got|gotta|going) to (?:run|step|pop|head|duck) out\b"
    r"|\b(?:running|stepping|popping|heading|ducking) out (?:for|real quick|quick)\b"
    r"|\b(?:i'?ll|i will|ill|be) (?:be )?back in (?:\d+|a few|ten|five|fifteen|twenty)\b")
_ACTS = frozenset({intents.CANCEL, intents.RESCHEDULE, intents.APPROVE_QUOTE, intents.DECLINE_QUOTE,
                   intents.HUMAN})


def more_work(turn: Turn) -> bool:
    """More work asked of one visit booked, named by its technician, day or work: passed on to
    the office as a note; False when the text asks no such thing or names no one visit."""
    text = normalize(turn.text)
    if turn.customer is None or turn.parse.intent in _ACTS or not _MORE.search(text):
        return False
    if quote_decisions.decides(text):
        return False  # "approve the plan and tell eddie": the decision comes first, then this
    when = turn.parse.slots.get("when") or {}
    if when.get("start") or when.get("end"):
        return False  # "can eddie also come at 3": a time, not a note
    said = visits.named(turn, text=text)  # "also check ...": the note's own, not another request
    if not said.narrows and not _PRONOUN.search(text):
        return False
    if said.technicians or said.days:  # the work named is the new ask, not the visit's own
        said = replace(said, service_id=None)
    booked = visits.upcoming(turn)
    meant = visits.narrow(turn, booked, said) if said.narrows else visits.just_shown(turn, booked)
    if len(meant) != 1:
        return False
    visit = meant[0]
    person = turn.uow.staff.get(visit.technician_id)
    name = person.first_name if person else "your technician"
    asked = next((c.strip() for c in _CLAUSES.split(text) if _MORE.search(c)), text)
    handoff.hand_over(turn, reason=f'note for the {visits.label(turn, visit)} visit: "{asked[:160]}"')
    small_talk.settle(turn, replies.note_passed_on(visits.label(turn, visit), name, asked))
    visits.remember_shown(turn, [visit])
    return True


_CLAUSES = re.compile(r"[.?!;]+|\b(?:and|just|but|also,)\b")
_PRONOUN = re.compile(r"\b(?:he|she|they|him|her|them)\b")


def relayed(turn: Turn) -> bool:
    """A word for the technician due today ("tell him to wait 10 min"): the office is asked to
    pass it on, and the customer told so honestly, with the arrival time when there is one;
    False when the text says no such thing or no visit is due today."""
    if turn.customer is None or turn.parse.intent in _ACTS or not _RELAY.search(normalize(turn.text)):
        return False
    today = local(turn.now, turn.timezone).date()
    due = [a for a in visits.upcoming(turn) if local(a.start, turn.timezone).date() == today]
    if not due:
        return False
    visit = due[0]
    job = turn.uow.jobs.get(visit.job_id)
    person = turn.uow.staff.get(visit.technician_id)
    name = person.first_name if person else "your technician"
    eta = job.eta if job is not None and job.state is JobState.EN_ROUTE and job.eta else None
    handoff.hand_over(turn, reason=f'message for {name} on the way to the {visits.label(turn, visit)} '
                                   f'visit: "{" ".join(turn.text.split())[:160]}"')
    small_talk.settle(turn, replies.passed_to_technician(
        name, clock_label(eta, turn.timezone) if eta else None))
    return True


def answer(turn: Turn) -> bool:
    """Pass the wish on to the office for the visit meant; False for any other text."""
    if more_work(turn) or relayed(turn):
        return True
    if turn.customer is None or turn.parse.slots.get("service") or turn.parse.slots.get("when"):
        return False
    if turn.conversation.is_active(turn.now) or not _ASKED.search(normalize(turn.text)):
        return False
    booked = visits.upcoming(turn)
    changed = turn.last_change().get("appointment_id")
    meant = [a for a in booked if a.id == changed] or (booked if len(booked) == 1 else [])
    visit = visits.label(turn, meant[0]) if meant else None
    handoff.hand_over(turn, reason="asked to be texted when the technician heads over"
                      + (f" for the {visit} visit" if visit else ""))
    job = turn.uow.jobs.get(meant[0].job_id) if meant else None
    if job is not None and job.state is JobState.EN_ROUTE:  # on the way already: say so
        person = turn.uow.staff.get(meant[0].technician_id)
        eta = clock_label(job.eta, turn.timezone) if job.eta else None
        turn.finish(replies.passed_to_technician(person.first_name if person else
                                                 "your technician", eta), keep_done=True)
        return True
    turn.finish(replies.heads_up_noted(visit), keep_done=True)
    return True
