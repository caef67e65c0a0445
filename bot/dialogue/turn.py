"""One inbound text being answered: who wrote, what they meant, and the state to keep."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.dialogue import replies
from bot.dialogue.reply import Reply
from bot.nlu import intents
from bot.nlu.result import Parse
from domain.actors import Actor
from domain.bus import MessageBus
from domain.business import BusinessSettings
from domain.catalog import Catalog
from domain.commands import Command
from domain.conversations import Conversation
from domain.parties import Channel, Customer
from domain.ports import AbstractUnitOfWork
from domain.staff import Role, StaffMember

CONVERSATION_TTL = timedelta(minutes=30)
MISUNDERSTANDINGS_BEFORE_HUMAN = 2
# Kept in the conversation's data across flows; everything else belongs to the current flow.
# "last_done" remembers what the last flow achieved, so a later "ok" or thumbs-up is answered kindly;
# "last_change" what it changed with the previous values, so "undo" or "wrong address" can put it right.
# "shown" remembers the visits last listed, so "cancel it" or "the second one" can mean them.
# "tech_last" is a technician's last status change, which "undo" takes back (bot/dialogue/technician.py).
# "tech_last_note" is a technician's last note, which "undo" withdraws when it is newer than "tech_last".
# "deals_shown" is a sales rep's last follow-up list, so "won 2" or "snooze 3" can mean its lines.
# "moving" is a move left unfinished for another request, so the time asked next moves that visit.
PERSISTENT_KEYS = ("last_done", "last_change", "shown", "tech_last", "tech_last_note", "danger",
                   "deals_shown",
                   "moving", "leak", "given", "refused_area", "reopen_asked")
# The pending question as it was asked, in the flow's data: an answer aside asks it again.
QUESTION_KEY = "question"
QUESTION_KEPT = 300  # characters of it kept
# What a flow achieves by answering alone: nothing changed, so nothing for an "undo" to put right.
ANSWERED_ONLY = frozenset({"answered", "complaint", "offered_visit", "quote_requested",
                           "spanish_call"})


@dataclass
class Turn:
    """Everything a flow needs to answer one text; flows say things and move the conversation."""

    uow: AbstractUnitOfWork
    bus: MessageBus
    business: BusinessSettings
    catalog: Catalog
    conversation: Conversation
    channel: Channel
    address: str
    text: str
    parse: Parse
    now: datetime  # UTC
    message_id: str | None
    role: Role = Role.CUSTOMER
    customer: Customer | None = None  # the sender, when a known customer
    staff: StaffMember | None = None  # the sender, when on the staff
    replies: list[Reply] = field(default_factory=list)
    confused: bool = False
    # Starts the flow for `parse`'s intent; set by the engine so a finished flow can hand on.
    start_intent: Callable[[Turn], None] | None = None
    # The question pending before this text had timed out (an old "Y" answers nothing).
    lapsed: bool = False
    # An answer aside was given and the text also answers the question pending ("monday 10. and
    # i shouldn't have to pay, right?"): the pending flow reads it next.
    goes_on: bool = False

    @property
    def timezone(self) -> str:
        """The sender's zone: their site's, a staff member's own, else the business's."""
        if self.staff is not None:
            return self.staff.timezone
        site = self.customer.site if self.customer else None
        return site.timezone if site else self.business.timezone

    @property
    def data(self) -> dict[str, Any]:
        return dict(self.conversation.data)

    @property
    def step(self) -> str | None:
        return self.conversation.step

    @property
    def actor(self) -> Actor:
        """Who acts when this text changes something: the staff member, or the customer."""
        if self.staff is not None:
            return Actor(role=self.staff.role, channel=self.channel, staff_id=self.staff.id,
                         message_id=self.message_id, all_deals=self.staff.manages_all_deals)
        assert self.customer is not None, "a sender must be identified before acting"
        return Actor(role=Role.CUSTOMER, channel=self.channel, account_id=self.customer.account_id,
                     contact_id=self.customer.contact.id, message_id=self.message_id)

    def option(self) -> int | None:
        """The number of the option this text picks ("2", "the second one"), if it is a pick."""
        if self.parse.intent != intents.CHOOSE:
            return None
        option = self.parse.slots.get("option")
        return option if isinstance(option, int) else None

    def say(self, reply: Reply) -> None:
        self.replies.append(reply)

    def ask(self, flow: str, step: str, data: dict[str, Any], question: Reply) -> None:
        """Say `question` and wait for its answer in `flow`/`step`, for half an hour; the question
        is kept (QUESTION_KEY) so an answer aside can ask it again briefly."""
        asked = {"text": question.text[:QUESTION_KEPT], "expects": str(question.expects),
                 "options": len(question.options)}
        self.conversation.start(flow, step, {**self.kept(), **data, QUESTION_KEY: asked},
                                now=self.now, expires_at=self.now + CONVERSATION_TTL)
        self.say(question)

    def finish(self, reply: Reply | None = None, *, done: str | None = None,
               changed: dict[str, Any] | None = None, keep_done: bool = False) -> None:
        """The flow is over: forget its state and say the last word; `done` names what it achieved
        and `changed` what it changed (ids and previous values), for an undo within half an hour."""
        # What the last flow achieved is forgotten unless `keep_done`: a nod answers only the last
        # thing said ("see you then" right after a booking, not after a question since). What it
        # changed stays for half an hour, so "undo" still works after a question in between.
        kept = self.kept()
        if done is not None:
            kept["last_done"] = {"what": done, "at": self.now.isoformat()}
            if done not in ANSWERED_ONLY:
                kept["last_change"] = {"what": done, "at": self.now.isoformat(),
                                       "changed": changed or {}}
        elif not keep_done:
            kept.pop("last_done", None)
        self.conversation.reset(now=self.now)
        if kept:
            self.conversation.data = kept
        if reply is not None:
            self.say(reply)

    def kept(self) -> dict[str, Any]:
        return {k: v for k, v in self.conversation.data.items() if k in PERSISTENT_KEYS}

    def last_done(self) -> str | None:
        """What the last flow achieved ("booked", "approved"...), if it was the last thing done."""
        raw = self.recent("last_done")
        return str(raw["what"]) if raw is not None else None

    def last_change(self) -> dict[str, Any]:
        """What the last change touched and its previous values, within half an hour; {} if nothing."""
        raw = self.recent("last_change")
        changed = raw.get("changed") if raw is not None else None
        return dict(changed) if isinstance(changed, dict) else {}

    def last_change_name(self) -> str | None:
        """What the last change within half an hour was ("booked", "approved"...), if any."""
        raw = self.recent("last_change")
        return str(raw["what"]) if raw is not None else None

    def recent(self, key: str) -> dict[str, Any] | None:
        """A persistent key's value if it was kept within half an hour (its "at"); else None."""
        raw = self.conversation.data.get(key)
        if not isinstance(raw, dict):
            return None
        try:
            at = datetime.fromisoformat(str(raw.get("at")))
        except ValueError:
            return None
        return raw if self.now - at <= CONVERSATION_TTL else None

    def remember(self, key: str, value: Any) -> None:
        """Keep `value` under a persistent key of the conversation (see PERSISTENT_KEYS)."""
        self.conversation.data = {**self.conversation.data, key: value}

    def forget(self, key: str) -> None:
        """Drop a persistent key of the conversation (see PERSISTENT_KEYS)."""
        if key in self.conversation.data:
            self.conversation.data = {k: v for k, v in self.conversation.data.items() if k != key}

    def forget_change(self) -> None:
        """The last change was put right: nothing is left to undo."""
        data = dict(self.conversation.data)
        data.pop("last_done", None)
        data.pop("last_change", None)
        self.conversation.data = data

    def run(self, command: Command) -> Any:
        """Run a domain command inside this text's transaction."""
        return self.bus.handle_in(self.uow, command)

    def misunderstood(self, retry: Reply) -> None:
        """Count a misunderstanding; the second in a row hands the customer to a person."""
        from bot.dialogue import handoff

        self.confused = True
        self.conversation.misunderstandings += 1
        if self.conversation.misunderstandings >= MISUNDERSTANDINGS_BEFORE_HUMAN:
            self.conversation.misunderstandings = 0
            handoff.hand_over(self, reason="was not understood by the bot twice")
            self.finish(replies.handoff_after_confusion(
                self.business.name, opens=None if handoff.is_open(self) else handoff.next_opening(self)))
        else:
            self.say(retry)
