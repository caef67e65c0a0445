"""Numbers with a meaning: minutes of delay or ETA, and the option picked from an offer."""

from __future__ import annotations

import re

from bot.nlu.numbers import alternatives, up_to
from bot.nlu.taken_back import without_small_number_taken_back

_NUMBER_WORDS = {
    **up_to(10),
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty five": 45,
    "forty-five": 45,
    "fortyfive": 45,
    "sixty": 60,
    "ninety": 90,
    "twenty five": 25,
    "twenty-five": 25,
    "a couple": 2,
    "couple": 2,
    "a couple of": 2,
}
_N = r"(\d{1,3}|" + alternatives(_NUMBER_WORDS) + ")"
_HOUR_AND_HALF = re.compile(r"\b(?:(?:an|1|one) )?(?:hour|hr) and (?:a )?half\b|\b1\.5 ?(?:hours?|hrs?)\b")
_HALF_HOUR = re.compile(r"\bhalf (?:an )?(?:hour|hr)\b|\bhalf hour\b")
_QUARTER_HOUR = re.compile(r"\b(?:a )?quarter (?:of an |an )?(?:hour|hr)\b")
# "hour late", "hour out": the single hour said without "an" in shorthand.
_HOURS = re.compile(rf"\b(?:an|a|{_N}) ?(?:hours?|hrs?|h)\b|(?:^|, ?)(?:hour|hr) (?:late|out|away|behind)\b")
# "1 hr 15", "an hour 20 min", "2 hours and 10": hours, then the minutes past them.
_HOURS_AND_MINUTES = re.compile(
    r"\b(an|a|1|one|2|two) ?(?:hours?|hrs?|h),? (?:and )?([1-5]\d|[1-9])(?: ?(?:min|mins|minutes|m))?\b"
    r"(?! ?(?:am|pm)\b)(?![:./]\d)"
)
_MINUTES = re.compile(
    rf"\b{_N} ?(?:-|to) ?\d{{1,3}} ?(?:min|mins|m|minutos)\b"
    rf"|\b{_N} ?(?:more |extra )?(?:min|mins|minutes|m|minutos)\b"
)
_BARE_DELAY = re.compile(
    r"\b(?:eta|in|by|late|behind|about|around|like|another|out|delayed|en|maybe|prob|probably|roughly|approx|"
    r"approximately|says|say|saying|shows|showing|give or take|add|tack on|plus|back) ?~?(\d{1,3})\b"
    r"(?![:./]\d)(?! ?(?:am|pm))"
)
# "be there in like twenty", "eta twenty": the tens said as words after the same openers.
_BARE_DELAY_WORDS = re.compile(
    r"\b(?:eta|in|late|behind|about|around|like|delayed|maybe|prob|probably|roughly|says|shows|"
    r"give or take|add|tack on|plus) (?:like |about |around )?"
    r"(five|ten|fifteen|twenty five|twenty|thirty|forty five|forty|sixty|ninety)\b(?! (?:am|pm|o clock)\b)"
)
# "omw 20", "otw, 15", "on my way 10", "headed over, 15": a bare number right after the words for
# on the way is the ETA, unless a street follows it ("omw 42 elm st") or it is a clock time
# ("omw 9:30", "omw 10am").
_ON_THE_WAY_BARE = re.compile(
    r"\b(?:omw|otw|on my way|on the way|en route|head(?:ed|ing) (?:over|out|your way|that way)|leaving now)"
    r"\W{0,2}(\d{1,3})\b(?![:./]\d)(?! ?(?:am|pm)\b)"
    r"(?! \w+ (?:st|street|ave|avenue|rd|road|dr|drive|ln|lane|ct|court|blvd|way|pl)\b)"
    # "omw to fischers 20": a short number closing the text, after a name rather than "to"/"at"
    r"|\b(?:omw|otw|on my way)\b.*"
    r"\b(?!(?:to|at|on|unit|apt|suite|no|job|ticket|order|wo|number|stop|room|floor|lot|house)\b)"
    r"[a-z]{2,}'?s?\W{0,2}(\d{1,2})\W*$"
)
# "25 out", "twenty out", "20ish", "like 15ish": a number said as a rough ETA or delay, unless it
# follows "at" or is below five (clock times: "at 3ish", "around 2ish").
_DELAY_AFTER = re.compile(
    rf"\b{_N} ?(?:late|behind|out|away|tops|max|at most|or so)\b"
    r"|(?<!\bat )(?<!\bby )\b([5-9]|\d{2,3}) ?ish\b"
)

_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "sixth": 6,
    "6th": 6,
    # Spanish: "la primera", "el segundo"
    "primera": 1, "primero": 1, "primer": 1, "segunda": 2, "segundo": 2, "tercera": 3,
    "tercero": 3, "tercer": 3,
}
_CARDINALS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    # A list the bot shows may run past nine (a customer's visits); quote numbers have 3+ digits.
    **{str(n): n for n in range(1, 21)},
}
# Words that may surround an option number without changing what it means.
_CHOICE_FILLER = frozenset(
    "the a i ill will take go with lets let us do want choose pick picking works work is good "
    "fine for me thanks thank you ok okay yes yeah yep sure please that one option number no "
    "choice slot time id would like prefer perfect great sounds one best looks me we can "
    "and then choosing going selected select it is so well um uh lol haha cheers thx pls "
    "definitely probably maybe ill i will gonna going to rather prefer prefer guess suppose think "
    # a pick said with impatience or a shrug: "1 obviously", "whatever, 2 i guess", "3 duh"
    "then hmm hm eh whatever obviously duh just give gimme ugh of course "
    # Spanish, around a pick: "la primera por favor", "esa opcion"
    "la el esa ese opcion numero por favor si gracias quiero "
    # ... and as typed in a hurry: "el 1 porfavor", "la 2 porfa"
    "porfavor porfa porfis opción número sí".split()
)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def minutes_in(text: str) -> int | None:
    """Return the minutes a technician names ("20 min", "half an hour", "eta 10"), if any."""
    text = without_small_number_taken_back(text)  # "omw 20 make that 30": the second one counts
    match = _HOURS_AND_MINUTES.search(text)
    if match:
        hours = 1 if match.group(1) in {"a", "an"} else _number(match.group(1))
        return 60 * hours + int(match.group(2))
    if _HOUR_AND_HALF.search(text):
        return 90
    if _HALF_HOUR.search(text):
        return 30
    if _QUARTER_HOUR.search(text):
        return 15
    match = _MINUTES.search(text)
    if match:
        return _number(match.group(1) or match.group(2))
    match = _HOURS.search(text)
    if match:
        return 60 * (_number(match.group(1)) if match.group(1) else 1)
    match = (
        _BARE_DELAY.search(text)
        or _ON_THE_WAY_BARE.search(text)
        or _DELAY_AFTER.search(text)
        or _BARE_DELAY_WORDS.search(text)
    )
    found = next((g for g in match.groups() if g), None) if match else None
    if found is not None and 0 < _number(found) <= 180:
        return _number(found)
    return None


def option_in(tokens: list[str]) -> int | None:
    """Return the option number if the message is only a pick ("2", "#2", "the second one")."""
    picks = []
    for token in tokens:
        token = token.lstrip("#")
        if token in _ORDINALS:
            picks.append(_ORDINALS[token])
        elif token in _CARDINALS and token not in ("one",):
            picks.append(_CARDINALS[token])
        elif token not in _CHOICE_FILLER:
            return None
    if len(picks) == 1:
        return picks[0]
    return None
