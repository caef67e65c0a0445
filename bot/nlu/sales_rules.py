"""What salespeople tell the bot: follow-up lists, snoozes, deals won and lost."""

from __future__ import annotations

import re

from bot.nlu import intents
from bot.nlu.evidence import is_hedged
from bot.nlu.message import Message, Verdict
from bot.nlu.targets import clean_target, match_known

_T = r"(?P<t>[a-z0-9&'. -]+?)"
_END = r"\s*(?:[!.,;]|$|\b(?:deal|account|contract|today|finally|officially|just now)\b)"
_WON = (
    re.compile(rf"\b(?:mark|set|move|put|log|flag)\s+{_T}\s+(?:as\s+)?(?:closed[ -]?)?(?:won|win|signed)\b"),
    re.compile(
        r"\b(?:we\s+|i\s+|just\s+|finally\s+)*(?:won|closed|signed|landed|secured|closed[ -]?won)\s+"
        rf"{_T}{_END}"
    ),
    re.compile(rf"\bgot\s+(?:the\s+)?{_T}\s+(?:deal|contract|account|signed)\b"),
    re.compile(
        rf"^{_T}\s+(?:(?:has|have|just|finally|officially|is|are)\s+)*(?:signed|signed up|signed on|"
        r"said yes|accepted|is a go|came through|committed|bought|purchased|closed won|won|"
        r"is in|agreed|inked)\b"
    ),
)
_LOST = (
    re.compile(rf"\b(?:mark|set|move|put|log|flag)\s+{_T}\s+(?:as\s+)?(?:closed[ -]?)?lost\b"),
    re.compile(rf"\b(?:we\s+|i\s+|just\s+)*lost\s+(?:out on\s+)?{_T}(?:{_END}|\s+(?:to|they|because)\b)"),
    re.compile(
        rf"^{_T}\s+(?:(?:has|have|just|finally|officially|is|are)\s+)*(?:went with|chose|picked|"
        r"signed with|is going with|are going with|decided on|decided to go with|hired|awarded it to)"
        r"\s+(?:a |an |another |someone|somebody|the |other |a different )"
    ),
    re.compile(
        rf"^{_T}\s+(?:(?:has|have|just|finally|officially|is|are)\s+)*(?:passed|said no|declined|"
        r"backed out|pulled out|walked away|walked|is dead|fell through|went cold|is lost|dropped out|"
        r"not interested|turned us down|closed lost|bailed|went elsewhere)\b"
    ),
)
_CLOSED_LOST = re.compile(r"\bclosed[ -]?lost\b")
_SNOOZE = (
    re.compile(
        r"\b(?:remind me|reminder|ping me|nudge me|bug me|remind)\s+(?:(?:to\s+)?(?:call|follow up "
        r"with|check in with|check on|reach out to|email|text|contact|ping|chase|about|of|re|"
        r"regarding|on|for|that)\s+)*" + _T + r"(?=\s+(?:on|in|next|tomorrow|today|tonight|this|at|"
        r"for|by|after|until|till|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
        r"\d|a week|a couple|two|three|end of)\b|\s*$)"
    ),
    re.compile(
        r"\b(?:snooze|defer|park|hold|push|bump)\s+" + _T + r"(?=\s+(?:on|in|to|until|till|for|"
        r"next|tomorrow|by|till|after|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d|"
        r"a week|a couple|two|three)\b|\s*$)"
    ),
    re.compile(
        r"\b(?:follow up|followup|circle back|check back|check in|touch base)\s+(?:with|on)\s+"
        + _T
        + r"(?=\s+(?:on|in|next|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
        r"\d|a week)\b)"
    ),
)
_FOLLOWUPS = re.compile(
    r"\bfollow ?-?ups?\b|\bwho (?:should|do|shall|must|can) i (?:need to |have to |got to |want to )?"
    r"(?:call|contact|follow up|reach|"
    r"ring|email|chase|ping|talk)\b|\bwho (?:needs|need) (?:a )?(?:call|follow|ping|chasing)\b|"
    r"\bwhat is on my (?:list|plate)\b|\bmy (?:list|pipeline|follow)\b|\bpipeline\b|"
    r"\bwhat (?:deals|leads|accounts) (?:should|do|need)\b|\bwho to call\b|\bcall list\b|"
    r"\bwhat should i work on\b|\bany (?:leads|deals|accounts) (?:to|i should|that need)\b|"
    r"\bwho is due\b|\bwhat is due\b|\bwho (?:do i|should i) (?:\w+ )?today\b"
)


def detect_sales(message: Message) -> Verdict | None:
    """Classify a salesperson's message; a won or lost deal needs a plain statement, not a question."""
    text = message.masked
    for pattern in _SNOOZE:
        m = pattern.search(text)
        if m and (message.when or pattern is _SNOOZE[1]):
            return _with_target(intents.SNOOZE, 0.85, message, m.group("t"), with_when=True)
    if message.has(_FOLLOWUPS):
        return Verdict(intents.FOLLOWUPS, 0.85)
    if is_hedged(text) or re.search(r"\b(?:not|never|almost|nearly)\b", text):
        return None
    if message.has(_CLOSED_LOST):
        return _deal(intents.DEAL_LOST, message, _LOST)
    lost = _deal(intents.DEAL_LOST, message, _LOST)
    if lost:
        return lost
    return _deal(intents.DEAL_WON, message, _WON)


def _deal(intent: str, message: Message, patterns: tuple[re.Pattern[str], ...]) -> Verdict | None:
    first = None
    for pattern in patterns:
        m = pattern.search(message.masked)
        if m and clean_target(m.group("t")):
            return _with_target(intent, 0.85, message, m.group("t"))
        first = first or m
    return _with_target(intent, 0.85, message, first.group("t")) if first else None


def _with_target(
    intent: str, confidence: float, message: Message, raw: str, *, with_when: bool = False
) -> Verdict:
    target = match_known(clean_target(raw), message.masked, message.known_targets)
    slots: dict[str, object] = {}
    if target:
        slots["target"] = target
    else:
        confidence = min(confidence, 0.6)
    if with_when and message.when:
        slots["when"] = message.when
    return Verdict(intent, confidence, slots)
