"""Twilio's webhooks: inbound SMS (answered with TwiML) and delivery status callbacks.

Both are signed: the signature is checked with twilio's RequestValidator over every posted form
parameter and the public URL built from PUBLIC_BASE_URL + the path and raw query as received,
never from a forwarded Host header. Anything unsigned or tampered gets 403 before it is read.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from urllib.parse import parse_qsl

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import Response
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from api.bootstrap import Container
from api.deps import get_container
from domain.errors import InvalidPhoneNumber
from domain.phones import mask_phone, normalize_phone

router = APIRouter(prefix="/webhooks/twilio", tags=["twilio"])
logger = logging.getLogger(__name__)

# Twilio caps a message body at 1,600 characters; a form ten times that is not Twilio talking.
MAX_FORM_BYTES = 64 * 1024
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
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, "form too large")
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


def _unavailable(exc: Exception) -> HTTPException:
    # Nothing was stored, so nothing may be acknowledged: Twilio retries a 5xx.
    logger.error("twilio webhook: database unavailable (%s)", type(exc).__name__)
    return HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "database unavailable; retry",
                         headers={"Retry-After": "5"})


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
    message_sid = params.one("MessageSid") or params.one("SmsSid")
    if not message_sid:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "MessageSid is required")
    sender = _sender(params)
    from bot.channels import sms
    from bot.inbox import cut, receive

    inbound = cut(sms.inbound(phone=sender, body=params.one("Body") or "", message_id=message_sid,
                              received_at=container.clock.now()))
    # Parsed before, not inside, the database lane: on SQLite one writer runs at a time.
    ahead = container.dialogue.parse_ahead(inbound.text, inbound.received_at)
    rules = sms.rules(answer_keywords=not container.settings.twilio_handles_keywords)
    try:
        result = await container.lane.run(lambda uow_factory: receive(
            uow_factory=uow_factory, engine=container.dialogue, inbound=inbound, rules=rules,
            ahead=ahead))
    except (DBAPIError, PoolTimeout) as exc:
        raise _unavailable(exc) from exc
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

    message_sid = params.one("MessageSid") or params.one("SmsSid")
    reported = params.one("MessageStatus") or params.one("SmsStatus")
    if not message_sid or not reported:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "MessageSid and MessageStatus are required")
    error_code = params.one("ErrorCode")
    try:
        await container.lane.run(lambda uow_factory: record_delivery_status(
            uow_factory=uow_factory, bus=container.bus, clock=container.clock,
            provider_message_id=message_sid, reported=reported,
            error_code=int(error_code) if error_code and error_code.isdigit() else None))
    except (DBAPIError, PoolTimeout) as exc:
        raise _unavailable(exc) from exc
    return Response(status_code=status.HTTP_204_NO_CONTENT)
