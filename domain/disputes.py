"""A win the customer disputes: "we never agreed to this" after being asked to schedule a won
deal's job. Nothing is undone here: a person decides, so the dispatchers get a call item and the
deal's rep hears of it, and the account's timeline notes it."""

from __future__ import annotations

from domain import commands
from domain.clock import Clock
from domain.errors import NotFound
from domain.notices import notify_staff
from domain.parties import Channel
from domain.ports import AbstractUnitOfWork
from domain.timeline import Activity, ActivityKind

QUOTED = 160  # the customer's words quoted to staff, at most


def report_disputed_win(cmd: commands.ReportDisputedWin, *, uow: AbstractUnitOfWork,
                        clock: Clock) -> None:
    """Tell the dispatchers (a call item) and the deal's rep that the customer disputes the win."""
    now = clock.now()
    deal = uow.deals.get(cmd.deal_id)
    if deal is None or cmd.actor.account_id != deal.account_id:  # the customer's own deal only
        raise NotFound("No deal of yours matches that")
    job = uow.jobs.get(deal.job_id) if deal.job_id is not None else None
    rep = uow.staff.get(deal.owner_id)
    work = f"'{deal.title}'" + (f" (job {job.number})" if job is not None else "")
    said = " ".join(cmd.said.split())[:QUOTED]
    reach = cmd.address if cmd.channel is not Channel.TELEGRAM else f"Telegram chat {cmd.address}"
    key = f"win-disputed:{deal.id}:{cmd.message_id or now.isoformat()}"
    notify_staff(uow, now=now, account_id=deal.account_id, key=key,
                 body=f"Call-back request: {cmd.who} ({reach}) disputes the win of {work}, "
                      f"marked won by {rep.name if rep is not None else 'its rep'}: \"{said}\". "
                      f"No visit was offered; check with the rep, and cancel the job if it was won "
                      f"by mistake.")
    notify_staff(uow, now=now, owner_id=deal.owner_id, account_id=deal.account_id,
                 key=f"{key}:owner",
                 body=f"{cmd.who} says they never agreed to {work}, which you marked won: "
                      f"\"{said}\". The office was asked to call them; no visit was offered.")
    uow.activities.add(Activity(
        account_id=deal.account_id, kind=ActivityKind.NOTE, at=now,
        summary=f"Customer disputes the win of {work}; dispatchers and rep told",
        actor=cmd.actor.label(), channel=cmd.channel.value, subject_type="deal",
        subject_id=deal.id, provider_message_id=cmd.message_id))
