"""A customer's name put right: "pls fix my name, its Marcy Delgado not Smells Awful", "my name
is Ana Ruiz not Anna", "you have my name wrong" (then the name). The contact (and a household
account named after them) is renamed and the new name said back; any question pending stays."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dialogue import handoff, replies, small_talk
from bot.dialogue.addresses import corrected_name, introduced_name, read_signup, says_name_wrong
from domain.commands import CorrectContactName

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

ASKED = "name_asked"  # last_done: the right name was asked for


def corrects(turn: Turn) -> bool:
    """Rename the contact when the text puts their name right; ask for it when the text only
    says it is wrong. False when the text says nothing of the name."""
    customer = turn.customer
    if customer is None or customer.contact.id is None:
        return False
    name = corrected_name(turn.text)
    if name is None and turn.last_done() == ASKED:  # "Marcy Delgado" after "what should it be?"
        read = read_signup(turn.text)
        name = introduced_name(turn.text) or (read.name if read.address is None else None)
    if name is None:
        if not says_name_wrong(turn.text) or turn.last_done() == handoff.HANDED_OVER:
            return False  # "its about my account, the name is misspelled": for the call asked
        turn.finish(replies.ask_right_name(), done=ASKED)
        return True
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
