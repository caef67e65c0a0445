"""How pressing a text is: a danger to people or property (emergency), a hurry (urgent), or neither.

Read clause by clause on canonical text (lower case, contractions spelled out), so that a
negated or finished danger ("no gas smell anymore", "the sparks stopped") and a harmless use of
the same word ("gas furnace tune-up", "smoke detector needs a battery", "flood of emails")
do not count.
"""

from __future__ import annotations

import re
from enum import StrEnum

EMERGENCY = "emergency"
URGENT = "urgent"


class Danger(StrEnum):
    """What kind of danger a text reports; the conversation picks the safety step by it."""

    GAS = "gas"  # gas smell or leak, carbon monoxide alarm
    FIRE = "fire"  # smoke, sparks, a burning smell, flames
    WATER = "water"  # flooding, a burst pipe
    COLD = "cold"  # no heat in freezing weather or with vulnerable people
    HEAT = "heat"  # no cooling in the heat with a vulnerable person
    SEWAGE = "sewage"  # sewage backing up into the house


_W = r"(?:\w+\W+)"  # one word and what follows it
_ES_FEW = r"(?:\W+(?:mucho|muy|bien|bastante|fuerte|demasiado|un|poco|como|feo|raro)){0,3}"
_GAS = r"(?:gas|propane|natural gas|rotten eggs?|sulfur|sulphur)"
_SMELL = r"(?:smel\w*|odou?r\w*|whiff|stink\w*|reek\w*|stench|fumes)"
# An appliance named by its fuel: "gas water heater leaking" is water, not gas.
_GAS_APPLIANCE = (r"(?!\W+(?:water heater|heater|furnace|dryer|stove|oven|range|boiler|"
                  r"fireplace|grill|bill)\b)")
_DEVICE = (r"(?:outlet|panel|breaker|box|wire|wires|wiring|cord|plug|switch|socket|fixture|light|"
           r"fan|motor|unit|furnace|heater|dryer|appliance|compressor|ac|it|something|thing)")
# Words that only stress what follows ("water literally pouring in"): read past them.
_ADVERBS = (r"(?:(?:literally|just|really|still|actually|seriously|basically|totally|completely|"
            r"all|like|kinda|kind of|now) ){0,2}")
_ALARM_SOUNDS = r"(?:going off|went off|goes off|sounding|sounded|blaring|screaming|will not stop)"

