"""What the bot says to sales reps about their deals."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.dialogue.gsm import clip
from bot.dialogue.reply import Reply
from bot.dialogue.sales_deals import DealView
from domain.follow_ups import FollowUp
from domain.money import format_cents
from domain.quotes import Quote, QuoteState

# One reply is at most two SMS segments (bot/dialogue/gsm.py MAX_REPLY).
SMS_BUDGET = 300
# The deals won or lost today named under the pipeline, the latest first.
CLOSED_SHOWN = 3


def list_hint(size: int) -> str:
    """How to act on a line, with examples that are lines of this list (never "3" of one line)."""
    won, snooze, lost = (min(n, size) for n in (2, 3, 1))
    return f'Text "won {won}", "snooze {snooze} till monday" or "lost {lost}".'


def help_menu(first_name: str) -> Reply:
    return Reply(f"Hi {clip(first_name, 20)}! Text me: \"followups\" for who to call (up to 5, "
                 f"numbered), then \"won 2\", \"snooze 3 till monday\" or \"lost 1\". Or name the "
                 f"account: \"Acme signed!\", \"remind me about Acme next week\", \"lost Maple Grove "
                 f"to a cheaper bid\". I ask before changing anything.")


def label(view: DealView) -> str:
    """ "Nguyen household, Furnace replacement ($4,450.00)"."""
    return (f"{clip(view.account, 30)}, {clip(view.deal.title, 40)} "
            f"({format_cents(view.deal.amount_cents)})")


def follow_ups(items: list[tuple[DealView, FollowUp]], others: bool,
               still_open: int = 0) -> list[Reply]:
    """The numbered list, cut into texts that each fit SMS_BUDGET (a line is never split); an
    empty one says how many deals are `still_open`, never that there is nothing at all."""
    if not items:
        if still_open:
            return [Reply(f"Nothing is due right now: no deal is overdue, stale or waiting on a "
                          f"quote. You have {still_open} open deal{'s' if still_open != 1 else ''}"
                          f": text \"my deals\" to see them.")]
        return [Reply("Nothing to follow up on right now: no deal is overdue, stale or waiting "
                      "on a quote. Nice work!")]
    lines = ["Follow up on:"]
    for n, (view, item) in enumerate(items, start=1):
        owner = f" [{view.owner}]" if others and view.owner else ""
        lines.append(f"{n}. {label(view)}{owner}: {'; '.join(item.reasons)}")
    lines.append(list_hint(len(items)))
    return _in_texts(lines)


def pipeline(shown: list[DealView], total: int, timezone: str, *, now: datetime,
             closed_today: Sequence[DealView] = ()) -> list[Reply]:
    """The rep's open deals, numbered: stage and next follow-up (or since when it is overdue)
    for each; how many more; and the deals won or lost today."""
    lines = [f"Your open deals ({total}):" if total == len(shown)
             else f"Your open deals, the {len(shown)} largest of {total}:"] if shown else [
        "You have no open deals right now."]
    for n, view in enumerate(shown, start=1):
        owner = f" [{view.owner}]" if view.owner else ""
        due_at = view.deal.next_follow_up_at
        due = _day(due_at, timezone)
        when = ("no follow-up set" if due_at is None
                else "due today" if due == _day(now, timezone)
                else f"overdue since {due}" if due_at < now else f"next follow-up {due}")
        lines.append(f"{n}. {label(view)}{owner}: {view.deal.stage.value}; {when}")
    if closed_today:
        more = len(closed_today) - CLOSED_SHOWN
        lines.append("Today: " + "; ".join(f"{v.deal.stage.value} {clip(v.account, 30)}"
                                           for v in closed_today[:CLOSED_SHOWN])
                     + (f" and {more} more" if more > 0 else "") + ".")
    if shown:
        lines.append(list_hint(len(shown)))
    return _in_texts(lines)


def _in_texts(lines: list[str]) -> list[Reply]:
    """Lines cut into texts that each fit SMS_BUDGET (a line is never split)."""
    texts: list[str] = []
    for line in lines:
        if texts and len(texts[-1]) + 1 + len(line) <= SMS_BUDGET:
            texts[-1] += "\n" + line
        else:
            texts.append(clip(line, SMS_BUDGET))
    return [Reply(text) for text in texts]


def no_list() -> Reply:
    return Reply('Which list? Text "followups" for your numbered follow-up list first.')


def not_on_list(number: int, size: int) -> Reply:
    return Reply(f"Your last follow-up list has {size} line{'s' if size != 1 else ''}, "
                 f"not {number}. Text \"followups\" to see it again.")


def no_deal(target: str | None) -> Reply:
    named = f" matching \"{clip(target, 40)}\"" if target else ""
    return Reply(f"I can't find an open deal of yours{named}. Text \"followups\" to see your "
                 f"deals, or name the account.")


def which_deal(action: str) -> str:
    return f"Which deal ({action})?"


def already_closed(view: DealView, job_number: str | None) -> Reply:
    job = f" Its job is {job_number}." if job_number else ""
    return Reply(f"{label(view)} is already {view.deal.stage.value}.{job}")


def already_closed_which(view: DealView, job_number: str | None) -> Reply:
    """The account named has its deal won or lost already: which deal was meant is asked."""
    return Reply(f"{already_closed(view, job_number).text} Did you mean another deal? Text its "
                 f"account with the news (\"Acme signed\"), or \"followups\".")


def confirm_won(view: DealView) -> Reply:
    return Reply.yes_no(f"Mark {label(view)} as won? I'll open its job for dispatch and ask the "
                        f"customer to pick a time.")


def won(view: DealView, job_number: str) -> Reply:
    return Reply(f"Done: {clip(view.account, 30)} is won. Job {job_number} is open for "
                 f"{clip(view.deal.title, 40)}; dispatch was told and the customer was asked to "
                 f"pick a time.")


def confirm_lost(view: DealView, reason: str) -> Reply:
    why = f" ({clip(reason, 80)})" if reason else ""
    return Reply.yes_no(f"Mark {label(view)} as lost{why}?")


def ask_reason(view: DealView) -> Reply:
    return Reply(f"Marked {clip(view.account, 30)} lost. Why was it lost (price, timing, "
                 f"another company...)?")


def lost(view: DealView, reason: str) -> Reply:
    return Reply(f"Marked {clip(view.account, 30)} lost: {clip(reason, 80)}. Noted on the "
                 f"timeline.")


def reason_noted(view: DealView, reason: str) -> Reply:
    """The reason kept (or that none was given), on the deal and its timeline."""
    return Reply(f"Noted why {clip(view.account, 30)} was lost ({clip(reason, 80)}), on the "
                 f"deal and its timeline.")


def each_in_turn(count: int) -> Reply:
    """Several deals in one text: each is asked about, one after another."""
    return Reply(f"That's {count} deals: I'll ask about each in turn.")


def not_that_one(view: DealView) -> Reply:
    """The deal a correction rules out: its question dropped, nothing changed on it."""
    return Reply(f"OK, not {clip(view.account, 30)}: nothing changed on it.")


def still_settled(view: DealView, job_number: str | None) -> Reply:
    """The deal marked won or lost just now, which a correction leaves as it is."""
    job = f" (job {job_number})" if job_number else ""
    return Reply(f"{clip(view.account, 30)} is still marked {view.deal.stage.value}{job}; text "
                 f"\"undo\" if that was wrong.")


def left_open(view: DealView) -> Reply:
    return Reply(f"OK, {clip(view.account, 30)} stays open.")


def ask_when(view: DealView, *, kept_open: bool = False) -> Reply:
    """When to bring the deal up again; `kept_open` when it answers a won/lost question."""
    opening = f"OK, {clip(view.account, 30)} stays open. " if kept_open else ""
    return Reply(f"{opening}When should I bring up {clip(view.account, 30)} again? (e.g. "
                 f"\"monday\", \"in 2 weeks\")")


def snoozed(view: DealView, until: datetime, timezone: str, *, kept_open: bool = False,
            day_told: str = "") -> Reply:
    """The snooze set; `kept_open` when it answered a won/lost question instead; `day_told`
    says why the day is the one set ("Fri Dec 25 is Christmas Day, so the next working day")."""
    local = until.astimezone(ZoneInfo(timezone))
    hour = local.strftime("%I:%M%p").lstrip("0").lower().replace(":00", "")
    opening = (f"OK, {clip(view.account, 30)} stays open and comes back" if kept_open
               else f"OK: {clip(view.account, 30)} comes back")
    moved = f" ({day_told})" if day_told else ""
    return Reply(f"{opening} on your follow-ups {local:%a %b} {local.day} at {hour}{moved}.")


def past_when() -> Reply:
    return Reply("That's already past. When should I bring it up again?")


def nothing_to_decline() -> Reply:
    return Reply('OK, nothing changed: no question of mine was waiting. Text "followups" for who '
                 'to call.')


def nothing_waiting() -> Reply:
    return Reply('Nothing is waiting for a yes from you right now. Text "followups" for who to '
                 'call, or name a deal: "Acme signed!", "lost Acme", "remind me about Acme '
                 'friday".')


def number_of_follow_ups(number: int) -> Reply:
    """A numbered verdict said while a which-deal list waits: the follow-up list's line."""
    return Reply(f"{number} is line {number} of your follow-up list, not of the which-deal "
                 f"question.")


