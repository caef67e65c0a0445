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
    Danger.SEWAGE: ("Stop using water now: don't flush, run taps, shower or do laundry until it's "
                    "fixed, and keep everyone and pets away from the sewage."),
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
    Danger.SEWAGE: ("No use el agua: no descargue el inodoro ni abra las llaves, y mantenga a todos "
                    "lejos de las aguas negras."),
}
WHAT_HAPPENED = {
    Danger.GAS: "a gas smell or CO alarm",
    Danger.FIRE: "smoke, sparks or a burning smell",
    Danger.WATER: "flooding or a burst pipe",
    Danger.COLD: "no heat in the cold",
    Danger.HEAT: "no cooling in the heat with someone at risk",
    Danger.SEWAGE: "sewage backing up",
}
# "Should I turn it off?": what to do about a switch, by danger (None: the safety step says it).
_SWITCH_OFF = {
    Danger.GAS: ("No, don't switch anything on or off while you smell gas: a switch can spark. "
                 "Leave the house and call 911 or your gas utility from outside."),
    Danger.FIRE: ("Yes, turn it off at its switch or the breaker if you can reach it safely, then "
                  "stay clear. If there is smoke or fire, get everyone out and call 911."),
    Danger.WATER: ("Yes, shut off the water main first. Switch off power to anything wet only if "
                   "you can do it without standing in water."),
    Danger.SEWAGE: ("Yes, stop using water and drains until it's fixed: don't flush, run taps, "
                    "shower or do laundry, and keep everyone away from the sewage."),
}
# "Where is the shutoff?": where it usually is, by danger.
_WHERE = {
    Danger.GAS: ("Don't look for it inside. Leave the house and call 911 or your gas utility from "
                 "outside; they will shut the gas off."),
    Danger.FIRE: ("The breaker panel is usually in the basement, garage or a utility closet. Flip "
                  "the breaker for that room (or the main) to OFF if it is safe to reach."),
    Danger.WATER: ("The water main shutoff is usually where the water line comes into the house: "
                   "in the basement or crawl space on the street side, by the water meter. Turn the "
                   "valve clockwise, or the lever across the pipe."),
}
_WHERE[Danger.SEWAGE] = _WHERE[Danger.WATER]
THAW = ("Yes: keep the faucet open so water can run, and warm the pipe slowly from the faucet "
        "end (a hair dryer is fine). Never use an open flame or torch, and don't leave a space "
        "heater alone by it.")


def safety_step(danger: Danger) -> Reply:
    return Reply(f"{_SAFETY[danger]} We've alerted our team as urgent.")


def water_off_first(danger: Danger) -> Reply:
    """A flood reported with the water already shut off: what to keep doing, and the team told."""
    return Reply(f"{_KEPT_OFF.get(danger, 'Good, keep it off until it is checked.')} Keep away from "
                 "outlets and anything electric near the water. We've alerted our team as urgent.")


def reminder(danger: Danger) -> Reply:
    """The safety step again, for a question about it after the danger was reported."""
    return Reply(f"{_SAFETY[danger]} Our team knows it is urgent.")


def switch_off(danger: Danger) -> Reply:
    """ "Should I shut it off?" after a danger was reported."""
    return Reply(f"{_SWITCH_OFF.get(danger, _SAFETY[danger])} Our team knows it is urgent.")


def where_shutoff(danger: Danger) -> Reply:
    """ "Where is the shutoff?" after a danger was reported."""
    return Reply(f"{_WHERE.get(danger, _SAFETY[danger])} Our team knows it is urgent.")


# Once everyone is out, or the breaker or main is off: what to keep doing until help comes.
_OUT_SAFELY = {
    Danger.GAS: ("Good, you did the right thing. Stay outside and don't go back in until the gas "
                 "utility or the fire department says it's safe."),
    Danger.FIRE: ("Good, you did the right thing. Stay out until the fire department says it's "
                  "safe to go back in."),
}
_KEPT_OFF = {
    Danger.FIRE: "Good, keep that breaker off and stay clear of it until it's checked.",
    Danger.WATER: "Good, keep the main off; open a faucet low in the house to drain the pipes.",
    Danger.SEWAGE: "Good, keep the water off and don't use drains until it's fixed.",
}


