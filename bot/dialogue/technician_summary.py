"""What of a technician's "done" text becomes the job's work summary, and what a customer reads.

The summary keeps the technician's own words (internal: the job and the timeline). The customer's
completion text quotes it only when it reads as a plain description of the work ("replaced the
capacitor"); shorthand about the customer, money, the office or a problem left behind stays
internal, and an unsafe finding (a red tag) goes to the office instead.
"""

from __future__ import annotations

import re

from bot.nlu.technician_rules import without_other_dones

# Status words a "done" text opens with, which are no part of the work: "done,", "back, done -",
# "wrapping up,", "at hughes,", "ok all set:", "ok now done for real -".
_OPENING = re.compile(
    r"^\W*(?:(?:(?:ok(?:ay)?|so|alright|now|finally|really) )*(?:all |job |work |jobs )?"
    r"(?:done|finished(?: up)?|completed?|all set|wrapped up|wrapping up|finishing up|good to go)"
    r"(?: (?:for real|for good|now|this time|finally|for today|for the day|here|there))*\b|"
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
# "replacing", "resetting": the work in the -ing form too ("ended up replacing the motor").
_WORK = re.compile(
    r"\b(?:replaced|replace|installed|install|repaired|fixed|cleaned|flushed|swapped|reset|"
    r"tested|adjusted|tightened|serviced|tuned|tune-?up|cleared|unclogged|snaked|lubricated|"
    r"inspected|changed|rewired|sealed|new|drained|recharged|calibrated|secured|"
    r"restored|relined|descaled|refilled|resealed|reconnected|upgraded|maintenance|"
    r"replacing|installing|repairing|fixing|cleaning|flushing|swapping|resetting|adjusting|"
    r"tightening|servicing|clearing|snaking|rewiring|sealing|draining|recharging)\b",
    re.IGNORECASE)
# A status clause with chatter before it ("oh forgot - patel is done,"): the work follows it.
_STATUS_CLAUSE = re.compile(
    r"^[^.;:!?]{0,60}?\b(?:is |are |all |job |now |were |was )?(?:done|finished(?: up)?|"
    r"completed?|all set|wrapped up)\b(?: (?:at|with|for|over at) [^,.;:!-]{1,40})?"
    r"\s*(?:[,.;:!]|\s-+)\s*(?=\S)", re.IGNORECASE)
LONGEST = 120  # longer than this is a story, not a summary line
# The words that say a job is finished ("done", "all set", "wrapped up"), as against words of
# work that a note may use too ("told them it should be replaced"): only these complete a job
# from inside a longer text.
STATUS_DONE = re.compile(
    r"\b(?:done|finished|complete[ds]?|all set|wrapped(?: up)?|wrapping up|finishing up|"
    r"closed out|clos(?:e|ing) (?:it|this|the job|the ticket|out)|good to go|knocked \w+(?: \w+)? out|"
    r"(?:that|it|this|its)(?: is| s)? a wrap|signed off|finito|termine|acabe)\b", re.IGNORECASE)
# Work said as a wish or a plan, not as done: "should be replaced", "needs to be fixed".
_NOT_YET_DONE = re.compile(
    r"\b(?:be|been|to|needs?|need|should|shud|shld|could|would|will|gonna|must|might|may|recommend\w*|"
    r"quote\w*|wants?)\s+(?:\w+\s+)?(?:replaced|installed|repaired|fixed|sorted|swapped(?: out)?|"
    r"done|finished|completed)\b", re.IGNORECASE)
# The technician's vehicle: "van fixed", "truck's sorted" is no job finished.
VEHICLE = re.compile(r"\b(?:(?:my |the )?van|(?:my |the )?truck|my (?:car|vehicle)|jump(?:ed)?|"
                     r"flat tire|tow(?:ed)?)\b", re.IGNORECASE)
# An aside after the work: to the office or the bot, never for the customer ("unit is 20+ yrs old
# tho", "ty for today", "fyi ...").
_ASIDE = re.compile(
    r"\b(?:tho|though|fyi|btw|ty|thx|thanks|thank you|imo|fwiw|heads up|anyway|lol|haha|"
    r"yrs?|years?|old|ancient|original|quotes?|estimate|pric(?:e|ing)|bid|office|dispatch|"
    r"tell|pass (?:that|this|it) on|can (?:u|you|someone|somebody|we)|who do i|do we)\b|\?",
    re.IGNORECASE)
_CLAUSE = re.compile(r"\s*(?:[,;!?]|\.(?!\d)|\s-+\s)\s*")
# Chit-chat around the work, for no one's records: the people ("nice folks", "customer happy",
# "we chatted"), the technician's own plans ("heading out", "off to lunch") and goodbyes
# ("have a good one"). A clause of it that names no work is left out of the summary.
_CHIT_CHAT = re.compile(
    r"\b(?:nice|friendly|lovely|sweet|great|happy|chatty|pleasant) (?:folks|people|lady|guy|man|"
    r"couple|family|customer|homeowner|dog|cat)\b|"
    r"\b(?:customer|cust|homeowner|ho|owner|client|folks|they|she|he)(?: is| was| were| are| s)? "
    r"(?:very |really |super |so )?(?:happy|pleased|thrilled|stoked|nice|friendly|chatty|lovely)\b|"
    r"\bchatted\b|\bchit ?chat\b|\bweather\b|"
    r"\b(?:heading|headed|head|going|off|taking off|leaving|omw|otw) (?:out|home|to lunch|for lunch|"
    r"on break|to the next|to grab)\b|\b(?:heading|headed|leaving|taking off) (?:out|now)\W*$|"
    r"\b(?:grab(?:bing)?|getting|taking|on) (?:some |my |a )?(?:lunch|break)\b|"
    r"\bhave a (?:good|great|nice) (?:one|day|night|evening|weekend)\b|^\W*(?:see ya|see you|cya|"
    r"later|cheers|take care|peace)\W*$", re.IGNORECASE)


# A clause that only says the job is finished ("replaced the capacitor, all done"): no work.
_BARE_STATUS = re.compile(
    r"^\W*(?:(?:ok|okay|and|so|now|its|it'?s|job|work|all|is)\s+)*(?:done|finished(?: up)?|"
    r"completed?|all set|wrapped up|good to go)(?:\s+(?:here|there|now|for today))*\W*$",
    re.IGNORECASE)


def names_work(text: str) -> bool:
    """The text names work done ("swapped the inducer motor", "new igniter")."""
    return _WORK.search(text) is not None


def only_chit_chat(text: str) -> bool:
    """Every clause of the text is chit-chat ("nice folks, dog was friendly")."""
    return bool(text.strip()) and not without_chit_chat(text)


def without_chit_chat(summary: str) -> str:
    """The summary without its clauses of chit-chat or of the status alone ("swapped the inducer
    motor, all set. customer happy. heading to lunch" keeps "swapped the inducer motor"); a
    clause naming work always stays."""
    pieces = _CLAUSE.split(summary)
    separators = [found.group() for found in _CLAUSE.finditer(summary)]
    kept = ""
    for index, clause in enumerate(pieces):
        if not clause.strip() or _BARE_STATUS.match(clause) or (
                _CHIT_CHAT.search(clause) and not _WORK.search(clause)):
            continue
        if kept:
            kept += separators[index - 1] if separators[index - 1].strip() else " "
        kept += clause
    return kept.strip().rstrip(",;.-! ") if kept != summary else summary


def says_done(text: str) -> bool:
    """The text states a job finished: "done", "all set", not only "replaced" or "fixed"."""
    return STATUS_DONE.search(without_other_dones(text.lower())) is not None


def only_work_wished(text: str) -> bool:
    """The text names work only as a wish or a plan ("should be replaced"), no finished job."""
    return not says_done(text) and _NOT_YET_DONE.search(text) is not None


def without_name(summary: str, names: list[str]) -> str:
    """The summary without an opening clause that only names the customer ("hughes, cleaned ...",
    "at the patels - swapped ...")."""
    first, sep, rest = _split_first(summary)
    words = set(re.findall(r"[a-z]+", first.lower())) - {"at", "the", "for", "with", "over", "job",
                                                         "house", "place", "s"}
    known = {w for name in names for w in re.findall(r"[a-z]+", name.lower())}
    known |= {w + "s" for w in known}
    if sep and rest and words and words <= known:
        return rest
    return summary


def _split_first(summary: str) -> tuple[str, str, str]:
    found = _CLAUSE.search(summary)
    if found is None:
        return summary, "", ""
    return summary[:found.start()], found.group(), summary[found.end():]


def work_summary(text: str) -> str:
    """The technician's words without the status words they open with ("" for a bare "done")."""
    summary = text.strip()
    clause = _STATUS_CLAUSE.match(summary)
    if clause is not None and _WORK.search(summary[clause.end():]):
        summary = summary[clause.end():]
    while (shorter := _OPENING.sub("", summary, count=1).strip()) != summary:
        summary = shorter
    return without_chit_chat(summary)


def only_about_closing(summary: str) -> bool:
    """What is left of a "done" text names no work and only talks about the closing ("i said DONE
    w kowalski. close it", "did that one close out? it should be done"): no summary of the work."""
    return _WORK.search(summary) is None and (says_done(summary) or "?" in summary)


def for_customer(summary: str) -> str:
    """The summary if a customer may read it as it is, else "" (when unsure, leave it out); an
    aside after the work ("unit is 20+ yrs old tho", "ty for today") is left out of it."""
    summary = _work_clauses(_before_aside(summary))
    if (not summary or len(summary) > LONGEST or UNSAFE.search(summary)
            or _INTERNAL.search(summary) or not _WORK.search(summary)):
        return ""
    return summary


def _before_aside(summary: str) -> str:
    """The clauses up to the first aside, joined as written."""
    kept, rest = "", summary
    while rest:
        clause, sep, rest = _split_first(rest)
        if _ASIDE.search(clause) or (sep.strip() == "?"):
            break
        kept += clause + (sep if rest else "")
    return kept.strip().rstrip(",;.-! ")


def _work_clauses(summary: str) -> str:
    """The opening sentences that each name work done: a sentence after them that names none
    ("... attic access is thru the closet", "... dog was friendly") is for the office, not the
    customer; a clause of outcome within a sentence of work ("swapped the trap, all drains
    clear") stays."""
    kept: list[str] = []
    for sentence in _SENTENCE.split(summary):
        if not _WORK.search(sentence):
            break
        kept.append(sentence)
    return " ".join(kept).strip().rstrip(",;.-! ")


_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def asides(summary: str) -> str:
    """What follows the work in a summary: the aside and anything after it ("" if none)."""
    kept = _before_aside(summary)
    return summary[len(kept):].strip().lstrip(",;.-! ").strip() if kept else ""


def trailing_talk(summary: str) -> str:
    """The clauses closing a summary that are talk, not work ("they asked bout a maint plan"):
    the context of a question that follows."""
    clauses = [c for c in _CLAUSE.split(summary) if c.strip()]
    kept: list[str] = []
    for clause in reversed(clauses):
        if _WORK.search(clause) or not (_ASIDE.search(clause) or _INTERNAL.search(clause)):
            break
        kept.insert(0, clause)
    if not kept:
        return ""
    start = summary.find(kept[0])
    return summary[start:] if start >= 0 else ""


def is_unsafe(text: str) -> bool:
    return UNSAFE.search(text) is not None


def safety_said(text: str) -> str:
    """The clauses of a text that report a hazard ("cracked heat exchanger, red tagged it"),
    joined; "" when none does."""
    clauses = [c.strip() for c in _CLAUSE.split(text) if c.strip()]
    flagged = [n for n, c in enumerate(clauses) if is_unsafe(c)]
    if not flagged:
        return ""
    # "cracked heat exchanger, red tagged it": the run of clauses around the hazard, not the rest
    return ", ".join(clauses[flagged[0]:flagged[-1] + 1])
