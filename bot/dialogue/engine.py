"""The conversation core: who wrote, what they meant, and which of their role's flows answers.

One message in (an `Inbound`), structured replies out. The core identifies the sender (a
customer's contact, a staff member, or a number we do not know), parses the text in that role,
decides consent once (a carrier keyword from the channel adapter, or the parser's opt-out), then
routes by the role's table of flows. It never knows which provider a text came by: the channel
only keys the conversation and audits who acted. The caller owns the transaction
(bot.inbox.receive); flows change the model only through domain commands run inside it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.dialogue import consent, replies
from bot.dialogue.reply import Reply
from bot.dialogue.roles import FLOWS_BY_ROLE, RoleFlows
from bot.dialogue.sales_deals import known_targets
from bot.dialogue.senders import LAPSED_KEY, conversation_for
from bot.dialogue.turn import Turn
from bot.inbox import ChannelRules, Inbound, Keyword, masked
from bot.nlu import intents
from bot.nlu.parser import Parser
from bot.nlu.result import Parse
from bot.nlu.taken_back import without_taken_back
from domain.bus import MessageBus
from domain.business import BusinessSettings
from domain.catalog import Catalog
from domain.clock import ensure_utc
from domain.errors import DomainError
from domain.parties import Customer
from domain.ports import AbstractUnitOfWork
from domain.staff import Role, StaffMember

logger = logging.getLogger(__name__)

# A rep's texts that name no deal: read without looking their deals up.
PLAIN_SALES = frozenset({intents.FOLLOWUPS, intents.HELP, intents.GREET, intents.THANKS,
                         intents.AFFIRM, intents.DENY, intents.CHOOSE, intents.OPT_OUT,
                         intents.OPT_IN})
CONSENT_INTENTS = {intents.OPT_OUT: Keyword.OPT_OUT, intents.OPT_IN: Keyword.OPT_IN}


@dataclass(frozen=True)
class ParsedAhead:
    """A text parsed before its transaction, as `role` would mean it at `now` in `timezone`."""

    text: str
    now: datetime
    timezone: str
    role: Role
    parse: Parse


@dataclass(frozen=True)
class Sender:
    """Who is writing: a customer, a staff member, or (neither) a number we do not know yet."""

    customer: Customer | None = None
    staff: StaffMember | None = None

    @property
    def role(self) -> Role:
        # Someone we do not know is treated as a prospective customer.
        return self.staff.role if self.staff is not None else Role.CUSTOMER

    def timezone(self, business: BusinessSettings) -> str:
        if self.staff is not None:
            return self.staff.timezone
        site = self.customer.site if self.customer else None
        return site.timezone if site else business.timezone


class DialogueEngine:
    """Turns parsed texts plus conversation state into domain commands and structured replies."""

    def __init__(self, *, bus: MessageBus, parser: Parser, business: BusinessSettings,
                 catalog: Catalog) -> None:
        self.bus, self.parser, self.business, self.catalog = bus, parser, business, catalog

    def parse_ahead(self, text: str, now: datetime) -> ParsedAhead:
        """Parse a text as a customer's, in the business's zone, before its transaction starts.

        `answer` takes it instead of parsing again when the sender turns out to be a customer
        in that zone, so parsing can happen outside the database lane (on SQLite, one writer at
        a time).
        """
        now = ensure_utc(now)
        zone = self.business.timezone
        parse = self.parser.parse(text, role=Role.CUSTOMER, now=now.astimezone(ZoneInfo(zone)))
        return ParsedAhead(text=text, now=now, timezone=zone, role=Role.CUSTOMER, parse=parse)

    def identify(self, uow: AbstractUnitOfWork, inbound: Inbound) -> Sender:
        customer = uow.senders.customer(inbound.channel, inbound.address)
        if customer is not None:
            return Sender(customer=customer)
        return Sender(staff=uow.senders.staff_member(inbound.channel, inbound.address))

    def answer(self, uow: AbstractUnitOfWork, inbound: Inbound, rules: ChannelRules,
               ahead: ParsedAhead | None = None) -> list[Reply]:
        """Answer one message inside the caller's unit of work; the caller commits."""
        now = ensure_utc(inbound.received_at)
        sender = self.identify(uow, inbound)
        role, zone = sender.role, sender.timezone(self.business)
        parse = self._parse(inbound, role, zone, now, ahead)
        if role is Role.SALES and sender.staff is not None and parse.intent not in PLAIN_SALES:
            parse = self._with_deal_names(uow, sender.staff, inbound, zone, now, parse)
        action = inbound.keyword or CONSENT_INTENTS.get(parse.intent)
        if action is Keyword.HELP and sender.staff is not None:
            action = None  # staff asking HELP want their own menu (the carrier's answer aside)
        if action is not None:
            return self._consent(uow, inbound, action, rules, now, sender)
        if rules.silent_to_opted_out and consent.is_opted_out(uow, inbound.channel,
                                                              inbound.address):
            return []  # carriers allow nothing to an opted-out number but START and HELP answers
        conversation = conversation_for(uow, inbound.channel, inbound.address, now)
        before = conversation.state()
        lapsed = LAPSED_KEY in conversation.data
        if lapsed:
            conversation.data = {k: v for k, v in conversation.data.items() if k != LAPSED_KEY}
        if conversation.role is not role:
            conversation.role = role
        table = FLOWS_BY_ROLE[role]
        turn = Turn(uow=uow, bus=self.bus, business=self.business, catalog=self.catalog,
                    conversation=conversation, channel=inbound.channel, address=inbound.address,
                    text=without_taken_back(inbound.text), parse=parse, now=now,
                    message_id=inbound.provider_message_id, role=role,
                    customer=sender.customer, staff=sender.staff,
                    start_intent=table.start, lapsed=lapsed)
        try:
            table.respond(turn)
        except DomainError as error:  # a rule said no: tell the sender, keep the transaction
            logger.info("domain refused a dialogue step: %s", type(error).__name__)
            turn.finish(replies.refused(str(error)))
        if not turn.confused:
            conversation.misunderstandings = 0
        if conversation.state() != before:  # a text that changes nothing (a thanks) writes nothing
            conversation.updated_at = now
        return turn.replies

    def _parse(self, inbound: Inbound, role: Role, zone: str, now: datetime,
               ahead: ParsedAhead | None) -> Parse:
        if inbound.pressed is not None:  # a button carries its option; nothing to read
            return Parse(intents.CHOOSE, {"option": inbound.pressed}, 1.0)
        if ahead is not None and (ahead.text, ahead.now, ahead.timezone, ahead.role) == (
                inbound.text, now, zone, role):
            return ahead.parse
        return self.parser.parse(inbound.text, role=role, now=now.astimezone(ZoneInfo(zone)))

    def _with_deal_names(self, uow: AbstractUnitOfWork, staff: StaffMember, inbound: Inbound,
                         zone: str, now: datetime, plain: Parse) -> Parse:
        """A rep's text read again knowing their deals' names ("lost maple grove"); a name not
        among them keeps the plain reading, so it is answered like any name that matches none."""
        known = known_targets(uow, staff)
        if not known or inbound.pressed is not None:
            return plain
        parse = self.parser.parse(inbound.text, role=Role.SALES,
                                  now=now.astimezone(ZoneInfo(zone)), known_targets=known)
        return plain if parse.intent == intents.UNKNOWN else parse

    def _consent(self, uow: AbstractUnitOfWork, inbound: Inbound, action: Keyword,
                 rules: ChannelRules, now: datetime, sender: Sender) -> list[Reply]:
        """Consent, decided in this one place: a carrier keyword or the parser's opt-out/opt-in."""
        name = self.business.name
        logger.info("%s %s from %s", action.value.replace("_", "-"),
                    "keyword" if inbound.keyword else "request", masked(inbound))
        if action is Keyword.OPT_OUT:
            conversation_for(uow, inbound.channel, inbound.address, now).reset(now=now)
            consent.opt_out(uow, self.bus, inbound.channel, inbound.address, now,
                            inbound.provider_message_id)
            answer = replies.opted_out(name, consent.next_visit(  # "will you still come monday?"
                uow, sender.customer, now, sender.timezone(self.business)))
        elif action is Keyword.OPT_IN:
            consent.opt_in(uow, self.bus, inbound.channel, inbound.address, now,
                           inbound.provider_message_id)
            answer = replies.opted_in(name)
        else:
            answer = replies.keyword_help(name, self.business.phone)
        # A carrier keyword the provider answers itself gets no second answer from us.
        return [answer] if rules.answer_keywords or inbound.keyword is None else []


__all__ = ["DialogueEngine", "ParsedAhead", "RoleFlows", "Sender"]
