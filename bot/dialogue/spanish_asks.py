"""What a text in Spanish asks that the answer can still say: the price of the visit.

A Spanish text is handed to a person who speaks it; "cuanto cobran por la visita?" gets the
standard price in that same reply when the work is known (named in Spanish in this text or an
earlier one, kept as the topic talked about), else only the hand-off.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue import topics
from bot.dialogue.times import local, window_label
from bot.nlu.text import normalize
from domain.money import format_cents

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

# The work named in Spanish (accents already dropped by `normalize`), by the catalog's ids.
_WORK: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:calentador(?:es)? de agua|boiler|agua caliente|calentador)\b"), "water_heater"),
    (re.compile(r"\b(?:desague|drenaje|coladera|tapad[oa])\b"), "drain_cleaning"),
    (re.compile(r"\b(?:calefaccion|calentont?|horno|furnace|aire acondicionado|clima)\b"),
     "hvac_repair"),
    (re.compile(r"\b(?:fuga|goteo|tuberia|plomeria|llave|lavabo|inodoro|excusado)\b"),
     "plumbing_repair"),
    (re.compile(r"\b(?:electric\w*|enchufes?|contactos?|breaker|apagador\w*)\b"), "electrical"),
)
_PRICE = re.compile(r"\b(?:cuanto|precio|precios|cobran|cobra|cuesta|tarifa|costo)\b")


def work_named(turn: Turn) -> str | None:
    """The catalog service the Spanish text names, if any."""
    text = normalize(turn.text)
    return next((sid for pattern, sid in _WORK if pattern.search(text)
                 and sid in turn.catalog.ids()), None)


def keep_work(turn: Turn) -> None:
    """Keep the work named as the topic talked about (after the reply), for a later text."""
    service = work_named(turn)
    if service is not None:
        topics.remember_service(turn, service)


# "cuando viene el tecnico?", "a que hora llega?", "cuando es mi cita?": when a visit is.
_WHEN = re.compile(r"\b(?:cuando|a que hora|que dia|que hora)\b")
_DAYS_ES = ("lun", "mar", "mie", "jue", "vie", "sab", "dom")
_MONTHS_ES = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")


def visit_line(turn: Turn) -> str | None:
    """ "Su visita (Water heater service) es el lun 21 de dic, 1-3pm con Carla." when a known
    customer asks when their visit is: the one for the work named, else their next one; None
    otherwise (the person calling says it)."""
    from bot.dialogue import visits  # imports topics, a neighbour of this module

    if turn.customer is None or not _WHEN.search(normalize(turn.text)):
        return None
    booked = visits.upcoming(turn)
    service = work_named(turn)
    if service is not None:
        booked = [a for a in booked if (job := turn.uow.jobs.get(a.job_id)) is not None
                  and job.service_id == service]
    if not booked or (len(booked) > 1 and service is not None):
        return None
    visit = booked[0]  # the visit for the work named, else the next one
    next_one = "proxima " if len(booked) > 1 else ""
    job = turn.uow.jobs.get(visit.job_id)
    site = next((s for s in turn.customer.sites if job is not None and s.id == job.site_id), None)
    timezone = site.timezone if site is not None else turn.timezone
    day = local(visit.window_start, timezone)
    who = turn.uow.staff.get(visit.technician_id) if visit.technician_id else None
    name = f" ({turn.catalog.get(job.service_id).name})" if job is not None else ""
    return (f"Su {next_one}visita{name} es el {_DAYS_ES[day.weekday()]} {day.day} de "
            f"{_MONTHS_ES[day.month - 1]}, {window_label(visit.window_start, visit.window_end, timezone)}"
            + (f" con {who.first_name}." if who is not None else "."))


def price_line(turn: Turn) -> str | None:
    """ "La visita (Water heater service) cuesta $99.00, nuestro precio estandar." when the
    text asks a price and the work is known; None otherwise."""
    service_id = work_named(turn) or topics.asked_service(turn) or _work_booked(turn)
    if not _PRICE.search(normalize(turn.text)) or service_id is None:
        return None
    service = turn.catalog.get(service_id)
    if not service.price_cents:
        return None
    return (f"La visita ({service.name}) cuesta {format_cents(service.price_cents)}, nuestro "
            "precio estandar.")


def _work_booked(turn: Turn) -> str | None:
    """The work being booked (times offered for it), else of the customer's one visit booked
    ("cuanto cuesta?" right after booking it)."""
    from bot.dialogue import visits  # imports topics, a neighbour of this module

    pending = turn.conversation
    service = pending.data.get("service") if pending.is_active(turn.now) else None
    if isinstance(service, str) and service in turn.catalog.ids():
        return service
    if turn.customer is None:
        return None
    booked = visits.upcoming(turn)
    job = turn.uow.jobs.get(booked[0].job_id) if len(booked) == 1 else None
    return job.service_id if job is not None else None
