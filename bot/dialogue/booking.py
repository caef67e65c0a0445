"""Booking a visit: what's wrong, when would suit, three offers, a pick, a confirmation."""

from __future__ import annotations

import re
from datetime import time, timedelta
from typing import TYPE_CHECKING, Any

from bot.dialogue import handoff, offers, replies, safety_replies, visit_questions, visits, wish_memory
from bot.dialogue.addresses import Address, read_signup, town_given, zip_guesses
from bot.dialogue.times import visit_label
from bot.dialogue.turn import CONVERSATION_TTL
from bot.nlu import intents
from bot.nlu.services import matcher_for
from bot.nlu.text import normalize
from domain.authz import may_act_on
from domain.commands import BookAppointment
from domain.errors import DomainError, SchedulingConflict
from domain.jobs import Appointment, AppointmentStatus, Job, JobState
from domain.parties import Site
from domain.places import is_town, town_of
from domain.quotes import QuoteState
from domain.scheduling import Offer, Wish

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn
    from domain.catalog import Catalog

FLOW = "book"
SCOPE_LIMIT = 300
PROBLEM = "problem"  # a request's slot: the problem told in an earlier text, for the job's scope


_MOVE_WORDS = re.compile(r"\b(?:move|moved|moving|reschedul\w*|push(?:ed)?|postpone\w*)\b")
# "can the plumber come at 11 too": a time asked of the worker of a visit booked.
_WORKER_COMES = re.compile(
    r"\b(?:can|could|would) (?:the|my|our) (?:\w+ )?(?:plumber|electrician|tech|technician|guy|"
    r"man|lady|person|hvac guy) (?:also |just |please )?(?:come|be here|get here|make it|do it)\b")
_NEW_PROBLEM = re.compile(r"\b(?:also|another|new|second|too) (?:problem|issue|leak|clog)\b|"
                          r"\b(?:broke\w*|leak\w*|clogged|not working|no (?:heat|hot water|power))\b")
# "later in the day?", "earlier?", "any later": other hours asked of a visit named by its day.
_OTHER_HOURS = re.compile(r"\b(?:later|earlier)\b(?! (?:today|tonight|this (?:morning|afternoon|evening)))")
# "another tune-up", "a second visit": a booking of its own, even right after a move of one.
_ANOTHER = re.compile(r"\b(?:another|second|2nd|extra|additional|separate|new) (?:\w+ )?"
                      r"(?:visit|appointment|appt|booking|one|job|tune ?up|check ?up|repair)\b")


def _move_resumed(turn: Turn, service: object) -> Appointment | None:
    """The visit whose move was broken off by another request, when this text asks a time for
    its work ("I meant Monday the 28th at 8 with Dave, for the furnace"): still that move; a new
    problem, another visit asked for or another address is a booking of its own."""
    from bot.dialogue import corrections, reschedule  # they import this module

    moving = reschedule.being_moved(turn)
    if moving is None or not turn.parse.slots.get("when"):
        return None
    text = normalize(turn.text)
    if _NEW_PROBLEM.search(text) or _ANOTHER.search(text) or corrections.names_a_site(turn):
        return None
    if isinstance(service, str) and not visits.same_service(turn, [moving], service):
        return None
    turn.forget(reschedule.MOVING)
    return moving


def _back_to_the_move(turn: Turn) -> bool:
    """While times for new work are offered, a time asked for the work of the visit whose move
    was broken off ("for the furnace: friday at 1 then") goes back to that move."""
    named = turn.parse.slots.get("service") or visits.named(turn).service_id
    if not isinstance(named, str) or named == turn.data.get("service"):
        return False
    moving = _move_resumed(turn, named)
    if moving is None:
        return False
    from bot.dialogue import reschedule  # imports this module's neighbours

    reschedule.move_missed(turn, moving, turn.parse.slots.get("when"))
    return True


# "Can someone come back today?": a return for the work of the last visit.
# "can someone come back tomorrow?", "send the tech back", "a return visit": the work last done, again.
_COME_BACK = re.compile(r"\b(?:come|coming|send(?: \w+)?|send (?:the|your) \w+|get(?: \w+)?) back\b"
                        r"|\breturn (?:visit|trip)\b|\bcome (?:out |by )?again\b")
RETURN_WITHIN = timedelta(days=14)


