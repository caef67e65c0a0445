"""A customer's name put right: "pls fix my name, its Marcy Delgado not Smells Awful", "my name
is Ana Ruiz not Anna", "you have my name wrong" (then the name). The contact (and a household
account named after them) is renamed and the new name said back; any question pending stays."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import handoff, replies, small_talk
from bot.dialogue.addresses import corrected_name, introduced_name, read_signup, says_name_wrong
from domain.commands import CorrectContactName, NameAccount

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

ASKED = "name_asked"  # last_done: the right name was asked for


# "account should be Brennan's Pub", "put the account under Rossi Dental": the business's name,
# as written (its capitals and apostrophe kept), up to the end of its clause.
_ACCOUNT_NAME = re.compile(
    r"\b(?i:(?:the |our |my )?(?:account|business|company)(?: name)? (?:should be|name is|"
    r"name should be|(?:is |should be )?(?:under|in the name of|called))\s+)"
    r"(?P<name>[A-Z][\w'’&.-]*(?: (?:[A-Z0-9&][\w'’&.-]*|of|and|the)){0,5})")


def corrects(turn: Turn) -> bool:
    """Rename the contact when the text puts their name right; ask for it when the text only
    says it is wrong; name the account after the business it says it is. False when the text
    says nothing of either name."""
    customer = turn.customer
    if customer is None or customer.contact.id is None:
        return False
    business = _names_account(turn)
    name = corrected_name(turn.text)
    if name is None and turn.last_done() == ASKED:  # "Marcy Delgado" after "what should it be?"
        read = read_signup(turn.text)
        name = introduced_name(turn.text) or (read.name if read.address is None else None)
    if name is None:
        if business is not None:  # "2 works. account should be Brennan's Pub": the pick next
            small_talk.settle(turn, replies.account_named(business))
            return True
        if not says_name_wrong(turn.text) or turn.last_done() == handoff.HANDED_OVER:
            return False  # "its about my account, the name is misspelled": for the call asked
        turn.finish(replies.ask_right_name(), done=ASKED)
        return True
    if business is not None:
        turn.say(replies.account_named(business))
    old = customer.contact.name
    if len(name.split()) == 1 and len(old.split()) > 1:
        name = " ".join([name, *old.split()[1:]])  # "its Katharine with a K": the first name
    if name.casefold() == old.casefold():
        small_talk.settle(turn, replies.name_on_file(name))
        return True
    turn.run(CorrectContactName(contact_id=customer.contact.id, name=name, actor=turn.actor))
    customer.contact.name = name
    small_talk.settle(turn, replies.name_corrected(name))
    return True


def _names_account(turn: Turn) -> str | None:
    """Name the customer's account after the business the text says it is; that name, or None
    when the text names none (or the one it has already)."""
    assert turn.customer is not None
    found = _ACCOUNT_NAME.search(turn.text)
    if found is None:
        return None
    business = found.group("name").rstrip(".")
    if business.casefold() != turn.customer.account.name.casefold():
        turn.run(NameAccount(account_id=turn.customer.account_id, name=business, actor=turn.actor))
        turn.customer.account.name = business
    return business
