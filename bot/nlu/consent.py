"""Opting out of and back into texts: the carrier keywords and plain requests to stop texting."""

from __future__ import annotations

import re
import unicodedata

from bot.nlu import intents
from bot.nlu.evidence import is_hedged
from bot.nlu.message import Message, Verdict

_STOP_KEYWORDS = frozenset(
    {"stop", "stopall", "stop all", "unsubscribe", "end", "quit", "optout", "opt out", "revoke"}
)
_START_KEYWORDS = frozenset({"start", "unstop", "subscribe", "resubscribe", "opt in", "optin"})
_POLITE = re.compile(r"\b(?:please|pls|now|thanks|thank you)\b|[!.,]")
_STOP_TEXTING = re.compile(
    r"\b(?:stop|quit|cease|no more|do not|never|please do not|dont)\s+(?:sending\s+(?:me\s+|us\s+)?|"
    r"ever\s+)?(?:(?:these|those|the|your|all|all the|all these|all of these|all your|any|any more|"
    r"such)\s+)?(?:automated\s+|auto\s+|marketing\s+|promo\s+|promotional\s+|stupid\s+|damn\s+)?"
    r"(?:text|texts|texting|message|messages|messaging|sms|contacting|contact|spamming|spam|"
    r"bothering)(?:\s+(?:me|us|this number|my number|anymore|again))*\b"
    r"|\b(?:do not|never) (?:want|need|wish to (?:receive|get)) (?:to (?:receive|get) )?(?:any ?more |any |"
    r"these |your |those |more |the |further )*(?:text|texts|text messages|messages|sms)\b"
    r"|\bunsubscribe\b|\bopt (?:me )?out\b|\bremove (?:me|my number|this number) from\b|"
    r"\btake (?:me|my number|this number) off\b|\bleave me alone\b"
)
# A wish to be reached another way (or by text after all) is not a request to stop texting.
_CONTRARY_WISH = re.compile(
    r"\b(?:text|txt|message|sms|call|phone|ring|email|e mail|whatsapp) (?:me|us)\b(?! (?:anymore|again|ever))"
    r"|\binstead\b|\brather\b|\bonly (?:text|call|message|email)\b"
    r"|\b(?:just|only) (?:the |my )?(?:appointment|appt|booking|reminders?|updates?|confirmations?)\b"
    r"|\bstill (?:get|want|receive|send|like)\b"
    r"|\b(?:emails?|e mails?|emailing|mailing list|mailings?|mail|mailers?|newsletters?|post|letters?|"
    r"catalogu?es?|phone calls|calls|calling|voicemails?|robocalls?|app notifications|notifications|"
    r"push notifications|whatsapps?)\b"
)
# Someone else's wish reported in a note ("note: customer says stop texting her") is a note for the
# job, not the writer opting out; nor is a request about texting a third person.
_REPORTED = re.compile(
    r"^(?:note|notes|fyi|memo|log|for the record|update)\b|"
    r"\b(?:customer|client|homeowner|tenant|owner|landlord|resident|caller|lady|guy|man|woman|wife|"
    r"husband|he|she|they|mr|mrs|ms|neighbou?r|occupant)\b(?: \w+)? (?:says|said|asks|asked|wants|"
    r"wanted|told (?:me|us)|requests|requested|mentioned|would like|insists|insisted)\b|"
    r"\b(?:texting|messaging|contacting|calling|text|message|contact) (?:her|him|them|"
    r"(?:my|our|the) (?!number|phone|cell|mobile|line|landline)\w+)\b"
)
_KEEP_TEXTING = re.compile(r"\b(?:do not|dont|never) (?:stop|unsubscribe|opt)|\bkeep (?:texting|sending)")


def detect_consent(message: Message) -> Verdict | None:
    """Recognise STOP-style keywords and requests to stop (or restart) texting."""
    bare = " ".join(_POLITE.sub(" ", message.text).split())
    # Carriers match their keywords letter for letter: "EŃD" folded to "end" is no keyword, while
    # "ＳＴＯＰ" in full-width letters still is.
    written = unicodedata.normalize("NFKC", message.original)
    plain_letters = all(char.isascii() for char in written if char.isalpha())
    if plain_letters and (bare in _STOP_KEYWORDS or bare in {"stop stop", "stop texting", "stop it"}):
        return Verdict(intents.OPT_OUT, 0.97)
    if bare in _START_KEYWORDS:
        return Verdict(intents.OPT_IN, 0.95)
    stop = _STOP_TEXTING.search(message.masked)
    if stop and message.has(_REPORTED):
        return None
    if stop and not message.has(_KEEP_TEXTING) and not is_hedged(message.text):
        rest = message.masked[: stop.start()] + " , " + message.masked[stop.end() :]
        if not _CONTRARY_WISH.search(rest):
            return Verdict(intents.OPT_OUT, 0.9)
    return None
