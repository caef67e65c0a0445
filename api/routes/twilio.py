"""Twilio's webhooks: inbound SMS (answered with TwiML) and delivery status callbacks.

Both are signed: the signature is checked with twilio's RequestValidator over every posted form
parameter and the public URL built from PUBLIC_BASE_URL + the path and raw query as received,
never from a forwarded Host header. Anything unsigned or tampered gets 403 before it is read.

What Twilio is told when the transaction cannot be done: 503 with Retry-After when the database
is unreachable or waited too long (it retries), within WEBHOOK_TIMEOUT_S so that Twilio (which
gives up after 15 s) hears it; 400 when the database refuses the request's own data.
"""

from __future__ import annotations

import asyncio
import logging
import re
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import Response
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from api.bootstrap import Container
from api.deps import get_container
from domain.errors import InvalidPhoneNumber
from domain.phones import mask_phone, normalize_phone
from store.lane import Work
from store.writer_lock import WriterLockTimeout

router = APIRouter(prefix="/webhooks/twilio", tags=["twilio"])
logger = logging.getLogger(__name__)

# Twilio caps a message body at 1,600 characters; a form ten times that is not Twilio talking.
MAX_FORM_BYTES = 64 * 1024
# Twilio's ids are two letters and 32 hex digits; anything else is refused before it is stored.
MESSAGE_SID = re.compile(r"[A-Za-z0-9]{1,64}")
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response />'
_TWIML = "application/xml"


class FormParams(dict[str, list[str]]):
    """Posted form parameters, every value of a repeated name kept (the signature covers them all)."""

    def getlist(self, name: str) -> list[str]:  # the interface RequestValidator looks for
        return self[name]

    def one(self, name: str) -> str | None:
        values = self.get(name)
        return values[0] if values else None


async def signed_form(request: Request, container: Container) -> FormParams:
    """The posted form, once its X-Twilio-Signature is proven; 404 when Twilio is off, 403 unsigned."""
    settings = container.settings
    if not settings.twilio_enabled or not settings.twilio_auth_token:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Twilio is not enabled")
    signature = request.headers.get("x-twilio-signature")
    if not signature:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "missing X-Twilio-Signature")
    body = await _bounded_body(request)
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "invalid X-Twilio-Signature") from None
    params = FormParams()
    for name, value in pairs:
        params.setdefault(name, []).append(value)
    url = settings.public_base_url + request.url.path
    raw_query = request.scope.get("query_string", b"")
    if raw_query:
        url += "?" + raw_query.decode("latin-1")
    if not _validator(settings.twilio_auth_token).validate(url, params, signature):
        logger.warning("twilio webhook refused: bad signature on %s", request.url.path)
        raise HTTPException(status.HTTP_403_FORBIDDEN, "invalid X-Twilio-Signature")
    return params