def _returning_to(turn: Turn) -> str | None:
    """The service of the customer's last visit (within RETURN_WITHIN) a "come back" asks for."""
    customer = turn.customer
    if customer is None or not _COME_BACK.search(normalize(turn.text)):
        return None
    past = [a for a in turn.uow.appointments.find(account_id=customer.account_id)
            if a.status is not AppointmentStatus.CANCELLED and a.window_start <= turn.now
            and turn.now - a.window_start <= RETURN_WITHIN and may_act_on(turn.actor, a)]
    latest = max(past, key=lambda a: a.window_start, default=None)
    job = turn.uow.jobs.get(latest.job_id) if latest is not None else None
    return job.service_id if job is not None else None


def _visit_to_move(turn: Turn, service: object) -> Appointment | None:
    """The one upcoming visit of this service (on the day named) a text asks to move; "can the
    plumber come at 11 too" asks it of the one visit of that trade."""
    if not isinstance(service, str):
        return None
    text = normalize(turn.text)
    when = turn.parse.slots.get("when") or {}
    worker_at = bool(_WORKER_COMES.search(text) and (when.get("start") or when.get("end"))
                     and not _NEW_PROBLEM.search(text))
    day = when.get("date")
    # "mon tuneup. later in day?": the visit named by its work and its own day, at other hours
    other_hours = bool(day and _OTHER_HOURS.search(text) and not _NEW_PROBLEM.search(text))
    moving = _MOVE_WORDS.search(text) is not None
    if not worker_at and not other_hours and not moving:
        return None
    upcoming = [a for a in visits.upcoming(turn)
                if day is None or offers.local_date(a.window_start, visits.timezone_of(turn, a))
                .isoformat() == day]
    if moving and not upcoming:
        # "can the furnace visit on the 21st move to the monday after": the day read may be the
        # new one; the visit is the one of the days the text names as its own
        said = visits.named(turn, wanted=day).days
        upcoming = [a for a in visits.upcoming(turn) if visits.local_day(turn, a) in said]
    found = [a for a in upcoming
             if (job := turn.uow.jobs.get(a.job_id)) is not None and job.service_id == service]
    if not found and worker_at:
        found = visits.same_service(turn, upcoming, service)
    return found[0] if len(found) == 1 else None


# "Can someone come back today?": a return for the work done last, not a new problem to ask about.


def _return_visit(turn: Turn, data: dict[str, Any]) -> None:
    """The service and scope of the visit last done, for a return visit (none: nothing set)."""
    from bot.dialogue import complaints  # imports this module's neighbours

    done = complaints.recent_work(turn)
    job = turn.uow.jobs.get(done.job_id) if done is not None else None
    if done is not None and job is not None:
        data.update(service=job.service_id,
                    scope=f"Return visit after {visits.label(turn, done)}: {job.scope}"[:SCOPE_LIMIT])


def _asked_about(turn: Turn) -> str | None:
    """The service a question just answered was about ("how much is a drain cleaning?", or the
    need told beside "are you open saturday?"), for "can you come thursday?" naming none."""
    from bot.dialogue import topics  # topics' neighbours import this module

    return topics.asked_service(turn)


def scope_for(turn: Turn, service: str | None) -> str:
    """The scope of a visit asked for by this text: the problem it tells, else the one told
    before (kept with a newcomer's request, or beside a question just answered); "" when none
    was told (the booking then names the service)."""
    return (problem_in(turn.text, turn.catalog) or str(turn.parse.slots.get(PROBLEM) or "")
            or _problem_told(turn, service))


def _problem_told(turn: Turn, service: str | None) -> str:
    """The problem told beside a question answered just before ("do you do water heaters? mine
    is leaking"), when it is of the service being booked; "" when none was."""
    from bot.dialogue import topics  # topics' neighbours import this module

    return topics.asked_problem(turn) if service and service == topics.asked_service(turn) else ""


