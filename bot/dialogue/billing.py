"""Questions about what the customer owes: answered from their invoices, never with a booking.

"what do I owe for today?", "how much was the visit?", "can you send me the bill?": the latest
invoice of the account (a drafted one too: the technician's "done" drafts it) with its work, day
and total; finished work not yet invoiced says the office will send the bill; nothing finished
and nothing invoiced says there is no bill. A question while another is pending is answered and
the pending question stays open.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import small_talk, visit_questions, visits
from bot.dialogue.reply import Reply
from bot.dialogue.times import day_label
from bot.nlu import intents
from bot.nlu.text import normalize
from domain.jobs import JobState
from domain.money import format_cents
from domain.quotes import Invoice, InvoiceState

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

# What the customer owes or was billed; a quote's price ("how much was the furnace quote") is
# the quote flow's, and the price of a service ("what do you charge", "how much is it") the
# business's.
_OWES = re.compile(
    r"\b(?:what|how much)\b(?:\W+\w+){0,3}?\W+(?:i|we)\W+(?:owe|be paying)\b"
    r"|\b(?:do|will|did|should) (?:i|we) (?:owe|pay) (?:anything|something|you|today|now)\b"
    r"|\b(?:my|our|today'?s|the final) (?:bill|invoice|receipt|balance|total)\b"
    r"|\b(?:send|email|text) (?:me|us) (?:the|an?) (?:bill|invoice|receipt)\b",
    re.IGNORECASE)
# The price of work already done ("how much was the repair?"): only with finished work.
_COST_OF_DONE = re.compile(
    r"\bhow much (?:was|did (?:it|that|the \w+) (?:come to|cost)|did (?:you|u) charge)\b"
    r"(?: (?:it|that|today|the (?:visit|repair|job|work|call|service)|today'?s \w+))?"
    # "what's the damage?": the idiom for the bill, not damage to the house
    r"|\bwhat(?:'?s| is| s)? the damage\b(?! (?:to|on|from|in|at)\b)"
    # "he left. whats the fee for today", "what was the charge for the visit"
    r"|\bwhat(?:'?s| is| s| was)? the (?:fee|charge|cost|price|total) (?:for|of) (?:today|the "
    r"(?:visit|repair|job|work|call|service)|today'?s \w+)\b",
    re.IGNORECASE)
_QUOTE = re.compile(r"\b(?:quote|estimate|plan|q-?\d+)\b", re.IGNORECASE)
_FINISHED = (JobState.COMPLETED, JobState.INVOICED)


def asks_bill(text: str) -> bool:
    """Whether the text asks what is owed or for the bill (not a quote's or a service's price)."""
    text = normalize(text)
    return _OWES.search(text) is not None and _QUOTE.search(text) is None


def answer(turn: Turn) -> bool:
    """Answer a question about the bill from the account's invoices; False when not one."""
    if turn.customer is None or turn.parse.intent == intents.HUMAN or _QUOTE.search(turn.text):
        return False  # "who can I talk to about my bill": a person, as asked
    owes = asks_bill(turn.text)
    if not owes and _COST_OF_DONE.search(normalize(turn.text)) is None:
        return False
    account_id = turn.customer.account_id
    invoices = [i for i in turn.uow.invoices.find(account_id=account_id)
                if i.state is not InvoiceState.VOID]
    finished = [j for j in turn.uow.jobs.find(account_id=account_id) if j.state in _FINISHED]
    if invoices:
        latest = max(invoices, key=lambda i: (i.created_at or turn.now, i.id or 0))
        small_talk.settle(turn, _invoice_reply(turn, latest))
    elif finished:
        small_talk.settle(turn, Reply("Your bill for the finished work isn't ready yet; our "
                                      "office will send it to you."))
    elif owes:
        small_talk.settle(turn, Reply("There's no bill on your account: nothing has been "
                                      "invoiced."))
    else:
        return False  # "how much was it?" with nothing done: a price, the business's answer
    return True


def _invoice_reply(turn: Turn, invoice: Invoice) -> Reply:
    job = turn.uow.jobs.get(invoice.job_id)
    work = visits.work_name(turn, job).lower() if job is not None else "work"
    day = day_label(visit_questions.work_time(turn, job) if job is not None
                    else invoice.created_at or turn.now, turn.timezone)
    total = format_cents(invoice.total_cents)
    if invoice.state is InvoiceState.PAID:
        return Reply(f"Your invoice {invoice.number} for the {work} on {day} was {total}, "
                     "and it's paid. Thank you!")
    sent = ("it has been sent to you" if invoice.state is InvoiceState.SENT
            else "our office will send it to you with the ways to pay")
    return Reply(f"Your invoice {invoice.number} for the {work} on {day} comes to {total}; "
                 f"{sent}.")
