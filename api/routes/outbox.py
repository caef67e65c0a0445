"""The outbox, as a dispatcher watches it: what waits and why, what failed, what may have gone."""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum
from typing import Any

from fastapi import APIRouter, Request, Response

from api.deps import AdminDep, ContainerDep, UowDep
from api.lookups import PAGE, AfterId, Limit, page_of
from api.schemas import OutboxItemPublic
from domain.messages import Direction, MessageKind, MessageStatus
from domain.ports import TimeRange

router = APIRouter(prefix="/api/outbox", tags=["outbox"], dependencies=[AdminDep])


class OutboxState(StrEnum):
    QUEUED = "queued"  # due now, waiting for a sender
    DEFERRED = "deferred"  # waiting: quiet hours, a retry's backoff, or due later
    SENDING = "sending"  # at the provider now
    SENT = "sent"  # taken by the provider (or reported delivered)
    FAILED = "failed"  # given up, with the reason
    POSSIBLY_SENT = "possibly_sent"  # a sender died mid-send: a dispatcher checks
    POSSIBLE_DUPLICATE = "possible_duplicate"  # retried after an unknown outcome
    CANCELLED = "cancelled"  # withdrawn (opt-out, a visit moved)


OUTBOX_STATUSES = frozenset(set(MessageStatus) - {MessageStatus.RECEIVED, MessageStatus.REPLIED})
_STATUSES = {
    OutboxState.QUEUED: MessageStatus.QUEUED, OutboxState.DEFERRED: MessageStatus.QUEUED,
    OutboxState.SENDING: MessageStatus.SENDING,
    OutboxState.SENT: frozenset({MessageStatus.SENT, MessageStatus.DELIVERED}),
    OutboxState.FAILED: MessageStatus.FAILED, OutboxState.POSSIBLY_SENT: MessageStatus.POSSIBLY_SENT,
    OutboxState.CANCELLED: MessageStatus.CANCELLED,
}


@router.get("", response_model=list[OutboxItemPublic])
def list_outbox(
    uow: UowDep,
    container: ContainerDep,
    request: Request,
    response: Response,
    state: OutboxState | None = None,
    kind: MessageKind | None = None,
    limit: Limit = PAGE,
    after_id: AfterId = None,
) -> list[OutboxItemPublic]:
    """Outbound messages oldest first, a page at a time (the `Link` header's rel="next" URL,
    `after_id`, gives the next page): `state=deferred` shows what waits and why (quiet hours, a
    retry, due later), `failed` why it gave up, `possibly_sent` what a sender left mid-send (check
    before sending again), `possible_duplicate` what was retried after an unknown outcome."""
    now = container.clock.now()
    filters: dict[str, Any] = {"direction": Direction.OUT}
    if kind is not None:
        filters["kind"] = kind
    during = None
    if state is OutboxState.POSSIBLE_DUPLICATE:
        filters["possible_duplicate"] = True
    elif state is not None:
        filters["status"] = _STATUSES[state]
    else:
        filters["status"] = OUTBOX_STATUSES
    if state is OutboxState.QUEUED:
        during = TimeRange("due_at", until=now + timedelta(microseconds=1))
    elif state is OutboxState.DEFERRED:
        during = TimeRange("due_at", since=now + timedelta(microseconds=1))
    found = uow.messages.page(limit=limit + 1, after_id=after_id, during=during, **filters)
    page = page_of(found, limit, request=request, response=response,
                   base_url=container.settings.public_base_url, cursor="after_id")
    zone = container.business.timezone
    return [OutboxItemPublic.of(message, zone, now) for message in page]