def start(turn: Turn) -> None:
    """A customer asked for a visit, maybe naming the problem and a time."""
    assert turn.customer is not None
    if turn.customer.site is None:
        turn.ask(FLOW, "offer_human", {}, replies.no_offers())
        return
    data: dict[str, Any] = {"when": turn.parse.slots.get("when"),
                            "scope": "",
                            "service": turn.parse.slots.get("service"),
                            **wish_memory.stored(offers.wish_from(turn))}
    if visits.points_at_a_visit(turn):
        booked = visits.upcoming(turn)
        resolution = visits.resolve(turn, booked)
        if resolution.matches:  # about a visit they have, not a new one: say which, ask what
            turn.finish(replies.visits_meant([visits.choice_label(turn, a)
                                              for a in resolution.matches]))
            visits.remember_shown(turn, resolution.matches)
            return
        if resolution.missing is not None and booked:  # "the one on the 8th": none then
            turn.finish(replies.no_visit_then(resolution.missing,
                                              [visits.choice_label(turn, a) for a in booked]))
            visits.remember_shown(turn, booked)
            return
    returning = None if data["service"] else _returning_to(turn)
    service = data["service"] = data["service"] or returning or _asked_about(turn)
    data["scope"] = scope_for(turn, service)
    named = _visit_to_move(turn, service) or _move_resumed(turn, service)
    if named is not None:  # "the dec 11 electrical. i want it moved": a move, never a new booking
        from bot.dialogue import reschedule  # books nothing until a time is picked

        # a time asked of its worker ("can the plumber come at 11") is the new time; a day named
        # beside "move" names the visit itself
        asked = None if _MOVE_WORDS.search(normalize(turn.text)) else data["when"]
        if asked is None and reschedule.said_from_the_visit(turn):
            asked = data["when"] or {}  # "to the monday after": counted from the visit's day
        reschedule.move_missed(turn, named, asked)
        return
    missed = [a for a in visits.missed(turn) if service is None
              or (job := turn.uow.jobs.get(a.job_id)) is None or job.service_id == service]
    if missed:  # nobody came to the visit booked: that visit is moved, never booked again
        from bot.dialogue import reschedule  # books nothing until a time is picked

        reschedule.move_missed(turn, missed[0], data["when"])
        return
    if visits.refers_to_a_visit(turn):  # "the furnace one" says no problem: ask, never guess
        data.update(scope="", service=None)
    elif (service is None or returning is not None) and _COME_BACK.search(normalize(turn.text)):
        _return_visit(turn, data)
    if len(turn.customer.sites) == 1:
        data["site_id"] = turn.customer.sites[0].id
    places = places_named(turn)
    if len(places) > 1 and service is not None:  # "tune-ups at each: lawrence ave, plus ..."
        return _several_places(turn, data, places)
    if not _at_named_site(turn, data):
        return
    if service is not None and _booked_alike(turn, service):
        told = visit_questions.already_booked(turn, service)  # "a tune-up" with two booked
        if told is not None:
            turn.say(told)
    _next_question(turn, data)


MORE_PLACES = "more_places"  # the booking's data key: the other addresses asked for, in order
_PLACE_PARTS = re.compile(r"[,;:]|\b(?:and|plus|also)\b")


def places_named(turn: Turn) -> list[str]:
    """The addresses a request names, one per part of a list ("lawrence ave, plus 2 new ones:
    1548 N Broadway 60640 and 3822 n clark 60614"): the account's sites by street, new ones
    with their number; [] or one when the text names fewer than two."""
    from bot.dialogue import corrections  # imports this module

    assert turn.customer is not None
    found: list[str] = []
    for part in _PLACE_PARTS.split(turn.text):
        if not part.strip():
            continue
        known = corrections.site_on_street(turn.customer.sites, part)
        address = read_signup(part).address
        if known is not None:
            place = known.one_line()
        elif address is not None and re.match(r"\d", address.street):
            town = address.city or (town_of(address.postal_code) if address.postal_code else "")
            place = Address(address.street, town or "", address.postal_code).one_line()
        else:
            continue
        if place not in found:
            found.append(place)
    return found


# "which building is that for?", "what address are those times for"
_WHICH_PLACE = re.compile(r"\b(?:which|what) (?:building|address|place|location|property|site|house|unit)"
                          r"s? (?:is|are) (?:that|this|it|those|these)(?: times?)? for\b"
                          r"|\bfor which (?:building|address|place|location|property)\b")


def place_asked(turn: Turn) -> bool:
    """ "which building is that for?" while times are offered: the address they are for (and
    the other buildings still to book); the offer stays open. False for any other text."""
    if not (turn.conversation.is_active(turn.now) and turn.conversation.flow == FLOW
            and turn.step == offers.PICK and turn.data.get("site_id")
            and _WHICH_PLACE.search(normalize(turn.text))):
        return False
    site = turn.uow.sites.get(int(turn.data["site_id"]))
    if site is None:
        return False
    from bot.dialogue import small_talk  # imports this module's neighbours

    small_talk.settle(turn, replies.times_for_place(
        site.one_line(), [str(p) for p in turn.data.get(MORE_PLACES) or ()]))
    return True


