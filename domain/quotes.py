"""Quotes a customer approves or declines, and invoices drafted from finished jobs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain import events
from domain.actors import Actor
from domain.errors import InvalidTransition
from domain.money import Line, total_cents


class QuoteState(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    APPROVED = "approved"
    DECLINED = "declined"
    EXPIRED = "expired"


QUOTE_TRANSITIONS: dict[QuoteState, frozenset[QuoteState]] = {
    QuoteState.DRAFT: frozenset({QuoteState.SENT}),
    QuoteState.SENT: frozenset({QuoteState.APPROVED, QuoteState.DECLINED, QuoteState.EXPIRED}),
    QuoteState.APPROVED: frozenset(),
    QuoteState.DECLINED: frozenset(),
    QuoteState.EXPIRED: frozenset(),
}


@dataclass(eq=False)
class Quote:
    """A priced offer with a human number (Q-1042); it belongs to a job or a deal."""

    number: str
    account_id: int
    lines: tuple[Line, ...]
    title: str = ""
    job_id: int | None = None
    deal_id: int | None = None
    state: QuoteState = QuoteState.DRAFT
    sent_at: datetime | None = None
    expires_at: datetime | None = None
    decided_at: datetime | None = None
    decided_by: str | None = None
    decided_channel: str | None = None
    decided_message_id: str | None = None
    id: int | None = None
    events: list[events.Event] = field(default_factory=list, repr=False)

    @property
    def total_cents(self) -> int:
        return total_cents(self.lines)

    @property
    def digits(self) -> str:
        return "".join(ch for ch in self.number if ch.isdigit())

    @property
    def awaiting_decision(self) -> bool:
        return self.state is QuoteState.SENT

    def link_job(self, job_id: int) -> None:
        """The job this quote's work is done under (a won deal's job), once known."""
        if self.job_id is None:
            self.job_id = job_id

    def send(self, *, at: datetime) -> None:
        self._move(QuoteState.SENT)
        self.sent_at = at

    def approve(self, *, by: Actor, at: datetime) -> None:
        self._decide(QuoteState.APPROVED, by=by, at=at)
        assert self.id is not None
        self.events.append(
            events.QuoteApproved(
                quote_id=self.id,
                account_id=self.account_id,
                job_id=self.job_id,
                deal_id=self.deal_id,
                actor=by.label(),
                channel=by.channel.value,
                message_id=by.message_id,
            )
        )

    def decline(self, *, by: Actor, at: datetime) -> None:
        self._decide(QuoteState.DECLINED, by=by, at=at)
        assert self.id is not None
        self.events.append(
            events.QuoteDeclined(
                quote_id=self.id,
                account_id=self.account_id,
                job_id=self.job_id,
                deal_id=self.deal_id,
                actor=by.label(),
                channel=by.channel.value,
                message_id=by.message_id,
            )
        )

    def expire(self) -> None:
        self._move(QuoteState.EXPIRED)

    def _decide(self, new: QuoteState, *, by: Actor, at: datetime) -> None:
        if self.expires_at is not None and at >= self.expires_at and self.state is QuoteState.SENT:
            raise InvalidTransition(f"Quote {self.number} expired; ask us for a new one")
        self._move(new)
        self.decided_at, self.decided_by = at, by.label()
        self.decided_channel, self.decided_message_id = by.channel.value, by.message_id

    def _move(self, new: QuoteState) -> None:
        if new not in QUOTE_TRANSITIONS[self.state]:
            allowed = ", ".join(sorted(s.value for s in QUOTE_TRANSITIONS[self.state])) or "nothing"
            raise InvalidTransition(
                f"Quote {self.number} is {self.state.value} and cannot become {new.value}; "
                f"from {self.state.value} it can become: {allowed}"
            )
        self.state = new


class InvoiceState(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    PAID = "paid"
    VOID = "void"


@dataclass(eq=False)
class Invoice:
    """An invoice drafted from a completed job's lines."""

    number: str
    account_id: int
    job_id: int
    lines: tuple[Line, ...]
    state: InvoiceState = InvoiceState.DRAFT
    created_at: datetime | None = None
    id: int | None = None

    @property
    def total_cents(self) -> int:
        return total_cents(self.lines)

    @property
    def counts_as_revenue(self) -> bool:
        """Drafts count: a technician's "done" drafts the invoice for work already delivered, and
        nothing in fieldbot sends invoices yet. A voided invoice (a completion undone) does not."""
        return self.state is not InvoiceState.VOID


def lifetime_revenue_cents(invoices: Iterable[Invoice]) -> int:
    """What an account has been invoiced, in cents: every invoice but the voided ones."""
    return sum(invoice.total_cents for invoice in invoices if invoice.counts_as_revenue)
