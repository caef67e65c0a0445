"""Which of a sales rep's deals a text means: a line of the last follow-up list, or an account
or title named, matched with rapidfuzz among the rep's own open deals (all deals for a manager).

A weak or tied match is never acted on: the rep is asked which one. A name is first matched
against every rep's open deals: when another rep's deal fits it clearly better than any of the
rep's own, the rep gets the same answer as for a name that matches nothing, never a weaker match
of their own instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz, process

from domain.authz import may_act_on
from domain.deals import Deal, DealName, DealStage
from domain.follow_ups import LIST_LIMIT, FollowUp, FollowUpRules, follow_up
from domain.ports import AbstractUnitOfWork
from domain.quotes import QuoteState
from domain.staff import StaffMember

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

# A name scoring this (0-100, see `scored`) or more against an account or title is a clear
# match; one scoring at least WEAK is a candidate to ask about, never to act on.
STRONG = 85
WEAK = 70
PREFIX = 95  # "harbor" for "Harborview"
# Two deals within this many points of each other are a tie: ask which.
TIE_MARGIN = 5
SHOWN_KEY = "deals_shown"
# The rep's flow and its Y/N step; a Y/N's data names what it confirms (won, lost or reopen).
FLOW, CONFIRM = "sales", "confirm"
REOPEN = "reopen"
# A list stays the rep's to refer to for the working day; after half an hour a line is checked.
LIST_KEPT = timedelta(hours=12)
QUOTES_READ = 500  # the quotes of five deals, with room to spare
OPEN_STAGES = frozenset({DealStage.NEW, DealStage.QUALIFIED, DealStage.QUOTED})
CLOSED_STAGES = frozenset({DealStage.WON, DealStage.LOST})


@dataclass(frozen=True)
class DealView:
    """A deal with the names a rep knows it by."""

    deal: Deal
    account: str
    owner: str = ""

    @property
    def deal_id(self) -> int:
        assert self.deal.id is not None
        return self.deal.id

    @property
    def title(self) -> str:
        return self.deal.title


def views(turn: Turn, deals: list[Deal]) -> list[DealView]:
    """The deals with their accounts' names (and, for a manager, their reps' first names)."""
    accounts = {a.id: a.name for a in turn.uow.accounts.get_many({d.account_id for d in deals})}
    owners = ({s.id: s.first_name for s in turn.uow.staff.get_many({d.owner_id for d in deals})}
              if manages_all(turn) else {})
    return [DealView(d, accounts.get(d.account_id, "an account"), owners.get(d.owner_id, ""))
            for d in deals]


def manages_all(turn: Turn) -> bool:
    return turn.staff is not None and turn.staff.manages_all_deals


def named_deals(turn: Turn, *, is_open: bool = True) -> list[DealName]:
    """The rep's own deals (every deal, for a manager) by name: open ones, or won and lost."""
    assert turn.staff is not None
    owner = None if manages_all(turn) else turn.staff.id
    return turn.uow.deals.names(owner_id=owner, is_open=is_open)


def names_anothers(turn: Turn, *said: str | None) -> bool:
    """Whether what the rep said names another rep's open deal better than any of their own
    (by more than a tie): "push sunrise bakery" from a rep without Sunrise Bakery's deal."""
    if manages_all(turn):
        return False
    words = [s for s in said if s]
    if not words:
        return False
    own = named_deals(turn)
    mine = {d.deal_id for d in own}
    others = [d for d in turn.uow.deals.names(owner_id=None, is_open=True)
              if d.deal_id not in mine]
    for target in words:
        theirs = scored(others, target)[:1]
        if not theirs or theirs[0][0] < WEAK:
            continue
        best_own = scored(own, target)[0][0] if own else 0.0
        if theirs[0][0] - best_own >= TIE_MARGIN:
            return True
    return False


def own_deal(turn: Turn, deal_id: Any) -> DealView | None:
    """One deal the rep may act on, by id; None for anyone else's (or none at all)."""
    if not isinstance(deal_id, int):
        return None
    deal = turn.uow.deals.get(deal_id)
    if deal is None or not may_act_on(turn.actor, deal):
        return None
    return views(turn, [deal])[0]


def known_targets(uow: AbstractUnitOfWork, staff: StaffMember) -> list[str]:
    """The account names and titles of the rep's open deals, for the parser to match names to."""
    owner = None if staff.manages_all_deals else staff.id
    return sorted({name for row in uow.deals.names(owner_id=owner, is_open=True)
                   for name in (row.account, row.title)})


class Named(Protocol):
    """Anything a rep names a deal by."""

    @property
    def account(self) -> str: ...

    @property
    def title(self) -> str: ...


N = TypeVar("N", bound=Named)


def scored(candidates: list[N], target: str) -> list[tuple[float, N]]:
    """Each candidate's score for `target`, best first: every word of the target is compared
    with the closest word of the account's name and the deal's title together (a word that
    starts a name word, "harbor" of "Harborview", counts almost whole), and the scores are
    averaged; so "fischer water heater" names Fischer's water heater deal, not another's."""
    said = [w for w in _words(target) if len(w) >= 2]
    if not said:
        return [(0.0, c) for c in candidates]
    names = {name: _words(name) for name in {_both(c) for c in candidates}}
    vocabulary = sorted({w for words in names.values() for w in words})
    # Every word said against every word known at once (many deals share words: "LLC").
    close = [{n: PREFIX if len(w) >= 4 and n.startswith(w) and w != n else float(r)
              for n, r, _ in process.extract(w, vocabulary, scorer=fuzz.ratio, limit=None)}
             for w in said]
    by_name = {name: sum(max((table[n] for n in words), default=0.0) for table in close)
               / len(said) for name, words in names.items()}
    results = [(by_name[_both(c)], c) for c in candidates]
    return sorted(results, key=lambda pair: -pair[0])


