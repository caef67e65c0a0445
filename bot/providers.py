"""Who actually delivers an outbound text: Twilio's REST API, or a log line for the demo."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

from domain.parties import Channel
from domain.phones import mask_phone

logger = logging.getLogger(__name__)


class ProviderError(Exception):
    """The provider did not accept a message; `code` is its error code, `status` the HTTP status.

    Both are None for a timeout or a connection that never got an answer.
    """

    def __init__(self, summary: str, *, code: int | None = None, status: int | None = None) -> None:
        super().__init__(summary)
        self.code = code
        self.status = status


class Provider(Protocol):
    """Sends one text and returns the provider's message id, or raises ProviderError."""

    def send(self, *, channel: Channel, to: str, body: str) -> str: ...


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


TWILIO_API = "https://api.twilio.com"


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
            raise ProviderError(f"Twilio sends SMS, not {channel.value}", code=None, status=400)
        options: dict[str, Any] = {"to": to, "from_": self.from_number, "body": body}
        if self.status_callback:
            options["status_callback"] = self.status_callback
        try:
            created = self._client.messages.create(**options)
        except TwilioRestException as exc:
            raise ProviderError(f"twilio {exc.status} {exc.code}", code=_int(exc.code),
                                status=exc.status) from None
        except TwilioServiceException as exc:
            raise ProviderError(f"twilio {exc.status} {exc.code}", code=_int(exc.code),
                                status=exc.status) from None
        except RequestException as exc:  # timeout, refused connection, reset
            raise ProviderError(f"twilio unreachable ({type(exc).__name__})") from None
        return str(created.sid)


def _int(code: object) -> int | None:
    try:
        return int(code)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return None


def providers_from(settings: Any) -> dict[Channel, Provider]:
    """Twilio for SMS when credentials are set, else the log provider; the log provider elsewhere."""
    log = LogProvider()
    providers: dict[Channel, Provider] = {Channel.SMS: log, Channel.TELEGRAM: log,
                                          Channel.CONSOLE: log}
    if settings.twilio_account_sid and settings.twilio_auth_token and settings.twilio_from_number:
        callback = (f"{settings.public_base_url}/webhooks/twilio/status"
                    if settings.twilio_enabled else None)
        providers[Channel.SMS] = TwilioProvider(
            account_sid=settings.twilio_account_sid, auth_token=settings.twilio_auth_token,
            from_number=settings.twilio_from_number, api_base_url=settings.twilio_api_base_url,
            status_callback=callback)
    return providers
