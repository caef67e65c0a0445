"""Whether visits are for the same problem: "are they all the same problem", "is the 14th the
same thing as tuesday's? if so cancel the 14th".

Answered from each visit's job scope (what the customer reported when it was booked), changing
nothing. A cancel asked only "if so" is asked (Y/N, as always) when the answer is yes; when the
problems differ, or the bookings do not say, nothing is cancelled.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import cancel, replies, small_talk, visit_questions, visits
from bot.dialogue.times import day_label
from bot.nlu import intents
from bot.nlu.text import normalize
from domain.jobs import Appointment

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

_SAME = re.compile(
    r"\b(?:(?:the )?same (?:problem|thing|issue|job|work|visit|fault|repair|one)s?|"
    r"(?:for|about) the same\b|all the same|duplicates?|double[ -]?booked|"
    r"same as (?:the|my|that|\w+day'?s?)\b|(?:different|separate) (?:problems?|issues?|things?|jobs?)|"
    r"(?:a )?repeat (?:of|visit)\b|follow[- ]?up (?:of|to|for) (?:the|my|that)\b|"
    r"same (?:\w+ )?as (?:before|last time)\b|problem (?:came|is) back\b)")
# "same problem as before?", "is it the same as last time": the visit beside the work done before.
_BEFORE = re.compile(r"\b(?:as|from|like) (?:before|last time|the last (?:time|visit|one)|previously|"
                     r"the previous (?:one|visit|time))\b|\bcame back\b")
_QUESTION = re.compile(r"\?|(?:^|[.!,;] ?)(?:\w+ ){0,4}?(?:is|are|was|were|do|does|did)\b")
# "if so cancel the 14th": a request that holds only when the answer is yes.
_IF_SO = re.compile(r"\b(?:if so|if yes|if (?:they|it|both|those) (?:are|is)(?: the same)?|if same|"
                    r"if that'?s (?:the case|so))\b[, ]*")
_CANCEL = re.compile(r"\b(?:cancel\w*|drop|get rid of|remove)\b")
_ACTS = frozenset({intents.RESCHEDULE, intents.APPROVE_QUOTE, intents.DECLINE_QUOTE, intents.HUMAN})


def answer(turn: Turn) -> bool:
    """Answer whether the visits asked about are for the same problem; False for any other text."""
    if turn.customer is None or turn.parse.intent in _ACTS:
        return False
    text = normalize(turn.text)
    condition = _IF_SO.search(text)
    asked, then = (text[:condition.start()], text[condition.end():]) if condition else (text, "")
    if not _SAME.search(asked) or not _QUESTION.search(asked):
        return False
    if _CANCEL.search(asked):
        return False  # "cancel the duplicate": a cancel, asked as one
    meant = _meant(turn, asked)
    if _BEFORE.search(asked):
        return _as_before(turn, meant)
    if len(meant) < 2:
        return False
    scopes = [_scope(turn, a) for a in meant]
    days = [visits.label(turn, a).split(",")[0] for a in meant]
    work = _work(turn, meant)
    if not all(scopes):
        small_talk.settle(turn, replies.problems_unknown(work, days))
        return True
    same = len({s.lower().strip(" .") for s in scopes}) == 1
    told = (replies.same_problem(work, days, scopes[0]) if same else replies.different_problems(
        work, [f"{d}: {s}" for d, s in zip(days, scopes, strict=True)]))
    visits.remember_shown(turn, meant)
    if not _CANCEL.search(then):
        small_talk.settle(turn, told)
        return True
    turn.say(told)
    target = _one_to_cancel(turn, then, meant) if same else None
    if target is not None:
        cancel.confirm(turn, target)  # "if so cancel the 14th": asked Y/N, as every cancel
    else:
        turn.finish(replies.left_as_is())  # not the same, or no one visit named: nothing cancelled
    return True


def _as_before(turn: Turn, meant: list[Appointment]) -> bool:
    """ "is thursday's the same problem as last time?": the visit's problem beside that of the
    last finished job of its work."""
    if len(meant) != 1:
        return False
    visit = meant[0]
    job = turn.uow.jobs.get(visit.job_id)
    if job is None:
        return False
    done = visit_questions.finished(turn, job.service_id)
    label = visits.label(turn, visit).split(",")[0]
    work = visits.service_name(turn, visit).lower()
    if not done:
        small_talk.settle(turn, replies.no_earlier_visit(work, label, job.scope.strip()))
        return True
    last = max(done, key=lambda j: (visit_questions.work_time(turn, j), j.id or 0))
    when = day_label(visit_questions.work_time(turn, last), turn.timezone)
    now_for, then_for = job.scope.strip(), last.scope.strip()
    if now_for and now_for.lower().strip(" .") == then_for.lower().strip(" ."):
        small_talk.settle(turn, replies.same_as_before(work, label, when, now_for))
    else:
        small_talk.settle(turn, replies.unlike_before(work, label, now_for, when, then_for))
    visits.remember_shown(turn, [visit])
    return True


def _meant(turn: Turn, asked: str) -> list[Appointment]:
    """The visits the question names (by days, work, technician), else those just listed."""
    upcoming = visits.upcoming(turn)
    said = visits.named(turn, text=asked)
    if said.narrows:
        return visits.narrow(turn, upcoming, said)
    return visits.just_shown(turn, upcoming)


def _one_to_cancel(turn: Turn, then: str, meant: list[Appointment]) -> Appointment | None:
    said = visits.named(turn, text=then)
    found = visits.narrow(turn, meant, said) if said.narrows else []
    return found[0] if len(found) == 1 else None


def _scope(turn: Turn, visit: Appointment) -> str:
    job = turn.uow.jobs.get(visit.job_id)
    return job.scope.strip() if job is not None else ""


def _work(turn: Turn, meant: list[Appointment]) -> str:
    """ "water heater service" when every visit is that work, else "" (they are just visits)."""
    names = {visits.service_name(turn, a) for a in meant}
    return names.pop().lower() if len(names) == 1 else ""
