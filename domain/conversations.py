"""A conversation's state between two texts: which question is pending, with what context."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from domain.parties import Channel
from domain.staff import Role


@dataclass(eq=False)
class Conversation:
    """Per channel and sender: the flow in progress, its data (JSON-able) and when it lapses."""

    channel: Channel
    address: str  # E.164 phone or Telegram chat id
    role: Role = Role.CUSTOMER  # who writes from this address, as last identified
    flow: str | None = None  # e.g. "book", "cancel", "onboard"
    step: str | None = None  # the question the bot is waiting on
    data: dict[str, Any] = field(default_factory=dict)
    misunderstandings: int = 0
    expires_at: datetime | None = None
    updated_at: datetime | None = None  # when its state last changed
    id: int | None = None

    def state(self) -> tuple[Any, ...]:
        """What a text can change, to compare: the data as JSON, so changes made in place show."""
        return (self.role, self.flow, self.step, json.dumps(self.data, sort_keys=True, default=str),
                self.misunderstandings, self.expires_at)

    def is_active(self, now: datetime) -> bool:
        return self.flow is not None and (self.expires_at is None or now < self.expires_at)

    def start(self, flow: str, step: str, data: dict[str, Any], *, now: datetime,
              expires_at: datetime) -> None:
        self.flow, self.step, self.data = flow, step, dict(data)
        self.updated_at, self.expires_at = now, expires_at

    def reset(self, *, now: datetime) -> None:
        if (self.flow, self.step, self.data, self.expires_at) == (None, None, {}, None):
            return  # nothing pending: nothing changes, not even updated_at
        self.flow, self.step, self.data, self.expires_at = None, None, {}, None
        self.updated_at = now
