"""Cancelling a visit: which one, then always a Y/N confirmation before anything changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dialogue import replies, visits
from bot.nlu import intents
from domain.commands import CancelAppointment
from domain.errors import DomainError
from domain.jobs import Appointment

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

FLOW = "cancel"


def start(turn: Turn) -> None:
    """A customer wants to cancel a visit; a day or service named narrows which."""
    visits.start_choice(turn, FLOW, "cancel", _confirm, {})


def answer(turn: Turn) -> bool:
    """Answer the pending cancel question; False when the text is about something else."""
    data = turn.data
    if turn.step == "which":
        return visits.answer_choice(turn, FLOW, "cancel", _confirm)
    if turn.step != "confirm":
        return False
    appointment = visits.own(turn, data.get("appointment_id"))
    if appointment is None:
        turn.finish(replies.no_upcoming())
        return True
    visit = visits.label(turn, appointment)
    if turn.parse.intent == intents.AFFIRM:
        assert appointment.id is not None
        try:
            turn.run(CancelAppointment(appointment_id=appointment.id, actor=turn.actor))
        except DomainError as error:
            turn.finish(replies.refused(str(error)))
            return True
        turn.finish(replies.cancelled(visit), done="cancelled")
        return True
    if turn.parse.intent == intents.DENY:
        turn.finish(replies.kept(visit))
        return True
    if turn.parse.intent in (intents.UNKNOWN, intents.CHOOSE, intents.CANCEL):
        turn.misunderstood(replies.yes_or_no(replies.confirm_cancel(visit)))
        return True
    return False


def _confirm(turn: Turn, appointment: Appointment) -> None:
    turn.ask(FLOW, "confirm", {"appointment_id": appointment.id},
             replies.confirm_cancel(visits.label(turn, appointment)))
