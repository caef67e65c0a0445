"""Cancelling a visit: which one, then always a Y/N confirmation before anything changes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import also, cancel_many, replies, several, visits
from bot.dialogue.reply import Reply
from bot.dialogue.times import clock_label
from bot.nlu import intents
from domain.commands import CancelAppointment
from domain.errors import DomainError
from domain.jobs import Appointment, AppointmentStatus, JobState

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

FLOW = "cancel"
_YES_FIRST = re.compile(r"(?:y|yes|yeah|yep|yup|ok|okay|sure)\b")
_VERB_FIRST = re.compile(r"(?:\d\W+)?(?:(?:just|please|pls|then|so)\s+)*cancel\b(?!\W*$)")
_INSTEAD = re.compile(r"\binstead\b|\brather than\b|\bnot cancel")
_NO_FIRST = re.compile(r"\W*(?:n|no|nope|nah|wait)\b")
# "ok cancel the other one": about another visit, never a yes to this one.
_NOT_THIS = re.compile(r"\b(?:other|another|different|instead|not (?:this|that|it|the))\b")


def start(turn: Turn) -> None:
    """A customer wants to cancel a visit (or "all 3 that day"); a day or service named narrows
    which. "Cancel saturday. wait no, keep it" ends keeping it: nothing is cancelled, and the reply
    says it stays."""
    if visits.kept(turn).keeps_it:
        resolution = visits.resolve(turn, visits.upcoming(turn))
        turn.finish(replies.kept(visits.label(turn, resolution.one))
                    if resolution.one is not None and resolution.named.narrows
                    else replies.left_as_is())
        return
    booked = visits.upcoming(turn)
    resolution = visits.resolve(turn, booked)
    gone = _cancelled_named(turn, resolution) if resolution.missing is not None else []
    if len(gone) == 1:  # "just cancel the dec 11 one" after it was cancelled: say so
        turn.finish(replies.already_cancelled(visits.label(turn, gone[0])))
        return
    listed = resolution.matches if resolution.named.narrows else (
        visits.just_shown(turn, booked) or booked)  # "all 3 visits that day": of that day
    if cancel_many.start(turn) or _several(turn, listed):
        return
    visits.start_choice(turn, FLOW, "cancel", confirm, {})


def answer(turn: Turn) -> bool:
    """Answer the pending cancel question; False when the text is about something else."""
    data = turn.data
    if turn.step == cancel_many.STEP:
        return cancel_many.answer(turn)
    if turn.step == "which":
        if _several(turn, visits.offered(turn, data.get("ids", []))):
            return True
        many = cancel_many.wanted(turn, visits.offered(turn, data.get("ids", [])))
        if many is not None:  # "all of them", "2 and 3"
            cancel_many.confirm(turn, many)
            return True
        return visits.answer_choice(turn, FLOW, "cancel", confirm)
    if turn.step == SEVERAL:
        return _answer_several(turn)
    if turn.step != "confirm":
        return False
    appointment = visits.own(turn, data.get("appointment_id"))
    if appointment is None:
        turn.finish(replies.no_upcoming())
        return True
    visit = visits.label(turn, appointment)
    if _several(turn, visits.just_shown(turn, visits.upcoming(turn)) or visits.upcoming(turn)):
        return True  # "no. keep dec 4. cancel dec 12 and dec 14"
    other = visits.another_named(turn, appointment)
    if other is not None and _asks_about(turn):
        # "before i say yes, the other one stays right?": that one stays, and the question
        # pending is still this visit's
        technician = turn.uow.staff.get(other.technician_id)
        turn.say(replies.kept(visits.label(turn, other),
                              technician.name.split()[0] if technician is not None else None))
        turn.ask(FLOW, "confirm", data, replies.confirm_cancel(visit))
        return True
    if other is not None:  # "no wait, friday's": that visit is the one to ask about
        confirm(turn, other)
        return True
    if turn.parse.intent == intents.RESCHEDULE and _INSTEAD.search(turn.text.lower()):
        from bot.dialogue import reschedule  # "instead of cancelling can it go to monday"

        reschedule.move_instead(turn, appointment)
        return True
    if _spares_only_others(turn, appointment):
        confirm(turn, appointment)  # "no, just friday. keep thursday": this one, asked again
        return True
    if _keeps(turn, appointment):  # "wait no, keep it", "keep the 3rd": this one stays
        turn.finish(replies.kept(visit))
        return True
    if (turn.parse.intent == intents.BOOK or visits.points_at_a_visit(turn)) and \
            visits.names_only(turn, appointment):
        confirm(turn, appointment)  # "the electrical": the very visit asked about, so ask again
        return True
    if turn.parse.intent == intents.BOOK and _names_this_one(turn, appointment):
        confirm(turn, appointment)  # "its the tuesday one i think? the 15th. drain": that one
        return True
    if _asks_again(turn, appointment):  # "N! cancel the dec 8 one": the question again, plainly
        confirm(turn, appointment)
        return True
    if turn.parse.intent == intents.AFFIRM or _cancel_this(turn, appointment):
        if not _cancelled(turn, appointment):
            return True
        # The handler told the technician and dispatch when they were under way: say so.
        technician = turn.uow.staff.get(appointment.technician_id) if data.get("underway") else None
        reply = (replies.cancel_told_crew(visit, technician.name.split()[0])
                 if technician is not None else replies.cancelled(visit))
        told = technician.name.split()[0] if technician is not None else None
        turn.finish(reply, done="cancelled",
                    changed={"kind": "cancelled", "appointment_id": appointment.id, "told": told})
        also.take_up(turn, data.get("also") or {})
        return True
    if turn.parse.intent == intents.DENY:
        turn.finish(replies.kept(visit))
        also.take_up(turn, data.get("also") or {})
        return True
    if _says_again(turn, appointment):  # "omg. cancel the tune up": the question, plainly again
        confirm(turn, appointment)
        return True
    if turn.parse.intent in (intents.UNKNOWN, intents.CHOOSE, intents.CANCEL):
        # plain wording again, still saying who is already on the way
        turn.misunderstood(replies.yes_or_no(_question(turn, appointment)))
        return True
    return False


# A change of mind about which visit: "no, friday's", "i meant the other one", "cancel that instead".
_SWITCHES = re.compile(r"^\W*(?:n|no|nope|nah)\b|\b(?:not|meant|mean|instead|wrong|cancel|rather)\b")


def _asks_about(turn: Turn) -> bool:
    """True when the text only asks about another visit ("the other one on the 14th stays
    right?"), never switching the cancel to it."""
    return "?" in turn.text and _SWITCHES.search(turn.text.lower()) is None


def confirm(turn: Turn, appointment: Appointment) -> None:
    """Ask Y/N before cancelling; first say so when the technician is already on the way or there."""
    then = also.request(turn)  # "... and also can someone look at my furnace"
    turn.ask(FLOW, "confirm", {"appointment_id": appointment.id,
                               "underway": _is_underway(turn, appointment), "also": then},
             also.told(turn, _question(turn, appointment), then))


def _question(turn: Turn, appointment: Appointment) -> Reply:
    """The Y/N asked about cancelling one visit, naming the technician already under way."""
    job = turn.uow.jobs.get(appointment.job_id)
    if job is None or not _is_underway(turn, appointment):
        return replies.confirm_cancel(visits.label(turn, appointment))
    technician = turn.uow.staff.get(appointment.technician_id)
    name = technician.name.split()[0] if technician is not None else "Your technician"
    eta = (clock_label(job.eta, visits.timezone_of(turn, appointment))
           if job.state is JobState.EN_ROUTE and job.eta is not None and job.eta > turn.now
           else None)
    return replies.confirm_cancel_underway(name, job.state is JobState.ON_SITE, eta)


SEVERAL = "confirm_several"


def _several(turn: Turn, listed: list[Appointment]) -> bool:
    """Two or more visits meant at once ("both", "1 and 2", "dec 12 and dec 14"): one Y/N for all;
    False when the text means fewer, or a technician is already under way to one of them."""
    found = several.meant(turn, listed)
    if len(found) < 2 or any(_is_underway(turn, a) for a in found):
        return False
    turn.ask(FLOW, SEVERAL, {"ids": [a.id for a in found]},
             replies.confirm_cancel_several([visits.label(turn, a) for a in found]))
    return True


def _answer_several(turn: Turn) -> bool:
    """Y cancels every visit asked about; N keeps them; some of them named ("keep the drain one,
    cancel 2 and 3") are asked about again, alone or together."""
    found = visits.offered(turn, turn.data.get("ids", []))
    if not found:
        turn.finish(replies.no_upcoming())
        return True
    intent = turn.parse.intent
    again = _NO_FIRST.match(turn.text.strip().lower()) is not None
    meant = several.meant(turn, found)
    if intent == intents.AFFIRM or meant == found and not again:
        labels = [visits.label(turn, a) for a in found]
        if not all(_cancelled(turn, appointment) for appointment in found):
            return True
        turn.finish(replies.cancelled_several(labels), done="cancelled",
                    changed={"kind": "cancelled", "appointment_id": found[-1].id,
                             "appointment_ids": [a.id for a in found], "told": None})
        return True
    if len(meant) >= 2:  # the same again after a no, or fewer of them: asked about those
        turn.ask(FLOW, SEVERAL, {"ids": [a.id for a in meant]},
                 replies.confirm_cancel_several([visits.label(turn, a) for a in meant]))
        return True
    resolution = visits.resolve(turn, found)
    if resolution.one is not None and resolution.narrowed:
        confirm(turn, resolution.one)  # "just the 12th", "keep the 14th"
        return True
    if intent == intents.DENY or visits.kept(turn).keeps_all or visits.kept(turn).keeps_it:
        turn.finish(replies.kept_several(len(found)))
        return True
    if intent in (intents.UNKNOWN, intents.CHOOSE, intents.CANCEL):
        turn.misunderstood(replies.yes_or_no(replies.confirm_cancel_several(
            [visits.label(turn, a) for a in found])))
        return True
    return False


def cancel_named(turn: Turn, appointment: Appointment) -> None:
    """Cancel a visit named to cancel instead of one whose confirmed cancel was just undone
    ("wrong one, keep the 14th, cancel the 11th instead"); said, and undoable like any cancel. A
    visit under way is asked about first, as always."""
    if _is_underway(turn, appointment):
        confirm(turn, appointment)
        return
    if _cancelled(turn, appointment):
        turn.finish(replies.cancelled(visits.label(turn, appointment)), done="cancelled",
                    changed={"kind": "cancelled", "appointment_id": appointment.id, "told": None})


def _cancelled(turn: Turn, appointment: Appointment) -> bool:
    """Cancel the visit; False (with the reason said) when it cannot be."""
    assert appointment.id is not None
    try:
        turn.run(CancelAppointment(appointment_id=appointment.id, actor=turn.actor))
    except DomainError as error:
        turn.finish(replies.refused(str(error)))
        return False
    return True


def _cancelled_named(turn: Turn, resolution: visits.Resolution) -> list[Appointment]:
    """The sender's cancelled visits still ahead that the text names."""
    assert turn.customer is not None
    gone = [a for a in turn.uow.appointments.find(account_id=turn.customer.account_id)
            if a.status is AppointmentStatus.CANCELLED and a.end > turn.now
            and visits.may_act(turn, a)]
    return visits.narrow(turn, gone, resolution.named, same_work=True)


def _is_underway(turn: Turn, appointment: Appointment) -> bool:
    job = turn.uow.jobs.get(appointment.job_id)
    return job is not None and job.state in (JobState.EN_ROUTE, JobState.ON_SITE)


def _asks_again(turn: Turn, appointment: Appointment) -> bool:
    """A no, then a cancel naming this very visit ("N! cancel the dec 8 one"), or a no insisting
    on the very visit asked about ("no!! the 21st. the DEC 21 one"): neither a yes nor a no."""
    text = turn.text.strip().lower()
    if _NO_FIRST.match(text) is None or not visits.named(turn).narrows \
            or visits.resolve(turn, [appointment]).one is None:
        return False
    if turn.parse.intent == intents.CANCEL:
        return True
    when = turn.parse.slots.get("when") or {}
    return (turn.parse.intent == intents.DENY and _NOT_THIS.search(text) is None
            and not (when.get("start") or when.get("end")))


def _says_again(turn: Turn, appointment: Appointment) -> bool:
    """A cancel of this very visit (or of none named) said again rather than answered ("no i
    dont want to move it, i want it cancelled"): no yes, and no misreading either."""
    if turn.parse.intent != intents.CANCEL or _NOT_THIS.search(turn.text.lower()):
        return False
    return not visits.named(turn).narrows or visits.resolve(turn, [appointment]).one is not None


def _names_this_one(turn: Turn, appointment: Appointment) -> bool:
    """True when the text names, of all the visits booked, just the one asked about, with no new
    time (a longer "it's the tuesday one i think? the 15th. drain" read as work asked for)."""
    when = turn.parse.slots.get("when") or {}
    if when.get("start") or when.get("end") or not visits.named(turn).narrows:
        return False
    return visits.resolve(turn, visits.upcoming(turn)).one == appointment


def _spares_only_others(turn: Turn, appointment: Appointment) -> bool:
    """True when the text keeps other visits and names this one as the one meant ("no!! just
    friday. keep thursday" while friday's cancel is asked)."""
    split = visits.kept(turn)
    if split.keeps_it or split.keeps_all or not split.spared:
        return False
    spared = visits.spared_among(turn, visits.upcoming(turn))
    said = visits.named(turn)
    return (bool(spared) and appointment not in spared and said.narrows
            and visits.resolve(turn, [appointment]).one is not None)


def _keeps(turn: Turn, appointment: Appointment) -> bool:
    """True when the text says to keep the visit asked about ("keep it", "leave the 3rd")."""
    split = visits.kept(turn)
    return split.keeps_it or split.keeps_all or appointment in visits.spared_among(
        turn, [appointment])


def _cancel_this(turn: Turn, appointment: Appointment) -> bool:
    """ "yes cancel it", "cancel the 1pm" (naming this visit) answer the question with a yes;
    after a no ("N! cancel the dec 8 one") the question is asked again instead."""
    if turn.parse.intent != intents.CANCEL or _NOT_THIS.search(turn.text.lower()):
        return False
    text = turn.text.strip().lower()
    # "cancel it please", "1. cancel, not move": the question's own verb said back is a yes; a
    # text opening otherwise ("omg. cancel the tune up") says the request again, asked again
    answers = _YES_FIRST.match(text) is not None or (
        _VERB_FIRST.match(text) is not None and _NO_FIRST.match(text) is None)
    said = visits.named(turn)
    if said.narrows:
        return answers and visits.resolve(turn, [appointment]).one is not None
    return answers