DANGERS: tuple[tuple[Danger, re.Pattern[str]], ...] = (
    (Danger.GAS, re.compile(
        rf"\b{_SMELL}\W+{_W}{{0,4}}{_GAS}\b{_GAS_APPLIANCE}"
        rf"|\b{_GAS}{_GAS_APPLIANCE}\W+{_W}{{0,2}}{_SMELL}"
        rf"|\b(?:gas|propane)(?: line| pipe| meter)?\W+(?:is |are |was )?(?:le[ae]k\w*|hiss\w*)"
        rf"|\b(?:le[ae]k\w*|hiss\w*)\W+{_W}{{0,2}}(?:gas|propane)\b{_GAS_APPLIANCE}"
        r"|\brotten eggs?\b|\bcarbon monoxide\b|\bmonoxide\b"
        rf"|\bco (?:alarm|detector|monitor)s?\b"
        # Spanish: "huele mucho a gas", "hay olor fuerte a gas", "huelo gas", "se sale el gas"
        rf"|\b(?:huele|huelo|olemos|olor|olorcito|peste){_ES_FEW}\W+(?:a |como a |como )?gas\b"
        r"|\b(?:fuga|escape|salida) de gas\b|\bgas (?:se )?(?:esta )?(?:saliendo|escapando|sale)\b"
        r"|\bse (?:sale|escapa|esta saliendo|esta escapando) (?:el )?gas\b|\bhuevos? podridos?\b"
        r"|\bmonoxido\b|\balarma de (?:co|monoxido|gas)\b")),
    (Danger.FIRE, re.compile(
        r"\bsmoke\b(?! (?:detector|alarm|test)s?\b)"
        rf"|\b{_DEVICE}\W+(?:is |are |was |started |keeps |kept )?smok(?:ing|ed)\b"
        rf"|\b(?:smoke|fire) (?:detector|alarm)s? (?:is |are )?{_ALARM_SOUNDS}"
        r"|\bspark(?:s|ing|ed|y)?\b|\barcing\b"
        r"|\bburn(?:ing|t) (?:smell|odou?r|plastic|rubber)"
        rf"|\b{_SMELL}\W+{_W}{{0,3}}burn\w*|\bscorch(?:ed| marks?)\b"
        r"|\bmelt(?:ed|ing) (?:wire|wires|outlet|plug|cord|insulation)\b"
        r"|\b(?:on|caught|catching|a|electrical|electric) fire\b|\bflames?\b"
        r"|\bhumo\b|\bchispas?\b|\bchispe\w*|\bfuego\b|\bincendio\b|\bllamas\b"
        rf"|\b(?:huele|huelo|olor){_ES_FEW}\W+(?:a |como a )?(?:quemado|plastico quemado|cable quemado)"
        r"|\bse (?:esta )?quem(?:a|ando|o)\b")),
    (Danger.WATER, re.compile(
        r"\bflood\w*\b(?! (?:of|with|lights?|clean|insurance|zone|damage|every|when|whenever|if)\b)"
        r"|\b(?:burst|broke|broken|busted|ruptured|exploded|blew|split)\W+(?:\w+\W+){0,2}"
        r"(?:pipe|water main|water line|supply line)s?\b"
        r"|\b(?:pipe|water main|water line|supply line)s?\W+(?:has |just )?(?:burst|broke|busted|"
        r"ruptured|exploded|blew|split)\b"
        rf"|\bwater (?:is |was |keeps |has been )?{_ADVERBS}(?:everywhere|pouring|gushing|spraying|"
        r"rushing|streaming|cascading|coming (?:in|through))"
        # "water coming down through the ceiling", "water running out of the light fixture"
        rf"|\bwater (?:is |keeps )?{_ADVERBS}(?:coming|running|pouring|gushing|streaming|raining) "
        r"(?:down )?(?:through|thru|from|out of) (?:the |my |our )?(?:\w+ )?(?:ceiling|light|walls?)\b"
        # "the ceiling is dripping everywhere", "ceiling leaking bad": a ceiling letting water through
        rf"|\b(?:ceiling|ceilings|light fixture)\W+(?:is |are |keeps |started |has started )?{_ADVERBS}"
        r"(?:dripping|leaking|pouring|raining|gushing|streaming)\W+(?:\w+\W+)?(?:everywhere|all over|"
        r"bad|badly|like crazy|nonstop|non stop|so much|heavily|fast|like a faucet)\b"
        r"|\b(?:ceiling|ceilings)\W+(?:is |are )?(?:\w+ )?(?:caving|collaps\w*|coming down|falling)\b"
        # "water spreading into the kitchen", "water coming into the basement": it is spreading
        r"|\bwater (?:is |keeps |has been )?(?:spreading|rising|seeping|running|coming|leaking|"
        r"getting) (?:in ?to|across|through|over|under) (?:the |my |our )?(?:kitchen|basement|house|"
        r"ceiling|walls?|living room|bedroom|hallway|store|shop|restaurant|dining room|carpet|floor)"
        r"|\b(?:gushing|spraying|pouring) water\b"
        r"|\b(?:water heater|tank|hose)\W+(?:\w+\W+){0,2}(?:burst|ruptured|exploded|split)\b"
        r"|\binund\w*|\b(?:tuberia|tubo|caneria|pipa)s? (?:rota|roto|reventada|reventado)s?\b"
        r"|\bse (?:rompio|reviento|exploto) (?:\w+ )?(?:tubo|tuberia|caneria|pipa)\b"
        r"|\b(?:tubo|tuberia|caneria|pipa) (?:se )?(?:rompio|reviento|exploto)\b"
        r"|\bagua por todas partes\b|\bsale (?:mucha )?agua (?:por todos lados|a chorros)\b")),
    # Sewage coming into the house: "sewage water is backing up out of the floor drain".
    (Danger.SEWAGE, re.compile(
        r"\bsew(?:age|er)\b(?:\W+\w+){0,3}?\W+(?:is |are |keeps |started )?(?:back\w* up|"
        r"coming (?:up|out|in)|overflow\w*|spill\w*|pouring|gushing|flood\w*|spreading|everywhere|all over)"
        r"|\b(?:back\w* up|coming up|overflow\w*|pouring out)\W+(?:\w+\W+){0,4}?(?:raw )?sewage\b"
        r"|\b(?:raw )?sewage (?:in|on|all over|everywhere|across) (?:the |my |our )?"
        r"(?:basement|floor|bathroom|house|yard)\b|\baguas negras\b")),
)