# "Is it safe to stay tonight?": whether to stay, by danger.
_STAY = {
    Danger.GAS: ("No. Don't stay inside while you smell gas or the CO alarm sounds. Stay out until "
                 "the gas utility or the fire department says it's safe."),  # once out, see _OUT_SAFELY
    Danger.FIRE: ("Only if there is no smoke, heat or burning smell now and the breaker for it is "
                  "off. If any of that comes back, get everyone out and call 911."),
    Danger.WATER: ("Yes, if the main is off and the water hasn't reached outlets, cords or the "
                   "electric panel. If it has, keep clear of them and stay elsewhere tonight."),
    Danger.COLD: ("Stay if you can keep one room warm. With a baby, an older person or anyone "
                  "unwell, a warm place for the night is safer; call 911 if anyone feels ill."),
    Danger.HEAT: ("Stay in the coolest room with fans and water. If anyone gets dizzy, confused or "
                  "very weak, call 911 or go somewhere cool."),
    Danger.SEWAGE: ("Yes, if you keep out of the area with sewage, open windows there, and don't use "
                    "water or drains until it's fixed. Keep children and pets away from it."),
}


def safe_to_stay(danger: Danger) -> Reply:
    """ "Is it safe to stay tonight?" after a danger was reported."""
    return Reply(f"{_STAY[danger]} Our team knows it is urgent.")


def out_safely(danger: Danger) -> Reply:
    """ "We're all out in the car", "Nicor is on the way": the step was taken; no second 'leave'."""
    return Reply(f"{_OUT_SAFELY.get(danger, 'Good, stay out until it is safe to go back in.')} "
                 "Our team knows it is urgent.")


def kept_off(danger: Danger) -> Reply:
    """ "I flipped the breaker off", "main is off": the step was taken."""
    return Reply(f"{_KEPT_OFF.get(danger, 'Good, keep it off until it is checked.')} Our team "
                 "knows it is urgent.")


def space_heater() -> Reply:
    """ "Is a space heater ok?" with the heat out."""
    return Reply("Yes, an electric space heater is OK: plug it straight into the wall, keep it 3 "
                 "feet from anything that can burn, and don't leave it on while you sleep or are "
                 "away. Never use the oven, a grill or a fuel heater indoors. Our team knows it is "
                 "urgent.")


def soonest_after_address(named: bool, *, open_now: bool) -> Reply:
    """A newcomer with a danger asks when someone can come before the address is known."""
    wanted = "the service address with ZIP" if named else "your name and the service address with ZIP"
    when = ("I'll find the soonest time, today if anyone is free," if open_now else
            "We're closed now, but I'll find the soonest time")
    return Reply(f"{when} as soon as I have {wanted}, e.g. {EXAMPLE_DETAILS}")


def off_until_checked() -> Reply:
    """ "Is that dangerous? should I turn it off?" about something acting up, no danger told."""
    return Reply("To be safe, turn it off at its switch or thermostat until it's checked. If you "
                 "smell gas or see smoke, leave the house and call 911 or your gas utility from "
                 "outside.")


def thaw() -> Reply:
    """ "Can we use a hair dryer on the pipe?": how to thaw a frozen pipe safely."""
    return Reply(THAW)


def pilot_light() -> Reply:
    """ "Should I try relighting the pilot?" with the heat out."""
    return Reply("Only if you smell no gas: relight the pilot following the steps on the label "
                 "inside the furnace door. If you smell gas, don't; leave and call 911 or the gas "
                 "utility. If it won't stay lit, leave it off for our tech. Our team knows it is "
                 "urgent.")


