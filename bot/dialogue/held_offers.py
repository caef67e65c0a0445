"""Times offered to move a visit stay offered through an answer aside.

While the bot waits for a pick among times to move a visit, a question, a complaint
or a greeting is answered; if what answered it ended the flow without changing anything, the
same times stay pending for the same visit, so the next "1" still picks among them and never
books a new job or moves another visit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.dialogue import offers, replies
from bot.dialogue.turn import CONVERSATION_TTL

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn


@dataclass(frozen=True)
class Held:
    """The pick pending before the text: its flow, step, data and when it lapses."""

    flow: str
    step: str
    data: dict[str, Any]
    expires_at: datetime | None


def hold(turn: Turn) -> Held | None:
    """The pending pick among times offered to move a visit, if the bot waits for one."""
    conversation = turn.conversation
    if not conversation.is_active(turn.now) or conversation.step != offers.PICK \
            or not conversation.data.get("offers") or conversation.flow is None \
            or conversation.data.get("appointment_id") is None:
        return None  # times for a new job may end with an answer ("isn't dave coming anyway?")
    return Held(conversation.flow, offers.PICK, dict(conversation.data), conversation.expires_at)


def keep(turn: Turn, held: Held | None) -> None:
    """Put the pick back when the answer aside ended it and changed nothing; say it still waits."""
    if held is None or turn.conversation.is_active(turn.now) or _changed_now(turn):
        return
    kept = {k: v for k, v in turn.kept().items() if k not in held.data}
    turn.conversation.start(held.flow, held.step, {**held.data, **kept}, now=turn.now,
                            expires_at=held.expires_at or turn.now + CONVERSATION_TTL)
    turn.say(replies.question_still_open())


def _changed_now(turn: Turn) -> bool:
    """True when this very text changed something (the last change was recorded now)."""
    change = turn.conversation.data.get("last_change")
    return isinstance(change, dict) and change.get("at") == turn.now.isoformat()


def aside(turn: Turn, answer: Callable[[Turn], bool]) -> bool:
    """Answer a question aside with `answer` while another question is pending ("anything else
    booked that week?" while times are offered): the pending question is put back as it was and
    said to still stand, unless the answer changed something. False when `answer` did not answer."""
    conversation = turn.conversation
    if not conversation.is_active(turn.now) or conversation.flow is None \
            or conversation.step is None:
        return answer(turn)
    flow, step, data, expires_at = (conversation.flow, conversation.step, dict(conversation.data),
                                    conversation.expires_at)
    # "monday the 28th 8-10 is perfect. and how much was the pipes quote?": the pick goes on
    picked = offers.pick_sentence(turn) if step == offers.PICK else None
    if not answer(turn):
        return False
    if not _changed_now(turn):
        kept = {k: v for k, v in conversation.data.items() if k in ("shown", "last_done")}
        conversation.start(flow, step, {**data, **kept}, now=turn.now,
                           expires_at=expires_at or turn.now + CONVERSATION_TTL)
        if picked is not None and picked != turn.text:
            from bot.dialogue import two_parts  # imports this module's neighbours

            turn.parse = two_parts.parse_part(turn, picked)
            turn.goes_on, turn.text = True, picked
        else:
            turn.say(replies.question_still_open())
    return True