_NO_HEAT = re.compile(
    r"\bsin calefaccion\b|\bcalefaccion (?:no |ya no )?(?:funciona|sirve|prende|enciende|calienta)\b"
    r"|\b(?:caldera|calefaccion) (?:no|se (?:apago|descompuso|murio))\b"
    r"|\bno (?:hay|tenemos|tengo) calefaccion\b"
    r"|\bno (?:heat|heating)\b|\bheat(?:ing)? (?:is |has |went )?(?:out|off|not working|gone|"
    r"stopped|quit|died)\b"
    r"|\b(?:furnace|boiler|heater|heating)\W+(?:\w+\W+){0,2}(?:not working|will not|stopped|quit|"
    r"died|dead|out|broke|broken|not (?:turning|coming|kicking) on)\b")
_FREEZING_OR_VULNERABLE = re.compile(
    r"\bfreez\w*|\bfrozen\b|\bbelow zero\b|\bsub ?zero\b|\bsingle digits\b"
    r"|\b(?:[0-4]?\d|50) ?(?:degrees|deg|°)"
    # "5 below tonight", "minus 10", "-3 out": a night below zero
    r"|\b\d{1,2} (?:degrees )?below\b|\bminus \d{1,2}\b|(?<![\w-])-\d{1,2}\b(?! ?(?:st|street|ave)\b)"
    # "52 inside", "its 40 in the house", "thermostat says 55": a cold house
    r"|\b(?:[3-5]\d|6[0-2])\b(?! ?(?:st|street|ave|avenue|rd|road|min\w*|years?|yrs?)\b)"
    r"(?: ?(?:degrees|deg|°))?\W+(?:\w+\W+)?(?:in here|inside|in the house|in the apartment|indoors)\b"
    r"|\bthermostat (?:says|reads|shows|is at|at)\W+(?:[3-5]\d|6[0-2])\b"
    r"|\b(?:baby|babies|infant|newborn|toddler|elderly|senior|grandm\w+|grandp\w+|grandparents?|"
    r"disabled|oxygen|pregnant|sick (?:kid|child|mom|dad|wife|husband))\b"
    r"|\bcongel\w*|\bhelando\b|\bbajo cero\b|\bmucho frio\b|\b(?:bebe|bebes|recien nacido|"
    r"anciano|anciana|abuel\w+|embarazada)\b")

_URGENT = re.compile(
    r"\basap\b|\ba\.?s\.?a\.?p\b|\bas soon as (?:possible|you can)\b|\bright (?:away|now)\b"
    r"|\bimmediately\b|\burgent\w*|\bemergency\b"
    r"|\bleak\w*|\bdripping\b|\bwater (?:on|under|in|all over) the (?:floor|ceiling|basement)\b"
    r"|\boverflow\w*|\bstanding water\b|\bfrozen pipes?\b|\bpipes? (?:are |is |have |has )?(?:frozen|froze)\b"
    r"|\bsew(?:er|age) (?:is )?back\w* up\b")
