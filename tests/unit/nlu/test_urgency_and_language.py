"""The `urgency` and `language` slots ride along every intent and role, and do not misfire."""

from __future__ import annotations

import pytest

from bot.nlu.urgency import Danger, danger_in

EMERGENCIES = [
    ("EMERGENCY. water spreading into the kitchen. can someone call me", Danger.WATER),
    ("water is coming into the basement through the wall", Danger.WATER),
    ("water keeps getting under the carpet in the hallway", Danger.WATER),
    ("i smell gas near the furnace, what should i do", Danger.GAS),
    ("smell gas, can someone come?", Danger.GAS),
    ("wait now i smell gas", Danger.GAS),
    ("smells like rotten eggs in the basement", Danger.GAS),
    ("I think the gas line is leaking by the meter", Danger.GAS),
    ("CO alarm going off", Danger.GAS),
    ("carbon monoxide detector beeping nonstop", Danger.GAS),
    ("outlet is sparking", Danger.FIRE),
    ("there's smoke coming from the panel", Danger.FIRE),
    ("burning smell from the furnace", Danger.FIRE),
    ("the breaker box is smoking!!", Danger.FIRE),
    ("smoke detector is going off and i don't know why", Danger.FIRE),
    ("basement is flooding!!", Danger.WATER),
    ("pipe burst in the kitchen", Danger.WATER),
    ("water everywhere under the sink", Danger.WATER),
    ("nothing today?? its flooding", Danger.WATER),
    ("no heat and it's freezing in here", Danger.COLD),
    ("furnace wont turn on, its freezing. tonight possible?", Danger.COLD),
    ("no heat, we have a newborn", Danger.COLD),
    ("there is no heat and i smell gas", Danger.GAS),
    ("huele a gas en la cocina", Danger.GAS),
    ("sale humo del enchufe", Danger.FIRE),
    ("hola, huele mucho a gas en mi cocina, que hago?", Danger.GAS),
    ("hay un olor muy fuerte a gas", Danger.GAS),
    ("huelo gas en la casa", Danger.GAS),
    ("creo que hay una fuga de gas", Danger.GAS),
    ("el enchufe esta echando chispas", Danger.FIRE),
    ("huele a quemado en el sotano", Danger.FIRE),
    ("se rompio la tuberia y hay agua por todas partes", Danger.WATER),
    ("no tenemos calefaccion y tengo un bebe", Danger.COLD),
    ("i smel gas", Danger.GAS),
    ("gas leek in kitchen", Danger.GAS),
    ("electrical fire in the garage", Danger.FIRE),
    ("pipe froze and burst", Danger.WATER),
    ("my water heater burst", Danger.WATER),
    ("furnace out, 10 degrees outside", Danger.COLD),
    ("no heat since this morning, thermostat says 52. supposed to hit 5 below tonight", Danger.COLD),
    ("heat went out, its 48 inside", Danger.COLD),
    ("furnace died overnight, its 40 in the house", Danger.COLD),
    ("boiler quit and it's going to be minus 8 tonight", Danger.COLD),
    ("house is freezing, the furnace will not turn on", Danger.COLD),
    ("furnace is out, we will freeze and the pipes could burst", Danger.COLD),
    ("the outlet sparked and now it stopped working", Danger.FIRE),
    ("i smell gas, it stopped raining though", Danger.GAS),
    ("sewage water is backing up out of the basement floor drain", Danger.SEWAGE),
    ("raw sewage all over the basement floor", Danger.SEWAGE),
    ("the toilet is overflowing with sewage", Danger.SEWAGE),
]

