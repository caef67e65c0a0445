"""Who actually delivers an outbound text, and the few outcomes the outbox understands.

Each provider maps its own error codes onto `FailureKind` (Twilio's live in bot/providers/twilio.py),
so the outbox decides retries, opt-outs and flags without knowing any provider's codes.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from domain.messages import MessageStatus
from domain.parties import Channel
from domain.phones import mask_phone

logger = logging.getLogger(__name__)


class FailureKind(StrEnum):
    TRANSIENT = "transient"  # worth another try, with backoff (busy, 5xx, rate limited)
    UNSUBSCRIBED = "unsubscribed"  # the recipient opted out at the carrier: record it, no retry
    BAD_ADDRESS = "bad_address"  # the address cannot receive messages: permanent, flagged
    REJECTED = "rejected"  # refused for another reason: permanent
    UNKNOWN_OUTCOME = "unknown_outcome"  # no answer after the request may have reached the provider


class SendFailure(Exception):
    """A provider did not take a message; `kind` says what the outbox should do about it.

    The summary is what a dispatcher sees in the failed list: codes, never the message body.
    """

    def __init__(self, kind: FailureKind, summary: str) -> None:
        super().__init__(summary)
        self.kind = kind


class Provider(Protocol):
    """Sends one message and returns the provider's message id, or raises SendFailure."""

    def send(self, *, channel: Channel, to: str, body: str) -> str: ...


class AsyncProvider(Protocol):
    """A provider spoken to over async HTTP: many messages in flight from one sender."""

    async def send(self, *, channel: Channel, to: str, body: str) -> str: ...

    async def aclose(self) -> None:
        """Close the connections opened on the running event loop."""
        ...


AnyProvider = Provider | AsyncProvider


@dataclass(frozen=True)
class DeliveryReport:
    """What a provider later reported about a message it took: a stage, and why it failed."""

    stage: MessageStatus  # SENT, DELIVERED or FAILED
    failure: SendFailure | None = None


class LogProvider:
    """The demo's provider: logs that a message went out (masked number, no body) and keeps it."""

    def __init__(self) -> None:
        self.sent: list[tuple[Channel, str, str]] = []

    def send(self, *, channel: Channel, to: str, body: str) -> str:
        message_id = f"log-{uuid.uuid4().hex[:16]}"
        self.sent.append((channel, to, body))
        shown = mask_phone(to) if to.startswith("+") else "chat ***"
        logger.info("log provider: %s message %s to %s (%d chars)", channel.value, message_id,
                    shown, len(body))
        return message_id
