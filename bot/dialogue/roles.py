"""Each role's table of flows: what a text starts, and which pending question it may answer.

A new role is a new `RoleFlows` in FLOWS_BY_ROLE; a new flow is a module with `answer(turn)`
listed under its name, and a starter listed under the intent that begins it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from bot.dialogue import (
    before_visit,
    billing,
    booking,
    cancel,
    cancel_many,
    change_checks,
    closings,
    complaints,
    corrections,
    emergency,
    follow_ups,
    handoff,
    heads_up,
    held_offers,
    keep_visit,
    last_change,
    locations,
    names,
    nobody_home,
    offers,
    onboarding,
    picked_again,
    questions,
    quote_decisions,
    quote_questions,
    quotes,
    reminder_answers,
    replies,
    reschedule,
    sales,
    sales_deals,
    same_problem,
    site_kept,
    small_talk,
    sooner,
    staff,
    status,
    technician,
    topics,
    two_parts,
    visit_asks,
    visit_length,
    win_disputes,
)
from bot.nlu import intents
from bot.nlu.customer_rules import says_dont_cancel
from bot.nlu.result import Parse
from bot.nlu.text import normalize
from domain.staff import Role

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

Starter = Callable[["Turn"], None]
# Answers a text before any flow starts (a question, a complaint); False: not its kind of text.
Answerer = Callable[["Turn"], bool]


class Flow(Protocol):
    """A flow that can wait for an answer: it reads the text as one, or returns False."""

    def answer(self, turn: Turn) -> bool: ...


# Intents that ask or greet, changing nothing: times offered before stay offered.
ASKS_ONLY = frozenset({intents.JOB_STATUS, intents.HELP, intents.GREET, intents.THANKS})
# Steps whose question is a plain Y/N: their own "no" answer says what stays as it was.
YES_NO_STEPS = frozenset({"confirm", "offer_human", "underway"})
# Texts that drop a pending question though the parser reads them as unknown: "never mind",
# "nah forget it", "no it's fine", "leave it then", with the fillers people wrap them in.
_DROP_LEAD = (r"(?:(?:nah|no|nope|ok|okay|oh|actually|um+|hmm+|well|ugh|meh|wait|sorry|you know what|"
              r"on second thought|eh)\W+)*")
_FINE = r"(?:it.?s|its|that.?s|thats) (?:fine|ok|okay|all good|alright)"
_DROPPED = (r"(?:never\s*mind|nvm|forget (?:it|that|about it)|no thanks?|no thank you|not now|"
            r"leave it(?: (?:as is|as it is|alone|be))?|skip it|scratch that|don'?t worry(?: about it)?|"
            r"no need|don'?t bother)")
DISMISSAL = re.compile(
    rf"^\W*(?:{_DROP_LEAD}{_DROPPED}|(?:no|nah|nope)\W+{_DROP_LEAD}{_FINE})"
    r"(?:\W+(?:then|for now|thanks?|thank you|thx|ty|lol|i guess|after all|actually|"
    rf"{_FINE}|{_DROPPED}|i.?ll (?:keep|leave) it(?: as is)?|"
    r"(?:i.?ll|i will|we.?ll|we will) (?:call|phone|ring)(?: \w+){0,2}))*\W*$", re.IGNORECASE)
# A no that opens a text the parser could not place ("wait no wrong job, that was yesterday's",
# "no wait, not yet"): the answer to a pending Y/N is that no, whatever explains it.
LEADING_NO = re.compile(
    r"^\W*(?:(?:wait|hold on|hang on|oh|oops|sorry|actually|um+|hmm+|uh+|ah)\W+)*"
    r"(?:no+|nope|nah|naw|not yet|not now|wrong (?:job|one|deal|visit|customer|account|person)|"
    r"don'?t|do not|cancel that|scratch that|"
    # "N actually keep it open": the letter answering the Y/N, then why (never "n the other one")
    r"n(?=\W*(?:[.,!;:]|$)|\W+(?:actually|wait|keep|leave|not|don'?t|hold|never|thanks|thx)\b))\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class RoleFlows:
    """One role's flows: `starters` by intent, pending `flows` by the name they store."""

    starters: Mapping[str, Starter]
    flows: Mapping[str, Flow] = field(default_factory=dict)
    otherwise: Starter = small_talk.not_understood
    # What someone not yet known may ask before they are set up; None: everyone is known.
    newcomer: Starter | None = None
    needs_no_account: frozenset[str] = frozenset()
    # Answers a correction of the last change ("undo", "wrong address") before anything else.
    corrects: Callable[[Turn], bool] | None = None
    # Tried in order before the starters, for everyone, known or not.
    answerers: tuple[Answerer, ...] = ()
    # What comes before any pending question or account (a danger reported); True: answered.
    first: Callable[[Turn], bool] | None = None
    # A start that a hurry changes (the soonest times first); True: answered.
    hurried: Callable[[Turn], bool] | None = None

    def respond(self, turn: Turn) -> None:
        """Answer the pending question if the text is an answer to it, else start afresh."""
        if self.first is not None and self.first(turn):
            return
        intent = turn.parse.intent
        pending = turn.conversation
        if self.corrects is not None and turn.customer is not None and self.corrects(turn):
            corrected_in = self.flows.get(pending.flow or "") if pending.is_active(turn.now) else None
            if turn.goes_on and corrected_in is not None:
                corrected_in.answer(turn)  # "my name is X not Y. the 2pm one": the pick next
            return
        if pending.is_active(turn.now) and pending.flow == cancel.FLOW and says_dont_cancel(
                normalize(turn.text)):  # "NO dont cancel anything": the cancel question ends
            if turn.step in (*YES_NO_STEPS, cancel.SEVERAL):
                # "n. dont cancel, ill wait": the Y/N's own no, which says the visit stays
                turn.parse = Parse(intents.DENY, {}, 1.0)
            else:
                turn.finish(keep_done=True)
        flow = self.flows.get(pending.flow or "") if pending.is_active(turn.now) else None
        tried = False
        held = held_offers.hold(turn)  # times offered stay offered through an answer aside
        if flow is not None and intent != intents.HUMAN:
            # A question or complaint aside is answered and the pending question stays open.
            if _dropped(turn):
                return
            if self.answered(turn):
                if turn.goes_on:  # an answer aside, and a pick in the same text
                    flow.answer(turn)
                else:
                    held_offers.keep(turn, held)
                return
            if flow.answer(turn):
                if turn.confused:  # handed to a person after two misreadings: a pick may follow
                    held_offers.keep(turn, held)
                return
            reschedule.left_for_another(turn)  # a move broken off: its visit stays the one to move
            tried = True
        elif turn.lapsed and intent in (intents.AFFIRM, intents.DENY, intents.CHOOSE) and (
                turn.customer is not None or turn.staff is not None):
            turn.finish(replies.question_lapsed())  # answers a question that timed out
            return
        self.start(turn, answerers_tried=tried)
        if intent in ASKS_ONLY:  # "is it an electrician?" read as a status check: the pick waits
            held_offers.keep(turn, held)

    def answered(self, turn: Turn) -> bool:
        return any(answered(turn) for answered in self.answerers)

    def start(self, turn: Turn, *, answerers_tried: bool = False) -> None:
        """Begin what the text asks for; someone unknown is set up first."""
        intent = turn.parse.intent
        if not answerers_tried and self.answered(turn) and not turn.goes_on:
            return  # an answer aside that lets the text go on (a sign-up in it) starts it next
        if (self.newcomer is not None and turn.customer is None and turn.staff is None
                and intent not in self.needs_no_account):
            self.newcomer(turn)
            return
        if self.hurried is not None and self.hurried(turn):
            return
        self.starters.get(intent, self.otherwise)(turn)


