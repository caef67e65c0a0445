"""Safety first: a danger gets its safety step, an urgent call from the office, then the soonest visit.

It acts before anything else a text could mean, for known customers and new numbers alike, and
wins over a pending question ("wait, now I smell gas" in the middle of booking). A text in
Spanish is handled here too: a short Spanish answer that a person will call, and a notice.
A hurried request ("asap", "today", a leak) gets the soonest times first.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.dialogue import (
    booking,
    handoff,
    offers,
    onboarding,
    replies,
    safety_followup,
    safety_replies,
    status,
)
from bot.dialogue.gsm import clip
from bot.dialogue.times import visit_label
from bot.dialogue.turn import CONVERSATION_TTL
from bot.nlu import intents
from bot.nlu.language import SPANISH
from bot.nlu.text import normalize
from bot.nlu.urgency import EMERGENCY, URGENT, Danger, danger_in
from domain.jobs import Appointment, Job
from domain.parties import Site
from domain.scheduling import Offer

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

# An emergency's offers must be soon; later than this the office calls instead of a list.
SOON = timedelta(hours=24)
# The service a danger calls for when the text names none.
SERVICE_FOR = {Danger.GAS: "hvac_repair", Danger.FIRE: "electrical",
               Danger.WATER: "plumbing_repair", Danger.COLD: "hvac_repair",
               Danger.HEAT: "hvac_repair", Danger.SEWAGE: "drain_cleaning"}
# Trades whose work a danger may be about besides its own service's (gas: furnaces and water heaters).
_GAS_TRADES = {Danger.GAS: ("hvac", "plumbing"), Danger.WATER: ("plumbing",),
               Danger.SEWAGE: ("plumbing",)}
# Short answers read the same in Spanish ("si", "2", "gracias"): the conversation goes on.
UNDERSTOOD_ANYWAY = frozenset({intents.AFFIRM, intents.DENY, intents.CHOOSE, intents.THANKS})
SPANISH_CALL = "spanish_call"  # what a Spanish text achieved: a person asked to call


def takes_over(turn: Turn) -> bool:
    """Answer a reported danger or a Spanish text before anything else; False for any other text."""
    slots = turn.parse.slots
    danger = danger_in(normalize(turn.text)) if slots.get("urgency") == EMERGENCY else None
    # A thanks in Spanish, or a thanks or "ok" right after a Spanish answer (no question pending),
    # is answered in Spanish too.
    spanish_thanks = (turn.parse.intent == intents.THANKS and slots.get("language") == SPANISH
                      or turn.parse.intent in (intents.THANKS, intents.AFFIRM)
                      and turn.step is None and turn.last_done() == SPANISH_CALL)
    if spanish_thanks or slots.get("language") == SPANISH and (
            danger is not None or turn.parse.intent not in UNDERSTOOD_ANYWAY):
        _in_spanish(turn, danger)
        return True
    if danger is not None:
        # the same danger told again ("the ceiling is leaking bad, need a plumber NOW"): the team
        # knows already; the step and the soonest times again, no second urgent item
        again = safety_followup.known(turn) == danger and safety_followup.told_lately(turn)
        if not again:
            safety_followup.remember(turn, danger)
        _emergency(turn, danger, again=again)
        return True
    if safety_followup.answer(turn):
        return True
    safety_followup.leak_first(turn)  # "the leak got way worse": how to stop the water, first
    return False


def hurried(turn: Turn) -> bool:
    """Offer a known customer's hurried booking the soonest times first; False when not hurried."""
    parse = turn.parse
    customer = turn.customer
    danger = safety_followup.known(turn)  # a danger told before: only soon times, or a call
    if (parse.intent != intents.BOOK or customer is None or len(customer.sites) != 1
            or not parse.slots.get("service")
            or (parse.slots.get("urgency") != URGENT and danger is None)):
        return False  # something still to ask (which address, what is wrong): the ordinary booking
    from bot.dialogue import corrections  # imports this module's neighbours

    if corrections.names_a_site(turn):
        return False  # "for my rental at 22 elm st": the ordinary booking places it there
    site = customer.sites[0]
    wish = offers.wish_from(turn)
    today = offers.local_date(turn.now, site.timezone)
    # With a danger told, "tonight" or "today" asks for the soonest: searched honestly, never
    # narrowed to evenings nor answered "that time has passed".
    now_wish = danger is not None and wish is not None and wish.date in (None, today)
    if not now_wish and (offers.is_past(turn, wish, site.timezone) or (wish is not None and (
            wish.start or wish.end or wish.date not in (None, today)))):
        return False  # a named day or time, or one gone by: the ordinary booking answers it
    booked = _same_work_booked(turn, str(parse.slots["service"]))
    if booked is not None:  # that work is booked already: sooner means moving it, never a second
        from bot.dialogue import reschedule  # imports this module's neighbours

        reschedule.move_sooner(turn, booked)
        return True
    found = _soonest(turn, str(parse.slots["service"]), site,
                     within=SOON if danger is not None else None)
    if not found:
        if danger is None:
            return False
        turn.finish(safety_replies.calling_right_away(turn.business.name))
        return True
    missed = None
    if now_wish and wish is not None and not any(wish.is_met_by(o, site.timezone) for o in found):
        missed = booking.missed_word(wish)
    _ask_pick(turn, site, str(parse.slots["service"]),
              booking.scope_for(turn, str(parse.slots["service"])), found, head=danger,
              missed=missed)
    return True