async def _bounded_body(request: Request) -> bytes:
    """The body, refused with 413 as soon as it is known to exceed MAX_FORM_BYTES: by its
    Content-Length before reading, or while reading (chunked, or a Content-Length that lies)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not (declared.isascii() and declared.isdigit()):
            raise HTTPException(status.HTTP_400_BAD_REQUEST, "Content-Length is not a number")
        if int(declared) > MAX_FORM_BYTES:
            raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, "form too large")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, "form too large")
    return bytes(body)


@lru_cache(maxsize=4)
def _validator(auth_token: str) -> RequestValidator:
    return RequestValidator(auth_token)


def _twiml(replies: list[str]) -> Response:
    if not replies:
        return Response(EMPTY_TWIML, media_type=_TWIML)
    answer = MessagingResponse()
    for reply in replies:
        answer.message(reply)
    return Response(str(answer), media_type=_TWIML)


async def _in_lane_in_time(container: Container, work: Work) -> Any:
    """`work` run in the transaction lane (store.lane), answered within WEBHOOK_TIMEOUT_S: 503
    when the database failed or took too long (work still queued then is dropped: see
    WriterLane.run), 400 when it refused the data."""
    try:
        async with asyncio.timeout(container.settings.webhook_timeout_s):
            return await container.lane.run(work)
    except DataError as exc:  # the request's own data (too long, a NUL): a retry fails the same
        logger.warning("twilio webhook: the database refused the data (%s)",
                       type(exc.orig).__name__ if exc.orig else type(exc).__name__)
        raise HTTPException(status.HTTP_400_BAD_REQUEST,
                            "a field of the request is too long or malformed") from exc
    except _RETRYABLE as exc:
        raise _unavailable(exc) from exc
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise _unavailable(exc) from exc
        raise


# The database could not be reached or did not answer in time; or (IntegrityError) a concurrent
# transaction won a race on a unique row: a retry succeeds either way.
_RETRYABLE = (OperationalError, InterfaceError, IntegrityError, PoolTimeout, WriterLockTimeout,
              TimeoutError)


def _unavailable(exc: Exception) -> HTTPException:
    # Nothing was stored, so nothing may be acknowledged: Twilio retries a 5xx.
    logger.error("twilio webhook: database unavailable (%s)", type(exc).__name__)
    return HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "database unavailable; retry",
                         headers={"Retry-After": "5"})


def _message_sid(params: FormParams) -> str:
    sid = params.one("MessageSid") or params.one("SmsSid")
    if not sid:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "MessageSid is required")
    if not MESSAGE_SID.fullmatch(sid):
        raise HTTPException(status.HTTP_400_BAD_REQUEST,
                            "MessageSid must be 1 to 64 letters and digits")
    return sid


def _sender(params: FormParams) -> str:
    raw = params.one("From")
    if not raw:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "From is required")
    try:
        return normalize_phone(raw)
    except InvalidPhoneNumber:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "From is not a phone number") from None


@router.post("/sms", response_class=Response, responses={200: {"content": {_TWIML: {}}}})
async def inbound_sms(request: Request) -> Response:
    """A customer's text: stored once, understood, answered inline as TwiML."""
    # Called directly, not as dependencies: this is the hot path, and FastAPI's dependency
    # solving cost more per request than checking the signature.
    container = get_container(request)
    params = await signed_form(request, container)
    message_sid = _message_sid(params)
    sender = _sender(params)
    from bot.channels import sms
    from bot.inbox import cut, receive

    inbound = cut(sms.inbound(phone=sender, body=params.one("Body") or "", message_id=message_sid,
                              received_at=container.clock.now()))
    # Parsed before, not inside, the database lane: on SQLite one writer runs at a time.
    ahead = container.dialogue.parse_ahead(inbound.text, inbound.received_at)
    rules = sms.rules(answer_keywords=not container.settings.twilio_handles_keywords)
    result = await _in_lane_in_time(container, lambda uow_factory: receive(
        uow_factory=uow_factory, engine=container.dialogue, inbound=inbound, rules=rules,
        ahead=ahead))
    if result.duplicate:
        logger.info("twilio sms %s from %s is a retry; answered as the first time",
                    message_sid[-6:], mask_phone(inbound.address))
    return _twiml(result.replies)


@router.post("/status", status_code=status.HTTP_204_NO_CONTENT, response_class=Response)
async def delivery_status(request: Request) -> Response:
    """Twilio reports what became of a message we sent; recorded on that outbound message."""
    container = get_container(request)
    params = await signed_form(request, container)
    from bot.providers.twilio import record_delivery_status

    message_sid = _message_sid(params)
    reported = params.one("MessageStatus") or params.one("SmsStatus")
    if not reported:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "MessageSid and MessageStatus are required")
    error_code = _error_code(params.one("ErrorCode"))
    await _in_lane_in_time(container, lambda uow_factory: record_delivery_status(
        uow_factory=uow_factory, bus=container.bus, clock=container.clock,
        provider_message_id=message_sid, reported=reported, error_code=error_code))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _error_code(raw: str | None) -> int | None:
    """Twilio's error codes are five digits; anything else is no code (int() of "²" or of
    5,000 digits would raise)."""
    if raw and raw.isascii() and raw.isdigit() and len(raw) <= 9:
        return int(raw)
    return None
