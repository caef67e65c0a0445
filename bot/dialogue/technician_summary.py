"""What of a technician's "done" text becomes the job's work summary, and what a customer reads.

The summary keeps the technician's own words (internal: the job and the timeline). The customer's
completion text quotes it only when it reads as a plain description of the work ("replaced the
capacitor"); shorthand about the customer, money, the office or a problem left behind stays
internal, and an unsafe finding (a red tag) goes to the office instead.
"""

from __future__ import annotations

import re

# Status words a "done" text opens with, which are no part of the work: "done,", "back, done -",
# "wrapping up,", "at hughes,", "ok all set:", "ok now done for real -".
_OPENING = re.compile(
    r"^\W*(?:(?:(?:ok(?:ay)?|so|alright|now|finally|really) )*(?:all |job |work |jobs )?"
    r"(?:done|finished(?: up)?|completed?|all set|wrapped up|wrapping up|finishing up)"
    r"(?: (?:for real|for good|now|this time|finally|for today|for the day))*\b|"
    r"(?:back|here|ok|okay|update|at [^,.;:!-]{1,40}?)(?=\s*[,.;:!-]|$))"
    r"[\s,:;.!-]*", re.IGNORECASE)
# An unsafe condition found, which the office follows up rather than a text to the customer.
UNSAFE = re.compile(
    r"\bred[- ]?tag(?:ged|ging)?\b|\bunsafe\b|\bnot safe\b|\bhazard(?:ous)?\b|\bdanger(?:ous)?\b|"
    r"\bgas leak\b|\bleaking gas\b|\bcarbon monoxide\b|\bco (?:reading|levels?|detected|alarm)\b|"
    r"\bcracked (?:heat exchanger|hx)\b|\bcondemn(?:ed)?\b|\bcode violation\b|"
    r"\bshut (?:it |the \w+ )?(?:off|down)\b", re.IGNORECASE)
# Talk that is not a description of the work for the customer: about them in the third person,
# money, the office, what is still wrong, questions, or shorthand.
_INTERNAL = re.compile(
    r"\b(?:customer|cust|homeowner|ho|owner|client|tenant|he|she|they|them|his|her|told|says|said|"
    r"wants?|needs?|should|recommend(?:ed)?|quote[ds]?|price|charge[ds]?|bill(?:ed)?|invoice|"
    r"\$|paid|pay|cash|check|office|dispatch|call(?:ed)?|follow ?up|upsell|lead|not|no|didn'?t|"
    r"couldn'?t|can'?t|won'?t|still|again|replacement|replacment|lol|ugh|smh|wtf|idk|tbh)\b|\?|\$",
    re.IGNORECASE)
# A plain description names work done.
_WORK = re.compile(
    r"\b(?:replaced|replace|installed|install|repaired|fixed|cleaned|flushed|swapped|reset|"
    r"tested|adjusted|tightened|serviced|tuned|tune-?up|cleared|unclogged|snaked|lubricated|"
    r"inspected|changed|rewired|sealed|new|drained|recharged|calibrated|secured|"
    r"restored|relined|descaled|refilled|resealed|reconnected|upgraded|maintenance)\b",
    re.IGNORECASE)
# A status clause with chatter before it ("oh forgot - patel is done,"): the work follows it.
_STATUS_CLAUSE = re.compile(
    r"^[^.;:!?]{0,60}?\b(?:is |are |all |job |now |were |was )?(?:done|finished(?: up)?|"
    r"completed?|all set|wrapped up)\b(?: (?:at|with|for|over at) [^,.;:!-]{1,40})?"
    r"\s*(?:[,.;:!]|\s-+)\s*(?=\S)", re.IGNORECASE)
LONGEST = 120  # longer than this is a story, not a summary line


def work_summary(text: str) -> str:
    """The technician's words without the status words they open with ("" for a bare "done")."""
    summary = text.strip()
    clause = _STATUS_CLAUSE.match(summary)
    if clause is not None and _WORK.search(summary[clause.end():]):
        summary = summary[clause.end():]
    while (shorter := _OPENING.sub("", summary, count=1).strip()) != summary:
        summary = shorter
    return summary


def for_customer(summary: str) -> str:
    """The summary if a customer may read it as it is, else "" (when unsure, leave it out)."""
    if (not summary or len(summary) > LONGEST or UNSAFE.search(summary)
            or _INTERNAL.search(summary) or not _WORK.search(summary)):
        return ""
    return summary


def is_unsafe(text: str) -> bool:
    return UNSAFE.search(text) is not None
