"""Twilio: SMS through its Messages API, and what its error codes and delivery reports mean.

Every Twilio code fieldbot knows is here; the outbox only sees `FailureKind`s.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

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
    """SMS through Twilio's Messages REST API, over async HTTP (httpx), so that one sender has
    many messages in flight at once; with a status callback URL.

    twilio's own client is synchronous (requests), and its async variant needs aiohttp: the one
    call fieldbot makes is a form POST, written here against the documented REST resource.
    """

    account_sid: str
    auth_token: str
    from_number: str
    api_base_url: str | None = None  # None: the real api.twilio.com
    status_callback: str | None = None
    timeout: float = 10.0
    _clients: dict[asyncio.AbstractEventLoop, list[_Pool]] = field(
        default_factory=dict, init=False, repr=False)

    @property
    def messages_url(self) -> str:
        base = (self.api_base_url or TWILIO_API).rstrip("/")
        return f"{base}/2010-04-01/Accounts/{self.account_sid}/Messages.json"

    def _pool(self) -> _Pool:
        """The least busy of this event loop's clients (a client cannot cross loops), or a new
        one when each has POOL_SIZE requests in flight: httpx's pool costs more CPU per request
        the more connections it holds, so many small pools beat one large one."""
        pools = self._clients.setdefault(asyncio.get_running_loop(), [])
        pool = min(pools, key=lambda p: p.in_flight, default=None)
        if pool is None or pool.in_flight >= POOL_SIZE:
            pool = _Pool(httpx.AsyncClient(
                auth=(self.account_sid, self.auth_token),
                timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 5.0)),
                limits=httpx.Limits(max_connections=POOL_SIZE,
                                    max_keepalive_connections=POOL_SIZE)))
            pools.append(pool)
        return pool

    async def send(self, *, channel: Channel, to: str, body: str) -> str:
        if channel is not Channel.SMS:
            raise SendFailure(FailureKind.REJECTED, f"Twilio sends SMS, not {channel.value}")
        form = {"To": to, "From": self.from_number, "Body": body}
        if self.status_callback:
            form["StatusCallback"] = self.status_callback
        pool = self._pool()
        pool.in_flight += 1
        try:
            response = await pool.client.post(self.messages_url, data=form)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            # No connection was ever made: Twilio cannot have the message.
            raise SendFailure(FailureKind.TRANSIENT,
                              f"twilio unreachable ({type(exc).__name__})") from None
        except httpx.TransportError as exc:  # sent, and then no answer: it may have gone out
            raise SendFailure(FailureKind.UNKNOWN_OUTCOME,
                              f"twilio unreachable ({type(exc).__name__})") from None
        finally:
            pool.in_flight -= 1
        answer = _json(response)
        if response.status_code >= 400:
            code = _int(answer.get("code"))
            raise failure_for(code, response.status_code,
                              f"twilio {response.status_code} {code if code is not None else ''}"
                              .strip())
        sid = answer.get("sid")
        if not isinstance(sid, str) or not sid:
            raise SendFailure(FailureKind.UNKNOWN_OUTCOME,
                              f"twilio {response.status_code} without a message sid")
        return sid

    async def aclose(self) -> None:
        for pool in self._clients.pop(asyncio.get_running_loop(), []):
            await pool.client.aclose()


POOL_SIZE = 8  # connections per httpx client


@dataclass
class _Pool:
    client: httpx.AsyncClient
    in_flight: int = 0


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        answer = response.json()
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