def still_asking(question: Reply) -> Reply:
    """The pending Y/N again, after a text that did not answer it."""
    return Reply.yes_no(f"Still waiting on this: {question.text}")


def not_understood() -> Reply:
    return Reply('Sorry, I didn\'t get that. Text "followups", "won 2", "snooze 3 till monday", '
                 '"lost 1", or "help".')


def no_deal_named(target: str) -> Reply:
    return Reply(f"No open deal of yours by that name (\"{clip(target, 40)}\"). Text "
                 f"\"followups\" to see your deals.")


def deal_status(shown: list[tuple[DealView, str | None]], timezone: str, *,
                quotes: Mapping[int, Quote | None] | None = None) -> Reply:
    """Each deal's stage, amount, last touch, next follow-up and quote (or its job, once won; how
    to reopen it, once closed)."""
    lines = []
    for view, job in shown:
        deal = view.deal
        stage = deal.stage.value
        if job:
            stage += f", job {job}"
        elif deal.lost_reason:
            stage += f" ({clip(deal.lost_reason, 40)})"
        touch = _day(deal.last_touch_at, timezone)
        parts = [f"{label(view)}: {stage}", f"last touch {touch}" if touch else "never touched"]
        quote = (quotes or {}).get(view.deal_id)
        if quote is not None:
            parts.append(_quote_state(quote, timezone))
        if deal.is_open:
            due = _day(deal.next_follow_up_at, timezone)
            parts.append(f"next follow-up {due}" if due else "no follow-up set")
        else:
            parts.append(f'to bring it back, text "reopen {clip(view.account.split()[0], 20).lower()}"')
        lines.append("; ".join(parts) + ".")
    return Reply(clip("\n".join(lines), SMS_BUDGET))


