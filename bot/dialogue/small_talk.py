"""Greetings, thanks, help and the things the bot did not understand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dialogue import replies

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn


def menu(turn: Turn) -> None:
    turn.finish(replies.menu(turn.business.name))


def thanks(turn: Turn) -> None:
    turn.finish(replies.thanks(), keep_done=True)


def acknowledge(turn: Turn) -> None:
    """ "ok", "yes", a thumbs-up with no question pending: a friendly word, not a misunderstanding."""
    # Right after a booking or a decision it thanks for that; otherwise it says nothing waits for a
    # yes, so a "Y" meant for a question never seems to have done something.
    turn.finish(replies.acknowledged(turn.last_done()), keep_done=True)


def nothing_to_do(turn: Turn) -> None:
    """ "no" with no question pending."""
    turn.finish(replies.no_call())


def not_understood(turn: Turn) -> None:
    turn.misunderstood(replies.not_understood())