def _to_another_place(turn: Turn) -> bool:
    """ "third one is 3822 N Clark, any morning next week" while times for another building of
    the same request are offered: times for the building named, the other one kept to book next;
    never a pick for the building offered. False when the text names no other building asked."""
    waiting = [str(place) for place in turn.data.get(MORE_PLACES) or ()]
    said = read_signup(turn.text).address
    if not waiting or said is None:
        return False
    number_and_name = " ".join(said.street.casefold().split()[:3])
    named = next((p for p in waiting if p.casefold().startswith(number_and_name)), None)
    if named is None:
        return False
    from bot.dialogue import corrections  # imports this module

    site_id = corrections.site_named(turn, named)
    if site_id is None:
        return False
    _add_site(turn, site_id)
    current = turn.uow.sites.get(int(turn.data["site_id"]))
    rest = [p for p in waiting if p != named] + ([current.one_line()] if current else [])
    turn.say(replies.booking_at(named))
    data = {**turn.data, "site_id": site_id, MORE_PLACES: rest, "when": turn.parse.slots.get("when"),
            **wish_memory.stored(offers.wish_from(turn))}
    _offer(turn, data, offers.wish_from(turn))
    return True


def _several_places(turn: Turn, data: dict[str, Any], places: list[str]) -> None:
    """Several buildings asked for in one text: all named back, the first booked now, the next
    asked for after it (nothing dropped)."""
    service = turn.catalog.get(str(data["service"]))
    turn.say(replies.several_places(service.name, places))
    first, rest = places[0], places[1:]
    from bot.dialogue import corrections  # imports this module

    site_id = corrections.site_named(turn, first)
    if site_id is None:
        turn.finish()
        return
    _add_site(turn, site_id)
    data.update(site_id=site_id, **{MORE_PLACES: rest})
    _next_question(turn, data)


STREET = "street"  # the booking's data key: a new street named without its ZIP
NOTE = "note"  # ... what was told for the technician beside a pick ("tenant is Amy, 773-...")
TOWN = "town"  # ... and the town said with it, if any


def _at_named_site(turn: Turn, data: dict[str, Any]) -> bool:
    """ "need a plumber at my rental, 22 elm st": the visit is at that address, one of the
    account's or added to it; False when the customer was asked for it or told it is not served."""
    from bot.dialogue import corrections  # imports this module

    if not corrections.names_a_site(turn):
        return True
    said = len(turn.replies)
    site_id = corrections.site_named(turn)
    if site_id is None:
        street = read_signup(turn.text).address
        if len(turn.replies) > said:  # outside the area: told so, nothing booked
            turn.finish()
        elif street is not None and not street.postal_code:  # "at 5530 S Kimbark Ave": its ZIP
            town = street.city if street.city and is_town(street.city) else ""  # no "wednesday"
            turn.ask(FLOW, "site", {**data, STREET: street.street, TOWN: town},
                     replies.ask_zip(street.street))
        else:
            turn.ask(FLOW, "site", data, replies.ask_right_address())
        return False
    _add_site(turn, site_id)
    if len(turn.customer.sites) > 1:  # type: ignore[union-attr]
        site = turn.uow.sites.get(site_id)
        turn.say(replies.booking_at(site.one_line() if site is not None else ""))
    data["site_id"] = site_id
    return True


def site_in_request(turn: Turn) -> tuple[bool, Site | None]:
    """Whether the request names an address, and the account's site there (added when new, and
    then the customer's sites list it): "no heat at my building at 5530 S Kimbark 60637". The
    site is None when the address can't be used (no ZIP, outside the area: told so)."""
    from bot.dialogue import corrections  # imports this module

    assert turn.customer is not None
    if not corrections.names_a_site(turn):
        return False, None
    site_id = corrections.site_named(turn)
    if site_id is None:
        return True, None
    _add_site(turn, site_id)
    return True, turn.uow.sites.get(site_id)


def _add_site(turn: Turn, site_id: int) -> None:
    """A site just added to the account joins the customer's list of sites for this turn."""
    assert turn.customer is not None
    site = turn.uow.sites.get(site_id)
    if site is not None and site.account_id == turn.customer.account_id and all(
            s.id != site_id for s in turn.customer.sites):
        turn.customer.sites.append(site)


def waiting_job(turn: Turn) -> Job | None:
    """The customer's newest job that waits for a visit (opened by the office, e.g. from a won
    deal, with none booked), at one of their own sites."""
    if turn.customer is None:
        return None
    sites = {s.id for s in turn.customer.sites}
    requested = turn.uow.jobs.find(account_id=turn.customer.account_id,
                                   state=JobState.REQUESTED)
    for job in reversed(requested):
        if job.site_id in sites and not any(
                a.is_active for a in turn.uow.appointments.find(job_id=job.id)):
            return job
    return None


