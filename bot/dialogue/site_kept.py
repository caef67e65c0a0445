"""A visit said to stay at (or go back to) one of the account's own addresses: "put monday back
to 3274 w roscoe", "leave monday at 3274", "the monday visit is for MY house on 3274".

A customer with several addresses (a landlord, a second home) says which of them a booked visit
belongs at. If it is there already it is said to stay; if it was put somewhere else it goes back
there, at the same time. Nothing else moves. Times offered for a new visit stay offered, and a
new visit asked for in the same text ("I want a NEW appointment at the rental") is booked next.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import corrections, offers, replies, two_parts, visit_address, visits
from bot.nlu.days import find_days
from bot.nlu.text import normalize
from domain.parties import Site

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn
    from domain.jobs import Appointment

# A visit put, kept or said to belong at a place: "put monday back to", "leave monday at",
# "the monday visit is for my house on".
_BELONGS_AT = re.compile(
    r"\b(?:(?:put|move|change|switch|set|bring|leave|keep)\b[\w' ]{0,40}?\b(?:back )?(?:to|at|on)|"
    r"(?:is|stays?|belongs?|should be) (?:for|at) (?:my|our) (?:own )?(?:house|home|place)|"
    r"(?:visit|appointment|appt|one) (?:is|stays?|should be) (?:at|for)|"
    r"wrong (?:address|place|house|location))\b")
_CLAUSE = re.compile(r"[.!?;\n]+")
# A house number said alone ("my house on 3274"): three figures at least, so "leave it at 5" is a
# time, never 5 Lake St.
_HOUSE_NUMBER = re.compile(r"(?<![\w:$-])(\d{3,6})[a-z]?(?![\w:])(?!\s*(?:am|pm|a\.m|p\.m)\b)")


def answer(turn: Turn) -> bool:
    """Say the visit named stays at the account's address named, or put it back there; False
    when no clause names both a booked visit and another of the account's addresses."""
    if turn.customer is None or len(turn.customer.sites) < 2:
        return False  # one address: nowhere else a visit could be
    found = _visit_and_site(turn)
    if found is None:
        return False
    appointment, site, clause = found
    job = turn.uow.jobs.get(appointment.job_id)
    if job is None or site.id is None:
        return False
    rest = _rest(turn.text, clause)
    if job.site_id != site.id:
        corrections.move_back_to_site(turn, appointment, site.id)
    else:
        turn.say(replies.site_kept(visits.label(turn, appointment), site.one_line()))
        if not _offers_again(turn) and not _books_next(turn, rest):
            turn.finish()
    return True


def _visit_and_site(turn: Turn) -> tuple[Appointment, Site, str] | None:
    """The first clause putting one booked visit at one of the account's addresses."""
    assert turn.customer is not None
    booked = visits.upcoming(turn)
    for clause in _CLAUSE.split(normalize(turn.text)):
        if not _BELONGS_AT.search(clause):
            continue
        site = _site_in(turn.customer.sites, clause)
        if site is None:
            continue
        matches = _visits_named(turn, booked, _without_site(clause, site))
        if len(matches) == 1:
            return matches[0], site, clause
    return None


def _visits_named(turn: Turn, booked: list[Appointment], clause: str) -> list[Appointment]:
    """The booked visits the clause names; "leave monday at 3274" names monday's, though a day
    after "leave" is otherwise one set aside."""
    said = visits.named(turn, text=clause)
    if said.narrows:
        return visits.narrow(turn, booked, said)
    days = {mention.day for mention in find_days(clause, offers.local_date(turn.now, turn.timezone))}
    return [a for a in booked if visits.local_day(turn, a) in days] if days else []


def _site_in(sites: list[Site], clause: str) -> Site | None:
    """The account's address the clause names by its street or by its house number alone
    ("on 3274"), if exactly one."""
    named = corrections.site_on_street(sites, clause)
    if named is not None:
        return named
    numbers = {m.group(1) for m in _HOUSE_NUMBER.finditer(clause)}
    by_number = [s for s in sites if s.address.split(" ", 1)[0] in numbers]
    return by_number[0] if len(by_number) == 1 else None


def _without_site(clause: str, site: Site) -> str:
    """The clause without the address it names, so "at 5 lake st" names no 5 o'clock visit."""
    street = normalize(site.address.split(",")[0]).rstrip(".")
    number = street.split(" ", 1)[0]
    words = clause.replace(street, " ")
    return re.sub(rf"(?<![\w:]){re.escape(number)}(?![\w:])", " ", words)


def _rest(text: str, clause: str) -> str:
    """The text without the clause about the visit's address."""
    parts = [p.strip() for p in _CLAUSE.split(text) if p.strip()]
    return ". ".join(p for p in parts if normalize(p) != clause.strip())


def _offers_again(turn: Turn) -> bool:
    """Times offered for a new visit, still pending: listed again, still waiting for a pick."""
    conversation = turn.conversation
    if not conversation.is_active(turn.now) or conversation.step != offers.PICK \
            or not conversation.data.get("offers") or conversation.flow is None:
        return False
    data = dict(conversation.data)
    found = [offers.load(raw) for raw in data["offers"]]
    site = turn.uow.sites.get(int(data.get("site_id") or 0))
    timezone = site.timezone if site is not None else turn.timezone
    turn.ask(conversation.flow, offers.PICK, data,
             replies.which_offer(offers.choices(found, timezone)))
    return True


def _books_next(turn: Turn, rest: str) -> bool:
    """A new visit asked for in the rest of the text: started as its own request."""
    if not rest or not visit_address.asks_a_visit(rest) or turn.start_intent is None:
        return False
    turn.finish()
    turn.text, turn.parse = rest, two_parts.parse_part(turn, rest)
    turn.start_intent(turn)
    return True