def _dropped(turn: Turn) -> bool:
    """ "n", "no" or "never mind" while a question is pending: leave everything as it is."""
    dismissal = DISMISSAL.match(turn.text) is not None
    said_no = (turn.parse.intent == intents.UNKNOWN and turn.step in YES_NO_STEPS
               and LEADING_NO.match(turn.text) is not None)
    if turn.parse.intent != intents.DENY and not dismissal and not said_no:
        return False
    if turn.step in YES_NO_STEPS:
        if dismissal or said_no:  # the flow's own "no" says what stays (the visit, the quote)
            turn.parse = Parse(intents.DENY, {}, 1.0)
        return False
    if turn.step == offers.PICK and offers.wish_from(turn) is not None:
        return False  # "no, friday instead" is a new wish
    turn.finish(replies.left_as_is())
    return True


CUSTOMER_FLOWS = RoleFlows(
    starters={
        intents.BOOK: questions.book,
        intents.RESCHEDULE: reschedule.start,
        intents.CANCEL: cancel.start,
        intents.JOB_STATUS: status.start,
        intents.APPROVE_QUOTE: quotes.start,
        intents.DECLINE_QUOTE: quotes.start,
        intents.HUMAN: handoff.start,
        intents.HELP: small_talk.menu,
        intents.GREET: small_talk.menu,
        intents.THANKS: small_talk.thanks,
        intents.AFFIRM: questions.affirm,
        intents.DENY: questions.deny,
    },
    flows={
        onboarding.FLOW: onboarding,
        booking.FLOW: booking,
        reschedule.FLOW: reschedule,
        cancel.FLOW: cancel,
        quotes.FLOW: quotes,
        corrections.FLOW: corrections,
        reminder_answers.FLOW: reminder_answers,
    },
    otherwise=questions.unclear,
    corrects=lambda turn: (corrections.site_confirmed(turn) or onboarding.corrects_address(turn)
                           or names.corrects(turn) or site_kept.answer(turn)
                           or keep_visit.claims(turn)),
    newcomer=onboarding.start,
    needs_no_account=onboarding.NEEDS_NO_ACCOUNT,
    answerers=(win_disputes.answer, nobody_home.answer, locations.answer,
               small_talk.who_answers, booking.answers_invitation,
               cancel_many.named_then_cancelled,
               status.live_work, status.visit_price, offers.who_comes, before_visit.answer,
               visit_length.answer,
               same_problem.answer,
               reminder_answers.answer, quote_decisions.after_nudge, two_parts.answer,
               picked_again.answer, sooner.answer, follow_ups.answer, last_change.answer,
               change_checks.answer,
               heads_up.answer, onboarding.repeated, keep_visit.should_cancel, keep_visit.as_is,
               questions.work_done, complaints.answer,
               quote_decisions.answer, quote_questions.office_question, billing.answer,
               booking.place_asked, topics.answer,
               questions.quote_aside, closings.answer, visit_asks.answer),
    first=emergency.takes_over,
    hurried=emergency.hurried,
)

STAFF_FLOWS = RoleFlows(starters=staff.starters(), otherwise=staff.not_yet)

TECHNICIAN_FLOWS = RoleFlows(starters=technician.starters(), flows={technician.FLOW: technician},
                             otherwise=technician.otherwise)

SALES_FLOWS = RoleFlows(starters=sales.starters(), flows={sales_deals.FLOW: sales},
                        otherwise=sales.otherwise, first=sales.first)

FLOWS_BY_ROLE: dict[Role, RoleFlows] = {
    Role.CUSTOMER: CUSTOMER_FLOWS,
    Role.TECHNICIAN: TECHNICIAN_FLOWS,
    Role.SALES: SALES_FLOWS,
    Role.DISPATCHER: STAFF_FLOWS,
}
