"""Nobody home at a visit: the technician at the door, the customer asked where they are, and,
when the customer texts back, the technician and the office told at once.

The technician's "here, nobody home. knocked and called twice" pauses the job (the office is
asked to follow up, as for any pause), but the customer is told the technician is at the door,
not that the work can't be finished. The customer's next text that day is passed on."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.dialogue import replies
from domain.jobs import Job, JobState
from domain.messages import Direction, MessageKind
from domain.notices import notify_staff

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

KEY = "tech-nobody-home"  # the customer's notice key starts so (technician_undo.tell)
NOBODY_HOME = re.compile(
    r"\b(?:nobody|no one|noone|no body) (?:is )?(?:home|here|there|answering|answered|around)\b|"
    r"\bnot (?:home|answering|picking up)\b|\bno answer(?: at the door)?\b|"
    r"\bknocked\b", re.IGNORECASE)
# Locked out, not stood up: "gate's locked", "cant get in", "office closed til 3:30".
NO_WAY_IN = re.compile(
    r"\b(?:can'?t|cannot|couldn'?t|unable to|no way to) (?:get|go) (?:in|inside|into|through|"
    r"past|access)\b|\b(?:can'?t|cannot|couldn'?t) access\b|\bno access\b|\blocked (?:out|gate|"
    r"door)\b|\b(?:gate|door|building|office|lobby|store|shop|place)(?:'s| is| was)? (?:locked|"
    r"closed)\b|\bclosed (?:for|til|till|until|up)\b|\b(?:gate )?code (?:doesn'?t|does not|"
    r"didn'?t|won'?t|isn'?t) work", re.IGNORECASE)
# A customer's text this long after the technician found nobody home still answers it.
ANSWERS_FOR = timedelta(hours=4)


def says_nobody_home(text: str) -> bool:
    return NOBODY_HOME.search(text) is not None


def says_no_way_in(text: str) -> bool:
    return NO_WAY_IN.search(text) is not None


def answer(turn: Turn) -> bool:
    """A customer's text while their technician, lately, found nobody home: passed on to the
    technician and the office at once, and the customer told so."""
    if turn.customer is None:
        return False
    # only the paused jobs are read: every customer text asks this, and an account's history
    # of finished jobs only grows
    for job in turn.uow.jobs.find(account_id=turn.customer.account_id, state=JobState.PAUSED):
        if customer_back(turn, job):
            tech_id = _technician_of(turn, job)
            tech = turn.uow.staff.get(tech_id) if tech_id is not None else None
            turn.finish(replies.status_nobody_home_back(tech.first_name if tech else None))
            return True
    return False


def customer_back(turn: Turn, job: Job) -> bool:
    """The customer of a job whose technician found nobody home has texted: the technician and
    the office hear it; False when the job's technician found nobody home not lately."""
    assert job.id is not None
    asked = [m for m in turn.uow.messages.find(account_id=job.account_id, direction=Direction.OUT,
                                               kind=MessageKind.NOTICE)
             if (m.idempotency_key or "").startswith(f"{KEY}:{job.id}:")
             and turn.now - m.created_at <= ANSWERS_FOR]
    if not asked:
        return False
    tech_id = _technician_of(turn, job)
    body = (f"{job.number}: the customer texted back after nobody was home: "
            f"\"{turn.text.strip()[:160]}\"")
    key = f"nobody-home-back:{job.id}:{turn.message_id or turn.now.isoformat()}"
    if tech_id is not None:
        notify_staff(turn.uow, now=turn.now, owner_id=tech_id, account_id=job.account_id,
                     body=body, key=f"{key}:tech")
    notify_staff(turn.uow, now=turn.now, account_id=job.account_id, body=body, key=key)
    return True


def _technician_of(turn: Turn, job: Job) -> int | None:
    return next((a.technician_id for a in turn.uow.appointments.find(job_id=job.id)), None)
