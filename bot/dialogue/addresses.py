"""Reading a newcomer's name and service address from loose texts, with the `usaddress` parser.

The address starts at a house number and ends at the ZIP (or at the street, unit and town when no
ZIP is given); `usaddress` labels its parts. The name is the clause just before the address
("its Linda Park at ...") or just after it ("... 60618 - linda park"), and must look like a
person's name: a sentence such as "perdon, mi direccion es" or "yes please" is never a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import takewhile

import usaddress

from domain.places import is_town

_ZIP = re.compile(r"(?<![\w-])(\d{5})(?:-\d{4})?(?![\w-])")
_HOUSE_NUMBER = re.compile(r"(?<![\w-])\d{1,6}[A-Za-z]?(?:-\d{1,4})?(?=\s+[A-Za-z])")
_CLAUSE_END = re.compile(r"[?!;\n]|(?<!\b[DMS]r)(?<!\bMrs)(?<!\bMs)\.(?=\s|$)|\s-+\s")
_CLAUSES = re.compile(r"[,;:!?\n]+|(?<!\b[DMS]r)(?<!\bMrs)(?<!\bMs)\.(?=\s|$)|\s-+\s|^\s*-+\s*")
# What people put before a name ("hi", "ok so", "this is", "my name is", "soy") and between a
# name and its address ("at", "my address is").
_LEAD_IN = re.compile(
    r"^(?:(?:hi|hello|hey|hiya|hola|yes|yeah|yep|sure|ok|okay|so|well|um|uh|oh|and|sorry|"
    r"perdon|perdón)\b[\s,.!]*)*"
    r"(?:(?:my\s+name\s+is|my\s+name's|(?:my\s+)?(?:nam|nme|naem|anme)\s+is|my\s+names|name\s+is|name|"
    r"the\s+name\s+is|call\s+me|this\s+is|i\s*'?\s*a?m|"
    r"it\s*'?\s*s|it\s+is|me\s+llamo|soy|mi\s+nombre\s+es)\b\s*)?", re.IGNORECASE)
# Words that introduce a name anywhere in a clause ("yo its marcus lee"): the name follows the last.
_INTRODUCER = re.compile(
    r"\b(?:my\s+name\s+is|my\s+name's|(?:my\s+)?(?:nam|nme|naem|anme)\s+is|my\s+names|name\s+is|name's|"
    r"this\s+is|call\s+me|i\s*'?\s*a?m|it\s*'?\s*s|it\s+is|"
    r"(?:booked\s+)?under(?:\s+the\s+name)?(?:\s+of)?|"
    r"me\s+llamo|soy|mi\s+nombre\s+es)\s+", re.IGNORECASE)
_LEAD_OUT = re.compile(
    r"(?:\b(?:at|@|in|from|and|address|addr|adress|is|my|the|service|live[sd]?|i|located|"
    r"living)\b[\s:,]*)+$", re.IGNORECASE)
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "jr", "sr"})
# Words that are never part of a name: a text made of them is a sentence, not a person.
_NOT_NAME = frozenset("""
a an the is are am was be been my your our his her their me i you we they it its this that these
those at in on of for to from with and or but so if not no yes yeah yep nope please pls thanks
thank ok okay sure hi hello hey sorry address adress addr street zip zipcode code name can could
would will should need needs want wants come coming send book booking schedule tomorrow today
tonight morning afternoon evening asap help here there what when where who how why do does did
have has had live lives living located again just also still want wanna gonna tech technician
appointment visit service repair quote unit apt apartment house home
we're were i'm im you're they're he's she's it's that's there's we've i've we'll i'll now moved
old new place rental daughter son mom dad mother father tenant
mi es soy la el los las de del y por favor perdon perdón direccion dirección hola si sí gracias
calle me llamo nombre se que con para en un una mas más
ya yup yea yah yeh nah naw nevermind nvm whatever anyone anybody someone somebody anything nothing
hurry urgent emergency asap plz cool perfect great awesome fine good nice right wrong correct done
true exactly alright kk ty thx np lol omg wow huh hmm idk dunno really seriously anyway anyways
hablan habla hablas hablo ingles inglés español espanol bueno claro vale ayuda urgente
maybe later perhaps probably definitely sounds think thinking check wife husband partner landlord
like cmon c'mon about around basically literally only almost nearly close near far away
smells smell smelly stinks stinky stink awful terrible horrible worse worst leaking leaks leaky
dripping drips clogged backing backed flooding flooded freezing burning sparking humming buzzing
broken busted wet frozen noisy loud gross nasty
first second third fourth last other one ones both location locations spot spots
""".split())
# What a number counts ("14 years old", "50 gallon", "3 hours"): never a house number's street.
_MEASURES = frozenset("""
year years yr yrs month months week weeks day days hour hours hr hrs minute minutes min mins
gallon gallons gal gals foot feet ft inch inches degree degrees deg dollar dollars bucks percent
time times people kids persons floor floors story stories amp amps volt volts btu ton tons lb lbs
pound pounds gas electric
block blocks mile miles mi km kilometers kilometres meters away
""".split())
# Measure words that also name streets ("Gas Light Ln").
_STREET_WORDS = frozenset({"gas", "electric", "time"})
# Words that place someone near an address ("3 blocks from 60613"), never a town.
_NEARBY = frozenset("from away near by around close of to".split())
_STREET_TYPES = frozenset(usaddress.STREET_NAMES)
_DIRECTIONS = frozenset({"n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east",
                         "west"})
_STREET_LABELS = frozenset({
    "AddressNumberPrefix", "AddressNumber", "AddressNumberSuffix", "StreetNamePreModifier",
    "StreetNamePreDirectional", "StreetNamePreType", "StreetName", "StreetNamePostType",
    "StreetNamePostDirectional", "StreetNamePostModifier", "OccupancyType", "OccupancyIdentifier",
    "SubaddressType", "SubaddressIdentifier", "BuildingName"})
_TOWN_LABELS = frozenset({"PlaceName", "StateName", "ZipCode", "CountryName"})
_STATES = frozenset({"il", "ill", "illinois"} | {s.lower() for s in """
AL AK AZ AR CA CO CT DE DC FL GA HI ID IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY
NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY""".split()})
# Words that never name a street, though the tagger may label them so.
_SENTENCE_WORDS = frozenset("not no is was and or but its it's it the than instead".split())
_UNIT = re.compile(r"^(?:apt|apartment|unit|suite|ste|fl|floor|#)\.?$", re.IGNORECASE)
# "418 south euclid in oak park": the town after "in", up to a comma, a ZIP, a state or the end.
_IN_TOWN = re.compile(r"(?<=[A-Za-z.])\s+in\s+(?P<town>[A-Za-z][A-Za-z'.-]*(?:\s+[A-Za-z][A-Za-z'.-]*){0,2})"
                      r"(?=\s*(?:,|\d{5}\b|$)|\s+(?:il|ill|illinois)\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Address:
    """A street address as read; the town or ZIP may still be missing."""

    street: str
    city: str = ""
    postal_code: str = ""

    def one_line(self) -> str:
        return ", ".join(part for part in (self.street, f"{self.city} {self.postal_code}".strip())
                         if part)


@dataclass(frozen=True)
class SignUpText:
    """What one text says towards a sign-up: a name, an address and anything else (a request)."""

    name: str | None = None
    address: Address | None = None
    rest: str = ""
    refused_name: bool = False  # words stood where a name goes but were a sentence, not a name


@dataclass(frozen=True)
class NewCustomerDetails:
    """A name and a complete service address."""

    name: str
    street: str
    city: str
    postal_code: str

    @property
    def first_name(self) -> str:
        words = self.name.split()
        return next((w for w in words if w.lower().strip(".") not in _TITLES), words[0])

    def one_line(self) -> str:
        return f"{self.street}, {self.city} {self.postal_code}".replace(",  ", ", ").strip()


def read_details(text: str) -> NewCustomerDetails | None:
    """The name and address in `text`, or None when any of name, street, town or ZIP is missing."""
    read = read_signup(text)
    address = read.address
    if read.name is None or address is None or not address.city or not address.postal_code:
        return None
    return NewCustomerDetails(read.name, address.street, address.city, address.postal_code)


def addresses_in(text: str, *, most: int = 4) -> list[Address]:
    """Every address a text gives, in order ("first one is 2901 N Clark St 60657 and the second
    is 1512 W Belmont Ave, chicago 60613")."""
    found: list[Address] = []
    rest = text
    while len(found) < most:
        read = read_signup(rest)
        if read.address is None:
            break
        found.append(read.address)
        if not read.rest or read.rest == rest:
            break
        rest = read.rest
    return found


def read_signup(text: str) -> SignUpText:
    """The name, the address and the rest of one sign-up text; each part may be missing."""
    flat = " ".join(text.split()) if "\n" not in text else ", ".join(
        " ".join(line.split()) for line in text.splitlines() if line.strip())
    found = _find_address(flat)
    if found is None:
        name, refused = _name_in(flat, alone=True)
        return SignUpText(name=name, refused_name=refused, rest="" if name else flat)
    start, end, address = found
    before, after = _LEAD_OUT.sub("", flat[:start].rstrip(" ,;:-")).rstrip(" ,;:-"), flat[end:]
    if not address.postal_code:  # "60614 - 1820 N Halsted St", "..., zip 60614": told apart
        codes = [z.group(1) for z in _ZIP.finditer(before)] + [z.group(1) for z in
                                                               _ZIP.finditer(after)]
        if len(codes) == 1:
            address = Address(address.street, address.city, codes[0])
            before = _ZIP.sub("", before).strip(" ,;:-")
            after = re.sub(r"\b(?:zip(?: ?code)?|postal code)?\W*" + codes[0], "", after,
                           flags=re.IGNORECASE)
    request, last = _split_last_clause(before)
    name, refused = _name_in(last) if last else (None, False)
    first = _written_name(request) if name is not None and request else None
    if first is not None and request.strip(" .") == first and _written_name(last) is not None:
        # "Wei Zhang, Lucky Dumpling, 3714 N Clark St": the person first, then the business
        name, request = first, ""
    if name is None and request:  # "Greg Novak. the rental is ...": the name a clause earlier
        written = _written_name(request)
        if written is not None:
            name, refused = written, False
            request = ""
    rest = after.strip(" ,;:")
    if name is None and rest:
        first, remainder = _split_first_clause(rest)
        name_after, refused_after = _name_in(first)
        if name_after is not None:
            name, rest, refused = name_after, remainder, False
        elif not last:
            refused = refused or refused_after and len(first.split()) <= 3 and not remainder
    return SignUpText(name=name, address=address, refused_name=refused and name is None,
                      rest=" ".join(part for part in (request, rest) if part).strip(" ,;:-"))


# What introduces a name beyond doubt, even in a text that asks for something ("hi this is Lena
# Park, need a plumber"); "i'm" or "it's" never do there ("i'm freezing", "it's leaking").
_NAMED = re.compile(r"\b(?:my\s+name\s+is|my\s+name's|name\s+is|name's|this\s+is|me\s+llamo|"
                    r"mi\s+nombre\s+es|soy)\s+(?P<name>[^,;:!?.\n]+)", re.IGNORECASE)


# "..., first thing tomorrow? Im Greg Novak": a full name written capitalised after "I'm",
# ending its clause ("i'm freezing" never does).
_IM_FULL_NAME = re.compile(r"(?:^|[,.;!?]\s*|\s)(?:I'?m|Im|I am|i'?m|im|i am)\s+"
                           r"(?P<name>[A-Z][a-z'’-]+\s+[A-Z][a-zA-Z'’-]+)\s*(?:[,.;!?]|$)")


def introduced_name(text: str) -> str | None:
    """A name a request introduces ("this is Lena Park, need a plumber", "... Im Greg Novak"),
    written as one (each word capitalised) unless "my name is" says so; None when there is none."""
    full = _IM_FULL_NAME.search(text)
    if full is not None and looks_like_name(full.group("name")):
        return full.group("name")
    for found in _NAMED.finditer(text):
        words = found.group("name").split()
        for n in range(min(len(words), 4), 0, -1):  # "Lena Park need a plumber": the name first
            candidate = " ".join(words[:n])
            explicit = "name" in found.group(0).lower()
            if looks_like_name(candidate) and (explicit and n > 1 or all(
                    w[:1].isupper() for w in words[:n])):
                candidate = _said_in_full(candidate, text[found.end("name"):])
                return candidate.title() if candidate == candidate.lower() else candidate
    return None


def _said_in_full(name: str, after: str) -> str:
    """ "my name is Marcy, Marcy Delgado": the name said again in full just after it."""
    again = re.match(r"\s*[,.;:-]+\s*(" + re.escape(name) + r"(?:\s+[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]*){1,2})",
                     after, re.IGNORECASE)
    if again is None:
        return name
    words = again.group(1).split()
    while len(words) > 1 and not looks_like_name(" ".join(words)):
        words.pop()  # "Marcy, Marcy Delgado here": the name without what follows
    return " ".join(words)


# A name said to be wrong: "fix my name", "change the name to", "you have my name wrong",
# "my name is X not Y", "its X not Y" after the name is named.
_NAME_WRONG = re.compile(
    r"\b(?:fix|change|update|correct|edit|spell)\w*\s+(?:my|the|our|his|her)\s+(?:\w+\s+)?name\b"
    r"|\bname\b[^.?!]{0,20}\b(?:wrong|misspelled|incorrect|not right|typo)\b"
    r"|\bwrong name\b|\bnot my name\b", re.IGNORECASE)
_NAME_GIVEN = re.compile(r"\b(?:its|it'?s|it is|to|should be|is)\b|[:,]", re.IGNORECASE)
_NAME_ENDS = frozenset({"not", "instead", "and", "but", "with", "thanks", "thx", "pls", "please"})
# What stands between a correction and the right name ("to", "its", "should be").
_NAME_LEAD = re.compile(
    r"^(?:[\s,.:;!-]|\b(?:to|is|its|it'?s|it is|should be|please|pls|plz|thanks|thx|"
    r"the right one is|spelled|as|my name|name)\b)*", re.IGNORECASE)


def says_name_wrong(text: str) -> bool:
    """Whether a text says the name on file is wrong ("the name on my account is wrong")."""
    return _NAME_WRONG.search(" ".join(text.split())) is not None


def corrected_name(text: str) -> str | None:
    """The right name a text puts in place of the one on file ("pls fix my name, its Marcy
    Delgado not Smells Awful", "my name is Marcy Delgado not Smells"); None when the text corrects
    no name."""
    flat = " ".join(text.split())
    wrong = _NAME_WRONG.search(flat)
    introduced = introduced_name(flat)
    if wrong is None:  # "my name is X not Y": the name, then the one it replaces
        if introduced is None or not re.search(re.escape(introduced) + r"\W*,?\s+not\s+\w",
                                               flat, re.IGNORECASE):
            return None
        return introduced
    if introduced is not None:
        return introduced
    for part in (flat[wrong.end():], flat[:wrong.start()]):
        part = re.sub(r"^\W*not\s+[^,.;]+?(?:,|\.|;|\s(?=it'?s\b|its\b|it is\b))", "", part,
                      flags=re.IGNORECASE)  # "not Smells, it's Marcy"
        starts = [0] + [m.end() for m in _NAME_GIVEN.finditer(part)]
        for start in starts:  # "fix the name on my account, its Joan Whitaker"
            words = _NAME_LEAD.sub("", part[start:]).split()
            words = list(takewhile(lambda w: w.lower().strip(",.!") not in _NAME_ENDS, words))
            for n in range(min(len(words), 4), 0, -1):
                candidate = " ".join(w.strip(",.!?;") for w in words[:n])
                if looks_like_name(candidate) and (n > 1 or candidate[:1].isupper()):
                    return candidate.title() if candidate == candidate.lower() else candidate
    return None


# Where in the building the service address is: "2nd floor", "apt 3B", "rear unit".
_ACCESS = re.compile(r"\b(?:\d{1,2}(?:st|nd|rd|th) (?:floor|fl)|(?:floor|fl) \d{1,2}|(?:apt|apartment|"
                     r"unit|suite|ste)\.? ?#? ?\d{1,5}[a-z]?|(?:rear|front|back|basement|garden|"
                     r"upstairs|downstairs) (?:unit|apartment|apt|door|entrance)|coach house)\b",
                     re.IGNORECASE)


def access_in(text: str) -> str | None:
    """Where in the building a text places the address ("2nd floor"), None when it says nothing."""
    found = _ACCESS.search(text)
    return found.group(0) if found else None


def read_postal_code(text: str) -> str | None:
    """The ZIP of a text that is only a ZIP ("60618", "zip is 60618", "it's 60618")."""
    codes = _ZIP.findall(text)
    letters = re.sub(r"\b(?:zip|code|zipcode|postal|is|it'?s|the|my|ok|okay|sorry|its|thanks|thank you|"
                     r"thx|ty|please|pls|oops|my bad)\b", "",
                     _ZIP.sub("", text), flags=re.IGNORECASE)
    return codes[0] if len(codes) == 1 and not re.search(r"[A-Za-z0-9]", letters) else None


# Words that join a ZIP to the news beside it: "60618 and the fire dept is here".
_JOINED = re.compile(r"\s+(?:and|but|so|also|btw|plus)\s+", re.IGNORECASE)


def postal_code_alone(text: str) -> str | None:
    """The ZIP one clause of a text is alone ("60640. found the valve, water stopped"); None when
    no clause is only a ZIP, or when two are."""
    codes = {code for clause in _CLAUSES.split(text) if clause.strip()
             for part in _JOINED.split(clause)
             if (code := read_postal_code(part)) is not None}
    return codes.pop() if len(codes) == 1 else None


# Words around ZIPs given unsure ("60657 i think? or 13"): a hedge, never an address or a request.
_HEDGES = frozenset("""i think thinking maybe or either not sure idk dunno prob probably possibly
could be it its it's is my zip code the lol haha um uh hmm sorry pretty something like i'm im
sure certain guess believe yeah yes""".split())


def zip_guesses(text: str) -> list[str]:
    """The ZIPs a text that gives only ZIPs offers, in its order: "60613" alone, or unsure
    ("60657 i think? or 13", where "13" ends the ZIP before it), the town or neighbourhood said
    after them too ("60657 i think? its chicago", "60657, lakeview"); [] for any other text."""
    clauses = [clause for clause in _CLAUSES.split(text) if clause.strip()]
    if len(clauses) > 1 and all(_place_words(clause) for clause in clauses[1:]):
        return _zips_only(" ".join(clauses[:1]))
    return _zips_only(text)


def _place_words(clause: str) -> bool:
    """A short clause naming a town or a neighbourhood, never a name ("its chicago", "lakeview")."""
    words = clause.split()
    if not 1 <= len(words) <= 3 or not all(re.fullmatch(r"[A-Za-z][A-Za-z'.-]*", w) for w in words):
        return False
    if town_given(clause) is not None:
        return True
    return all(w.lower() not in _HEDGES for w in words) and _name_in(clause, alone=True)[0] is None


def _zips_only(text: str) -> list[str]:
    guesses: list[str] = []
    for token in re.findall(r"[A-Za-z']+|\d+", text):
        if token.isdigit() and len(token) == 5:
            guesses.append(token)
        elif token.isdigit() and guesses and 1 <= len(token) <= 3:
            guesses.append(guesses[-1][:5 - len(token)] + token)  # "60657 or 13": 60613
        elif token.lower() not in _HEDGES:
            return []
    return list(dict.fromkeys(guesses))


# What may stand before a town given alone ("its in oak park", "that's in evanston").
_TOWN_LEAD = re.compile(r"^(?:(?:oh|ok|okay|sorry|um|uh|so|yeah|yes)\b[\s,.!]*)*(?:(?:it'?s|its|it is|"
                        r"that'?s|thats|i'?m|im|we'?re|were|the (?:town|city) is|town is|city is)\s+)?"
                        r"(?P<in>in\s+)?", re.IGNORECASE)


def town_given(text: str) -> tuple[str, bool] | None:
    """The town a text gives alone ("its in oak park", "evanston"), and whether "in" said it
    is a town (a bare word may be a name too); None for any other text."""
    lead = _TOWN_LEAD.match(text.strip())
    rest = text.strip()[lead.end():] if lead else text.strip()
    rest = re.sub(r"[\s,.!?]*(?:il|ill|illinois)?[\s.!?]*$", "", rest, flags=re.IGNORECASE)
    words = rest.split()
    if not 1 <= len(words) <= 3 or not all(re.fullmatch(r"[A-Za-z][A-Za-z'.-]*", w) for w in words):
        return None
    if not is_town(rest):
        return None
    return _tidy(rest), bool(lead and lead.group("in"))


def looks_like_name(text: str) -> bool:
    """One to four words of letters (initials and titles allowed), none a word of a sentence."""
    words = text.split()
    if not 1 <= len(words) <= 4 or len(text) > 60:
        return False
    for word in words:
        bare = word.strip(".").lower()
        if not re.fullmatch(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]*\.?", word) or bare in _NOT_NAME:
            return False
    return any(w.strip(".").lower() not in _TITLES for w in words)


def _name_in(clause: str, *, alone: bool = False) -> tuple[str | None, bool]:
    """The name a clause gives, and whether something stood there that is not a name; `alone`:
    the text has no address, so one bare lower-case word ("nvm", "bye") needs "this is" to be a
    name."""
    _, last = _split_last_clause(clause.strip(" ,;:-"))
    introduced = list(_INTRODUCER.finditer(last))
    if introduced:
        last = last[introduced[-1].end():]
    bare = _LEAD_IN.sub("", last).strip(" ,;:-.!")
    bare = _LEAD_OUT.sub("", bare).strip(" ,;:-")
    # "Sam Lee here", "its Dana btw"
    bare = re.sub(r"\s+(?:here|speaking|btw|lol|thanks|thx)$", "", bare, flags=re.IGNORECASE)
    if not bare:
        return None, False
    # One word alone is a name when written as one ("Pat"); "nvm", "bye" or "cool" are not.
    if not looks_like_name(bare) or (alone and not introduced and len(bare.split()) == 1
                                     and not bare[:1].isupper()):
        return None, True
    return (bare.title() if bare == bare.lower() or bare == bare.upper() else bare), False


def _written_name(text: str) -> str | None:
    """The first clause of `text` when it is a name written as one ("Greg Novak"): each word
    capitalised, so that a sentence such as "furnace broken" is never taken for a person."""
    first, _ = _split_first_clause(text)
    name, _ = _name_in(first)
    if name is None or name != first.strip(" .") or not all(w[:1].isupper() for w in first.split()):
        return None
    return name


def _split_last_clause(text: str) -> tuple[str, str]:
    parts = [p.strip() for p in _CLAUSES.split(text)]
    parts = [p for p in parts if p]
    if not parts:
        return "", ""
    return ", ".join(parts[:-1]), parts[-1]


def _split_first_clause(text: str) -> tuple[str, str]:
    parts = [p.strip() for p in _CLAUSES.split(text)]
    parts = [p for p in parts if p]
    if not parts:
        return "", ""
    return parts[0], ", ".join(parts[1:])


def _find_address(text: str) -> tuple[int, int, Address] | None:
    """Where the address is in `text` (start, end) and what it says, trying each house number."""
    for number in _HOUSE_NUMBER.finditer(text):
        start = number.start()
        postal = next((z for z in _ZIP.finditer(text, number.end())), None)
        if postal is not None and len(text[start:postal.start()].split()) <= 12:
            address = _labelled(_town_after_in(text[start:postal.end()]), postal.group(1))
            if address is not None:
                return start, postal.end(), address
        clause = _CLAUSE_END.search(text, number.end())
        segment = _town_after_in(text[start:clause.start() if clause else len(text)])
        ends = _street_end(segment)
        if ends is None:
            continue
        street_end, town_end = ends
        address = _labelled(segment[:street_end], "")
        if address is not None:
            words = segment[street_end:town_end].replace(",", " ").split()
            if words and words[-1].lower().strip(".") in _STATES:
                words = words[:-1]
            town = _tidy(" ".join(words))
            return start, start + town_end, Address(address.street, town or address.city)
    return None


def _town_after_in(segment: str) -> str:
    """The address with "in" before its town written as a comma, so the parser places the town
    ("418 south euclid in oak park" is 418 South Euclid, Oak Park); lengths are kept."""
    def comma(found: re.Match[str]) -> str:
        if any(word.lower().strip(".") in _NOT_NAME for word in found.group("town").split()):
            return found.group(0)  # "in unit 2", "in the back": no town
        head = found.group(0)[:found.start("town") - found.start()]
        return "," + " " * (len(head) - 1) + found.group("town")
    return _IN_TOWN.sub(comma, segment)


def _street_end(segment: str) -> tuple[int, int] | None:
    """Where a ZIP-less address's street (its type, direction, unit) ends, and where a short town
    after it ends: the street's type word tells, since `usaddress` needs a ZIP to place a town."""
    tokens = list(re.finditer(r"[^\s,]+", segment))
    words = [t.group().lower().strip(".") for t in tokens]
    first = 2 if len(words) > 2 and words[1] in _DIRECTIONS else 1
    kind = next((i for i in range(first + 1, min(len(words), first + 5))
                 if words[i] in _STREET_TYPES), None)
    if kind is None:  # "4410 N Broadway"; never "14 years old", "50 gallon gas", "60614 sorry"
        if len(words) > 4 or len(words) < 2 or any(w in _NOT_NAME or w in _MEASURES
                                                   for w in words[1:]):
            return None
        return len(segment), len(segment)
    if kind + 1 < len(words) and words[kind + 1] in _STREET_TYPES and (
            kind + 2 >= len(words) or words[kind + 2] not in _STREET_TYPES):
        kind += 1  # "Oak Park Ave": the type is the last of two type words
    i = kind + 1
    if i < len(words) and words[i] in _DIRECTIONS:
        i += 1
    if i + 1 < len(words) and _UNIT.match(words[i]):
        i += 2
    town = i
    while town < len(words) and town - i < 3 and words[town] not in _NOT_NAME and \
            re.fullmatch(r"[a-z][a-z'-]*", words[town]) and not (
                town > i and town == len(words) - 1 and words[town] in _STATES):
        town += 1
        if segment[tokens[town - 1].end():].lstrip().startswith(","):
            break  # "..., oak park, sink clogged": the town ends at its comma
    end = town + 1 if town < len(words) and words[town] in _STATES else town
    ended = end > i and segment[tokens[end - 1].end():].lstrip().startswith(",") and is_town(
        " ".join(words[i:town]))  # "..., oak park, sink clogged"; never "..., sink, tomorrow"
    if end < len(words) and not ended:  # words after the town: a request, not a town
        town = end = i
    return tokens[i - 1].end(), tokens[end - 1].end()


def _labelled(segment: str, postal_code: str) -> Address | None:
    """The parts `usaddress` labels in one address segment, or None when it is not an address."""
    try:  # "unit 2 (60618)": brackets around the ZIP are no part of the unit
        tagged = [(token, label) for token, label in usaddress.parse(segment.replace("(", " ")
                                                                     .replace(")", " "))
                  if not (postal_code and token.strip(",.") == postal_code)]
    except Exception:  # noqa: BLE001 - the tagger's own errors: not an address  # pragma: no cover
        return None
    street: list[str] = []
    town: list[str] = []
    for token, label in tagged:
        if label in _STREET_LABELS and not town:
            street.append(token)
        elif label == "PlaceName":
            town.append(token)
        elif label not in _TOWN_LABELS:
            return None
    if town and _INTRODUCER.search(" ".join(town) + " "):
        return None  # "..., name's Jen Walsh, zip 60614": a name between street and ZIP, no town
    labels = [label for _, label in tagged]
    if any(label == "StreetName" and token.lower().strip(",.") in _SENTENCE_WORDS
           for token, label in tagged):  # "its 1480 not 1408": two numbers, no street
        return None
    named_by = [token.lower().strip(",.") for token, label in tagged
                if label in ("StreetName", "StreetNamePreType", "StreetNamePostType")]
    if any(word in _MEASURES - _STREET_WORDS for word in named_by) or any(
            word.lower().strip(",.") in _NEARBY for word in town):
        return None  # "3 blocks from 60613", "10 min away": a distance, not a street
    if labels.count("AddressNumber") > 1 or any(
            token.isdigit() and label in ("StreetName", "StreetNamePostType") for token, label in
            tagged):  # "2 furnaces, Pat Lee 12 Elm St": a count and a name, not one street
        return None
    # "4410 N Broadway": a street named by a word that is also a street type has no StreetName.
    named = "StreetName" in labels or any(
        label in ("StreetNamePreType", "StreetNamePostType") and len(token.strip(",.")) >= 5
        for token, label in tagged)  # a whole word ("Broadway"), never an "Ave" alone
    if "AddressNumber" not in labels or not named or len(street) < 2:
        return None
    return Address(street=_unit_apart(_tidy(" ".join(street))), city=_tidy(" ".join(town)),
                   postal_code=postal_code)


# A unit written straight after the street ("2231 W Roscoe St unit 2").
_UNIT_AFTER_STREET = re.compile(r"(?<=[^,])\s+(apt|apartment|unit|suite|ste)\b\.?\s*#?\s*(\w+)$",
                                re.IGNORECASE)


def _unit_apart(street: str) -> str:
    """ "2231 W Roscoe St unit 2" -> "2231 W Roscoe St, Unit 2": the unit set apart as on a letter."""
    return _UNIT_AFTER_STREET.sub(lambda m: f", {m.group(1).capitalize()} {m.group(2)}", street)


def _tidy(text: str) -> str:
    text = " ".join(text.replace(" ,", ",").split()).strip(" ,;")
    if text != text.lower() and text != text.upper():
        return text
    # "26th st" is "26th St", not "26Th St": only words starting with a letter are capitalised
    return " ".join(w.capitalize() if w[:1].isalpha() else w.lower() for w in text.split(" "))
