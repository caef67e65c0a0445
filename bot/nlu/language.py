"""Which language a text is in, when it is clearly not English: the contract's `language` slot.

Only Spanish is recognised for now. A text counts as Spanish when its Spanish words outnumber
its English ones and there are at least two of them, so a Spanish place name in an English text
("12 Del Mar Ave, Los Angeles") or a lone "gracias" leaves the slot absent.
"""

from __future__ import annotations

import re

SPANISH = "es"
MIN_WORDS = 2

# Common Spanish words that are not also English words; accents are already dropped.
_SPANISH_WORDS = frozenset("""
    el la los las de del al en y o un una unos unas que por para con sin pero porque como cuando donde
    es esta estan estoy somos son soy ser hay tengo tiene tienen tenemos necesito necesita
    necesitamos quiero quiere puede pueden puedo podria favor gracias hola buenos buenas dias
    tardes noches senor senora mi mis su sus tu nuestra nuestro casa agua caliente fria
    calefaccion calentador aire acondicionado fuga olor huele humo chispas inundacion tuberia
    plomero plomeria tecnico electricista cita manana hoy ayer ahora pronto luego semana
    lunes martes miercoles jueves viernes sabado domingo direccion calle avenida perdon
    disculpe ayuda urgente emergencia llamar llame llamen alguien nadie nada muy mas tambien
    funciona trabaja roto rota arreglar reparar venir vengan hablar espanol ingles si no se
    le lo me yo usted ustedes ella ellos estamos hablo ya afuera adentro salimos vienen viene cuanto
    cuesta hablan voy camino llego llegue llegando termine terminamos acabe cambie valvula tarde
    minutos retrasado trafico
""".split())
# Short function words that English shares or that are too weak alone; they count only as support.
_AMBIGUOUS = frozenset({"no", "me", "si", "se", "a", "de", "en", "y", "o", "le", "lo", "son",
                        "tu", "mi", "es", "hay", "la", "el", "con", "sin", "como", "mas", "ya"})
_ENGLISH_WORDS = frozenset("""
    the a an and or but to of in on at for with from by is are was were be been am i you he she
    we they it my your our their me us him her them this that these those what when where who
    why how can could would should will do does did have has had not no yes please thanks hi
    hello need want come fix tomorrow today appointment there here just get got
""".split())
_WORD = re.compile(r"[a-z]+")
_MARKS = re.compile(r"[¿¡ñ]")


def language_of(text: str) -> str | None:
    """ "es" when a normalized text is clearly Spanish; None for English or when unsure."""
    tokens = _WORD.findall(text.lower())
    spanish = [t for t in tokens if t in _SPANISH_WORDS]
    english = [t for t in tokens if t in _ENGLISH_WORDS and t not in _SPANISH_WORDS]
    strong = [t for t in spanish if t not in _AMBIGUOUS] + _MARKS.findall(text)
    if not strong or len(spanish) + len(_MARKS.findall(text)) < MIN_WORDS:
        return None
    return SPANISH if len(spanish) > len(english) else None