NOT_EMERGENCIES = [
    "hot water takes a while to get into the kitchen sink",
    "no gas smell anymore",
    "the gas smell is gone now, thanks",
    "I don't smell gas anymore",
    "gas furnace tune-up please",
    "need a tune up on my gas furnace next week",
    "the smoke detector needs a battery",
    "smoke detector keeps chirping",
    "carbon monoxide detector needs new batteries",
    "flood of emails from you guys",
    "sparkling water",
    "do you guys fix gas leaks?",
    "the gas water heater is leaking",
    "furnace not working",
    "not flooding, just a slow drip under the sink",
    "no huele a gas",
    "ya no huele a gas, gracias",
    "no sale agua caliente del calentador, pueden venir a revisarlo?",
    "la factura del gas es muy alta",
    "no tenemos calefaccion, pueden venir la proxima semana?",
    "basement flooded last year, want a sump pump checked",
    "i had a gas leak last month, need a tune up",
    "need a new gas line for the stove",
    "our basement floods every time it rains, sump pump seems dead. can u come next week",
    "we smelled gas earlier but it's gone now, still want the furnace checked",
    "the outlet sparked once and then it stopped, can someone look at it",
    "how much is a sewer line camera inspection",
    "sewage smell in the basement and the floor drain is gurgling",
    "the sewer backed up last year, want the line checked",
    "no, the pipes haven't burst, it's the furnace",
    "worried the pipes might burst if it gets colder",
    "furnace tune-up, its 45 minutes from downtown",
]


@pytest.mark.parametrize(("text", "danger"), EMERGENCIES)
def test_a_reported_danger_is_an_emergency_of_its_kind(understand, text, danger) -> None:
    assert understand(text).slots.get("urgency") == "emergency"
    from bot.nlu.text import normalize

    assert danger_in(normalize(text)) is danger


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_a_denied_ended_or_harmless_mention_is_no_emergency(understand, text) -> None:
    assert understand(text).slots.get("urgency") != "emergency"


@pytest.mark.parametrize("text", [
    "need someone asap", "can you come today", "leaky faucet in bathroom",
    "water heater leaking", "no AC in this heat", "leak under the kitchen sink, could you come in 3 days",
    "hot water heater making popping sounds, any chance of a visit today",
])
def test_a_hurry_or_a_leak_is_urgent(understand, text) -> None:
    assert understand(text).slots.get("urgency") == "urgent"


@pytest.mark.parametrize("text", [
    "ac not cooling", "no heat", "book a heating tune up for friday between 9 and 11",
    "what's the weather like today", "I would like to make an appointment",
])
def test_an_ordinary_request_carries_no_urgency(understand, text) -> None:
    assert "urgency" not in understand(text).slots


def test_urgency_rides_along_the_intent_instead_of_replacing_it(understand) -> None:
    parse = understand("smell gas, can someone come?")
    assert (parse.intent, parse.slots["urgency"]) == ("book", "emergency")
    assert understand("please cancel my appointment, the basement is flooding").intent == "cancel"


@pytest.mark.parametrize("role", ["technician", "sales"])
def test_every_role_gets_the_urgency_slot(understand, role) -> None:
    assert understand("there's smoke coming out of the panel", role=role).slots["urgency"] == \
        "emergency"


@pytest.mark.parametrize("text", ["that's a smoking deal", "we are flooded with leads"])
def test_a_reps_slang_is_no_emergency(understand, text) -> None:
    assert "urgency" not in understand(text, role="sales").slots


@pytest.mark.parametrize("text", [
    "perdon, mi direccion es 1500 W Addison St", "necesito un plomero mañana",
    "huele a gas en la cocina", "¿pueden venir hoy?", "Hola, no tengo agua caliente desde ayer",
    "ya estamos afuera", "hablan español?", "cuanto cuesta la visita?",
])
def test_a_spanish_text_is_labelled_es(understand, text) -> None:
    assert understand(text).slots.get("language") == "es"


@pytest.mark.parametrize("text", [
    "hola", "gracias", "no, call me", "my address is 12 Del Mar Ave, Los Angeles 90001",
    "Jose Garcia, 44 W Division St, Chicago 60610", "can you come tomorrow", "ok see ya",
])
def test_english_or_a_lone_spanish_word_has_no_language(understand, text) -> None:
    assert "language" not in understand(text).slots


@pytest.mark.parametrize("text", [
    "do you guys do roofs? water is coming in around the chimney",
    "rain is leaking through the skylight",
    "water pouring in from the roof",
    "the gutters overflow and water is coming in by the flashing",
])
def test_water_through_a_roof_or_chimney_is_no_flood_of_ours(text: str) -> None:
    from bot.nlu.urgency import urgency_of

    assert danger_in(text) is None
    assert urgency_of(text) is None


@pytest.mark.parametrize("text", ["my basement is flooding", "a pipe burst, water everywhere"])
def test_a_flood_with_no_roof_named_is_still_one(text: str) -> None:
    assert danger_in(text) is Danger.WATER
