"""The dialogue engine: one inbound text in, the replies out, the conversation kept in the database.

It never knows which channel a text came by: `channel` only keys the conversation and audits who
acted. The caller owns the transaction (bot.inbox.receive); the engine changes the model only
through domain commands run inside it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import ModuleType
from zoneinfo import ZoneInfo

from bot.dialogue import (
    booking,
    cancel,
    consent,
    handoff,
    offers,
    onboarding,
    quotes,
    replies,
    reschedule,
    small_talk,
    staff,
    status,
)
from bot.dialogue.senders import LAPSED_KEY, conversation_for, find_contact, find_staff, load_customer
from bot.dialogue.turn import Turn
from bot.nlu import intents
from bot.nlu.parser import Parser
from bot.nlu.result import Parse
from domain.bus import MessageBus
from domain.business import BusinessSettings
from domain.catalog import Catalog
from domain.clock import Clock, ensure_utc
from domain.errors import DomainError
from domain.parties import Channel
from domain.ports import AbstractUnitOfWork

logger = logging.getLogger(__name__)

# Flows that can wait for an answer, by the name they store in the conversation.
FLOWS: dict[str, ModuleType] = {
    onboarding.FLOW: onboarding,
    booking.FLOW: booking,
    reschedule.FLOW: reschedule,
    cancel.FLOW: cancel,
    quotes.FLOW: quotes,
}

# Steps whose question is a plain Y/N: their own "no" answer says what stays as it was.
YES_NO_STEPS = frozenset({"confirm", "offer_human"})
# Texts that drop a pending question though the parser reads them as unknown.
DISMISSAL = re.compile(
    r"^\W*(never\s*mind|nvm|forget (it|that|about it)|no thanks?|no thank you|not now|"
    r"leave it|skip it|scratch that|don'?t worry( about it)?)\W*$", re.IGNORECASE)

STARTERS: dict[str, Callable[[Turn], None]] = {
    intents.BOOK: booking.start,
    intents.RESCHEDULE: reschedule.start,
    intents.CANCEL: cancel.start,
    intents.JOB_STATUS: status.start,
    intents.APPROVE_QUOTE: quotes.start,
    intents.DECLINE_QUOTE: quotes.start,
    intents.HUMAN: handoff.start,
    intents.HELP: small_talk.menu,
    intents.GREET: small_talk.menu,
    intents.THANKS: small_talk.thanks,
    intents.AFFIRM: small_talk.acknowledge,
    intents.DENY: small_talk.nothing_to_do,
}


@dataclass(frozen=True)
class ParsedAhead:
    """A customer's text parsed before its transaction, for `now` in `timezone`."""

    text: str
    now: datetime
    timezone: str
    parse: Parse


class DialogueEngine:
    """Turns parsed texts plus conversation state into domain commands and short replies."""

    def __init__(self, *, bus: MessageBus, parser: Parser, business: BusinessSettings,
                 catalog: Catalog, clock: Clock) -> None:
        self.bus, self.parser, self.business = bus, parser, business
        self.catalog, self.clock = catalog, clock

    def parse_ahead(self, text: str, now: datetime) -> ParsedAhead:
        """Parse a text as a customer's, in the business's zone, before its transaction starts.

        `handle` takes it instead of parsing again when the sender's zone turns out the same,
        so the parsing can happen outside the database lane (on SQLite, one writer at a time).
        """
        now = ensure_utc(now)
        zone = self.business.timezone
        parse = self.parser.parse(text, role=intents.CUSTOMER, now=now.astimezone(ZoneInfo(zone)))
        return ParsedAhead(text=text, now=now, timezone=zone, parse=parse)

    def handle(self, uow: AbstractUnitOfWork, *, channel: Channel, address: str, text: str,
               now: datetime, message_id: str | None, ahead: ParsedAhead | None = None
               ) -> list[str]:
        """Answer one text from `address` inside the caller's unit of work; the caller commits."""
        now = ensure_utc(now)
        conversation = conversation_for(uow, channel, address, now)
        before = conversation.state()
        lapsed = LAPSED_KEY in conversation.data
        if lapsed:
            conversation.data = {k: v for k, v in conversation.data.items() if k != LAPSED_KEY}
        contact = find_contact(uow, channel, address)
        person = find_staff(uow, channel, address) if contact is None else None
        if person is not None:
            conversation.role = person.role.value
            conversation.updated_at = now
            return staff.coming_soon(person)
        customer = load_customer(uow, contact) if contact is not None else None
        site = customer.site if customer else None
        zone = site.timezone if site else self.business.timezone
        if ahead is not None and (ahead.text, ahead.now, ahead.timezone) == (text, now, zone):
            parse = ahead.parse
        else:
            parse = self.parser.parse(text, role=intents.CUSTOMER, now=now.astimezone(ZoneInfo(zone)))
        turn = Turn(uow=uow, bus=self.bus, business=self.business, catalog=self.catalog,
                    conversation=conversation, channel=channel, address=address, text=text,
                    parse=parse, now=now, message_id=message_id, customer=customer,
                    start_intent=self._start, lapsed=lapsed)
        try:
            self._respond(turn)
        except DomainError as error:  # a rule said no: tell the customer, keep the transaction
            logger.info("domain refused a dialogue step: %s", type(error).__name__)
            turn.finish(replies.refused(str(error)))
        if not turn.confused:
            conversation.misunderstandings = 0
        if conversation.state() != before:  # a text that changes nothing (a thanks) writes nothing
            conversation.updated_at = now
        return turn.replies

    def _respond(self, turn: Turn) -> None:
        intent = turn.parse.intent
        if intent == intents.OPT_OUT:
            consent.opt_out(turn.uow, self.bus, turn.channel, turn.address, turn.now)
            turn.finish(replies.opted_out(self.business.name))
            return
        if intent == intents.OPT_IN:
            consent.opt_in(turn.uow, self.bus, turn.channel, turn.address, turn.now)
            turn.finish(replies.opted_in(self.business.name))
            return
        pending = turn.conversation
        flow = FLOWS.get(pending.flow or "") if pending.is_active(turn.now) else None
        if flow is not None and intent != intents.HUMAN:
            if self._dropped(turn) or flow.answer(turn):
                return
        elif turn.lapsed and turn.customer is not None and intent in (
                intents.AFFIRM, intents.DENY, intents.CHOOSE):
            turn.finish(replies.question_lapsed())  # answers a question that timed out
            return
        self._start(turn)

    @staticmethod
    def _dropped(turn: Turn) -> bool:
        """ "n", "no" or "never mind" while a question is pending: leave everything as it is."""
        dismissal = DISMISSAL.match(turn.text) is not None
        if turn.parse.intent != intents.DENY and not dismissal:
            return False
        if turn.step in YES_NO_STEPS:
            if dismissal:  # the flow's own "no" says what stays (the visit, the quote)
                turn.parse = Parse(intents.DENY, {}, 1.0)
            return False
        if turn.step == offers.PICK and offers.wish_from(turn) is not None:
            return False  # "no, friday instead" is a new wish
        turn.finish(replies.left_as_is())
        return True

    def _start(self, turn: Turn) -> None:
        """Begin what the text asks for; an unknown number is onboarded first."""
        intent = turn.parse.intent
        if turn.customer is None and intent not in onboarding.NEEDS_NO_ACCOUNT:
            onboarding.start(turn)
            return
        starter = STARTERS.get(intent)
        if starter is None:  # unknown, or a number that answers no pending question
            small_talk.not_understood(turn)
            return
        starter(turn)