def schedules_waiting_job(turn: Turn) -> bool:
    """ "yes", "next week works", "tuesday morning" from a customer whose job waits for a visit:
    times for that job (its service, its site); the pick books it, never a second job. A text
    naming other work is a booking of its own (False)."""
    job = waiting_job(turn)
    work: dict[str, Any] | None = ({"scope": job.scope, "service": job.service_id,
                                    "site_id": job.site_id, "job_id": job.id}
                                   if job is not None else _approved_work(turn))
    named = turn.parse.slots.get("service")
    if work is None or (named is not None and named != work["service"] and offers.other_trade(
            turn, work["service"], named)) or _names_booked_work(turn, work["service"]):
        return False
    _offer(turn, {"when": turn.parse.slots.get("when"), **work}, offers.wish_from(turn))
    return True


def answers_invitation(turn: Turn) -> bool:
    """A day wished in words the parser placed nowhere ("next week works, any day but wed",
    "thursday morning would be good for the panel", "mornings are best, early next week?") from
    a customer whose job waits for a visit: the answer to "reply with a day that suits", so
    times for that job are offered (nothing is booked until one is picked)."""
    if turn.parse.intent != intents.UNKNOWN or turn.conversation.is_active(turn.now):
        return False
    if offers.wish_from(turn) is None or visits.points_at_a_visit(turn):
        return False
    return waiting_job(turn) is not None and schedules_waiting_job(turn)


def _names_booked_work(turn: Turn, waiting: object) -> bool:
    """True when the text names other work the customer has a visit booked for ("mon tuneup.
    later in day?" with a furnace job waiting): it is about that visit, never the waiting job."""
    said = visits.named(turn).service_id
    return said is not None and said != waiting and any(
        (job := turn.uow.jobs.get(a.job_id)) is not None and job.service_id == said
        for a in visits.upcoming(turn))


def _approved_work(turn: Turn) -> dict[str, Any] | None:
    """The work of the quote approved just now that has no job yet, when a day is wished ("go
    ahead with the sewer repair", Y, then "how about monday morning"): its service, read from
    its title, at the customer's site; None when nothing was just approved or its work is no
    service of ours."""
    if turn.customer is None or turn.last_done() != "approved" or turn.customer.site is None \
            or offers.wish_from(turn) is None:
        return None  # "ok" to "the office will be in touch" is a nod; a day wished is a booking
    approved = [q for q in turn.uow.quotes.find(account_id=turn.customer.account_id)
                if q.state is QuoteState.APPROVED and q.job_id is None and q.decided_at
                and turn.now - q.decided_at <= CONVERSATION_TTL]
    if not approved:
        return None
    wished = (turn.parse.slots.get("when") or {}).get("date")
    said = visits.named(turn, wanted=wished)
    if visits.points_at_a_visit(turn) or said.days or said.service_id or said.technicians:
        return None  # "do we still need the tune-up on the 16th?": a visit of theirs, no wish
    quote = max(approved, key=lambda q: q.decided_at or turn.now)
    service = visits.named(turn, text=normalize(quote.title)).service_id
    if service is None:
        return None
    # "work": the booking is told by the quote's title ("Booked: Furnace replacement on ...")
    return {"scope": f"{quote.title} (quote {quote.number})", "service": service,
            "site_id": turn.customer.site.id, "job_id": None, "work": quote.title}


def _booked_alike(turn: Turn, service: str) -> bool:
    """True when upkeep (a tune-up, seen again every so many months) is asked for while visits
    for exactly it are already booked; a repair is told as a new problem, not questioned."""
    try:
        upkeep = turn.catalog.get(service).upkeep_months is not None
    except DomainError:
        return False
    return upkeep and any((job := turn.uow.jobs.get(a.job_id)) is not None
                          and job.service_id == service for a in visits.upcoming(turn))


def _next_question(turn: Turn, data: dict[str, Any]) -> None:
    """Ask for what is still missing (the address, the problem), then offer times."""
    assert turn.customer is not None
    if not data.get("site_id"):
        turn.ask(FLOW, "site", data, replies.which_site(
            [site.one_line() for site in turn.customer.sites]))
    elif not data.get("service"):
        turn.ask(FLOW, "problem", data, replies.ask_problem())
    else:
        _offer(turn, data, wish_memory.restored(data))


def answer(turn: Turn) -> bool:
    """Answer the pending booking question; False when the text is about something else."""
    if turn.step == "site":
        return _answer_site(turn)
    if turn.step == "problem":
        return _answer_problem(turn)
    if turn.step == offers.PICK:
        if _moves_a_booked_visit(turn):
            return False  # "move the sink repair to wed 7:30": that visit moves, nothing is booked
        if _back_to_the_move(turn):
            return True
        if _asks_about_a_booked_visit(turn):
            return True
        if _to_another_place(turn):
            return True
        site = _site(turn, turn.data)
        _say_which_address(turn, site)
        return offers.answer_pick(turn, timezone=site.timezone, chosen=_book, research=_research)
    if turn.step == "offer_human":
        return handoff.answer_offer(turn)
    return False


