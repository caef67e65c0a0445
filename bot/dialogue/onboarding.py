"""Onboarding an unknown number: name and service address in one reply, then on with the request."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.dialogue import handoff, replies
from bot.dialogue.addresses import read_details
from bot.dialogue.senders import remember_contact
from bot.dialogue.turn import CONVERSATION_TTL, Customer
from bot.nlu import intents
from bot.nlu.result import Parse
from domain.parties import Account, Channel, Contact, Site

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

FLOW = "onboard"
# What an unknown number may ask that needs no account first.
NEEDS_NO_ACCOUNT = frozenset({intents.HUMAN, intents.THANKS, intents.OPT_OUT, intents.OPT_IN})


def start(turn: Turn) -> None:
    """Ask for name and address, remembering what the newcomer wanted."""
    small_talk = turn.parse.intent in (intents.GREET, intents.HELP, intents.UNKNOWN)
    after = {} if small_talk else _wanted(turn)
    if read_details(turn.text) is not None:  # the very first text already holds name and address
        turn.conversation.start(FLOW, "details", {**turn.kept(), "after": {}}, now=turn.now,
                                expires_at=turn.now + CONVERSATION_TTL)
        answer(turn)
        return
    turn.ask(FLOW, "details", {"after": after}, replies.ask_details(turn.business.name))


def answer(turn: Turn) -> bool:
    if turn.step == "offer_human":
        return handoff.answer_offer(turn)
    if turn.step != "details":
        return False
    details = read_details(turn.text)
    if details is None:
        if turn.parse.intent in (intents.UNKNOWN, intents.GREET, intents.AFFIRM, intents.DENY,
                                 intents.CHOOSE):
            turn.misunderstood(replies.details_unclear())
        else:  # a new request before the details: remember it, ask again
            turn.ask(FLOW, "details", {"after": _wanted(turn)}, replies.details_first())
        return True
    zone = turn.business.zone_for_postal_code(details.postal_code)
    if zone is None:
        turn.ask(FLOW, "offer_human", {}, replies.outside_area(details.postal_code))
        return True
    after: dict[str, Any] = turn.data.get("after") or {}
    if not after and intents.allowed(intents.CUSTOMER, turn.parse.intent) and \
            turn.parse.intent not in intents.COMMON_INTENTS:  # details and request in one text
        after = _wanted(turn)
    account = turn.uow.accounts.add(Account(name=details.name))
    assert account.id is not None
    contact = Contact(account_id=account.id, name=details.name,
                      preferred_channel=turn.channel if turn.channel is not Channel.CONSOLE
                      else Channel.SMS)
    if turn.channel is Channel.TELEGRAM:
        contact.telegram_chat_id = int(turn.address)
    else:
        contact.phone = turn.address
    turn.uow.contacts.add(contact)
    remember_contact(turn.uow, turn.channel, turn.address, contact)
    site = turn.uow.sites.add(Site(account_id=account.id, address=details.street,
                                   city=details.city, postal_code=details.postal_code,
                                   zone_id=zone.id, timezone=zone.timezone))
    turn.customer = Customer(account=account, contact=contact, sites=[site])
    turn.finish(replies.welcome(details.first_name, site.one_line()))
    turn.conversation.data = {}
    if after.get("intent") and turn.start_intent is not None:
        turn.parse = Parse(str(after["intent"]), dict(after.get("slots") or {}), 1.0)
        turn.text = str(after.get("text", ""))
        turn.start_intent(turn)
    else:
        turn.say(replies.menu(turn.business.name))
    return True


def _wanted(turn: Turn) -> dict[str, Any]:
    """What the newcomer asked for, kept (JSON) until they are set up."""
    return {"intent": turn.parse.intent, "slots": dict(turn.parse.slots), "text": turn.text[:300]}
