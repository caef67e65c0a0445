"""A customer asked to schedule a won deal's job who says they never agreed to it ("we never
agreed to this", "we didn't sign anything", "who approved this?"): nothing is offered or booked,
the dispatchers and the deal's rep are told (ReportDisputedWin), and the customer gets an honest
answer: our record says agreed, that may be our mistake, and a person will call."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.dialogue import handoff, replies
from domain.commands import ReportDisputedWin
from domain.deals import Deal, DealStage
from domain.jobs import Job, JobState

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

# How long after a win the customer's "we never agreed" is read as about it.
RECENT = timedelta(days=30)
# A customer saying the work was never agreed, in the words people use.
_DISPUTES = re.compile("|".join((
    r"\b(?:never|didn'?t|did not|haven'?t|have not|not) (?:\w+ )?(?:agree|agreed|sign|signed|"
    r"approve|approved|authori[sz]e|authori[sz]ed|order|ordered|ok'?d|okayed|accept|accepted|"
    r"commit|committed)\b",
    r"\bnever (?:said|told (?:you|anyone|them)) (?:yes|to go ahead|ok)\b",
    r"\b(?:didn'?t|did not) (?:say|tell (?:you|anyone|them)) (?:yes|to go ahead|ok)\b",
    r"\b(?:never|didn'?t|did not) ask(?:ed)? for (?:this|that|it|any|a new|the)\b",
    r"\bwho (?:approved|authori[sz]ed|agreed to|signed off on|ok'?d|okayed|ordered) (?:this|that|it)\b",
    r"\b(?:only|just) (?:wanted|asked for|got|getting) (?:a |the )?(?:quote|estimate|price)\b",
    r"\b(?:still|haven'?t|have not|not) (?:decided|deciding)\b",
    r"\b(?:must be|there'?s been|this is) (?:a |some )?mistake\b",
)), re.IGNORECASE)
# The dispute is about the won work, not a visit or a bill ("we never agreed to a 7am visit").
_OTHER_MATTER = re.compile(r"\b(?:time|visit|appointment|appt|bill|invoice|charge|fee)\b",
                           re.IGNORECASE)


def disputes(text: str) -> bool:
    return _DISPUTES.search(text) is not None and _OTHER_MATTER.search(text) is None


def answer(turn: Turn) -> bool:
    """A won deal's job disputed by its customer: told to staff, honestly answered; False for
    any other text, or a customer with no recent win."""
    if turn.customer is None or not disputes(turn.text):
        return False
    won = _recent_win(turn)
    if won is None:
        return False
    deal, job = won
    assert deal.id is not None
    turn.run(ReportDisputedWin(deal_id=deal.id, said=turn.text, channel=turn.channel,
                               address=turn.address, who=turn.customer.contact.name,
                               actor=turn.actor, message_id=turn.message_id))
    booked = any(a.is_active for a in turn.uow.appointments.find(job_id=job.id))
    opens = None if handoff.is_open(turn) else handoff.next_opening(turn)
    turn.finish(replies.win_disputed(deal.title, job.number, booked=booked, opens=opens),
                done=handoff.HANDED_OVER)
    return True


def _recent_win(turn: Turn) -> tuple[Deal, Job] | None:
    """The customer's deal won most recently (within RECENT) whose job is not done or
    cancelled, with that job."""
    assert turn.customer is not None
    found: list[tuple[Deal, Job]] = []
    for deal in turn.uow.deals.find(account_id=turn.customer.account_id):
        job = turn.uow.jobs.get(deal.job_id) if deal.job_id is not None else None
        if deal.stage is not DealStage.WON or job is None or job.state in (
                JobState.COMPLETED, JobState.INVOICED, JobState.CANCELLED):
            continue
        if job.created_at is None or turn.now - job.created_at <= RECENT:
            found.append((deal, job))
    return max(found, key=lambda pair: pair[1].id or 0) if found else None
