"""Every message in and out, and the outbox: an outbound message waiting to be sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.parties import Channel


class Direction(StrEnum):
    IN = "in"
    OUT = "out"


class MessageStatus(StrEnum):
    RECEIVED = "received"  # inbound, stored
    REPLIED = "replied"  # outbound, handed to the provider inline, as the webhook's answer
    QUEUED = "queued"  # in the outbox, waiting for the sender
    SENDING = "sending"  # claimed by a sender, provider call in flight
    SENT = "sent"  # the provider accepted it
    DELIVERED = "delivered"  # the provider reported delivery
    FAILED = "failed"  # gave up; a dispatcher can see it
    # A sender died between claiming it and recording the provider's answer: the provider may
    # have taken it. Never resent by itself; a dispatcher checks (GET /api/outbox).
    POSSIBLY_SENT = "possibly_sent"
    CANCELLED = "cancelled"  # withdrawn (opt-out, appointment moved)


class MessageKind(StrEnum):
    INBOUND = "inbound"
    REPLY = "reply"
    NOTICE = "notice"  # to staff, or a confirmation after a staff action
    REMINDER = "reminder"
    FOLLOW_UP = "follow_up"


class DeferredReason(StrEnum):
    """Why a queued message is not due yet, for the dispatcher's view of the outbox."""

    QUIET_HOURS = "quiet_hours"  # waits for daytime in the recipient's zone
    RETRY = "retry"  # the provider failed for now; backing off
    DUE_LATER = "due_later"  # scheduled for later (a reminder before its visit)


# Reminders, follow-ups and digests wait for daytime in the recipient's zone; replies and notices don't.
NON_URGENT_KINDS = frozenset({MessageKind.REMINDER, MessageKind.FOLLOW_UP})


@dataclass(eq=False)
class Message:
    """One text in or out on a channel; outbound rows in QUEUED state form the outbox."""

    channel: Channel
    direction: Direction
    address: str  # E.164 phone or Telegram chat id
    body: str
    created_at: datetime
    status: MessageStatus
    kind: MessageKind = MessageKind.REPLY
    account_id: int | None = None
    contact_id: int | None = None
    staff_id: int | None = None
    provider_message_id: str | None = None
    idempotency_key: str | None = None
    due_at: datetime | None = None
    attempts: int = 0
    last_error: str | None = None
    sent_at: datetime | None = None
    timezone: str | None = None  # the recipient's zone, for quiet hours
    reply_to_id: int | None = None  # for a reply: the inbound message it answers
    # What an automated message is about ("appointment", "quote", "job", "staff"), and which one.
    about_kind: str | None = None
    about_id: int | None = None
    claimed_by: str | None = None  # the sender working on it (while SENDING), then that sent it
    claimed_at: datetime | None = None  # when that sender claimed it
    # Sent after an attempt whose outcome was unknown (a timeout): the recipient may have it twice.
    possible_duplicate: bool = False
    deferred_reason: str | None = None  # why a QUEUED message waits (DeferredReason)
    id: int | None = None

    @property
    def is_automated(self) -> bool:
        return self.direction is Direction.OUT and self.kind is not MessageKind.REPLY

    def cancel(self, reason: str) -> None:
        if self.status is MessageStatus.QUEUED:
            self.status = MessageStatus.CANCELLED
            self.last_error = reason
