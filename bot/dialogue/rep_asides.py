"""A rep's word about their own day, which is no command: "grabbing coffee, back in 10", "ugh
traffic", "lunch then calls", "hows your day". Answered with a short human word and nothing
done; read only after every command has been tried, so it never stands in for one.

Readers only: sales.py decides when to answer.
"""

from __future__ import annotations

import re

from bot.dialogue.reply import Reply

# Each kind of aside, by the words that say it; the first that fits is the one answered.
_ASIDES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in (
        # asked after the bot's own day
        ("asked", r"^\W*(?:and )?how(?:'?s| is|s|s it| are) (?:your|ur|you|u|the bot)"
                  r"(?: (?:day|week|morning|afternoon|doing|going|holding up))?\W*$"),
        # a plan for the day: "lunch then calls", "calls after lunch", "hitting the phones"
        ("plan", r"\b(?:lunch|coffee|a break|meeting|meetings)\b.{0,20}\b(?:then|after(?: that)?)\b"
                 r".{0,20}\b(?:calls?|phones?|follow ?ups?|emails?|quotes?)\b|"
                 r"\b(?:calls?|phones?|follow ?ups?) (?:after|this) (?:lunch|afternoon|morning)\b|"
                 r"\bhit(?:ting)? the phones\b"),
        # away a while: "grabbing coffee, back in 10", "brb", "in a meeting"
        ("away", r"\b(?:grabbing|getting|going for|on|at|taking|having)(?: a| my| some| quick)? "
                 r"(?:coffee|lunch|break|bite|food|snack)\b|\bbrb\b|\bback in (?:\d+|a few|a bit|"
                 r"five|ten|fifteen|twenty|thirty|an hour|half an hour)\b|"
                 r"\b(?:in|into|heading (?:in)?to) (?:a )?meeting\b|\bstepping (?:out|away)\b"),
        # the road: "ugh traffic", "stuck on the kennedy", "driving"
        ("road", r"\btraffic\b|\bstuck (?:on|in|behind)\b|\bon the road\b|\bdriving\b|"
                 r"\bconstruction\b"),
        # the mood of the day: "ugh", "long day", "so tired", "crazy morning"
        ("mood", r"^\W*(?:ugh+|argh+|meh|sigh|whew|phew|yikes|oof|fml|lol|haha+)\W*$|"
                 r"\b(?:long|crazy|rough|busy|slow|hectic|wild) (?:day|morning|week|afternoon)\b|"
                 r"\b(?:so |super |really )?(?:tired|beat|exhausted|swamped|slammed)\b"),
    ))
# A question or a deal's news is never an aside, whatever else it says.
_NOT_AN_ASIDE = re.compile(r"\?|\b(?:signed|won|lost|snooze|remind|quote for|price|deal)\b",
                           re.IGNORECASE)
_WORDS = {
    "asked": "Busy in a good way, thanks for asking!",
    "plan": "Sounds like a plan.",
    "away": "No rush, I'll be here.",
    "road": "Drive safe - text me once you're parked.",
    "mood": "Hang in there!",
}
_NEXT = ' Text "followups" when you want your list.'


def aside_in(text: str) -> str | None:
    """The kind of aside the text is ("away", "road"...), or None for anything else."""
    if _NOT_AN_ASIDE.search(text):
        return None
    return next((kind for kind, pattern in _ASIDES if pattern.search(text)), None)


def reply_to(kind: str) -> Reply:
    """A short human word back, and the one thing the rep may want next."""
    return Reply(_WORDS[kind] + ("" if kind == "road" else _NEXT))