def _same_work_booked(turn: Turn, service: str) -> Appointment | None:
    """The customer's first upcoming visit for this same service, if any."""
    from bot.dialogue import visits  # imports this module's neighbours

    for appointment in visits.upcoming(turn):
        job = turn.uow.jobs.get(appointment.job_id)
        if job is not None and job.service_id == service:
            return appointment
    return None


def _emergency(turn: Turn, danger: Danger, *, again: bool = False) -> None:
    taken = safety_followup.water_off_told(turn, danger)  # "burst, water everywhere, i shut the valve"
    turn.say(taken or (safety_replies.reminder(danger) if again else safety_replies.safety_step(danger)))
    customer = turn.customer
    words = clip(turn.text, 80)
    service = _service_for(turn, danger)
    if customer is None:
        handoff.hand_over(turn, reason=f'reported {safety_replies.WHAT_HAPPENED[danger]} '
                                       f'("{words}"), address not known yet', urgent=True)
        after = {"intent": intents.BOOK, "text": turn.text[:300],
                 "slots": {"service": service, "urgency": URGENT}}
        onboarding.ask_after_danger(turn, after, safety_replies.details_to_send_someone())
        return
    named, site = booking.site_in_request(turn)  # "no heat at my building at 5530 S Kimbark"
    if not named and len(customer.sites) == 1:
        site = customer.sites[0]  # never the one on file when another address is named
    booking_under_way = turn.data if (turn.conversation.is_active(turn.now)
                                      and turn.conversation.flow == booking.FLOW) else {}
    service, scope = _same_work(turn, booking_under_way, service)
    job_id = booking_under_way.get("job_id")
    waiting = _waiting_job_of_trade(turn, danger, service) if job_id is None else None
    if waiting is not None:  # "whens the earliest? basement is flooding" about the won sewer job
        service, scope, job_id = waiting.service_id, waiting.scope, waiting.id
    where = f" at {site.one_line()}" if site else ""
    coming = coming_today(turn)
    told = f"; {len(coming)} visit(s) booked today" if coming else ""
    if not again:
        handoff.hand_over(turn, reason=f'reported {safety_replies.WHAT_HAPPENED[danger]}{where} '
                                       f'("{words}"){told}', urgent=True)
    for appointment in coming:  # "isn't dave coming today anyway?": told before they ask
        said = status.of_visit(turn, appointment)
        if said is not None:
            turn.say(said)
    found = _soonest(turn, service, site, within=SOON) if site is not None else []
    if site is None or not found:
        turn.finish(safety_replies.calling_right_away(turn.business.name))
        return
    if named and len(customer.sites) > 1:
        turn.say(replies.booking_at(site.one_line()))  # which address the times are for
    _ask_pick(turn, site, service, f"Emergency: {scope}", found, head=danger,
              job_id=job_id if isinstance(job_id, int) else None)


def _waiting_job_of_trade(turn: Turn, danger: Danger, service: str) -> Job | None:
    """The job waiting for a visit (a won deal's) when this danger is of its trade: the soonest
    visit is for that job, never a second job beside it."""
    job = booking.waiting_job(turn)
    if job is None or job.service_id not in turn.catalog.ids() or service not in turn.catalog.ids():
        return None
    skill = turn.catalog.get(job.service_id).skill
    same = skill == turn.catalog.get(service).skill or skill in _GAS_TRADES.get(danger, ())
    return job if same else None


def _service_for(turn: Turn, danger: Danger) -> str:
    """The service the text names, when its trade handles this danger ("rotten eggs by the water
    heater": the water heater); else the danger's own ("CO detector going off": heating, never
    the electrician a detector's wiring would call for)."""
    named = turn.parse.slots.get("service")
    own = SERVICE_FOR[danger]
    if not isinstance(named, str) or named not in turn.catalog.ids():
        return own
    if danger in (Danger.GAS, Danger.SEWAGE, Danger.WATER) and (
            turn.catalog.get(named).skill != turn.catalog.get(own).skill
            and turn.catalog.get(named).skill not in _GAS_TRADES.get(danger, ())):
        return own
    return named