_NEW_TIME = re.compile(r"\b(?:to|till|until|for|onto)\b")


def _moves_a_booked_visit(turn: Turn) -> bool:
    """True when the text asks to move a visit it names ("move the sink repair to wed 7:30am"):
    the move starts for that visit, and these times for a new job are dropped."""
    text = normalize(turn.text)
    move = _MOVE_WORDS.search(text)
    if turn.parse.intent != intents.RESCHEDULE or turn.customer is None or move is None:
        return False  # "today instead of waiting for the tune-up" moves nothing: a time for this
    # the visit is named after the verb and before the new time ("to wed 9am")
    said = visits.named(turn, text=_NEW_TIME.split(text[move.end():], maxsplit=1)[0])
    return said.narrows and bool(visits.narrow(turn, visits.movable(turn), said))


def _asks_about_a_booked_visit(turn: Turn) -> bool:
    """Work of another trade that is already booked ("dave is coming wed for the furnace right?")
    is a question about that visit: it is told, and the pick goes on for this booking's work."""
    named = turn.parse.slots.get("service")
    pending = turn.data.get("service")
    if (turn.parse.intent != intents.BOOK or not isinstance(named, str) or named == pending
            or not offers.other_trade(turn, pending, named)):
        return False
    told = visit_questions.already_booked(turn, named)
    if told is None:
        return False  # nothing booked for it: a new booking of its own
    turn.say(told)
    wish = offers.wish_from(turn, turn.data.get("default_day"))
    if wish is not None:
        _research(turn, wish)  # "can the plumber come at the same time": this work, then
    else:
        site = _site(turn, turn.data)
        found = [offers.load(raw) for raw in turn.data.get("offers", [])]
        turn.ask(FLOW, offers.PICK, turn.data, replies.which_offer(offers.choices(found,
                                                                                  site.timezone)))
    return True


def _note_for_technician(turn: Turn) -> str | None:
    """What the customer told beside a pick (the address's, or this one: "1. tenant Mike will
    let her in"), for the new job's scope; None when nothing was told."""
    note = offers.note_beside_option(turn.text) or turn.data.get(NOTE)
    return str(note) if note else None


def _say_which_address(turn: Turn, site: Site) -> None:
    """A customer with several addresses asking again for the visit being booked ("new booking
    please, at the rental") is told which address the times are for; another address named is
    said where its times are searched."""
    from bot.dialogue import corrections  # imports this module

    if turn.customer is None or len(turn.customer.sites) < 2 or turn.parse.intent != intents.BOOK \
            or turn.option() is not None:
        return
    named = corrections.known_site(turn)
    if named is None or named.id == site.id:
        turn.say(replies.booking_at(site.one_line()))


def at_site(turn: Turn, site_id: int) -> None:
    """The booking under way is for another (maybe just added) site of the account: offer there."""
    _add_site(turn, site_id)
    site = turn.uow.sites.get(site_id)
    data = {**turn.data, "site_id": site_id}
    if site is not None:
        turn.say(replies.booking_at(site.one_line()))  # which address the times are for
    if not data.get("service"):
        turn.ask(FLOW, "problem", data, replies.ask_problem())
        return
    _offer(turn, data, wish_memory.restored(data))


def _answer_site(turn: Turn) -> bool:
    assert turn.customer is not None
    if turn.data.get(STREET) and _street_completed(turn):
        return True
    sites = turn.customer.sites
    text = turn.text.strip().rstrip(".)")
    option = turn.option() or offers.lone_option(turn.text)  # "2. tenant is Amy, 773-555-0199"
    picked = sites[option - 1] if option is not None and 1 <= option <= len(sites) else None
    note = offers.note_beside_option(turn.text) if picked is not None else None
    if picked is None:
        named = [s for s in sites if s.postal_code in text or s.address.lower() in text.lower()]
        picked = named[0] if len(named) == 1 else None
    from bot.dialogue import corrections  # imports this module

    if picked is None:  # "roscoe", "the desplaines one": a street's own words
        picked = corrections.known_site(turn)

    if picked is None and corrections.street_in(turn.text):  # "it's 22 elm st, oak park 60302"
        site_id = corrections.site_named(turn)
        if site_id is None:
            turn.misunderstood(replies.ask_right_address())
            return True
        _add_site(turn, site_id)
        _next_question(turn, {**turn.data, "site_id": site_id})
        return True
    if picked is None:
        if turn.parse.intent in (intents.UNKNOWN, intents.CHOOSE):
            turn.misunderstood(replies.which_site([site.one_line() for site in sites]))
            return True
        return False
    if option is None:  # picked by its words ("roscoe"): the address understood, said back
        turn.say(replies.booking_at(picked.one_line()))
    # told with the pick: kept for the technician on the visit booked next
    _next_question(turn, {**turn.data, "site_id": picked.id, **({NOTE: note} if note else {})})
    return True


