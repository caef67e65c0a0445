"""Why a deal was lost, as a rep tells it: a reason ("they went with a cheaper bid from abc
heating"), or filler that gives none ("idk", "whatever", "eh"), which is never kept or echoed back
as if it were one."""

from __future__ import annotations

import re

# What a lost deal's reason reads when the rep gave none.
NO_REASON = "no reason given"
# Words that answer "why was it lost?" without a reason, alone or before one ("dunno, they went
# quiet"); longer phrases first, so "no reason given" is not read as "no" and a reason.
FILLER = sorted({
    "idk", "idc", "dunno", "i dunno", "i don't know", "i dont know", "don't know", "dont know",
    "not sure", "no idea", "no clue", "who knows", "beats me", "whatever", "whatevs", "no reason",
    "no reason given", "none", "nothing", "n/a", "na", "eh", "meh", "ugh", "hmm", "um", "uh",
    "just because", "doesn't matter", "doesnt matter", "does not matter", "no comment",
    "who cares", "unknown", "nope", "nah", "lol", "ok", "okay", "k",
    "it just is", "just lost", "it's lost", "its lost", "no reason really", "they just did",
    "didn't say", "didnt say", "they didn't say", "they didnt say", "not given", "skip",
}, key=len, reverse=True)
_FILLER_LEAD = re.compile(r"^(?:" + "|".join(re.escape(f) for f in FILLER) + r")(?=\W|$)",
                          re.IGNORECASE)
_EDGES = " .,!?;:-\u2013\u2014()'\"~*"


def reason_in(text: str) -> str:
    """The reason a rep's text gives, filler before it left out ("dunno, they just went quiet":
    "they just went quiet"); "" when the text is filler alone ("idk", "whatever", "eh")."""
    said = text.strip(_EDGES)
    while said:
        lead = _FILLER_LEAD.match(said)
        if lead is None:
            return said[:300]
        said = said[lead.end():].strip(_EDGES)
    return ""


def kept_reason(text: str) -> str:
    """The reason to keep for a reason said: filler alone is kept as NO_REASON, nothing said as
    "" (the reason is then asked for)."""
    if not text.strip(_EDGES):
        return ""
    return reason_in(text) or NO_REASON
