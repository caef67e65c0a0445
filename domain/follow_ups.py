"""Which open deals a sales rep should follow up on now, and why: the rules `followups` lists.

An open deal is listed when one of these holds:
- no touch for longer than its stage allows (STAGE_LIMITS: new 2 days, qualified 5, quoted 3;
  a deal never touched counts as untouched), unless it was snoozed past today,
- its follow-up falls due today in the rep's own zone, or is overdue,
- a quote of the deal was sent and has had no answer for QUOTE_UNANSWERED_AFTER (2 days), and
  the deal was not touched since the quote became unanswered (a snooze is a touch: a rep who
  snoozed the deal after the quote went unanswered has seen it; one snoozed before has not).
The most valuable deals come first (the deal's amount), at most LIST_LIMIT of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.deals import Deal, DealStage
from domain.quotes import Quote, QuoteState

STAGE_LIMITS: dict[DealStage, timedelta] = {
    DealStage.NEW: timedelta(days=2),  # a fresh lead cools fast
    DealStage.QUALIFIED: timedelta(days=5),  # the quote is being worked out
    DealStage.QUOTED: timedelta(days=3),  # the customer is deciding
}
QUOTE_UNANSWERED_AFTER = timedelta(days=2)
LIST_LIMIT = 5


@dataclass(frozen=True)
class FollowUpRules:
    """The thresholds of the rules at one moment, for a store to select by."""

    now: datetime
    day_end: datetime  # the end of the rep's local today: follow-ups due by then are due today

    @classmethod
    def at(cls, now: datetime, timezone: str) -> FollowUpRules:
        local = now.astimezone(ZoneInfo(timezone))
        tomorrow = datetime.combine(local.date() + timedelta(days=1), time(0), local.tzinfo)
        return cls(now=now, day_end=tomorrow)

    def untouched_since(self, stage: DealStage) -> datetime:
        """A deal at `stage` last touched before this is past its stage's limit."""
        return self.now - STAGE_LIMITS[stage]

    @property
    def quoted_before(self) -> datetime:
        """A quote sent before this and still undecided is unanswered."""
        return self.now - QUOTE_UNANSWERED_AFTER

    def snoozed(self, deal: Deal) -> bool:
        return deal.next_follow_up_at is not None and deal.next_follow_up_at >= self.day_end

    def stale(self, deal: Deal) -> bool:
        return deal.stage in STAGE_LIMITS and (
            deal.last_touch_at is None or deal.last_touch_at < self.untouched_since(deal.stage))

    def due(self, deal: Deal) -> bool:
        return deal.next_follow_up_at is not None and deal.next_follow_up_at < self.day_end

    def unanswered(self, quote: Quote) -> bool:
        return (quote.state is QuoteState.SENT and quote.sent_at is not None
                and quote.sent_at < self.quoted_before)

    def waiting(self, deal: Deal, quote: Quote) -> bool:
        """`quote` is unanswered and the deal was not touched since it became so."""
        return self.unanswered(quote) and quote.sent_at is not None and (
            deal.last_touch_at is None
            or deal.last_touch_at < quote.sent_at + QUOTE_UNANSWERED_AFTER)

    def needs_follow_up(self, deal: Deal, quotes: list[Quote]) -> bool:
        """The rule itself, for one deal and its quotes (the store selects by the same)."""
        if not deal.is_open:
            return False
        return (self.due(deal) or (self.stale(deal) and not self.snoozed(deal))
                or any(self.waiting(deal, q) for q in quotes))


@dataclass(frozen=True)
class FollowUp:
    """A deal to follow up on, with why, most telling reason first."""

    deal: Deal
    reasons: tuple[str, ...]


def follow_up(deal: Deal, quotes: list[Quote], rules: FollowUpRules, timezone: str) -> FollowUp:
    """Why `deal` is on the list: its unanswered quotes, its due follow-up, its silence."""
    reasons = [f"quote {q.number} unanswered {_days(rules.now - q.sent_at)}"
               for q in quotes if rules.waiting(deal, q) and q.sent_at is not None]
    if rules.due(deal) and deal.next_follow_up_at is not None:
        local = deal.next_follow_up_at.astimezone(ZoneInfo(timezone)).date()
        today = rules.now.astimezone(ZoneInfo(timezone)).date()
        reasons.append("due today" if local >= today
                       else f"overdue since {local:%a %b} {local.day}")
    if rules.stale(deal) and not rules.snoozed(deal):
        silence = ("never touched" if deal.last_touch_at is None
                   else f"untouched {_days(rules.now - deal.last_touch_at)}")
        limit = STAGE_LIMITS[deal.stage].days
        reasons.append(f"{silence} ({deal.stage.value} limit {limit})")
    return FollowUp(deal=deal, reasons=tuple(reasons))


def _days(span: timedelta) -> str:
    days = span.days
    return "1 day" if days == 1 else f"{days} days"