def _quote_state(quote: Quote, timezone: str) -> str:
    """ "quote Q-1045 $1,430.00 sent Sun Dec 6, unanswered"."""
    sent = _day(quote.sent_at, timezone)
    state = {QuoteState.SENT: "unanswered", QuoteState.DRAFT: "not sent yet"}.get(
        quote.state, quote.state.value)
    return (f"quote {quote.number} {format_cents(quote.total_cents)}"
            f"{f' sent {sent}' if sent else ''}, {state}")


def _day(at: datetime | None, timezone: str) -> str:
    if at is None:
        return ""
    local = at.astimezone(ZoneInfo(timezone))
    return f"{local:%a %b} {local.day}"


def person_asked() -> Reply:
    return Reply("OK, I've asked the office to call you back.")


def nothing_to_take_back() -> Reply:
    return Reply("You haven't marked a deal won or lost in the last half hour, so there's nothing "
                 "for me to undo. Text \"help\" or ask for a person.")


def taken_back(view: DealView, job_number: str | None) -> Reply:
    """The office reverses a verdict given by mistake; the rep hears what happens next."""
    job = (f" and cancel job {job_number} if nothing is booked on it, with a short correction to "
           f"the customer" if job_number else "")
    return Reply(f"OK. I've asked the office to reopen {clip(view.account, 30)}, "
                 f"{clip(view.title, 40)}{job}. They'll confirm.")