# "today" is a hurry only in the same clause as a request to come ("can you send someone today").
_TODAY = re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b")
_COME = re.compile(
    r"\b(?:need|needs|come|coming|send|someone|somebody|anyone|tech|technician|plumber|"
    r"electrician|help|fix|visit|available|possible|get here|out here|book)\b")
_NO_COOLING = re.compile(
    r"\b(?:no|not|stopped|broke|broken|dead|out|warm|hot) \w*\s?(?:ac|a/c|air|cooling|air conditioning)\b"
    r"|\b(?:ac|a/c|air conditioner|air conditioning|air|cooling)\W+(?:\w+\W+){0,2}(?:not|stopped|"
    r"broke|broken|dead|died|quit|out|blowing (?:warm|hot))")
_HEAT_WAVE = re.compile(
    r"\bthis heat\b|\bheat ?wave\b|\bso hot\b|\bsweltering\b|\bboiling\b|\bbaking\b|\bscorching\b"
    r"|\b(?:9\d|1[01]\d) ?(?:degrees|deg|°)")
# Someone the heat or cold endangers: "my mom is 84", "a newborn", "dad has a heart condition".
_VULNERABLE = re.compile(
    r"\b(?:baby|babies|infant|newborn|toddler|elderly|senior|grandm\w+|grandp\w+|grandparents?|"
    r"disabled|oxygen|pregnant|heart condition|sick (?:kid|child|mom|dad|wife|husband))\b"
    r"|\b(?:mom|mother|dad|father|she|he|wife|husband|grandma|grandpa|aunt|uncle) (?:is|who is) "
    r"(?:[7-9]\d|10\d)\b|\b(?:[7-9]\d|10\d) ?(?:years? old|yrs? old|yo|y/o)\b")
# A hot temperature said bare: "its 98 in here", "92 inside", "101 out".
_HOT_INSIDE = re.compile(r"\b(?:8[5-9]|9\d|1[01]\d)\b(?! ?(?:st|street|ave|avenue|rd|road)\b)"
                         r"(?: ?(?:degrees|deg|°))?\W+(?:\w+\W+)?"
                         r"(?:in here|inside|in the house|out|outside|today)")

# Words shortly before a danger that deny it ("no gas smell"), or after that end it ("is gone").
_NEGATION_BEFORE = re.compile(
    r"\b(?:no|not|never|without|nor|none|zero|no longer|cannot)\b(?:\W+\w+){0,2}\W*$")
_ENDED_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:anymore|any more|gone|went away|stopped|cleared|fixed|"
    r"no longer)\b")
# A question about what the business does, not a report: "do you fix gas leaks?"
_ASKS_ABOUT_SERVICE = re.compile(
    r"^\W*(?:do|does|can|could|will) (?:you|y'?all|your (?:company|team|guys))(?: guys)? "
    r"(?:fix|handle|repair|do|service|check|deal with|work on)\b")
# The next clause saying the danger is over: "..., but it is gone", "... and the smell stopped".
_GONE_NEXT = re.compile(
    r"^\W*(?:it|that|this|the (?:smell|smoke|sparks?|sparking|water|leak|alarm)|(?:smell|smoke)"
    r")\W+(?:\w+\W+){0,2}?(?:gone|stopped|went away|cleared|over|fixed)"
    r"(?:\W+(?:now|already|anymore|completely|too))?\W*$")
_CLAUSES = re.compile(r"[.!?;,\n]+|\b(?:but|and|so|then|although|though|however|now)\b")
# A pipe told across clauses ("the pipe froze and burst").
_BURST_PIPE = re.compile(r"\bpipes?\b(?P<between>.{0,40})\b(?:burst|bursted|exploded|ruptured)\b")
# Words that make a burst pipe a fear or a denial, not a report ("pipes could burst", "the
# pipes haven't burst").
_NOT_YET = re.compile(r"\b(?:could|might|may|will|would|gonna|going to|before|if|afraid|worried|"
                      r"scared|don'?t want|not|never|haven'?t|hasn'?t|havent|hasnt|didn'?t|didnt|no)\b")
