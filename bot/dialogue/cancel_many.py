"""Cancelling several visits at once ("cancel all 3 visits that day", "all of them", "2 and 3"):
one Y/N naming every visit, then each is cancelled. Nothing changes before the Y.

An undo of several cancellations is not done by text: "undo" hands it to a person
(bot/dialogue/corrections.py); "keep the 14th after all" puts that one back (keep_visit.py).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import replies, several, visits
from bot.nlu import intents
from bot.nlu.text import normalize
from domain.commands import CancelAppointment
from domain.errors import DomainError
from domain.jobs import Appointment

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

STEP = "confirm_many"
_CANCEL_VERB = re.compile(r"\b(?:cancel|drop|scrap|call off|get rid of|remove|delete)\b")


def wanted(turn: Turn, among: list[Appointment]) -> list[Appointment] | None:
    """The visits among `among` (in the order shown) the text means together ("all of them",
    "2 and 3", "the 12th and the 14th"); None: not several (bot/dialogue/several.py reads it)."""
    return several.meant(turn, among) or None


def start(turn: Turn) -> bool:
    """ "cancel all my visits on the 8th", "cancel the 15th and the 18th": the Y/N for all the
    visits named; False: not several."""
    # each day its own visit: "the dec 16 tune up and the dec 22 repair" (a service named for
    # one day does not narrow the other's), "the 16th and the 22nd? cancel both"
    one_a_day = _one_a_day(turn, _days_to_cancel(turn), visits.upcoming(turn))
    if one_a_day is not None:
        confirm(turn, one_a_day)
        return True
    if not several.says_all(normalize(turn.text)):
        return False
    resolution = visits.resolve(turn, visits.upcoming(turn))
    if len(resolution.matches) < 2:
        return False
    confirm(turn, resolution.matches)
    return True


def named_then_cancelled(turn: Turn) -> bool:
    """Visits named first, then "cancel those two" or "cancel that one", whatever else the text
    asks ("why the 15th and the 16th?? we only need friday's. cancel those two", "we already had
    a sink appt on the 29th didn't we? then cancel that one"): the Y/N for the visits named;
    False for any other text, or when the visit named is not one of theirs alone."""
    text = normalize(turn.text)
    verbs = list(_CANCEL_VERB.finditer(text))
    if turn.customer is None or not verbs:
        return False
    after = text[verbs[-1].end():]
    if _THOSE.match(after):
        return start(turn)
    if not _THAT_ONE.match(after):
        return False
    # "the 28th one, dont need it if he fixes it today. cancel that": a condition names no visit
    said = visits.named(turn, text=_CONDITION.sub(" ", text[:verbs[-1].start()]))
    if not (said.days or said.technicians):
        return False  # "the sink one ... cancel that one": a day or person names it, not the work
    found = visits.narrow(turn, visits.upcoming(turn), said)
    if len(found) != 1:
        return False
    from bot.dialogue import cancel  # imports this module

    cancel.confirm(turn, found[0])
    return True


def _days_to_cancel(turn: Turn) -> tuple[object, ...]:
    """The days named after the last cancel verb ("i see the 11th and 14th. cancel the 14th":
    the 14th alone); "cancel those two", "cancel both i guess" after days named earlier: those
    days, leaving out any said to keep ("we only need the one on the 14th")."""
    text = normalize(turn.text)
    verbs = list(_CANCEL_VERB.finditer(text))
    if not verbs:
        return ()
    after = text[verbs[-1].end():]
    days = visits.named(turn, text=after).days
    if days or not _THOSE.match(after):
        return days
    return visits.named(turn, text=visits.kept(turn).rest).days


# "cancel those two", "cancel both i guess", "cancel them": the visits named before the verb
# "then cancel that one", "cancel it": the one visit named before the verb
_THAT_ONE = re.compile(r"^\W*(?:that(?: one| visit| appt| appointment)?|it|this one)\W*(?:then|too|"
                       r"please|pls|thanks)?\W*$")
_CONDITION = re.compile(r"\b(?:if|unless|once|since|because|cause|cuz|as long as)\b[^.,;!?]*")
_THOSE = re.compile(r"^\W*(?:both|those|these|them|the two|all (?:of )?(?:them|those|these))\b")


def _one_a_day(turn: Turn, days: tuple[object, ...], matches: list[Appointment],
               ) -> list[Appointment] | None:
    """The visits of several days named, when each day named has exactly one of them."""
    if len(days) < 2:
        return None
    shown = visits.just_shown(turn, matches)  # "the 15th and the 18th" of the list just shown
    service = visits.named(turn, text=visits.kept(turn).rest).service_id  # "electrical on the
    # 15th and the 18th"
    by_day = [[a for a in matches if visits.local_day(turn, a) == day] for day in days]
    by_day = [([a for a in found if a in shown] or found) if len(found) > 1 else found
              for found in by_day]
    if service is not None:
        by_day = [(visits.same_service(turn, found, service) or found) if len(found) > 1
                  else found for found in by_day]
    return [found[0] for found in by_day] if all(len(found) == 1 for found in by_day) else None


def confirm(turn: Turn, chosen: list[Appointment]) -> None:
    """Ask one Y/N naming every visit to cancel."""
    from bot.dialogue import cancel

    if len(chosen) == 1:
        cancel.confirm(turn, chosen[0])
        return
    turn.ask(cancel.FLOW, STEP, {"ids": [a.id for a in chosen]},
             replies.confirm_cancel_many([visits.choice_label(turn, a) for a in chosen]))


def answer(turn: Turn) -> bool:
    """The answer to the Y/N about several visits; False when the text asks something else."""
    listed = visits.offered(turn, turn.data.get("ids", []))
    if not listed:
        turn.finish(replies.no_upcoming())
        return True
    intent = turn.parse.intent
    if intent == intents.AFFIRM:
        _cancel_all(turn, listed)
        return True
    if intent == intents.DENY:
        turn.finish(replies.kept_many())
        return True
    fewer = wanted(turn, listed) or _fewer_named(turn, listed)
    if fewer is not None:  # "keep the drain one, cancel 2 and 3": those, asked again
        confirm(turn, fewer)
        return True
    again = _one_a_day(turn, _days_to_cancel(turn), listed)
    if again is not None:  # "cancel the 15th and the 18th": those asked about, asked again
        confirm(turn, again)
        return True
    if intent == intents.CANCEL and visits.named(turn).narrows:
        return False  # "cancel the dec 8 water heater one": that one, asked on its own
    confirm(turn, listed)  # anything else: the same question, nothing cancelled
    return True


def _fewer_named(turn: Turn, listed: list[Appointment]) -> list[Appointment] | None:
    """ "no, just friday. keep thursday": some of the visits asked about, the ones the text names
    and does not spare; None when it leaves them all or none."""
    spared = visits.spared_among(turn, listed)
    said = visits.named(turn)
    meant = visits.narrow(turn, listed, said) if said.narrows else listed
    fewer = [a for a in meant if a not in spared]
    return fewer if fewer and len(fewer) < len(listed) else None


def _cancel_all(turn: Turn, listed: list[Appointment]) -> None:
    labels = [visits.label(turn, a) for a in listed]
    for appointment in listed:
        assert appointment.id is not None
        try:
            turn.run(CancelAppointment(appointment_id=appointment.id, actor=turn.actor))
        except DomainError as error:
            turn.finish(replies.refused(str(error)))
            return
    # The visits cancelled are kept: "keep the 14th after all" puts that one back (an "undo" of
    # them all is a person's, bot/dialogue/corrections.py)
    turn.finish(replies.cancelled_many(labels), done="cancelled",
                changed={"kind": "cancelled", "appointment_id": listed[-1].id,
                         "appointment_ids": [a.id for a in listed], "told": None})
