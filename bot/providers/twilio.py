"""Twilio: SMS through its Messages API, and what its error codes and delivery reports mean.

Every Twilio code fieldbot knows is here; the outbox only sees `FailureKind`s.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bot.providers import DeliveryReport, FailureKind, SendFailure
from domain.bus import MessageBus
from domain.clock import Clock
from domain.messages import MessageStatus
from domain.parties import Channel
from domain.ports import AbstractUnitOfWork

TWILIO_API = "https://api.twilio.com"

UNSUBSCRIBED = 21610  # the recipient texted STOP to the sending number
# Invalid number, not a mobile number, unknown destination, landline or unreachable carrier.
BAD_ADDRESS_CODES = frozenset({21211, 21614, 30005, 30006})
RETRY_CODES = frozenset({30003, 20429})  # unreachable handset, too many requests


def failure_for(code: int | None, status: int | None, summary: str) -> SendFailure:
    """What a Twilio refusal (error `code`, HTTP `status`) means for the outbox."""
    if code == UNSUBSCRIBED:
        kind = FailureKind.UNSUBSCRIBED
    elif code in BAD_ADDRESS_CODES:
        kind = FailureKind.BAD_ADDRESS
    elif code in RETRY_CODES or status is None or status >= 500 or status == 429:
        kind = FailureKind.TRANSIENT
    else:
        kind = FailureKind.REJECTED
    return SendFailure(kind, summary)


@dataclass
class TwilioProvider:
    """SMS through Twilio's Messages REST API over async HTTP (aiohttp), so that one sender has
    many messages at Twilio at once; with a status callback URL.

    The one call fieldbot makes is a form POST to the documented Messages resource. twilio's own
    client is synchronous (requests; its async variant is aiohttp too), and httpx's async pool
    cost 1.4 ms of CPU a request here against aiohttp's 0.3 ms (bench/outbox_workers.py).
    """

    account_sid: str
    auth_token: str
    from_number: str
    api_base_url: str | None = None  # None: the real api.twilio.com
    status_callback: str | None = None
    timeout: float = 10.0
    max_connections: int = 256
    _sessions: dict[asyncio.AbstractEventLoop, aiohttp.ClientSession] = field(
        default_factory=dict, init=False, repr=False)

    @property
    def messages_url(self) -> str:
        base = (self.api_base_url or TWILIO_API).rstrip("/")
        return f"{base}/2010-04-01/Accounts/{self.account_sid}/Messages.json"

    def _session(self) -> aiohttp.ClientSession:
        """One session (and connection pool) per event loop: a pool cannot cross loops."""
        loop = asyncio.get_running_loop()
        session = self._sessions.get(loop)
        if session is None:
            session = self._sessions[loop] = aiohttp.ClientSession(
                headers={"Authorization": aiohttp.encode_basic_auth(self.account_sid,
                                                                    self.auth_token)},
                timeout=aiohttp.ClientTimeout(total=self.timeout,
                                              connect=min(self.timeout, 5.0)),
                connector=aiohttp.TCPConnector(limit=self.max_connections))
        return session

    async def send(self, *, channel: Channel, to: str, body: str) -> str:
        if channel is not Channel.SMS:
            raise SendFailure(FailureKind.REJECTED, f"Twilio sends SMS, not {channel.value}")
        form = {"To": to, "From": self.from_number, "Body": body}
        if self.status_callback:
            form["StatusCallback"] = self.status_callback
        try:
            async with self._session().post(self.messages_url, data=form) as response:
                status = response.status
                answer = _json(await response.read())
        except (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError) as exc:
            # No connection was ever made: Twilio cannot have the message.
            raise SendFailure(FailureKind.TRANSIENT,
                              f"twilio unreachable ({type(exc).__name__})") from None
        except (aiohttp.ClientError, TimeoutError) as exc:  # sent, then no answer: maybe it went
            raise SendFailure(FailureKind.UNKNOWN_OUTCOME,
                              f"twilio unreachable ({type(exc).__name__})") from None
        if status >= 400:
            code = _int(answer.get("code"))
            raise failure_for(code, status,
                              f"twilio {status} {code if code is not None else ''}".strip())
        sid = answer.get("sid")
        if not isinstance(sid, str) or not sid:
            raise SendFailure(FailureKind.UNKNOWN_OUTCOME, f"twilio {status} without a message sid")
        return sid

    async def aclose(self) -> None:
        session = self._sessions.pop(asyncio.get_running_loop(), None)
        if session is not None:
            await session.close()


def _json(raw: bytes) -> dict[str, Any]:
    try:
        answer = json.loads(raw)
    except ValueError:
        return {}
    return answer if isinstance(answer, dict) else {}


def _int(code: object) -> int | None:
    try:
        return int(str(code))
    except (TypeError, ValueError):
        return None


# Twilio's MessageStatus values, as fieldbot records them.
_STAGES = {
    "accepted": MessageStatus.SENT, "queued": MessageStatus.SENT, "sending": MessageStatus.SENT,
    "sent": MessageStatus.SENT, "delivered": MessageStatus.DELIVERED,
    "read": MessageStatus.DELIVERED, "undelivered": MessageStatus.FAILED,
    "failed": MessageStatus.FAILED,
}


def delivery_report(reported: str, error_code: int | None) -> DeliveryReport | None:
    """A status callback's MessageStatus and ErrorCode as the outbox records them; None if unknown."""
    reported = reported.strip().lower()
    stage = _STAGES.get(reported)
    if stage is None:
        return None
    failure = None
    if stage is MessageStatus.FAILED:
        failure = failure_for(error_code, None, f"twilio {reported} {error_code or ''}".strip())
    return DeliveryReport(stage=stage, failure=failure)


def record_delivery_status(*, uow_factory: Callable[[], AbstractUnitOfWork], bus: MessageBus,
                           clock: Clock, provider_message_id: str, reported: str,
                           error_code: int | None) -> bool:
    """Record a Twilio status callback on the outbound SMS; False when the message is not ours."""
    from bot.outbox import record_delivery

    report = delivery_report(reported, error_code)
    if report is None:
        return False
    return record_delivery(uow_factory=uow_factory, bus=bus, clock=clock, channel=Channel.SMS,
                           provider_message_id=provider_message_id, report=report)
