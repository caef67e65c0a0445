"""Cancelling a visit: which one, then always a Y/N confirmation before anything changes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import also, cancel_many, replies, visits
from bot.dialogue.times import clock_label
from bot.nlu import intents
from domain.commands import CancelAppointment
from domain.errors import DomainError
from domain.jobs import Appointment, JobState

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

FLOW = "cancel"
_YES_FIRST = re.compile(r"(?:y|yes|yeah|yep|yup|ok|okay|sure)\b")
# "ok cancel the other one": about another visit, never a yes to this one.
_NOT_THIS = re.compile(r"\b(?:other|another|different|instead|not (?:this|that|it|the))\b")


def start(turn: Turn) -> None:
    """A customer wants to cancel a visit (or "all 3 that day"); a day or service named narrows
    which."""
    if cancel_many.start(turn):
        return
    visits.start_choice(turn, FLOW, "cancel", confirm, {})


def answer(turn: Turn) -> bool:
    """Answer the pending cancel question; False when the text is about something else."""
    data = turn.data
    if turn.step == cancel_many.STEP:
        return cancel_many.answer(turn)
    if turn.step == "which":
        several = cancel_many.wanted(turn, visits.offered(turn, data.get("ids", [])))
        if several is not None:  # "all of them", "2 and 3"
            cancel_many.confirm(turn, several)
            return True
        return visits.answer_choice(turn, FLOW, "cancel", confirm)
    if turn.step != "confirm":
        return False
    appointment = visits.own(turn, data.get("appointment_id"))
    if appointment is None:
        turn.finish(replies.no_upcoming())
        return True
    visit = visits.label(turn, appointment)
    other = visits.another_named(turn, appointment)
    if other is not None:  # "no wait, friday's": that visit is the one to ask about
        confirm(turn, other)
        return True
    if turn.parse.intent == intents.BOOK and visits.names_only(turn, appointment):
        confirm(turn, appointment)  # "the electrical": the very visit asked about, so ask again
        return True
    if turn.parse.intent == intents.AFFIRM or _cancel_this(turn, appointment):
        assert appointment.id is not None
        try:
            turn.run(CancelAppointment(appointment_id=appointment.id, actor=turn.actor))
        except DomainError as error:
            turn.finish(replies.refused(str(error)))
            return True
        # The handler told the technician and dispatch when they were under way: say so.
        technician = turn.uow.staff.get(appointment.technician_id) if data.get("underway") else None
        reply = (replies.cancel_told_crew(visit, technician.name.split()[0])
                 if technician is not None else replies.cancelled(visit))
        told = technician.name.split()[0] if technician is not None else None
        turn.finish(reply, done="cancelled",
                    changed={"kind": "cancelled", "appointment_id": appointment.id, "told": told})
        also.take_up(turn, data.get("then") or {})
        return True
    if turn.parse.intent == intents.DENY:
        turn.finish(replies.kept(visit))
        also.take_up(turn, data.get("then") or {})
        return True
    if turn.parse.intent in (intents.UNKNOWN, intents.CHOOSE, intents.CANCEL):
        turn.misunderstood(replies.yes_or_no(replies.confirm_cancel(visit)))  # plain wording again
        return True
    return False


def confirm(turn: Turn, appointment: Appointment) -> None:
    """Ask Y/N before cancelling; first say so when the technician is already on the way or there."""
    visit = visits.label(turn, appointment)
    job = turn.uow.jobs.get(appointment.job_id)
    underway = job is not None and job.state in (JobState.EN_ROUTE, JobState.ON_SITE)
    if job is None or not underway:
        question = replies.confirm_cancel(visit)
    else:
        technician = turn.uow.staff.get(appointment.technician_id)
        name = technician.name.split()[0] if technician is not None else "Your technician"
        eta = (clock_label(job.eta, visits.timezone_of(turn, appointment))
               if job.state is JobState.EN_ROUTE and job.eta is not None and job.eta > turn.now
               else None)
        question = replies.confirm_cancel_underway(name, job.state is JobState.ON_SITE, eta)
    then = also.request(turn)  # "... and also can someone look at my furnace"
    turn.ask(FLOW, "confirm", {"appointment_id": appointment.id, "underway": underway,
                               "then": then}, also.told(turn, question, then))


def _cancel_this(turn: Turn, appointment: Appointment) -> bool:
    """ "yes cancel it", "cancel the 1pm" (naming this visit) answer the question with a yes."""
    if turn.parse.intent != intents.CANCEL or _NOT_THIS.search(turn.text.lower()):
        return False
    said = visits.named(turn)
    if said.narrows:
        return visits.resolve(turn, [appointment]).one is not None
    return _YES_FIRST.match(turn.text.strip().lower()) is not None