def names_account(word: str, account: str) -> bool:
    """Whether one word said ("fischers") clearly names a word of the account's name."""
    said = _words(word)
    return len(said) == 1 and len(said[0]) >= 3 and any(
        fuzz.ratio(said[0], name) >= STRONG or len(said[0]) >= 4 and name.startswith(said[0])
        for name in _words(account))


def _both(candidate: Named) -> str:
    """The account's name and the deal's title as one name: each word said finds its closest
    word in either (a word-by-word best is never below the account's or the title's alone)."""
    return f"{candidate.account} {candidate.title}"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9&]+", text.lower().replace("'s", "").replace("'", ""))


@dataclass(frozen=True)
class Match(Generic[N]):
    """The deal a name means (`chosen`), or the ones to ask about (`options`), or neither."""

    chosen: N | None = None
    options: tuple[N, ...] = ()


def match(candidates: list[N], target: str | None) -> Match[N]:
    if not target:
        return Match()
    ranked = [(s, c) for s, c in scored(candidates, target) if s >= WEAK]
    if not ranked:
        return Match()
    best = ranked[0][0]
    close = [c for s, c in ranked if best - s < TIE_MARGIN]
    if best >= STRONG and len(close) == 1:
        return Match(chosen=close[0])
    return Match(options=tuple(c for _, c in ranked[:3]) if len(close) < 3 else tuple(close[:5]))


def remember_list(turn: Turn, shown: list[DealView]) -> None:
    turn.remember(SHOWN_KEY, {"ids": [v.deal_id for v in shown], "at": turn.now.isoformat()})


def listed(turn: Turn) -> list[int] | None:
    """The deal ids of the rep's last follow-up list, within half an hour; None if none."""
    raw = turn.recent(SHOWN_KEY)
    ids = raw.get("ids") if raw is not None else None
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else None


def listed_earlier(turn: Turn) -> tuple[list[int], datetime] | None:
    """The deal ids of the rep's last list and when it was shown, within LIST_KEPT: a line of
    it named later is checked against the deal's name (or asked about) before anything is done."""
    raw = turn.conversation.data.get(SHOWN_KEY)
    if not isinstance(raw, dict) or not isinstance(raw.get("ids"), list):
        return None
    try:
        at = datetime.fromisoformat(str(raw.get("at")))
    except ValueError:
        return None
    if turn.now - at > LIST_KEPT:
        return None
    return [i for i in raw["ids"] if isinstance(i, int)], at


def deals_named(turn: Turn, text: str, skip: frozenset[str] = frozenset()) -> list[DealView]:
    """The rep's deals (open or not) that a word of `text` names clearly, in the text's order;
    words in `skip` name nothing."""
    every = [*named_deals(turn), *named_deals(turn, is_open=False)]
    chosen: list[DealView] = []
    for word in re.findall(r"[a-z][\w'&-]+", text.lower()):
        if len(word) < 3 or word in skip:
            continue
        pick = match(every, word).chosen
        view = own_deal(turn, pick.deal_id) if pick is not None else None
        if view is not None and all(v.deal_id != view.deal_id for v in chosen):
            chosen.append(view)
    return chosen


def follow_ups(turn: Turn) -> list[tuple[DealView, FollowUp]]:
    """The rep's follow-ups now (at most five, most valuable first), with why for each."""
    assert turn.staff is not None
    rules = FollowUpRules.at(turn.now, turn.timezone)
    owner = None if manages_all(turn) else turn.staff.id
    deals = turn.uow.deals.needing_follow_up(rules, owner_id=owner, limit=LIST_LIMIT)
    ids = frozenset(d.id for d in deals if d.id is not None)
    # By deal alone (the deal_id index), sent ones picked here: a state in the query made the
    # database walk every sent quote instead.
    quotes = [q for q in turn.uow.quotes.page(limit=QUOTES_READ, deal_id=ids)
              if q.state is QuoteState.SENT] if ids else []
    return [(view, follow_up(view.deal, [q for q in quotes if q.deal_id == view.deal_id],
                             rules, turn.timezone))
            for view in views(turn, deals)]


def open_deals(turn: Turn) -> list[DealView]:
    """Every open deal of the rep's (everyone's, for a manager), most valuable first, then the
    one due soonest."""
    assert turn.staff is not None
    owner = {} if manages_all(turn) else {"owner_id": turn.staff.id}
    deals = turn.uow.deals.find(stage=OPEN_STAGES, **owner)
    far = turn.now.replace(year=turn.now.year + 100)
    deals.sort(key=lambda d: (-d.amount_cents, d.next_follow_up_at or far))
    return views(turn, deals)


def closed_today(turn: Turn) -> list[DealView]:
    """The rep's deals won or lost today (the rep's day), the latest first."""
    assert turn.staff is not None
    owner = {} if manages_all(turn) else {"owner_id": turn.staff.id}
    zone = ZoneInfo(turn.timezone)
    today = turn.now.astimezone(zone).date()
    deals = [d for d in turn.uow.deals.find(stage=CLOSED_STAGES, **owner)
             if d.last_touch_at is not None and d.last_touch_at.astimezone(zone).date() == today]
    deals.sort(key=lambda d: d.last_touch_at or turn.now, reverse=True)
    return views(turn, deals)


def won_job_number(turn: Turn, view: DealView) -> str | None:
    if view.deal.stage is not DealStage.WON or view.deal.job_id is None:
        return None
    job = turn.uow.jobs.get(view.deal.job_id)
    return job.number if job is not None else None