def _clock(at: datetime, timezone: str) -> str:
    return at.astimezone(ZoneInfo(timezone)).strftime("%I:%M%p").lstrip("0").lower()


def reopen_states(asked: list[tuple[DealView, datetime | None]], timezone: str) -> Reply:
    """How deals the rep asked the office to reopen stand: still closed (request waiting) or
    open again."""
    lines = []
    for view, at in asked:
        name = f"{clip(view.account, 30)}, {clip(view.title, 40)}"
        request = (f"the office has your reopen request from {_clock(at, timezone)}" if at
                   else "no reopen request was sent for it")
        if view.deal.is_open:
            lines.append(f"Yes: {name} is open again ({view.deal.stage.value}).")
        else:
            lines.append(f"Not yet: {name} is still marked {view.deal.stage.value}; {request}.")
    return Reply(clip(" ".join(lines), SMS_BUDGET))


def no_reopen_asked() -> Reply:
    return Reply("You haven't asked the office to reopen any deal today, so nothing was sent. "
                 "Name the deal to see how it stands: \"how's Acme?\"")


def reopen_withdrawn(view: DealView) -> Reply:
    return Reply(f"OK: I've told the office to ignore the reopen request for "
                 f"{clip(view.account, 30)}, {clip(view.title, 40)}; it stays "
                 f"{view.deal.stage.value}.")


def nothing_to_withdraw(view: DealView) -> Reply:
    return Reply(f"OK: no reopen request was sent for {clip(view.account, 30)}, "
                 f"{clip(view.title, 40)}; it stays {view.deal.stage.value}.")


def confirm_reopen(view: DealView, at: datetime | None, timezone: str) -> Reply:
    """Whether to ask the office to reopen a deal the rep closed earlier (nothing sent yet)."""
    when = f" at {_clock(at, timezone)}" if at else ""
    return Reply.yes_no(f"{label(view)} was marked {view.deal.stage.value}{when}. Ask the office "
                        f"to reopen it?")


def stays_closed(view: DealView) -> Reply:
    return Reply(f"OK, nothing sent: {clip(view.account, 30)} stays {view.deal.stage.value}.")


def confirm_listed_snooze(view: DealView, number: int, shown_at: datetime,
                          timezone: str) -> Reply:
    """A snooze of a line of a list shown a while ago: the deal named before it is put off."""
    return Reply.yes_no(f"Line {number} of your list from {_clock(shown_at, timezone)} is "
                        f"{label(view)}. Snooze that one?")


def waiting_on_reopen(view: DealView, asked: datetime, timezone: str) -> Reply:
    """News about a deal the office was asked to reopen and has not yet: nothing done now."""
    return Reply(f"{clip(view.account, 30)}, {clip(view.title, 40)} is still marked "
                 f"{view.deal.stage.value}: the office has your reopen request from "
                 f"{_clock(asked, timezone)}. Once it's open again, text me this again.")
