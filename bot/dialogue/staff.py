"""Staff without flows of their own yet (dispatchers): parsed in their role, answered honestly.

Technicians (technician.py) and sales reps (sales.py) have their own tables in roles.py; a role
still without one gets an honest answer that its requests are not handled by text yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dialogue import replies, small_talk
from bot.nlu import intents
from domain.staff import Role

if TYPE_CHECKING:
    from bot.dialogue.roles import Starter
    from bot.dialogue.turn import Turn

ROLE_WORDS = {Role.TECHNICIAN: "job", Role.SALES: "sales", Role.DISPATCHER: "dispatch"}


def starters() -> dict[str, Starter]:
    """What a staff member's text starts, whatever their role, for now."""
    return {
        intents.HELP: help_for_role,
        intents.GREET: help_for_role,
        intents.THANKS: small_talk.thanks,
        intents.AFFIRM: small_talk.acknowledge,
        intents.DENY: small_talk.nothing_to_do,
    }


def help_for_role(turn: Turn) -> None:
    assert turn.staff is not None
    turn.finish(replies.staff_coming_soon(turn.staff.first_name,
                                          ROLE_WORDS.get(turn.staff.role, "staff")))


def not_yet(turn: Turn) -> None:
    """A request of the staff member's own role that is not handled by text yet."""
    help_for_role(turn)
