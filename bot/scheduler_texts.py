"""The words of every automated message the scheduler writes (domain/due.py decides what is due;
this says it). Times are shown in the recipient's zone; free text is clipped as in replies.py."""

from __future__ import annotations

from bot.dialogue.gsm import clip
from bot.dialogue.replies import NAME, THING
from bot.dialogue.times import visit_label
from domain import due

NAMED = 28  # a digest line names its first item, clipped; four lines fit two SMS segments


def render(item: due.Due, business: str) -> str:
    """The body of `item`, for its recipient."""
    facts, zone = item.facts, item.recipient.timezone
    name = clip(business, NAME)
    if isinstance(facts, due.VisitReminder):
        when = visit_label(facts.window_start, facts.window_end, zone)
        text = (f"{name} reminder: your {clip(facts.service, THING)} visit is {when} with "
                f"{clip(facts.technician, NAME)}.")
        return text + (" Reply Y to confirm or R to reschedule." if facts.asks_confirmation
                       else " See you then!")
    if isinstance(facts, due.QuoteNudge):
        return (f"{name}: just checking in on quote {facts.number} "
                f"({clip(facts.title, THING)}). Reply YES to approve it, or ask us anything.")
    if isinstance(facts, due.QuoteStale):
        return (f"Quote {facts.number} ({clip(facts.title, THING)}) has had no answer for "
                f"{facts.days} days: it is now stale. Worth a call?")
    if isinstance(facts, due.ReviewRequest):
        return (f"Thanks for choosing {name} for your {clip(facts.service, THING)}! How did we "
                f"do? A quick review helps us a lot; just reply with a few words.")
    if isinstance(facts, due.TuneUpReminder):
        return (f"{name}: it's been a while since your {clip(facts.last_service, THING)}. "
                f"Time for your {clip(facts.service, THING)}? Reply BOOK to pick a time.")
    if isinstance(facts, due.RepDigest):
        return _digest(facts)
    return (f"Job J-{facts.job_id} ({clip(facts.service, THING)}, {clip(facts.account, NAME)}) "
            f"was won but still has no visit booked. Please schedule it.")


def _digest(facts: due.RepDigest) -> str:
    found = facts.follow_ups
    lines = [f"Good morning {clip(facts.name.split()[0], 20)}. Today:"]
    for label, listed in (("follow-up(s) due", found.deals_due),
                          ("quote(s) waiting", found.quotes_waiting),
                          ("won yesterday", found.won), ("lost yesterday", found.lost)):
        if listed.count:
            label = label.replace("(s)", "s" if listed.count > 1 else "")
            first = clip(listed.first[0], NAMED) if listed.first else ""
            more = f" and {listed.count - 1} more" if listed.count > 1 else ""
            lines.append(f"{listed.count} {label}: {first}{more}")
    return "\n".join(lines)
