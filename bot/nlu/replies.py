"""Answers to the bot's own questions: yes, no, or a pick from the options offered."""

from __future__ import annotations

import re

from bot.nlu import intents
from bot.nlu.evidence import is_undecided
from bot.nlu.message import Message, Verdict
from bot.nlu.quantities import option_in
from bot.nlu.text import words

_YES = frozenset(
    "yes yeah yep yup ya yea yess yesss ye yah yas sure ok okay alright correct right affirmative "
    "absolutely definitely certainly confirm confirmed good great perfect fine works true agreed "
    "agree roger copy 10-4 cool awesome excellent lovely brilliant grand deal factual exactly indeed "
    "sounds do it go ahead aye y accurate bet si perfecto claro vale bueno listo dale ja oui "
    "yesh yeh yus yepp yupp yessir mhm uhhuh k kk okie okey okay-dokey okeydokey gladly happy "
    "ideal suits suit fab fantastic super sweet wonderful splendid spot "
    "superb marvellous marvelous nice alrighty alright aight ight righto rightio yas please".split()
)
_NO = frozenset(
    "no nope nah naw n negative nay not never neither none wrong false incorrect negatory "
    "cannot falsehood nop nopes noo nahh nein non nada neither nor bad pass nevermind "
    "unfortunately afraid".split()
)
# Praise that only garnishes thanks ("great, thanks!"): the message is a thank-you.
_PRAISE = frozenset(
    "great perfect awesome lovely brilliant cool excellent wonderful fantastic super nice fab grand "
    "superb sweet marvellous marvelous splendid".split()
)
_FILLER = frozenset(
    "that is it this the a an i say my answer to your question as response be would will for me "
    "please so very really all lets let us do go ahead of course happens totally you are we can "
    "with thats sounds checks out is true ai statement has there way in heck most much "
    "work times time those them options option one ones of thanks thank and just both "
    "now right now as well well oh ah um hmm then also too it's here see does do did going gonna "
    "sorry soz apologies afraid unfortunately are am either any these other suits suit fits fit "
    "thing things day days time date dates slot slots really honestly actually thats not "
    "fine by from our side bien esta de acuerdo senor gracias por favor muy mucho "
    "haha lol ha ok sure mate bud buddy dude man sir maam madam guys folks kindly lot".split()
)


_WHY_NOT = re.compile(r"^(?:(?:sure|ok|okay|yeah|yes|yep|fine|alright)\W+)*why not\W*$")
# Radio talk: "10 4", "ten four"; "negative, can't take it" refuses whatever follows the comma.
_TEN_FOUR = re.compile(r"^(?:10 ?-? ?4|ten[ -]four)(?: (?:on that|that|good buddy))?\W*$")
_NEGATIVE_FIRST = re.compile(r"^(?:negative|negatory)(?:\s*[,.!;-]|\s+on\b|$)")
# "no, leave it open", "keep it as is": the thing asked about stays as it is.
_LEAVE_AS_IS = re.compile(
    r"^(?:(?:no|nope|nah|actually|wait|hold on)\W+)*(?:leave|keep) (?:it|that|this|them|the deal|the job|"
    r"everything) (?:open|as is|as it is|alone|active|going|for now|the way it is)(?: for now)?\W*$"
)


# A remark beside a pick that it is the time had before ("2 - same as before", "3, like last
# time"): it changes nothing the number picks.
_AS_BEFORE = re.compile(
    r"[\s,;:.!-]*\b(?:(?:the )?same(?: (?:time|slot|one|day))? as (?:before|it was|last time|originally|"
    r"the original)|like (?:before|last time)|as (?:before|it was)|the original(?: (?:one|time|slot))?)"
    r"\W*$")


def detect_reply(message: Message) -> Verdict | None:
    """Recognise a bare pick ("2", "the second one"), yes or no."""
    tokens = message.tokens
    if not tokens or len(tokens) > 14:
        return None
    option = option_in(tokens)
    if option is None and _AS_BEFORE.search(message.masked):
        option = option_in(words(_AS_BEFORE.sub("", message.masked)))
    if option is not None:
        return Verdict(intents.CHOOSE, 0.9, {"option": option})
    if _WHY_NOT.match(message.masked) or _TEN_FOUR.match(message.masked):
        return Verdict(intents.AFFIRM, 0.8)
    if _NEGATIVE_FIRST.match(message.masked) or _LEAVE_AS_IS.match(message.masked):
        return Verdict(intents.DENY, 0.8)
    vocabulary = _YES | _NO | _FILLER
    if not all(token in vocabulary for token in tokens) or is_undecided(message.masked):
        return None
    praise_and_thanks = {"thanks", "thank"} & set(tokens) and set(tokens) & _PRAISE
    if praise_and_thanks and not set(tokens) & ((_YES - _PRAISE) | _NO):
        return Verdict(intents.THANKS, 0.85)
    if any(token in _NO for token in tokens):
        return Verdict(intents.DENY, 0.85)
    if any(token in _YES for token in tokens) or "do it" in message.masked:
        return Verdict(intents.AFFIRM, 0.85)
    return None
