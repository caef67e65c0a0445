"""The message parser: text, role, time and catalog in; one intent with slots out."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from bot.nlu import intents
from bot.nlu.consent import detect_consent
from bot.nlu.customer_rules import detect_customer
from bot.nlu.evidence import is_undecided
from bot.nlu.keeps import split_kept
from bot.nlu.language import language_of
from bot.nlu.message import Message, Verdict
from bot.nlu.replies import detect_reply
from bot.nlu.result import Parse
from bot.nlu.sales_rules import detect_sales
from bot.nlu.services import ServiceMatcher
from bot.nlu.small_talk import (
    detect_greeting_or_thanks,
    detect_help_or_human,
    detect_small_talk,
    opens_with_greeting,
    strip_greeting,
)
from bot.nlu.staff_asks import detect_staff_ask
from bot.nlu.technician_rules import (
    detect_note,
    detect_technician,
    update_after_acknowledgement,
)
from bot.nlu.text import normalize
from bot.nlu.typos import TypoFixer
from bot.nlu.urgency import urgency_of
from bot.nlu.when import resolve_when
from domain.catalog import Catalog

_ROLE_RULES: dict[str, Callable[[Message], Verdict | None]] = {
    intents.CUSTOMER: detect_customer,
    intents.TECHNICIAN: detect_technician,
    intents.SALES: detect_sales,
}


class Parser:
    """Turns one inbound text into an intent with slots; build once, call parse many times."""

    def __init__(self, catalog: Catalog | None = None) -> None:
        from domain.demo import demo_catalog  # the demo company's, read only when none is given

        self._services = ServiceMatcher(catalog or demo_catalog())
        self._typos = TypoFixer()

    def parse(
        self,
        text: str,
        *,
        role: str = intents.CUSTOMER,
        now: datetime,
        known_targets: Sequence[str] = (),
    ) -> Parse:
        """Understand `text` written by `role` at local time `now` (timezone-aware)."""
        plain = normalize(text)
        canonical = self._typos.fix(plain)
        if not any(char.isalnum() for char in canonical):
            return Parse(intents.UNKNOWN, {}, 0.0)
        request = strip_greeting(_without_spared(canonical))
        message = Message(
            request or canonical,
            role=role,
            today=now.date(),
            known_targets=known_targets,
            match_service=self._services.match,
            resolve_when=resolve_when,
            original=text if isinstance(text, str) else "",
        )
        # a greeting stripped greets; a laugh or "so" stripped ("lol this weather") does not
        greeted = request != canonical and opens_with_greeting(canonical)
        verdict = self._decide(message, greeted=greeted, empty=not request)
        return _with_circumstances(_answer(verdict, message), canonical=canonical, plain=plain)

    def _decide(self, message: Message, *, greeted: bool, empty: bool) -> Verdict:
        if empty:
            return Verdict(intents.GREET, 0.9)
        role_rule = _ROLE_RULES.get(message.role)
        rules = (
            detect_consent,
            update_after_acknowledgement,
            detect_reply,
            detect_note,
            detect_staff_ask,
            detect_help_or_human,
            detect_small_talk,
            role_rule,
        )
        for rule in rules:
            verdict = rule(message) if rule else None
            if verdict and intents.allowed(message.role, verdict.intent):
                if verdict.intent in intents.CONSEQUENTIAL and _doubted(verdict, message):
                    return Verdict(intents.UNKNOWN, 0.3)
                return verdict
        verdict = detect_greeting_or_thanks(message, greeted=greeted)
        if verdict:
            return verdict
        return Verdict(intents.UNKNOWN, 0.2)


# What is asked for beside a visit spared ("keep the tune up, cancel that one"): an order.
_ACTS = re.compile(r"\b(?:cancel|move|drop|delete|reschedule|push|get rid of)\b")


def _without_spared(canonical: str) -> str:
    """The text without what it says to keep, when it asks to act on another visit: "keep
    the tune up" names no work to book in "cancel that one too. keep the tune up"."""
    kept = split_kept(canonical)
    if not kept.spared or not _ACTS.search(kept.rest):
        return canonical
    return kept.rest


# A text opening like a question asks about a decision instead of making it ("is Riverside won").
_ASKS = re.compile(
    # "didnt win acme, they went with X" states a loss with its subject left out; it asks nothing.
    r"^(?:is|are|am|did(?! not (?:win|land|get|close)\b)|does|has|have|was|should|shall|what|which|who|"
    r"whether|how|why|when|where|"
    r"do (?:i|we|they|you think)|any idea|wonder)\b"
)


# Sentences, and what in one asks to cancel: a cancel's doubt is the doubt of its own sentence.
# A spaced dash ends a clause too: "i think one is a duplicate - please cancel the 4pm one".
_SENTENCES = re.compile(r"(?<=[.!?;])\s+|\s+[-\u2013\u2014]+\s+")
_CANCEL_WORDS = re.compile(r"\b(?:cancel\w*|call\w* (?:\w+ ){0,3}off|scrap|scratch|drop|delete|"
                           r"remove|no longer need|do not need|no need)\b")


def _doubted(verdict: Verdict, message: Message) -> bool:
    """Doubt voids a consequential reading; a carrier keyword (STOP) is never in doubt. For a
    cancel (which is confirmed before it is done) only doubt in the sentence asking it counts:
    "i think there is a mix-up. please cancel the one on the 24th" asks it plainly."""
    if verdict.confidence >= 0.95:
        return False
    if _ASKS.match(message.masked) is not None:
        return True
    if verdict.intent == intents.CANCEL:
        sentences = [part for part in _SENTENCES.split(message.masked) if part.strip()]
        asking = [part for part in sentences if _CANCEL_WORDS.search(part)]
        if asking and len(asking) < len(sentences):
            return any(is_undecided(part) for part in asking)
    return is_undecided(message.masked)


def _with_circumstances(parse: Parse, *, canonical: str, plain: str) -> Parse:
    """Add the slots any intent carries: how pressing the text is, and its language if not English."""
    urgency = urgency_of(canonical)
    language = language_of(plain)  # before typo fixing, which reads words as English ones
    if urgency is None and language is None:
        return parse
    slots = dict(parse.slots)
    if urgency is not None:
        slots["urgency"] = urgency
    if language is not None:
        slots["language"] = language
    return Parse(parse.intent, slots, parse.confidence)


def _answer(verdict: Verdict, message: Message) -> Parse:
    slots: dict[str, Any] = {}
    for name in intents.INTENT_SLOTS.get(verdict.intent, ()):
        if name in verdict.slots:
            slots[name] = verdict.slots[name]
        elif name == "service" and message.service:
            slots[name] = message.service
        elif name == "when" and message.when and message.role != intents.TECHNICIAN:
            # a technician's time of arrival is read by the rule itself (bot/nlu/arrival.py)
            slots[name] = message.when
    return Parse(verdict.intent, slots, verdict.confidence)
