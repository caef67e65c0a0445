"""Doubt detectors: what makes a consequential reading (cancel, approve, lost...) unsafe."""

from __future__ import annotations

import re

# Conditionals, questions about the rules, hesitation, future or past tense: no clear decision.
_HEDGES = re.compile(
    r"\b(?:if|whether|how|why|what|when|will i|would i|do i|should|shall i|fee|fees|charge|"
    r"charged|penalty|policy|refund|deposit|before|yet|maybe|might|perhaps|thinking|considering|"
    r"consider|not sure|unsure|possible|possibly|too late|allowed|able to|wondering|wonder|"
    r"probably|likely|hopefully|hope|almost|about to|close to|going to|planning|plan to|"
    r"want to know|question|happens|happen|still deciding|deciding|later|tempted|might)\b"
)
_REQUEST_QUESTION = re.compile(
    r"^(?:(?:ok|okay|hi|hello|hey|yes|yeah|so|then|actually|and|please)[ ,]+)*"
    r"(?:can|could|would|will) (?:you|u|ya|we|someone|somebody|yall|you guys) "
)


def is_hedged(text: str) -> bool:
    """Tell whether a text hedges (condition, doubt, a question about rules) instead of deciding."""
    if _HEDGES.search(text):
        return True
    return "?" in text and not _REQUEST_QUESTION.search(text)


def negated_before(text: str, position: int, *, window: int = 3) -> bool:
    """Tell whether one of the few words just before `position` negates what follows."""
    before = text[:position].split()[-window:]
    return any(
        word in {"not", "no", "never", "cannot", "without", "nor", "dont", "neither"} for word in before
    )
