"""Consent to automated messages: one record per (channel, address), whoever is behind it.

A customer, a technician's phone and a number we have never onboarded are all treated alike:
once an address has opted out on a channel, nothing automated goes to it there until it opts
back in. Answers to a person's own text are not automated and still go.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from domain.events import Event, OptedIn, OptedOut
from domain.parties import Channel

BY_RECIPIENT = "recipient"  # the person texted STOP / START (or asked in words)
BY_CARRIER = "carrier"  # the provider reported that the recipient unsubscribed


@dataclass(eq=False)
class Consent:
    """Whether automated messages may go to `address` on `channel`, and who last changed that."""

    channel: Channel
    address: str  # E.164 phone or Telegram chat id, as messages are addressed
    changed_at: datetime
    opted_out_at: datetime | None = None
    changed_by: str = BY_RECIPIENT
    message_id: str | None = None  # the provider's id of the text that caused the last change
    id: int | None = None
    events: list[Event] = field(default_factory=list, repr=False)

    @property
    def opted_out(self) -> bool:
        return self.opted_out_at is not None

    def opt_out(self, at: datetime, *, by: str = BY_RECIPIENT, message_id: str | None = None) -> None:
        """Stop automated messages; a second opt-out changes nothing and keeps the first date."""
        if self.opted_out_at is not None:
            return
        self.opted_out_at = at
        self._changed(at, by, message_id)
        self.events.append(OptedOut(channel=self.channel.value, address=self.address, actor=by,
                                    message_id=message_id))

    def opt_in(self, at: datetime, *, by: str = BY_RECIPIENT, message_id: str | None = None) -> None:
        """Allow automated messages again; nothing happens if they were allowed."""
        if self.opted_out_at is None:
            return
        self.opted_out_at = None
        self._changed(at, by, message_id)
        self.events.append(OptedIn(channel=self.channel.value, address=self.address, actor=by,
                                   message_id=message_id))

    def _changed(self, at: datetime, by: str, message_id: str | None) -> None:
        self.changed_at, self.changed_by, self.message_id = at, by, message_id
