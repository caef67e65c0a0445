"""One timeline of activities per account, shared by sales and operations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class ActivityKind(StrEnum):
    MESSAGE_IN = "message_in"
    MESSAGE_OUT = "message_out"
    STATUS_CHANGE = "status_change"
    NOTE = "note"


@dataclass(eq=False)
class Activity:
    """Something that happened at an account: a message, a status change, a note."""

    account_id: int
    kind: ActivityKind
    summary: str
    at: datetime
    actor: str = "system"
    channel: str | None = None
    subject_type: str | None = None  # "job", "quote", "deal", "appointment"
    subject_id: int | None = None
    provider_message_id: str | None = None
    id: int | None = None
