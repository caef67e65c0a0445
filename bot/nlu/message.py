"""One inbound text as the rules see it: canonical, masked, tokenised, with its context."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from bot.nlu.masking import mask_numbers
from bot.nlu.targets import names_in
from bot.nlu.text import words


@dataclass(frozen=True)
class Verdict:
    """What a rule concluded: an intent, how sure it is, and any slots it read itself."""

    intent: str
    confidence: float
    slots: dict[str, Any] = field(default_factory=dict)


class Message:
    """A canonical text plus role, local day and known account names, with slots read on demand."""

    def __init__(
        self,
        text: str,
        *,
        role: str,
        today: date,
        known_targets: Sequence[str],
        match_service: Callable[[str], str | None],
        resolve_when: Callable[..., dict[str, str | None] | None],
        original: str = "",
    ) -> None:
        self.text = text
        self.original = original
        masked = mask_numbers(text)
        self.masked = masked.text
        self.quote = masked.quote
        self.role = role
        self.today = today
        self.known_targets = known_targets
        self._match_service = match_service
        self._resolve_when = resolve_when

    @cached_property
    def tokens(self) -> list[str]:
        """The words of the masked text."""
        return words(self.masked)

    @cached_property
    def service(self) -> str | None:
        """The catalog service the text describes, if any."""
        return self._match_service(self.masked)

    @cached_property
    def when(self) -> dict[str, str | None] | None:
        """The day and hours the text asks for, if any."""
        return self._resolve_when(self.masked, self.today, bare_periods=self.role == "sales")

    def when_in(self, text: str) -> dict[str, str | None] | None:
        """The day and hours another reading of the text (a clause of it) asks for, if any."""
        return self._resolve_when(text, self.today, bare_periods=self.role == "sales")

    @cached_property
    def capitalised_names(self) -> list[str]:
        """Runs of capitalised words in the text as written ("Summit Storage"), lower-cased."""
        return names_in(self.original)

    def has(self, pattern: Any) -> bool:
        """Tell whether a compiled pattern occurs in the masked text."""
        return pattern.search(self.masked) is not None
