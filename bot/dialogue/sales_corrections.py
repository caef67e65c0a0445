"""A rep correcting which deal they meant, with the news in the same text: "no not riverside, i
meant kowalski. they signed this morning" is Kowalski's win, asked Y/N as always, and the
question about the deal ruled out (if any) is dropped with nothing changed.

Readers only: sales.py decides what is asked.
"""

from __future__ import annotations

import re

from bot.nlu import intents

# "i meant kowalski", "meant the lopez one", "i mean chen not patel": the deal meant, up to the
# end of its clause or the words that start the news about it.
_MEANT = re.compile(
    r"(?:\b(?:i\s+)?(?:meant|mean|ment)\s+(?:to\s+(?:say|type|text|write)\s+)?|"
    # "sorry wrong one - kowalski", "wrong deal, it's lopez"
    r"\bwrong (?:one|deal|account|customer)\s*[-:,.]*\s*(?:(?:it'?s|its|it was|should be)\s+)?)"
    r"(?:the\s+)?(?P<name>[a-z][\w'&-]*(?:\s+[\w'&-]+){0,3}?)"
    r"(?=\s*(?:[.,;:!?]|$|\s+-|\s+(?:not|they|he|she|it|who|which|signed|won|lost|is|was|has|"
    r"have|just|and|deal|one|too)\b))", re.IGNORECASE)
# The news a correction carries, in the rep's words, each to its verdict.
_NEWS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), intent) for pattern, intent in (
        (r"\b(?:signed|won|closed|inked|said yes|accepted|(?:is|are|s|re) a go|going ahead|"
         r"go ahead|went ahead|pulled the trigger)\b", intents.DEAL_WON),
        (r"\b(?:lost|dead|passed|went with|going with|backed out|pulled out|said no|"
         r"fell through)\b", intents.DEAL_LOST),
        (r"\b(?:snooze|push|remind me|circle back|follow up)\b", intents.SNOOZE),
    ))
# The news held back ("they haven't signed yet"): no verdict is read from it.
_HELD_BACK = re.compile(r"\b(?:not|never|haven'?t|hasn'?t|didn'?t|don'?t|won'?t|isn'?t|aren'?t|"
                        r"no longer|almost|nearly|yet)\b\s+(?:\w+\s+){0,2}?(?:signed|won|closed|"
                        r"lost|dead|a go|going ahead)\b|\byet\W*$", re.IGNORECASE)


def meant(text: str) -> str:
    """The words naming the deal meant ("kowalski"), or "" when the text corrects nothing."""
    found = _MEANT.search(text)
    return found.group("name").strip() if found is not None else ""


def news_in(text: str) -> str | None:
    """The verdict the text tells (won, lost, a snooze), or None: none, several, or held back."""
    if _HELD_BACK.search(text):
        return None
    told = {intent for pattern, intent in _NEWS if pattern.search(text)}
    return told.pop() if len(told) == 1 else None
