"""Twilio: SMS through its Messages API, and what its error codes and delivery reports mean.

Every Twilio code fieldbot knows is here; the outbox only sees `FailureKind`s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

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


def _twilio_http_client(api_base_url: str | None, timeout: float) -> Any:
    """twilio's own requests-based client, optionally pointed at another host (a local fake)."""
    from twilio.http.http_client import TwilioHttpClient

    class BaseUrlHttpClient(TwilioHttpClient):  # type: ignore[misc]
        def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
            if api_base_url:
                base, target = urlsplit(api_base_url), urlsplit(url)
                url = urlunsplit((base.scheme, base.netloc, base.path.rstrip("/") + target.path,
                                  target.query, ""))
            return super().request(method, url, *args, **kwargs)

    return BaseUrlHttpClient(timeout=timeout)


@dataclass
class TwilioProvider:
    """SMS through Twilio's Messages API (twilio.rest.Client), with a status callback URL."""

    account_sid: str
    auth_token: str
    from_number: str
    api_base_url: str | None = None  # None: the real api.twilio.com
    status_callback: str | None = None
    timeout: float = 10.0

    def __post_init__(self) -> None:
        from twilio.rest import Client

        self._client = Client(self.account_sid, self.auth_token,
                              http_client=_twilio_http_client(self.api_base_url, self.timeout))

    def send(self, *, channel: Channel, to: str, body: str) -> str:
        from requests import RequestException
        from twilio.base.exceptions import TwilioRestException, TwilioServiceException

        if channel is not Channel.SMS:
            raise SendFailure(FailureKind.REJECTED, f"Twilio sends SMS, not {channel.value}")
        options: dict[str, Any] = {"to": to, "from_": self.from_number, "body": body}
        if self.status_callback:
            options["status_callback"] = self.status_callback
        try:
            created = self._client.messages.create(**options)
        except (TwilioRestException, TwilioServiceException) as exc:
            raise failure_for(_int(exc.code), exc.status,
                              f"twilio {exc.status} {exc.code}") from None
        except RequestException as exc:  # timeout, refused connection, reset
            kind = FailureKind.TRANSIENT if _never_reached(exc) else FailureKind.UNKNOWN_OUTCOME
            raise SendFailure(kind, f"twilio unreachable ({type(exc).__name__})") from None
        return str(created.sid)


def _never_reached(exc: Exception) -> bool:
    """True when the request cannot have reached Twilio: no connection was ever made."""
    from requests.exceptions import ConnectionError, ConnectTimeout
    from urllib3.exceptions import NewConnectionError

    if isinstance(exc, ConnectTimeout):
        return True
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(exc, ConnectionError) and isinstance(reason, NewConnectionError)


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
