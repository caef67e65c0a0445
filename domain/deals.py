"""Deals: the sales side's pipeline, which hands a won deal over as exactly one job."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain import events
from domain.actors import Actor
from domain.errors import InvalidTransition


class DealStage(StrEnum):
    NEW = "new"
    QUALIFIED = "qualified"
    QUOTED = "quoted"
    WON = "won"
    LOST = "lost"


DEAL_TRANSITIONS: dict[DealStage, frozenset[DealStage]] = {
    DealStage.NEW: frozenset({DealStage.QUALIFIED, DealStage.QUOTED, DealStage.WON, DealStage.LOST}),
    DealStage.QUALIFIED: frozenset({DealStage.QUOTED, DealStage.WON, DealStage.LOST}),
    DealStage.QUOTED: frozenset({DealStage.WON, DealStage.LOST}),
    DealStage.WON: frozenset(),
    DealStage.LOST: frozenset(),
}


@dataclass(frozen=True)
class DealName:
    """What a rep calls a deal: its account's name and its title (a lean row for matching)."""

    deal_id: int
    account: str
    title: str


@dataclass(eq=False)
class Deal:
    """An opportunity at an account, owned by a sales rep, with its next follow-up."""

    account_id: int
    site_id: int
    title: str
    service_id: str
    owner_id: int
    amount_cents: int = 0
    scope: str = ""
    stage: DealStage = DealStage.NEW
    next_follow_up_at: datetime | None = None
    last_touch_at: datetime | None = None
    job_id: int | None = None  # the job this deal became once won
    lost_reason: str = ""  # why a lost deal was lost, as the rep told it
    id: int | None = None
    events: list[events.Event] = field(default_factory=list, repr=False)

    def move_to(self, new: DealStage, *, by: Actor, at: datetime) -> None:
        if new not in DEAL_TRANSITIONS[self.stage]:
            allowed = ", ".join(sorted(s.value for s in DEAL_TRANSITIONS[self.stage])) or "nothing"
            raise InvalidTransition(
                f"Deal '{self.title}' is {self.stage.value} and cannot become {new.value}; "
                f"from {self.stage.value} it can become: {allowed}"
            )
        old, self.stage, self.last_touch_at = self.stage, new, at
        if new in (DealStage.WON, DealStage.LOST):
            self.next_follow_up_at = None
        assert self.id is not None
        self.events.append(
            events.DealStageChanged(
                deal_id=self.id,
                account_id=self.account_id,
                old=old.value,
                new=new.value,
                actor=by.label(),
                channel=by.channel.value,
                message_id=by.message_id,
            )
        )

    def mark_won(self, *, by: Actor, at: datetime) -> bool:
        """Mark the deal won; returns False when it already was (a repeated command is harmless)."""
        if self.stage is DealStage.WON:
            return False
        self.move_to(DealStage.WON, by=by, at=at)
        return True

    def hand_over(self, job_id: int) -> None:
        """The won deal became this job, once: a deal never points at a second job."""
        if self.job_id is None:
            self.job_id = job_id

    @property
    def is_open(self) -> bool:
        return self.stage not in (DealStage.WON, DealStage.LOST)

    def snooze(self, until: datetime, *, at: datetime) -> None:
        """Next follow-up at `until`; asking for it counts as a touch."""
        if not self.is_open:
            raise InvalidTransition(f"Deal '{self.title}' is {self.stage.value}; only an open "
                                    f"deal gets a follow-up")
        self.next_follow_up_at, self.last_touch_at = until, at

    def record_loss_reason(self, reason: str) -> None:
        if self.stage is not DealStage.LOST:
            raise InvalidTransition(f"Deal '{self.title}' is {self.stage.value}; only a lost deal "
                                    f"has a reason it was lost")
        self.lost_reason = reason.strip()

    def follow_up_due(self, now: datetime) -> bool:
        return (
            self.stage not in (DealStage.WON, DealStage.LOST)
            and self.next_follow_up_at is not None
            and self.next_follow_up_at <= now
        )
