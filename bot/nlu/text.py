"""Turning raw SMS text into one canonical lower-case form the rules can read.

Texts longer than MAX_CHARS are cut to their first MAX_CHARS characters before anything else:
nobody books a visit in a novel, and the cut keeps every message's cost bounded.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_CHARS = 1000

_POSITIVE_EMOJI = "👍👌✅✔☑🆗🙆💯"
_NEGATIVE_EMOJI = "👎❌✖🚫🙅"
_WAVE_EMOJI = "👋"
_THANKS_EMOJI = "🙏"

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "–": "-", "—": "-"})

_CONTRACTIONS = (
    (re.compile(r"\bcan'?t\b"), "cannot"),
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"\bshan'?t\b"), "shall not"),
    (
        re.compile(r"\b(do|does|did|is|are|was|were|have|has|had|could|should|would|must|need|ain)n'?t\b"),
        r"\1 not",
    ),
    (re.compile(r"\bi'?m\b"), "i am"),
    (re.compile(r"\b(you|we|they)'re\b"), r"\1 are"),
    (re.compile(r"\b(i|you|we|they|it|that|he|she)'ll\b"), r"\1 will"),
    (re.compile(r"\b(i|you|we|they)'ve\b"), r"\1 have"),
    (re.compile(r"\b(i|you|we|they|he|she|it|that)'d\b"), r"\1 would"),
    (re.compile(r"\b(ive)\b"), "i have"),
    (re.compile(r"\b(youre)\b"), "you are"),
    (re.compile(r"\b(theyre)\b"), "they are"),
    (re.compile(r"\bid like\b"), "i would like"),
    (re.compile(r"\bwed like\b"), "we would like"),
    # "acme's dead", "riverside's ours": a verdict said of a name ("is"), not a possessive
    (re.compile(r"\b(?!(?:it|that|what|there|here|he|she|who|where|how|let|this)')(\w+)'s "
                r"(?=(?:dead|toast|ours|history|a go|a no|a bust|a loss|a win|in the bag)\b)"), r"\1 is "),
    (re.compile(r"\b(\w+)'s\b"), r"\1"),
    # "f/u w Lakeview", "go ahead w/ the", "works 4 me": shorthand built from letters and digits.
    (re.compile(r"\bf/u\b|\bfollow-up\b"), "follow up"),
    (re.compile(r"\bw/o\b"), "without"),
    (re.compile(r"\bb/c\b"), "because"),
    (re.compile(r"\bw/(?=\s|[a-z])"), "with "),
    (
        re.compile(r"\b(follow up|meet|meeting|talk|speak|chat|check in|touch base|catch up|call) w\b"),
        r"\1 with",
    ),
    (re.compile(r"(?<!\bat )(?<!\bby )(?<!\bfor )\b4(?= (?:me|you|u|us|ya|sure|real)\b)"), "for"),
    # "omw 2 u": "to", not two minutes
    (re.compile(r"(?<!\bat )(?<!\bby )(?<!\bin )\b2(?= (?:u|you|ya|yours|ur)\b)"), "to"),
    # "b there in ten", "b right there": the letter for "be"; "on my weight to": dictation for "way"
    (re.compile(r"\bb (?=(?:there|right there|right over|over|back|with you|at yours|on site)\b)"), "be "),
    (re.compile(r"\bon (my|the|our) (?:weight|weigh|whey|wy|wya)\b"), r"on \1 way"),
    # "on way, 1 hr 15": a technician's shorthand opening a text, the "my" left out
    (re.compile(r"^on (?:wy|way)\b(?! (?:to|of|out|in|back|home|up|down|over)\b)"), "on my way"),
    (re.compile(r"'"), ""),
)

# SMS shorthand and common misspellings, whole words only; consequential words are spelled out
# here on purpose instead of left to fuzzy matching.
_SHORTHAND = {
    "u": "you",
    "ya": "ya",
    "ur": "your",
    "r": "are",
    "pls": "please",
    "plz": "please",
    "plse": "please",
    "pleas": "please",
    "thx": "thanks",
    "thnx": "thanks",
    "thanx": "thanks",
    "thks": "thanks",
    "tks": "thanks",
    "tnx": "thanks",
    "tysm": "thanks",
    "ty": "thanks",
    "appt": "appointment",
    "appts": "appointments",
    "apmt": "appointment",
    "tmrw": "tomorrow",
    "tmw": "tomorrow",
    "tmr": "tomorrow",
    "tmrow": "tomorrow",
    "tmro": "tomorrow",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "2mrw": "tomorrow",
    "2mro": "tomorrow",
    "2moz": "tomorrow",
    "tomoz": "tomorrow",
    "tomo": "tomorrow",
    "tommorow": "tomorrow",
    "tomorow": "tomorrow",
    "tommorrow": "tomorrow",
    "tomorro": "tomorrow",
    "2day": "today",
    "tdy": "today",
    "2nite": "tonight",
    "tonite": "tonight",
    "2night": "tonight",
    "b4": "before",
    "abt": "about",
    "nxt": "next",
    "wk": "week",
    "wks": "weeks",
    "wknd": "weekend",
    "hr": "hour",
    "hrs": "hours",
    "mins": "min",
    "minutes": "min",
    "minute": "min",
    "mns": "min",
    "rn": "right now",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "cuz": "because",
    "coz": "because",
    "bc": "because",
    "msg": "message",
    "txt": "text",
    "txts": "texts",
    "txting": "texting",
    "tech": "tech",
    "techs": "techs",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "cant": "cannot",
    "couldnt": "could not",
    "shouldnt": "should not",
    "wouldnt": "would not",
    "havent": "have not",
    "hasnt": "has not",
    "wont": "will not",
    "aint": "is not",
    "im": "i am",
    "whats": "what",
    "wheres": "where",
    "thats": "that",
    "hows": "how",
    "whens": "when",
    "theres": "there",
    "cancle": "cancel",
    "cancell": "cancel",
    "cansel": "cancel",
    "cancal": "cancel",
    "cancelled": "canceled",
    "cancelling": "canceling",
    "cancellation": "cancelation",
    "tues": "tuesday",
    "tue": "tuesday",
    "thurs": "thursday",
    "thur": "thursday",
    "thu": "thursday",
    "thrs": "thursday",
    "weds": "wednesday",
    "wensday": "wednesday",
    "wendsday": "wednesday",
    "wednsday": "wednesday",
    "wedensday": "wednesday",
    "fri": "friday",
    "satur": "saturday",
    "mon": "monday",
    "noonish": "noon",
    "midday": "noon",
    "mid-day": "noon",
    "lunchtime": "noon",
    "tonights": "tonight",
    "todays": "today",
    "tomorrows": "tomorrow",
    "aft": "afternoon",
    "arvo": "afternoon",
    "morn": "morning",
    "mornin": "morning",
    "omw": "on my way",
    "onmyway": "on my way",
    "ontheway": "on the way",
    "otw": "on the way",
    "enroute": "en route",
    "asap": "asap",
    "fortnite": "fortnight",
    "reschedual": "reschedule",
    "reshedule": "reschedule",
    "eng": "engineer",
    "fixed": "fixed",
    "idk": "i do not know",
    "nvm": "never mind",
    "nevermind": "never mind",
    "k": "ok",
    "kk": "ok",
    "okey": "okay",
    "okk": "ok",
    "oki": "ok",
    "resched": "reschedule",
    "reschd": "reschedule",
    "reskedule": "reschedule",
    "rescheduel": "reschedule",
    "tmrws": "tomorrow",
    "2moros": "tomorrow",
    "mondays": "monday",
    "tuesdays": "tuesday",
    "wednesdays": "wednesday",
    "thursdays": "thursday",
    "fridays": "friday",
    "saturdays": "saturday",
    "sundays": "sunday",
    "whos": "who",
    "hes": "he is",
    "shes": "she is",
    "wat": "what",
    "wats": "what",
    "wot": "what",
    "wut": "what",
    "wen": "when",
    "whr": "where",
    "wer": "where",
    "yr": "your",
    "yrs": "yours",
    "sry": "sorry",
    "soz": "sorry",
    "srry": "sorry",
    "yh": "yeah",
    "ye": "yes",
    "ofc": "of course",
    "obv": "obviously",
    "tbh": "to be honest",
    "ngl": "not going to lie",
    "rly": "really",
    "ppl": "people",
    "smth": "something",
    "sth": "something",
    "smn": "someone",
    "sm1": "someone",
    "some1": "someone",
    "sum1": "someone",
    "sumone": "someone",
    "som1": "someone",
    "sumbody": "somebody",
    "nobody1": "nobody",
    "any1": "anyone",
    "no1": "no one",
    "every1": "everyone",
    "gr8": "great",
    "l8r": "later",
    "l8": "late",
    "w8": "wait",
    "w8ing": "waiting",
    "lmk": "let me know",
    "bday": "birthday",
    "thru": "through",
    "tho": "though",
    "prob": "probably",
    "probs": "probably",
    "def": "definitely",
    "defo": "definitely",
    "deffo": "definitely",
    "wud": "would",
    "cud": "could",
    "shud": "should",
    "shld": "should",
    "shd": "should",
    "wld": "would",
    "cld": "could",
    "wht": "what",
    "whn": "when",
    "cn": "can",
    "nite": "night",
    "thnks": "thanks",
    "thankyou": "thank you",
    "gotcha": "got it",
    "lemme": "let me",
    "gimme": "give me",
    "kinda": "kind of",
    "sorta": "sort of",
    "outta": "out of",
    "dunno": "do not know",
    "shouldve": "should have",
    "wouldve": "would have",
    "couldve": "could have",
    "youll": "you will",
    "itll": "it will",
    "theyll": "they will",
    "weve": "we have",
    "youve": "you have",
    "hadnt": "had not",
    "mustnt": "must not",
    "neednt": "need not",
}

_WORD = re.compile(r"[a-z0-9]+(?:[-/][a-z0-9]+)*|[^\sa-z0-9]")
_SPACES = re.compile(r"\s+")
_REPEATS = re.compile(r"([a-z])\1{2,}")
_PUNCT_RUN = re.compile(r"([!?.,])\1+")
_SAT_SUN_AFTER = re.compile(
    r"\b(on|this|next|by|for|til|till|until|from|to|and|or|the|,|am|pm|\d|come|do|visit) (sat|sun|wed)\b"
)
_SAT_SUN_BEFORE = re.compile(
    r"\b(sat|sun|wed)\b(?= ?(?:morning|afternoon|evening|night|am|pm|at|or|and|,|\d|between|after|"
    r"before|around|from|by|til|till|until|noon|lunch|first thing|early|late|ok\b|okay\b|"
    r"works?\b|any good\b|good\b|fine\b|instead\b|\?))"
)
_TOKEN = re.compile(r"[a-z0-9]+")
_SAT_SUN_NAMES = {"sat": "saturday", "sun": "sunday", "wed": "wednesday"}


def _emoji_words(text: str) -> str:
    out = []
    for char in text:
        if char in _POSITIVE_EMOJI:
            out.append(" yes ")
        elif char in _NEGATIVE_EMOJI:
            out.append(" no ")
        elif char in _WAVE_EMOJI:
            out.append(" hi ")
        elif char in _THANKS_EMOJI:
            out.append(" thanks ")
        elif char.isalnum() or char.isspace() or unicodedata.category(char)[0] == "P":
            out.append(char)
        elif char in "$#@%/:+&=<>~^*|":
            out.append(char)
        else:
            out.append(" ")
    return "".join(out)


_AGE = re.compile(r"\b(\d{1,3}) ?(?:yrs|yr)\b")


def normalize(text: object) -> str:
    """Lower-case, cut to MAX_CHARS, spell out contractions and shorthand, drop junk symbols."""
    if not isinstance(text, str):
        return ""
    return _normalized(text[:MAX_CHARS])


# A turn's flows ask for the same text's canonical form four or five times (the parser, then
# each flow that looks for its own words); the answer depends on the text alone.
@lru_cache(maxsize=2048)
def _normalized(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    if not text.isascii():
        # "sí", "café": accents dropped, so Spanish and French words read as their plain letters.
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _emoji_words(text).lower()
    text = _REPEATS.sub(r"\1\1", text)
    text = _PUNCT_RUN.sub(r"\1", text)
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = _AGE.sub(r"\1 years", text)  # "15 yrs old" counts years; "yrs" alone is "yours"
    text = _TOKEN.sub(lambda m: _SHORTHAND.get(m.group(), m.group()), text)
    text = _SAT_SUN_AFTER.sub(lambda m: f"{m.group(1)} {_SAT_SUN_NAMES[m.group(2)]}", text)
    text = _SAT_SUN_BEFORE.sub(lambda m: _SAT_SUN_NAMES[m.group(1)], text)
    return _SPACES.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """Split canonical text into words, dropping punctuation."""
    return [w for w in _WORD.findall(text) if w[0].isalnum()]