def _street_completed(turn: Turn) -> bool:
    """A ZIP or town for the new street the request named ("60637", "its in hyde park"): the
    visit is at that street, added to the account; False when the text gives neither."""
    from bot.dialogue import corrections  # imports this module

    guesses = zip_guesses(turn.text)
    town = town_given(turn.text)
    if len(guesses) != 1 and town is None:
        return False
    data = {k: v for k, v in turn.data.items() if k not in (STREET, TOWN)}
    place = town[0] if town else str(turn.data.get(TOWN) or "")
    given = f"{turn.data[STREET]}, {place} {guesses[0] if len(guesses) == 1 else ''}".strip()
    said = len(turn.replies)
    site_id = corrections.site_named(turn, given)
    if site_id is None:
        if len(turn.replies) > said:  # outside the area: told so, nothing booked
            turn.finish()
        else:
            turn.misunderstood(replies.ask_zip(str(turn.data[STREET])))
        return True
    _add_site(turn, site_id)
    site = turn.uow.sites.get(site_id)
    turn.say(replies.booking_at(site.one_line() if site is not None else given))
    _next_question(turn, {**data, "site_id": site_id})
    return True


def _answer_problem(turn: Turn) -> bool:
    service_id = turn.parse.slots.get("service")
    if turn.parse.intent not in (intents.BOOK, intents.UNKNOWN):
        return False
    if not service_id:
        turn.misunderstood(replies.ask_problem())
        return True
    data = {**turn.data, "service": service_id,
            "scope": _scope(turn.data.get("scope"), problem_in(turn.text, turn.catalog))}
    wish = offers.wish_from(turn)
    if wish is not None:
        data["when"] = turn.parse.slots.get("when") or data.get("when")
    _offer(turn, data, wish or wish_memory.restored(data))
    return True


# Words around the problem that are not the work: a nod or greeting before it, and the request to
# come after it ("ok actually my faucet drips, can someone look at it this week").
_LEAD_IN = re.compile(r"^\W*(?:(?:ok|okay|so|well|um+|uh+|yeah|yes|hi|hey|hello|oh|also|actually|"
                      r"anyway|lol|hmm+|alright|right)\b[\s,.!-]*)+", re.IGNORECASE)
_ASKS_TO_COME = re.compile(
    r"[\s,.;!?-]+(?:(?:and|so|but)\s+)?(?:can|could|would|will|when can|is there any way)\s+(?:you|u|"
    r"someone|somebody|anyone|a tech|a technician|a plumber|an electrician|y'?all|you guys|your tech)"
    r"\b.*$|[\s,.;!?-]+(?:sometime|some time|anytime|any time)\s+(?:next|this)\s+week\W*$",
    re.IGNORECASE)


def scope_of(text: str) -> str:
    """What a job is about, from the text that asked for it: the problem without the nod before it
    or the request to come after it; the whole text when little else is left."""
    core = _ASKS_TO_COME.sub("", _LEAD_IN.sub("", text.strip())).strip(" ,.;-")
    if len(core.split()) < 2:
        return text.strip()[:SCOPE_LIMIT]
    return core[:SCOPE_LIMIT]


def problem_in(text: str, catalog: Catalog) -> str:
    """The problem a text tells, as a job's scope (see scope_of); "" when it tells none: a reply
    around the booking ("wait sorry", "the later one", "ok", a name, a time) is never a scope."""
    matcher = matcher_for(catalog)
    told = [s for s in _SENTENCE_END.split(text.strip())
            if matcher.describes_problem(normalize(s))]
    return scope_of(" ".join(told)) if told else ""


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


def _scope(asked: object, problem: str) -> str:
    """The problem told when asking for the visit, with the one told when asked for it."""
    first = str(asked or "").strip()
    return (f"{first}; {problem.strip()}" if first and problem.strip() else
            problem.strip() or first)[:SCOPE_LIMIT]


