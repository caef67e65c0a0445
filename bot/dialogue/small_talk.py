"""Greetings, thanks, help and the things the bot did not understand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dialogue import replies

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn


def menu(turn: Turn) -> None:
    turn.finish(replies.menu(turn.business.name))


def thanks(turn: Turn) -> None:
    turn.finish(replies.thanks())


def acknowledge(turn: Turn) -> None:
    """ "ok", "yes", a thumbs-up with no question pending: a short word after something was just
    done, else an honest "nothing is waiting for an answer"; never a misunderstanding."""
    done = turn.last_done()
    turn.finish(replies.acknowledged(done) if done else replies.nothing_pending())


def nothing_to_do(turn: Turn) -> None:
    """ "no" with no question pending."""
    turn.finish(replies.no_call())


def not_understood(turn: Turn) -> None:
    turn.misunderstood(replies.not_understood())