def keep_pipes_from_freezing() -> Reply:
    """ "Should I leave the faucets dripping?" with the heat out: keeping pipes from freezing."""
    return Reply("Yes: let the faucets on outside walls drip, and open the cabinet doors under "
                 "the sinks so warm air reaches the pipes. Never use an open flame on a pipe. Our "
                 "team knows it is urgent.")


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


def appliance_in_water() -> Reply:
    """ "Is it ok to leave the furnace running?" with water near it."""
    return Reply("If water is near the furnace or water heater, turn it off at its switch or "
                 "breaker, but only if you can reach it without standing in water; otherwise stay "
                 "clear of it. Our team knows it is urgent.")


def dust_burning_off() -> Reply:
    """ "Probably just dust burning off?" after a burning smell from a furnace."""
    return Reply("A dusty burning smell is common the first few times a furnace runs for the "
                 "season and should fade within an hour or so. If it smells like burning plastic "
                 "or wires, gets stronger, or you see smoke, shut the furnace off and call 911.")


def called_again(business: str, *, waiting: bool, when: bool = False) -> Reply:
    """The urgent call is overdue ("nobody called yet"), or asked about ("anyone on call?", `when`:
    "how long till they call?"): the team is told again."""
    head = ("I'm sorry nobody has called yet. I've told our team again that it's urgent"
            if waiting else "Our team knows it's urgent" if when
            else "Yes, our team knows it's urgent")
    return Reply(f"{head}; someone from {clip(business, NAME)} will call you right away to get "
                 "a technician out to you.")


def settled() -> Reply:
    """ "Actually it's fine now": no longer an emergency; a visit only if they want one."""
    return Reply("Glad it's under control. I've let our team know it's no longer an emergency. If "
                 "you'd still like someone to take a look, just tell me when suits you.")


def false_alarm() -> Reply:
    """ "False alarm, it was the low battery": the team is told, nobody rushes out."""
    return Reply("Glad it was a false alarm. I've let our team know, so nobody will rush out. If "
                 "it happens again, text us right away.")


def cleared(danger: Danger) -> Reply:
    """ "The fire department says the CO is cleared": back in, with what to leave off."""
    what = {Danger.GAS: "keep the furnace and gas appliances off until they're checked",
            Danger.FIRE: "keep that circuit off until it's checked"}.get(
        danger, "keep it off until it's checked")
    return Reply(f"Good. If the fire department or the utility said it's safe, you can go back "
                 f"in; {what}.")


def calling_right_away(business: str) -> Reply:
    return Reply(f"Someone from {clip(business, NAME)} will call you right away to get a "
                 "technician out to you.")


def details_to_send_someone() -> Reply:
    return Reply("To send someone, please reply with your name and the service address with ZIP, "
                 f"e.g. {EXAMPLE_DETAILS}")


def safety_step_es(danger: Danger) -> Reply:
    return Reply(f"{_SAFETY_ES[danger]} Ya avisamos a nuestro equipo; le vamos a llamar enseguida.")


def no_call_es() -> Reply:
    """A Spanish speaker says no call is needed (any more): nobody else is asked to call."""
    return Reply("De acuerdo, no hace falta que le llamemos. Si necesita algo más, escríbanos.")


def call_back_es(business: str, price: str | None = None) -> Reply:
    """The Spanish hand-off; `price`: the visit's price asked, said first."""
    said = f"{price} " if price else ""
    return Reply(f"Gracias por escribir a {clip(business, NAME)}. {said}Una persona del equipo le "
                 "va a llamar pronto.")


def leak_step(*, heater: bool = False) -> Reply:
    """A leak that is no flood but is spreading: what stops the water until the visit."""
    valve = ("the cold-water valve on top of the water heater" if heater
             else "the shut-off valve for that fixture")
    return Reply(f"For now, close {valve} (or the water main if it won't stop) and keep "
                 "towels or a bucket under the leak.")


def fridge_without_power() -> Reply:
    """A fridge on the circuit left off: what keeps the food until the visit."""
    return Reply("For the fridge: keep its door shut (food stays cold about 4 hours), or plug it "
                 "into a working outlet on another circuit with a heavy-duty extension cord.")