def _offer(turn: Turn, data: dict[str, Any], wish: Wish | None) -> None:
    site = _site(turn, data)
    wish = offers.on_next_day_with_time(turn, wish, site.timezone)
    found = offers.search(turn, service_id=data["service"], zone_id=site.zone_id,
                          timezone=site.timezone, wish=wish)
    if _soonest_instead(turn, data, site, wish, found):
        return
    if not found and wish is not None:  # nothing then ("tonight"): say so, with the soonest
        found = offers.search(turn, service_id=data["service"], zone_id=site.zone_id,
                              timezone=site.timezone, wish=None)
    offers.present(turn, FLOW, {**data, "site_id": site.id}, found, wish, site.timezone)


EVENING = time(17, 0)  # a wish for today starting this late is "tonight"


def missed_word(wish: Wish) -> str:
    """How the customer named the part of today that nothing is free in: "tonight" or "today"."""
    return "tonight" if (wish.start or wish.end or time(0)) >= EVENING else "today"


def _soonest_instead(turn: Turn, data: dict[str, Any], site: Site, wish: Wish | None,
                     found: list[Offer]) -> bool:
    """After a danger, "tonight" or "today" with nothing free then: the soonest times, saying so,
    never the nearest evenings of later days; False when the wish is met or no danger was told."""
    from bot.dialogue import safety_followup  # imports this module

    today = offers.local_date(turn.now, site.timezone)
    if (wish is None or wish.date not in (None, today) or safety_followup.known(turn) is None
            or any(wish.is_met_by(o, site.timezone) for o in found)):
        return False
    soonest = offers.search(turn, service_id=data["service"], zone_id=site.zone_id,
                            timezone=site.timezone, wish=None)
    if not soonest:
        return False
    turn.ask(FLOW, offers.PICK, {**data, "site_id": site.id, "offers": offers.kept(soonest)},
             safety_replies.soonest(offers.choices(soonest, site.timezone),
                                    missed=missed_word(wish)))
    return True


def _site(turn: Turn, data: dict[str, Any]) -> Site:
    """The address being booked: one of the sender's own sites, never an id taken on trust."""
    assert turn.customer is not None and turn.customer.site is not None
    return next((s for s in turn.customer.sites if s.id == data.get("site_id")),
                turn.customer.site)


def _research(turn: Turn, wish: Wish) -> None:
    from bot.dialogue import corrections  # imports this module

    data = turn.data
    named = corrections.known_site(turn) if turn.customer and len(turn.customer.sites) > 1 \
        else None
    if named is not None:  # "can someone come wed to the marengo place": times there, said so
        data = {**data, "site_id": named.id}
        if replies.booking_at(named.one_line()) not in turn.replies:  # said once
            turn.say(replies.booking_at(named.one_line()))
    _offer(turn, data, wish)


def _book(turn: Turn, offer: Offer) -> None:
    assert turn.customer is not None
    data = turn.data
    site = _site(turn, data)
    assert site.id is not None
    service = turn.catalog.get(data["service"])
    note = _note_for_technician(turn)
    scope = data.get("scope") or service.name
    try:
        appointment_id = turn.run(BookAppointment(
            account_id=turn.customer.account_id, site_id=site.id, service_id=service.id,
            technician_id=offer.technician_id, start=offer.start, actor=turn.actor,
            scope=_scope(scope, note or "") if note and not data.get("job_id") else scope,
            job_id=data.get("job_id"),
        ))
    except SchedulingConflict:
        turn.say(replies.slot_taken())
        _offer(turn, data, wish_memory.restored(data))
        return
    except DomainError as error:
        turn.finish(replies.refused(str(error)))
        return
    visit = visit_label(offer.window_start, offer.window_end, site.timezone)
    job = turn.uow.jobs.get(data["job_id"]) if data.get("job_id") else None
    work = visits.work_name(turn, job) if job is not None else str(data.get("work") or service.name)
    turn.finish(replies.booked(work, visit, offer.technician_name.split()[0],
                               site.one_line()), done="booked",
                changed={"kind": "booked", "appointment_id": appointment_id})
    if note and not data.get("job_id"):
        turn.say(replies.noted_for_technician(note))
    more = [str(place) for place in data.get(MORE_PLACES) or ()]
    if more:  # the next building asked for in the same request: its times next
        from bot.dialogue import corrections  # imports this module

        site_id = corrections.site_named(turn, more[0])
        if site_id is None:
            return
        _add_site(turn, site_id)
        turn.say(replies.next_place(service.name, more[0], more[1:]))
        _offer(turn, {"when": None, "service": service.id, "scope": data.get("scope") or "",
                      "site_id": site_id, MORE_PLACES: more[1:]}, None)
