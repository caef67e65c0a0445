"""A rep's one-line log of how a deal ended: "won acme corp", "we lost acme", "signed!! greenfield
apartments", "lost greenfield apartments - budget", "riverside dental lost, too expensive",
"lakeside hoa is a loss, they chose a competitor"; or of a line of the last list: "won 2".

Such a line is a verdict and a name, and at most a reason after them. Written in lower case, the
name has no capital letter to vouch for it, so the shape of the line must: the verdict opens or
closes it, the name is bare (no "my", "the", "some" before it) and is nothing people win or lose in
their own lives (a game, their keys, weight, the signal).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.nlu import intents
from bot.nlu.numbers import alternatives, up_to
from bot.nlu.taken_back import without_small_number_taken_back

_NUMBER_WORDS = up_to(9)
# "the 1st", "the second one": a line named by its place in the list.
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "1st": 1, "2nd": 2,
             "3rd": 3, "4th": 4, "5th": 5}
# How a line is named: "2", "#2", "no. 2", "number two", "line 2", "the 2nd (one)".
_LINE_NUMBER = (
    r"(?:(?P<lead>#\s*|no\.?\s*|number\s+|line\s+)?(?P<n>[1-9]|" + alternatives(_NUMBER_WORDS) + r")|"
    r"(?P<placed>the\s+)?(?P<o>" + alternatives(_ORDINALS) + r")(?:\s+one)?)\b"
)
_LINE_VERDICT = r"(?P<verb>closed[ -]won|closed[ -]lost|won|win|closed|signed|lost|lose|dead)"
# "won 2", "lost #1 - price", "snooze 3 till monday", "remind me about 4": a line of the last list.
LIST_LINE = re.compile(
    r"^\W*(?P<mark>mark\s+)?(?P<verb>closed[ -]won|closed[ -]lost|won|win|closed|signed|lost|lose|dead|"
    r"snooze|push|defer|park|remind(?:\s+me)?(?:\s+about)?)\s+" + _LINE_NUMBER + r"(?P<rest>.*)$",
    re.IGNORECASE,
)
# "mark 4 as won", "#1 closed won", "number three won", "2 is lost. went with another company".
_NUMBER_FIRST = re.compile(
    r"^\W*(?P<mark>mark\s+)?" + _LINE_NUMBER
    + r"\s*(?:(?:is|as|was|has|been|got|now|just|officially|=|-|:)\s*)*" + _LINE_VERDICT + r"\b(?P<rest>.*)$",
    re.IGNORECASE,
)
LINE_VERDICTS = {"won": intents.DEAL_WON, "win": intents.DEAL_WON, "closed": intents.DEAL_WON,
                 "signed": intents.DEAL_WON, "closed won": intents.DEAL_WON, "lost": intents.DEAL_LOST,
                 "lose": intents.DEAL_LOST, "dead": intents.DEAL_LOST, "closed lost": intents.DEAL_LOST}
_DAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|tonight|today|morning|afternoon|evening"
# After a line's number only a reason ("- price", "to a cheaper bid") or a time may follow: "lost 2
# lbs", "won 2 tickets" and "won 2-1" are about something else.
_AFTER_NUMBER = re.compile(
    r"\W*$|\s*[-:;,(]\s+.*$|\s*[:;,(].*$|\.\s.*$|\s+(?:to|because|due to|over|as|on|in|till|til|until|for|"
    r"next|tomorrow|after)\b.*$",
    re.IGNORECASE,
)
# A line put off may name the day straight after its number: "remind me about 2 friday at 10".
_WHEN_AFTER_NUMBER = re.compile(r"\s+(?:at|this|" + _DAYS + r")\b.*$", re.IGNORECASE)


@dataclass(frozen=True)
class ListLine:
    """A line of the last list acted on: what to do (won, lost, snooze), its number, what follows."""

    intent: str
    number: int
    rest: str


def read_list_line(text: str) -> ListLine | None:
    """The line of the last list a text acts on ("won 2", "mark 4 as won", "#1 closed won",
    "2 is lost. went with another company", "remind me about 2 friday at 10"), or None. A line
    taken back for another ("won 2 - sorry, 3") gives the other."""
    text = without_small_number_taken_back(text)
    for pattern in (LIST_LINE, _NUMBER_FIRST):
        found = pattern.match(text.strip())
        if found is None:
            continue
        ordinal = found.group("o")
        number = (found.group("n") or "").lower()
        named = found.group("lead") or found.group("mark") or found.group("placed")
        if pattern is _NUMBER_FIRST and not number.isdigit() and not named:
            continue  # "one lost, two won": a count, not a line; "number one won" names one
        verb = re.sub(r"[\s-]+", " ", found.group("verb").lower())
        intent = LINE_VERDICTS.get(verb, intents.SNOOZE)
        after = (_AFTER_NUMBER, _WHEN_AFTER_NUMBER) if intent == intents.SNOOZE else (_AFTER_NUMBER,)
        if not any(rule.match(found.group("rest")) for rule in after):
            continue
        line = (_ORDINALS[ordinal.lower()] if ordinal else int(number) if number.isdigit()
                else _NUMBER_WORDS[number])
        return ListLine(intent, line, found.group("rest"))
    return None

# "the 2nd one", "what about the 1st", "#3": a line of the last list named alone.
_PLACE_ALONE = re.compile(
    r"^\W*(?:(?:what about|how about|and|ok|so|what'?s|whats|where'?s|wheres)\s+)?(?:the\s+)?"
    r"(?:(?P<o>" + alternatives(_ORDINALS) + r")(?:\s+one)?|(?:#\s*|number\s+|line\s+)(?P<n>[1-9]))"
    r"(?:\s+(?:one|at|deal|on the list))*\W*$", re.IGNORECASE)


def line_place(text: str) -> int | None:
    """The line a text names alone ("the 2nd one", "#3", "whats the 1st one at"), or None."""
    found = _PLACE_ALONE.match(text.strip())
    if found is None:
        return None
    return _ORDINALS[found.group("o").lower()] if found.group("o") else int(found.group("n"))


# "said no to the saturday slot", "went with the 2pm option": a time or an option refused or chosen,
# not the deal.
NOT_A_SLOT = (
    r"(?!\s*(?:to |on |with )?(?:the |a |an |that |this |our |their )?(?:\w+ )?(?:slot|slots|time|times|date|"
    r"dates|day|days|option|options|appointment|meeting|call|demo|visit|one|first|second|third|earlier|later|"
    r"morning|afternoon|evening|am|pm|\d\w*)\b)"
)
_OPENERS = (
    r"^(?:(?:we|i|just|finally|officially|yay|yes|woo+|woohoo|hooray|boom|nice|sweet|awesome|ugh|argh|welp|"
    r"well|so|ok|okay|alright|dang|damn|darn|shoot|bummer|sadly|unfortunately|oh well|update|fyi|heads up|"
    r"guess what|(?:great|good|big|bad|sad|some) news|(?:it is |it |thats |that is )?official|"
    r"confirmed)\b\W*\s*)*"
)
_NAME = r"(?P<t>[a-z0-9][a-z0-9&'. -]*?)"
# What may follow the name: nothing, a stop and anything, or a reason ("to a cheaper bid").
# When it happened, said after the name: "won acme corp this morning", "lost bayview an hour ago".
_WHEN_TAIL = (
    r"\s+(?:this (?:morning|afternoon|evening|week|am|pm)|last (?:night|week)|yesterday|today|tonight|now|"
    r"earlier|just now|(?:at the )?last (?:minute|min)|(?:just )?(?:a few|a couple(?: of)?|an?|\d+) "
    r"(?:min|mins|minutes|hours?|hrs?|days?) ago)\W*$"
)
_WON_TAIL = (
    r"(?P<tail>\W*$|\s*(?:[-:;,(!]|\.\s)\W*.*$|\s+(?:because|after|thanks to)\b.*$|" + _WHEN_TAIL + ")"
)
_LOST_TAIL = (
    r"(?P<tail>\W*$|\s*(?:[-:;,(!]|\.\s)\W*.*$|\s+(?:to|because|due to|over|they|we|price|pricing|"
    r"budget|cost|too|on price|after)\b.*$|" + _WHEN_TAIL + ")"
)
# Between a name and the verdict after it, a dash or colon makes a log line ("acme corp - lost").
_BETWEEN = r"(?P<between>\s*[-:,!]+\s*|\s+)"
_AUXILIARY = r"(?:(?:is|are|was|were|has|have|just|finally|officially|all|now|also|totally|then)\s+)*"


def _verdict_first(verbs: str, tail: str) -> re.Pattern[str]:
    return re.compile(_OPENERS + rf"(?P<verb>{verbs})(?:\s*[!:-]+\s*|\s+)" + _NAME + tail)


def _name_first(verbs: str, tail: str) -> re.Pattern[str]:
    return re.compile(_OPENERS + _NAME + _BETWEEN + _AUXILIARY + rf"(?P<verb>{verbs})" + tail)


# A deal won said as an idiom, of the account: "pulled the trigger", "is a yes", "gave us the green light".
_WON_IDIOMS = (
    r"pulled the trigger|a yes|a lock|a done deal|committed|greenlit it|greenlit the (?:job|project|install|"
    r"proposal|quote|bid|work)|gave (?:us )?(?:the )?(?:green light|go ahead|thumbs up|nod)|"
    r"said go(?: for it)?|"
    r"(?:accepted|approved|okayed|signed off on) (?:the |our |my )?(?:quote|proposal|bid|estimate|contract|"
    r"deal|offer|terms)|bit|picked us over (?:the )?\w+(?: \w+)?|chose us over (?:the )?\w+(?: \w+)?|"
    r"signed on the dotted line|is ours|all ours|on board|put pen to paper|accepted|"
    r"(?:gave|awarded) us (?:the )?(?:job|work|contract|project|bid|deal|install|business)|"
    r"came back with a yes"
)
# A deal lost said as an idiom: "pulled the plug", "walked", "went another direction", "killed the project".
_LOST_IDIOMS = (
    r"walked|dead in the water|a lost cause|off the table|out|nixed it|nixed the (?:deal|project|job|"
    r"install|proposal|quote|bid)|"
    r"(?:killed|scrapped|canceled|cancelled|shelved|canned|axed) (?:it|the (?:deal|"
    r"project|job|install|proposal|quote|bid|contract|order))|shot us down|"
    r"passed on (?:us|it|the (?:quote|proposal|bid|estimate|deal|offer)|"
    r"our (?:quote|proposal|bid|estimate|offer))|"
    r"(?:went|gone|going|decided to go) (?:in )?(?:another|a different|the other) (?:way|direction|route)|"
    r"(?:went|gone|going) (?:in house|in-house|with (?:the )?(?:cheaper|cheapest|lower|low|other) "
    r"(?:guy|guys|bid|bidder|quote|company|outfit|option|vendor|contractor))|"
    r"(?:chose|picked|hired) the (?:cheaper|cheapest|lower|low|other) (?:guy|guys|bid|bidder|quote|company|"
    r"outfit|option|vendor|contractor)|"
    r"(?:kept|stayed with|sticking with|decided to stay with|staying with) (?:their|the) (?:current|old|"
    r"existing|usual) (?:guy|guys|vendor|company|contractor|provider|supplier|installer)|"
    r"(?:ghosted and )?signed with (?:someone|somebody|another|a competitor|the competition)(?: else)?|"
    r"(?:gave|awarded) (?:it|the (?:job|work|contract|project|bid|deal|install)) to (?:someone|somebody|"
    r"another|a competitor|the competition|the other|a cheaper)(?: \w+)?|a pass|said (?:nah|nope|no way)|"
    r"toast|(?:chose|decided|going|is going|are going) to do it (?:themselves|in house|in-house)|"
    r"(?:is |are )?not (?:moving|going|proceeding) (?:forward|ahead)|will not be (?:moving|going) "
    r"(?:forward|ahead)|(?:is )?not (?:going to )?happen(?:ing)?|canceled|cancelled"
)
_WON_FIRST = _verdict_first(
    r"won|signed|closed|closed[ -]won|landed|inked|secured|bagged|nabbed|clinched|got|locked in|locked up|"
    r"nailed down|sealed the deal (?:with|w)|(?:wrapped up|made|finalized|closed) the sale (?:with|to|w)|"
    r"done deal (?:with|w)|closed the deal (?:with|w)",
    _WON_TAIL,
)
_WON_AFTER = _name_first(
    r"signed|won|closed|closed[ -]won|landed|inked|a win|a go|ours|in the bag|locked in|on board|said yes|"
    r"went with us|chose us|picked us|came through|" + _WON_IDIOMS,
    _WON_TAIL,
)
_LOST_FIRST = _verdict_first(
    r"lost|lsot|closed[ -]lost|lost out on|did not get|did not win|did not land|"
    r"(?:got )?(?:beat|beaten|outbid|undercut|underbid) (?:on price |on pricing )?(?:on|at|for)|"
    r"(?:we are|were|we re) (?:out on|out of the running (?:on|for))", _LOST_TAIL
)
_LOST_AFTER = _name_first(
    rf"lost|a loss|a no|a no go|a bust|dead|passed{NOT_A_SLOT}|said no{NOT_A_SLOT}|declined|closed[ -]lost|"
    r"went elsewhere|"
    r"backed out|pulled out|pulled the plug|walked away|fell through|dropped out|turned us down|"
    r"bailed(?: on us)?|"
    + _LOST_IDIOMS + r"|"
    r"(?:went with|gone with|going with|chose|picked|hired) (?:someone|somebody|another|a competitor|"
    rf"the competition|a cheaper|a different|the other){NOT_A_SLOT}(?: [a-z]+){{0,3}}?",
    _LOST_TAIL,
)
# "we did not get maple grove": the one negation that states a loss.
# "brighton is not moving forward", "acme is not happening": a refusal that says "not".
MISSED = re.compile(
    r"\bdid not (?:get|win|land)\b|\b(?:is |are |will |will not be )?not (?:be )?(?:moving|going|proceeding) "
    r"(?:forward|ahead)\b|\bnot (?:going to )?happen(?:ing)?\b"
)
# Why a deal went, said after it: "too expensive", "they chose a competitor", "no budget".
REASON = re.compile(
    r"\b(?:price|pricing|priced|budget|cost|costs|expensive|pricey|cheaper|cheapest|lower bid|competitor|"
    r"competition|went with|going with|chose|picked|hired|another (?:company|vendor|contractor|bid|quote)|"
    r"timing|funding|no money|lowball\w*|undercut|too (?:much|high|slow|late)|in house|in-house|"
    r"not a fit|no response|ghosted|went dark|decided)\b"
)
# Verdicts that say on their own that a deal ended ("acme signed"); those that also end plans or
# lives ("passed", "fell through") take a name of two words; and "won", "lost", "closed", "dead",
# said of games, shops and people too, take a log line's dash or a business reason.
_PLAIN_DEAL_VERDICTS = frozenset(
    "signed inked clinched closed-won a-win a-go ours in-the-bag locked-in on-board said-yes went-with-us "
    "chose-us picked-us closed-lost a-loss a-no a-no-go a-bust said-no declined went-elsewhere "
    "turned-us-down".split()
) | {verb.replace(" ", "-") for verb in (
    "pulled the trigger", "a yes", "a lock", "a done deal", "committed", "signed on the dotted line",
    "is ours", "all ours", "walked", "dead in the water", "a lost cause", "off the table", "nixed it",
    "shot us down", "bailed on us", "nailed down", "put pen to paper", "came back with a yes", "a pass",
    "said nah", "said nope", "said no way", "sealed the deal with", "sealed the deal w",
    "done deal with", "done deal w", "closed the deal with", "closed the deal w",
    "wrapped up the sale with", "made the sale to", "finalized the sale with", "closed the sale with",
)}
# Idioms whose whole wording can only be a deal ("greenlit the project", "went with the cheaper guy").
_PLAIN_DEAL_IDIOM = re.compile(
    r"^(?:greenlit|gave|awarded|said go|accepted|approved|okayed|signed off on|picked us over|chose us over|"
    r"nixed the|killed|scrapped|canceled|cancelled|shelved|canned|axed|passed on|went|gone|going|"
    r"decided to go|chose the|"
    r"picked the|hired the|kept|stayed with|sticking with|decided to stay with|staying with|ghosted and|"
    r"signed with|beat|beaten|outbid|undercut|underbid|got)\b"
)
_TWO_WORD_VERDICTS = frozenset(
    "passed backed-out pulled-out pulled-the-plug walked-away fell-through dropped-out bailed "
    "came-through".split()
)
# What falls through, is backed out of or has its plug pulled in life: plans, not accounts.
_LIFE_PLANS = frozenset(
    "plans plan trip vacation party wedding meeting dinner date ride sale house closing financing loan "
    "mortgage offer babysitter sitter carpool everything everyone lease apartment reservation booking "
    "flight hotel season show concert event idea printer coffee vote".split()
)
# "got", "secured" and "bagged" are said of lunch, parking and groceries, and "lsot" may be a slip
# of another word: they take a name of two words at least.
_WEAK_VERBS = frozenset({"got", "secured", "bagged", "nabbed", "lsot"})

# Words a name does not start with: a determiner or pronoun says it is not one ("lost my keys",
# "won the game", "we got a flat"), and so does an adverb or a count ("won again", "lost 2-1").
_NOT_OPENING_A_NAME = frozenset(
    "a an the my our your his her their its this that these those some any another every each no all both "
    "it them him me us you everyone everybody everything nothing something anything someone somebody "
    "one two three to by at in on of out up off back over again twice big huge so too very more much "
    "most lol haha new free extra first last next half whole down for em ya".split()
)
_DEAL_HEADS = frozenset("deal account contract job project bid proposal renewal".split())
# What people win or lose, or get, in their own lives: never an account.
_OWN_LIFE = frozenset(
    "weight pounds lbs kilos power signal reception wifi internet connection data service track count "
    "sleep time interest patience touch focus faith hope sight control balance respect mind voice temper "
    "luggage bag bags glasses sunglasses umbrella jacket hat dog cat cash money bucks dollars hair tooth "
    "lunch coffee breakfast dinner food pizza gas snow rain hail ice home paid sick busy lucky slammed "
    "phone phones battery batteries car truck van laptop tablet ipad printer radio tire tires charger "
    "stuck lost here there tired hungry flu covid cold fever team boss legal hr "
    "finance accounting lawyer lawyers attorney landlord office safe safely bet bets lottery game damage "
    "escrow store shop day days hour hours minute minutes week weeks morning afternoon trust loyalty "
    "attention approval confidence heart hearts favor vote votes".split()
)
# People whose passing or winning is family news: "aunt mary passed".
_KIN = frozenset(
    "dad mom mum wife husband son daughter kid kids brother sister grandpa grandma uncle aunt cousin friend "
    "friends baby".split()
)
# Words that make a line a sentence rather than a name: "bayview not lost, just slow".
_NOT_IN_A_NAME = frozenset(
    "not never no yet still and but or if when then a an my our your his her their to for from with "
    "the says said thinks told asked".split()
)
_CHATTER = re.compile(r"\b(?:lol|lmao|haha\w*|rofl|jk|omg)\b")


def is_chatter(original: str) -> bool:
    """Tell whether a text as written laughs ("lol", "haha"): a joke or life, not a log line."""
    return _CHATTER.search(original.lower()) is not None


def list_line(text: str) -> str | None:
    """The verdict a line of the last list gets ("won 2", "lost 1 - price"), or None."""
    line = read_list_line(text)
    return line.intent if line else None


def logged_name(intent: str, text: str, *, cleaned: Callable[[str], str | None],
                known: Callable[[str], bool], written: Callable[[str], bool] = lambda name: False,
                shouted: bool = False) -> str | None:
    """The name a one-line log of a won or lost deal gives, as written, or None.

    `cleaned` strips filler from a name; `known` tells whether it is one of the rep's accounts,
    which lets any verdict through; `written` whether the writer gave it capitals, which lets "the"
    stand before it ("the Lincoln Ave apartments are ours"); `shouted` whether the whole text is in
    capitals, a rep's cheer ("WE GOT RIVERSIDE"), which lets a weak verb take a one-word name.
    """
    first, after = (_WON_FIRST, _WON_AFTER) if intent == intents.DEAL_WON else (_LOST_FIRST, _LOST_AFTER)
    for pattern in (first, after):
        found = pattern.match(text)
        name = cleaned(found.group("t")) if found else None
        if found is None or name is None:
            continue
        if not _bare(_without_the_before(found.group("t"), name, written), name):
            continue
        if _says_enough(found, name, verdict_first=pattern is first, known=known, shouted=shouted):
            return found.group("t")
    return None


def _without_the_before(raw: str, name: str, written: Callable[[str], bool]) -> str:
    """The name as said, without a "the" before a name the writer gave capitals."""
    said = raw.split()
    if len(said) > 1 and said[0] == "the" and written(name):
        return " ".join(said[1:])
    return raw


def _says_enough(
    found: re.Match[str], name: str, *, verdict_first: bool, known: Callable[[str], bool], shouted: bool
) -> bool:
    """Whether the verdict, the name and the reason together can only be about a deal."""
    verb = found.group("verb").replace(" ", "-")
    one_word = len(name.split()) == 1
    if verdict_first:  # "won acme", but "got maple grove", not "got pizza"; "bagged the acme account"
        said_a_deal = found.group("t").split()[-1] in _DEAL_HEADS
        # "WE GOT RIVERSIDE": a cheer in capitals; "got fired" is still no deal, however loud
        loud = shouted and found.group(0).startswith("we ") and not name.split()[0].endswith("ed")
        return (verb not in _WEAK_VERBS or said_a_deal or loud
                or not (one_word or name.split()[0].endswith("ed")))
    if name in _LIFE_PLANS:
        return False
    if re.search(r"\b(?:way|direction|route)\b", verb.replace("-", " ")) and not (
        known(name) or REASON.search(found.group("tail"))
    ):
        return not one_word  # "Sarah went another way": said of people too, unless the name is longer
    if verb in {"accepted", "canceled", "cancelled"}:  # "tony cancelled": a meeting, maybe
        return not one_word or bool(found.group("between").strip())
    if verb.startswith("not-") or verb.startswith("will-not") or verb.startswith("is-not"):
        return True  # "brighton is not moving forward": the account's answer, not the writer's doubt
    if verb in _PLAIN_DEAL_VERDICTS or _PLAIN_DEAL_IDIOM.match(found.group("verb")) or known(name):
        return True
    if REASON.search(f"{verb} {found.group('tail')}"):
        return True
    if verb in {"dead", "toast"} and re.search(r"\s(?:is|s)\s+(?:dead|toast)\W*$", found.group(0)):
        return True  # "riverside is dead": a deal said dead, the phone and the party are kept out above
    if verb == "bit":  # "glenwood hoa bit", not "dog bit"
        return not one_word
    if verb in _TWO_WORD_VERDICTS:
        # "acme pulled the plug": an account's one-word name, unless it names plans or life
        return not one_word or verb not in {"passed", "bailed"}  # "mike bailed": a friend, maybe
    # "maple grove - lost": a log line's dash; not "ohio state lost"
    return not one_word and bool(found.group("between").strip())


def _bare(raw: str, name: str) -> bool:
    words = name.split()
    said = raw.split()
    # "landed the kingsley towers job": "the" before a deal's name said with what it is
    opening = said[1] if said[0] == "the" and len(said) > 2 and said[-1] in _DEAL_HEADS else said[0]
    if {opening, words[0]} & _NOT_OPENING_A_NAME or opening.isdigit() or len(words) > 4:
        return False
    # the last word decides what a thing is: "lost cell service" is no account, "hope church" may be
    if set(words + said[1:]) & (_NOT_IN_A_NAME | _KIN) or words[-1] in _OWN_LIFE:
        return False
    if len(words[-1]) >= 6 and words[-1].endswith("ed"):  # "got maple grove scheduled"
        return False
    return not (len(words) == 1 and words[0].endswith("ly"))  # "landed safely"
