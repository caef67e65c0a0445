"""What the bot says when someone reports a danger or writes in Spanish: short, GSM-only texts.

Kept apart from replies.py so the safety steps read together; each is tested at its longest.
Spanish texts avoid accents outside the GSM alphabet (a, i, o, u with accents) so that they
stay one 160-character segment instead of a 70-character UCS-2 one.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.dialogue.gsm import clip
from bot.dialogue.reply import Reply
from bot.nlu.urgency import Danger

NAME = 30
EXAMPLE_DETAILS = "Maria Rivera, 12 Elm St, Chicago 60614"

# The first thing to do, by danger: get people safe, then stop the damage.
_SAFETY = {
    Danger.GAS: ("Please leave the house now. Don't switch anything on or off, and don't use a "
                 "lighter or your phone inside. From outside, call 911 or your gas utility."),
    Danger.FIRE: ("If there is fire or smoke, get everyone out and call 911 now. If it is safe, "
                  "shut off the breaker for that circuit (or the main) and stay clear of it."),
    Danger.WATER: ("Shut off the water main now if you can, and keep away from outlets and "
                   "anything electric near the water."),
    Danger.COLD: ("Keep everyone warm in one room with layers and blankets. Don't heat the house "
                  "with the oven or a grill. If anyone feels unwell from the cold, call 911."),
    Danger.HEAT: ("Move everyone to the coolest room, use fans and cool damp cloths, and keep them "
                  "drinking water. If anyone feels dizzy, confused or very weak, call 911."),
}
_SAFETY_ES = {
    Danger.GAS: ("Salga de la casa ahora. No encienda ni apague nada. Desde afuera, llame al 911 "
                 "o a la empresa de gas."),
    Danger.FIRE: ("Si hay fuego o humo, salgan todos y llame al 911. Si es seguro, apague el "
                  "breaker de ese circuito."),
    Danger.WATER: ("Cierre la llave de paso del agua si puede y no se acerque a enchufes ni "
                   "aparatos cerca del agua."),
    Danger.COLD: ("Mantenga a todos abrigados en un cuarto. No use el horno para calentar la "
                  "casa. Si alguien se siente mal, llame al 911."),
    Danger.HEAT: ("Pongan a todos en el cuarto mas fresco, con ventiladores y agua. Si alguien se "
                  "siente mareado o confundido, llame al 911."),
}
WHAT_HAPPENED = {
    Danger.GAS: "a gas smell or CO alarm",
    Danger.FIRE: "smoke, sparks or a burning smell",
    Danger.WATER: "flooding or a burst pipe",
    Danger.COLD: "no heat in the cold",
    Danger.HEAT: "no cooling in the heat with someone at risk",
}


def safety_step(danger: Danger) -> Reply:
    return Reply(f"{_SAFETY[danger]} We've alerted our team as urgent.")


def reminder(danger: Danger) -> Reply:
    """The safety step again, for a question about it after the danger was reported."""
    return Reply(f"{_SAFETY[danger]} Our team knows it is urgent.")


def still_open(choices: Sequence[str]) -> Reply:
    """The times offered before a safety question, still there to pick from."""
    return Reply.choice("These times are still open:", tuple(clip(text, 45) for text in choices[:3]),
                        "tell me another day")


def soonest(choices: Sequence[str], *, missed: str | None = None) -> Reply:
    """The one or few soonest visits after an emergency, as numbered choices; `missed`: the time
    asked for ("tonight") that none of them is in."""
    head = (f"Nobody is free {missed}, sorry. The soonest we can send someone:" if missed
            else "The soonest we can send someone:")
    return Reply.choice(head, tuple(clip(text, 45) for text in choices[:3]))


def soonest_first(choices: Sequence[str]) -> Reply:
    """A hurried request's offers, soonest first, saying so."""
    return Reply.choice("Here are our soonest times:", tuple(clip(text, 45) for text in choices[:3]),
                        "tell me another day")


def calling_right_away(business: str) -> Reply:
    return Reply(f"Someone from {clip(business, NAME)} will call you right away to get a "
                 "technician out to you.")


def details_to_send_someone() -> Reply:
    return Reply("To send someone, please reply with your name and the service address with ZIP, "
                 f"e.g. {EXAMPLE_DETAILS}")


def safety_step_es(danger: Danger) -> Reply:
    return Reply(f"{_SAFETY_ES[danger]} Ya avisamos a nuestro equipo; le vamos a llamar enseguida.")


def call_back_es(business: str) -> Reply:
    return Reply(f"Gracias por escribir a {clip(business, NAME)}. Una persona del equipo le va a "
                 "llamar pronto.")
