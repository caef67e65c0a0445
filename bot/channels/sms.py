"""The SMS channel: carrier keywords, and replies as numbered GSM text.

Carriers treat a text that is exactly STOP, START or HELP (and their synonyms) as a keyword,
whatever a conversation was waiting for: a bare CANCEL opts out, it never cancels a visit.
That rule belongs here, not to the parser, which reads "cancel" as a wish to cancel.
"""

from __future__ import annotations

from datetime import datetime

from bot.dialogue.gsm import sms
from bot.dialogue.reply import Expect, Reply
from bot.inbox import ChannelRules, Inbound, Keyword
from domain.parties import Channel

OPT_OUT_KEYWORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE",
                              "OPTOUT"})
OPT_IN_KEYWORDS = frozenset({"START", "UNSTOP"})
HELP_KEYWORDS = frozenset({"HELP", "INFO"})


def keyword_in(text: str) -> Keyword | None:
    """The carrier keyword a text is, if it is nothing else (case and surrounding space ignored)."""
    word = text.strip().upper()
    if word in OPT_OUT_KEYWORDS:
        return Keyword.OPT_OUT
    if word in OPT_IN_KEYWORDS:
        return Keyword.OPT_IN
    if word in HELP_KEYWORDS:
        return Keyword.HELP
    return None


def inbound(*, phone: str, body: str, message_id: str, received_at: datetime) -> Inbound:
    """A text from an E.164 number, with the keyword it is (if any) already read."""
    return Inbound(channel=Channel.SMS, address=phone, text=body,
                   provider_message_id=message_id, received_at=received_at,
                   keyword=keyword_in(body))


def render(reply: Reply) -> str:
    """A reply as one SMS of at most two segments: choices numbered, the answer asked for."""
    if reply.expects is Expect.YES_NO:
        return sms(f"{reply.text} Reply Y or N")
    if reply.expects is Expect.CHOICE and reply.options:
        lines = "\n".join(f"{n}) {option}" for n, option in enumerate(reply.options, start=1))
        how = f"Reply {_numbers(len(reply.options))}"
        how += f", or {reply.other}." if reply.other else "."
        return sms(f"{reply.text}\n{lines}\n{how}")
    return sms(reply.text)


def rules(*, answer_keywords: bool) -> ChannelRules:
    """SMS answered inline (TwiML); `answer_keywords` False when the provider answers STOP/HELP."""
    return ChannelRules(render=render, inline_replies=True, answer_keywords=answer_keywords,
                        silent_to_opted_out=True)


def _numbers(count: int) -> str:
    if count <= 1:
        return "1"
    return ", ".join(str(n) for n in range(1, count)) + f" or {count}"