# A danger supposed, not told: "if a pipe bursts on a sunday", "what if the pipes burst", "in
# case it floods" (a question about the service, answered as one).
_SUPPOSED = re.compile(r"\b(?:if|in case|suppose|supposing)\b")


def _clause_before(text: str, at: int) -> str:
    """The words of `text` before `at`, back to the start of their clause."""
    return _CLAUSES.split(text[:at])[-1]


# A danger told as past ("flooded last year") is history, not an emergency.
_PAST = re.compile(
    r"\blast (?:year|month|week|winter|summer|fall|spring|time)\b|\bago\b|\bpreviously\b"
    r"|\bin the past\b|\bused to\b")
# Water through a roof or chimney is a roofer's trade, not our plumbing flood (nor a leak of ours).
_ROOF = re.compile(r"\b(?:roofs?|roofing|chimneys?|skylights?|gutters?|shingles?|flashing)\b")
_BATTERY = re.compile(r"\bbatter(?:y|ies)\b|\bchirp\w*|\blow battery\b")


def danger_in(text: str) -> Danger | None:
    """The danger a canonical text reports, if any (first in the order gas, fire, water, cold)."""
    clauses = [c for c in _CLAUSES.split(text) if c.strip()]
    for danger, pattern in DANGERS:
        if danger is Danger.WATER and _ROOF.search(text):
            continue
        if any(_reported(pattern, clause) and not _ended_next(clauses, i)
               for i, clause in enumerate(clauses)):
            return danger
    burst = _BURST_PIPE.search(text)
    if burst and not _NOT_YET.search(burst.group("between")) and not _PAST.search(text) \
            and not _ROOF.search(text) and not _SUPPOSED.search(_clause_before(text, burst.start())):
        return Danger.WATER
    if _NO_HEAT.search(text) and _FREEZING_OR_VULNERABLE.search(text):
        return Danger.COLD
    if _NO_COOLING.search(text) and _VULNERABLE.search(text) and (
            _HEAT_WAVE.search(text) or _HOT_INSIDE.search(text)):
        return Danger.HEAT
    return None


def urgency_of(text: str) -> str | None:
    """`"emergency"`, `"urgent"` or None for a canonical text, as the contract's `urgency` slot."""
    if danger_in(text) is not None:
        return EMERGENCY
    clauses = [c for c in _CLAUSES.split(text) if c.strip()]
    if any(_reported(_URGENT, clause) for clause in clauses) and not _ROOF.search(text):
        return URGENT
    if any(_TODAY.search(clause) and _COME.search(clause) for clause in clauses):
        return URGENT
    if _NO_COOLING.search(text) and _HEAT_WAVE.search(text):
        return URGENT
    return None


def _ended_next(clauses: list[str], index: int) -> bool:
    """True when the clause after a danger says it is over ("smelled gas, but it is gone now")."""
    return index + 1 < len(clauses) and _GONE_NEXT.search(clauses[index + 1]) is not None


def _reported(pattern: re.Pattern[str], clause: str) -> bool:
    """True when the clause states the pattern as happening: not denied, ended, asked about or
    supposed ("if a pipe bursts on a sunday")."""
    if _ASKS_ABOUT_SERVICE.search(clause) or _BATTERY.search(clause) or _PAST.search(clause):
        return False
    for found in pattern.finditer(clause):
        if _NEGATION_BEFORE.search(clause[: found.start()]) or _SUPPOSED.search(
                clause[: found.start()]):
            continue
        if _ENDED_AFTER.search(clause[found.end():]):
            continue
        return True
    return False