def coming_today(turn: Turn) -> list[Appointment]:
    """The customer's visits still to come or under way today, in their local day."""
    from bot.dialogue import visits  # imports this module's neighbours

    today = offers.local_date(turn.now, turn.timezone)
    return [a for a in visits.upcoming(turn)
            if offers.local_date(a.window_start, visits.timezone_of(turn, a)) == today]


def _same_work(turn: Turn, under_way: dict[str, Any], service: str) -> tuple[str, str]:
    """The service and scope of a booking under way when the danger is of its trade ("its
    flooding" while booking a leaking water heater), else the danger's own and this text."""
    pending = under_way.get("service")
    if not isinstance(pending, str) or pending not in turn.catalog.ids():
        return service, turn.text
    if turn.parse.slots.get("service") and service in turn.catalog.ids() and (
            turn.catalog.get(service).skill != turn.catalog.get(pending).skill):
        return service, turn.text
    return pending, str(under_way.get("scope") or turn.text)


def _in_spanish(turn: Turn, danger: Danger | None) -> None:
    """Answer in Spanish that a person will call; tell the dispatchers once per half hour."""
    # the name, address and need told stay for a text in English after ("book the earliest")
    onboarding.keep_given(turn, SERVICE_FOR[danger] if danger is not None
                          else _named_service(turn))
    if danger is not None:
        safety_followup.remember(turn, danger)
        handoff.hand_over(turn, reason=f"wrote in Spanish: {safety_replies.WHAT_HAPPENED[danger]} "
                                       "reported; needs a Spanish speaker", urgent=True)
        turn.finish(safety_replies.safety_step_es(danger), done=SPANISH_CALL)
        return
    if _NO_CALL_ES.search(turn.text):  # "ya no hace falta": no call asked for, none opened
        turn.finish(safety_replies.no_call_es(), keep_done=True)
        return
    if turn.last_done() != SPANISH_CALL:
        handoff.hand_over(turn, reason="wrote in Spanish and needs a call from a Spanish speaker")
    from bot.dialogue import spanish_asks  # topics' neighbours import this module

    said = " ".join(line for line in (spanish_asks.visit_line(turn), spanish_asks.price_line(turn))
                    if line)
    held = _pick_pending(turn)
    turn.finish(safety_replies.call_back_es(turn.business.name, said or None), done=SPANISH_CALL)
    spanish_asks.keep_work(turn)  # "calentador de agua" now: "cuanto cobran?" next is priced
    if held is not None:  # the times offered stay: "el 1 porfavor" or "1" next still picks
        flow, data, expires_at = held
        turn.conversation.start(flow, offers.PICK, {**data, **turn.kept()}, now=turn.now,
                                expires_at=expires_at or turn.now + CONVERSATION_TTL)


def _pick_pending(turn: Turn) -> tuple[str, dict[str, Any], datetime | None] | None:
    """The pick among times offered that the text came in while waiting for, if any."""
    pending = turn.conversation
    if not pending.is_active(turn.now) or pending.step != offers.PICK or pending.flow is None \
            or not pending.data.get("offers"):
        return None
    return pending.flow, dict(pending.data), pending.expires_at


def _named_service(turn: Turn) -> str | None:
    named = turn.parse.slots.get("service")
    return named if isinstance(named, str) and named in turn.catalog.ids() else None


# "ya no hace falta", "no es necesario", "no me llamen": no call is wanted (any more).
_NO_CALL_ES = re.compile(r"\bno (?:hace falta|es necesario|lo necesito|necesito (?:la|una) llamada|"
                         r"me llamen|llamen)\b", re.IGNORECASE)


def _soonest(turn: Turn, service: str, site: Site | None, *,
             within: timedelta | None) -> list[Offer]:
    if site is None or service not in turn.catalog.ids():
        return []
    found = offers.search(turn, service_id=service, zone_id=site.zone_id,
                          timezone=site.timezone, wish=None)
    return [o for o in found if within is None or o.start - turn.now <= within]


def _ask_pick(turn: Turn, site: Site, service: str, scope: str, found: list[Offer],
              head: Danger | None, missed: str | None = None, job_id: int | None = None) -> None:
    """Wait for a pick among the soonest offers; the booking flow books the one picked (for
    `job_id`, that job's visit)."""
    data: dict[str, Any] = {"when": None, "scope": scope[:booking.SCOPE_LIMIT], "service": service,
                            "site_id": site.id, "offers": offers.kept(found)}
    if job_id is not None:
        data["job_id"] = job_id
    choices = [f"{visit_label(o.window_start, o.window_end, site.timezone)} with "
               f"{o.technician_name.split()[0]}" for o in found]
    reply = (safety_replies.soonest(choices, missed=missed) if head is not None
             else safety_replies.soonest_first(choices))
    turn.ask(booking.FLOW, offers.PICK, data, reply)

