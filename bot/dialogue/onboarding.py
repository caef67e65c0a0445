"""Onboarding an unknown number: a name and a service address, in one text or several, then on
with the request.

What each text adds is kept until the sign-up is complete: a name ("this is linda"), an address
(a later one replaces an earlier one: "sorry, the address is ..."), a ZIP alone. A missing ZIP is
asked for unless the town has exactly one served ZIP; a ZIP outside the area is told honestly,
with the areas served, and handed to the office as a lead; nothing is created for it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bot.dialogue import booking, handoff, newcomer_asks, offers, replies, safety_replies, small_talk, topics
from bot.dialogue.addresses import (
    Address,
    NewCustomerDetails,
    SignUpText,
    access_in,
    addresses_in,
    introduced_name,
    postal_code_alone,
    read_details,
    read_postal_code,
    read_signup,
    town_given,
    zip_guesses,
)
from bot.dialogue.reply import Reply
from bot.dialogue.turn import CONVERSATION_TTL
from bot.nlu import intents
from bot.nlu.result import Parse
from bot.nlu.text import normalize
from bot.nlu.when import resolve_when
from domain.commands import AddSite, CorrectSiteAddress, RegisterCustomer
from domain.errors import OutsideServiceArea
from domain.handlers import respelled as respelled_street
from domain.places import served_places, served_zips_in, town_of

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

FLOW = "onboard"
OUTSIDE = "outside"  # the sign-up's data key: the last address given is outside the area
MORE_SITES = "more_sites"  # the sign-up's data key: other served addresses given with the first
GIVEN = "given"  # the conversation's key: a newcomer's name, address and need told before a hand-off
ASKED = "asked"  # the sign-up's data key: the service whose price was asked before it began
TOLD = "told"  # the sign-up's data key: the problem told beside that question
# What an unknown number may ask that needs no account first.
NEEDS_NO_ACCOUNT = frozenset({intents.HUMAN, intents.THANKS, intents.OPT_OUT, intents.OPT_IN})
# Intents of a text that may be only a name ("this is linda"): a request is never read as one.
NAME_ONLY_INTENTS = frozenset({intents.UNKNOWN, intents.GREET, intents.HELP})
# Words that say an address just given was mistyped ("sorry typo", "not 2231", "I meant").
_RETYPED = re.compile(r"\b(?:typo|sorry|wrong|oops|actually|meant|correction|mistake|should be|my bad|"
                      r"not \d{1,6}|(?:change|fix|update|correct) (?:my|the) address)\b", re.IGNORECASE)
NOT_A_REQUEST = frozenset({intents.UNKNOWN, intents.GREET, intents.HELP, intents.AFFIRM,
                           intents.DENY, intents.CHOOSE})

# What introduces the right address after the wrong one is quoted ("you have X, should be Y").
_NEW_ONE = re.compile(r"\b(?:should be|should say|change (?:it|that|my address|the address) to|"
                      r"change to|instead|(?:the )?(?:right|correct) (?:one|address) is|it'?s actually|"
                      r"is actually)\b", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\d-])(\d{1,6})(?![\d-])")
# Words that make an address another place of the customer's, never a typo of the one on file.
_ANOTHER_PLACE = re.compile(r"\b(?:rental|unit|property|other|another|second|tenant|mom|mum|dad|"
                            r"mother|father|parents?|daughter|son|sister|brother|office|business|"
                            r"moved|moving|new (?:place|house|home|address))\b", re.IGNORECASE)

# "last name Wojcik", "my last name is Ng": the rest of a first name given before.
_LAST_NAME = re.compile(r"\b(?:last|sur) ?name(?: is|'s|:)?\s+([A-Za-z][A-Za-z'’-]+)", re.IGNORECASE)

# A go-ahead for the service just answered about, or a day for it: a visit asked for.
_GOES_AHEAD = re.compile(r"\b(?:let'?s do (?:it|that|this)|lets do (?:it|that|this)|go ahead|"
                         r"book (?:it|that|me|one)|sign me up|set (?:it|that|me) up|i'?ll take (?:it|one)|"
                         r"(?:mon|tues?|wed|wednes|thu|thurs?|fri|sat|satur|sun)(?:day)?s?|tomorrow|tmrw|"
                         r"this week|next week)\b")

# "like I said", "I already told you": a detail sent again.
_NO_LEAD = re.compile(r"^\W*(?:no+|nope|nah)\b\W*(?=.*\b(?:i (?:already )?(?:said|told|wrote|sent)|"
                      r"already (?:told|said|gave|sent))\b)", re.IGNORECASE)
_SAID = re.compile(r"\b(?:like |as )?i (?:already )?(?:said|told (?:you|ya|u)|wrote|sent)"
                   r"(?: (?:that|it|you))?(?: already| before| earlier)?\b"
                   r"|\balready (?:told|said|gave|sent)\b", re.IGNORECASE)

# "wrong number", "sorry, texted the wrong person": someone who is no customer at all.
_WRONG_NUMBER = re.compile(r"\bwrong (?:number|no\.?|#|person|contact)\b|"
                           r"\b(?:texted|messaged|sent (?:this|that|it) to) the wrong\b")

# "ok bye": a goodbye, never a name.
_FAREWELL = re.compile(r"^(?:(?:ok|okay|k|thanks|thank you|alright|sorry)[ ,!.]*)*"
                       r"(?:bye|goodbye|good bye|bye bye|cya|see ya|have a good (?:one|day))\W*$")


def start(turn: Turn) -> None:
    """Ask for name and address, remembering what the newcomer wanted; take what is given."""
    if _WRONG_NUMBER.search(turn.text.lower()) or _FAREWELL.match(turn.text.lower()):
        turn.finish(replies.wrong_number())
        return
    if turn.parse.intent == intents.DENY:  # "no thanks" to an answer given: nothing to set up
        turn.finish(replies.no_call())
        return
    if turn.parse.intent == intents.AFFIRM and turn.last_done() == handoff.HANDED_OVER:
        turn.finish(replies.acknowledged(handoff.HANDED_OVER), keep_done=True)  # "y": the call stands
        return
    if turn.parse.intent in (intents.AFFIRM, intents.THANKS) and (
            turn.last_done() == "answered" or topics.answered_lately(turn)):
        small_talk.thanks(turn)  # "ok thanks" after a question answered: nothing to sign up for
        return
    if newcomer_asks.adds_to_call(turn, no_request=turn.parse.intent in NOT_A_REQUEST):
        return  # "it's about a bill", "my name is Greg Hall" after asking for a person
    refused = refused_area(turn)
    if refused is not None and not _gives_a_place(turn.text):
        # told just now that their place is not served: the no again, never the details asked;
        # the office hears of the lead once
        data = {**turn.kept(), "after": {}, OUTSIDE: refused}
        if turn.recent(topics.REFUSED_AREA) is not None:
            handoff.hand_over(turn, reason=f"lead outside area: {refused}")
            turn.forget(topics.REFUSED_AREA)
            data.pop(topics.REFUSED_AREA, None)
        turn.conversation.start(FLOW, "details", data, now=turn.now,
                                expires_at=turn.now + CONVERSATION_TTL)
        _still_outside(turn, data)
        return
    if newcomer_asks.off_topic(turn):
        turn.finish(replies.off_topic(topics.offered_services(turn.catalog)))
        return
    if turn.parse.intent in newcomer_asks.ABOUT_A_VISIT:  # "when is my tech coming?"
        _look_up_or_ask(turn, {"after": {}})
        return
    if newcomer_asks.for_someone_else(turn):  # "can I book for my mom?": yes, with her details
        after = {} if turn.parse.intent in NOT_A_REQUEST else _wanted(turn, turn.text)
        turn.ask(FLOW, "details", {"after": after}, replies.for_someone_else())
        return
    given = turn.conversation.data.get(GIVEN)
    given = given if isinstance(given, dict) else {}
    # "how much to unclog a sink?" then "can you come thu?"; or the need told before a hand-off
    asked = topics.asked_service(turn) or given.get("service")
    told = topics.asked_problem(turn) or given.get("problem")  # "do you do water heaters? mine leaks"
    details = {key: given[key] for key in ("name", "street", "city", "postal_code") if given.get(key)}
    turn.conversation.start(FLOW, "details", {**turn.kept(), "after": {}, **details,
                                              **({ASKED: asked} if asked else {}),
                                              **({TOLD: told} if told else {})},
                            now=turn.now, expires_at=turn.now + CONVERSATION_TTL)
    if len(details) == 4 and not read_signup(turn.text).address:
        # the name and address were given already (before a hand-off): never asked again
        data = {**turn.data, "after": {} if turn.parse.intent in NOT_A_REQUEST
                else _wanted(turn, turn.text)}
        turn.forget(GIVEN)
        _next_step(turn, data, read_signup(turn.text))
        return
    if not _take(turn):
        after = {} if turn.parse.intent in NOT_A_REQUEST else _wanted(turn, turn.text)
        if not after and asked and _GOES_AHEAD.search(turn.text.lower()):
            # "ok lets do that. tues or thurs after 3" after a service was answered: book it
            when = turn.parse.slots.get("when") or resolve_when(
                normalize(turn.text), offers.local_date(turn.now, turn.timezone))
            after = {"intent": intents.BOOK, "text": turn.text[:300],
                     "slots": {"service": asked, **({"when": when} if when else {})}}
        turn.ask(FLOW, "details", {"after": after}, replies.ask_details(turn.business.name))


def answer(turn: Turn) -> bool:
    if turn.step == "offer_human":  # a question older versions asked; still answered
        return handoff.answer_offer(turn)
    if turn.step != "details":
        return False
    if _WRONG_NUMBER.search(turn.text.lower()) or _FAREWELL.match(turn.text.lower()):
        # not a customer, or leaving: let them go, nothing kept
        turn.finish(replies.wrong_number())
        return True
    data = turn.data
    if data.get(newcomer_asks.LOOKUP):
        _look_up_or_ask(turn, data)
        return True
    if newcomer_asks.for_someone_else(turn):
        turn.ask(FLOW, "details", data, replies.for_someone_else())
        return True
    if data.get(OUTSIDE) and turn.parse.intent in (intents.THANKS, intents.AFFIRM, intents.DENY):
        # "ok thanks" after hearing the address is not served: the office's call stands
        turn.finish(replies.acknowledged(handoff.HANDED_OVER), done=handoff.HANDED_OVER)
        return True
    if not _take(turn):
        if data.get(OUTSIDE):  # a question, a plea or a day asked after the honest no
            _still_outside(turn, data)
        elif newcomer_asks.off_topic(turn):
            turn.ask(FLOW, "details", data, replies.off_topic(topics.offered_services(turn.catalog)))
        elif turn.parse.intent in (intents.AFFIRM, intents.THANKS) and _still_missing(data) is None \
                and not data.get("name"):
            # "sounds good", "ok thanks" with nothing given yet: no misunderstanding
            turn.ask(FLOW, "details", data, replies.details_when_ready())
        elif turn.parse.intent in NOT_A_REQUEST and data.get("after") and not data.get("name") \
                and not data.get("street") and read_signup(turn.text).refused_name:
            # "smells awful" after the problem: more about it, never a name; asked again plainly
            turn.ask(FLOW, "details", data, replies.details_still_needed())
        elif turn.parse.intent in NOT_A_REQUEST:
            turn.misunderstood(_still_missing(turn.data) or replies.details_unclear())
        else:  # a new request before the details: remember it, ask again
            turn.ask(FLOW, "details", {**turn.data, "after": _wanted(turn, turn.text)},
                     replies.details_first())
    return True


def _take(turn: Turn) -> bool:
    """Keep what this text says towards the sign-up and go on; False when it says nothing."""
    read = read_signup(_SAID.sub(" ", turn.text))  # "Lena Park!! i told you already"
    data = turn.data
    name = ((read.name or introduced_name(turn.text))  # "no my name is Marcy. 3318 n wolcott"
            if read.address or turn.parse.intent in NAME_ONLY_INTENTS
            else introduced_name(turn.text))  # "hi this is Lena Park, need a plumber"
    if read.address is None and zip_guesses(turn.text):
        name = None  # "60657 i think? its chicago": a ZIP and its town, never a name
    last = _LAST_NAME.search(turn.text)
    if last is not None and data.get("name") and len(str(data["name"]).split()) == 1 and (
            name is None or name.casefold() == last.group(1).casefold()):
        name = f"{data['name']} {last.group(1).capitalize()}"  # "marcus" then "last name Wojcik"
    address = read.address or _zip_for(turn.text, data, agreed=turn.parse.intent == intents.AFFIRM)
    if read.address is not None:
        address = _served_first(turn, read.address, data)  # "first one is ... the second is ..."
    if name is None and address is None and (_unsure_zip(turn, data) or _town_for(turn, data)):
        return True
    if address is not None and not address.postal_code and data.get("postal_code"):
        address = Address(address.street, address.city, str(data["postal_code"]))  # told first
    if name is None and address is None and not data.get("street") and (
            code := read_postal_code(turn.text) or postal_code_alone(turn.text)) is not None:
        # "60625", or "right on the border tho, 60202. rogers park is close": kept, never asked
        data["postal_code"] = code  # kept for the street to come
        _settle_town(turn, data)
        _next_step(turn, data, read)
        return True
    if name is None and address is None:
        if (read.refused_name and turn.parse.intent in NOT_A_REQUEST and data.get("street")
                and not data.get("name")):
            turn.misunderstood(replies.ask_name())
            return True
        return False
    if name is not None:
        data["name"] = name
    if address is not None:
        data.update(street=address.street, city=address.city, postal_code=address.postal_code)
        access = access_in(read.rest) if read.address else None
        if access and access.lower() not in address.street.lower():
            data["access"] = access  # "... 60640 2nd floor": for the technician, with the address
    if turn.parse.intent not in NOT_A_REQUEST and intents.allowed(intents.CUSTOMER,
                                                                    turn.parse.intent):
        wanted = _wanted(turn, read.rest)  # the request in the same text
        earlier = data.get("after") or {}
        # "just book me", "the heater is at my mom's" tell no new problem: the one told before
        # ("toilet wont stop") stays, with any time said now
        if not (wanted["intent"] == intents.BOOK and earlier.get("intent") == intents.BOOK
                and (not wanted["slots"].get("service")
                     or not booking.problem_in(read.rest, turn.catalog))):
            data["after"] = wanted
        elif wanted["slots"].get("when"):
            data["after"] = {**earlier, "slots": {**(earlier.get("slots") or {}),
                                                  "when": wanted["slots"]["when"]}}
    _settle_town(turn, data)
    _next_step(turn, data, read)
    return True


def _served_first(turn: Turn, first: Address, data: dict[str, Any]) -> Address:
    """Of several addresses given in one text, the first we serve; each one outside the area is
    said plainly and passed to the office as a lead. One address, or none served: `first`."""
    found = addresses_in(turn.text)
    served = [a for a in found if a.postal_code and turn.business.zone_for_postal_code(a.postal_code)]
    if len(found) < 2 or not served:
        return first
    name = data.get("name") or introduced_name(turn.text)
    who = f" ({name})" if name else ""
    for address in found:
        if address.postal_code and address not in served:
            handoff.hand_over(turn, reason=f"lead outside area: {address.street}, "
                                           f"ZIP {address.postal_code}{who}")
            turn.say(replies.one_address_outside(address.street, address.postal_code))
    # the other addresses served are added to the account once it is set up
    data[MORE_SITES] = [[a.street, a.city, a.postal_code] for a in served[1:]]
    return served[0]


def corrects_address(turn: Turn) -> bool:
    """ "Sorry typo, it's 2213 W Roscoe St not 2231", "its 1480 not 1408", "you have 1408 W 26th
    St, should be 1480 W 26th St": a customer with one address and no work booked yet retypes it;
    the address is put right in place (no second site), any question pending stays open. False
    for anything else."""
    customer = turn.customer
    if customer is None or len(customer.sites) != 1 or not _RETYPED.search(turn.text):
        return False
    site = customer.sites[0]
    if site.id is None:
        return False
    spelled = _respelled_street(turn.text, site.address)  # "its Wrightwood, i spelled it wrong"
    if spelled is None and turn.uow.jobs.find(account_id=customer.account_id):
        return False
    read = spelled or _retyped_address(turn.text, site.address)
    if read is None or _ANOTHER_PLACE.search(turn.text) or not _retyped(read.street, site.address):
        return False  # "it's for my rental at ...": another address, not this one mistyped
    code = read.postal_code or site.postal_code
    city = (town_of(code) or read.city or site.city) if read.postal_code else (read.city or site.city)
    if (read.street.casefold(), code) == (site.address.casefold(), site.postal_code):
        small_talk.settle(turn, replies.address_on_file(site.one_line()))  # put right already
        _questions_beside(turn)
        return True
    try:
        turn.run(CorrectSiteAddress(site_id=site.id, street=read.street, city=city,
                                    postal_code=code, actor=turn.actor))
    except OutsideServiceArea:
        small_talk.settle(turn, replies.retyped_outside_area(code, site.one_line()))
        return True
    fixed = turn.uow.sites.get(site.id)
    if fixed is not None:
        customer.sites[0] = fixed
    small_talk.settle(turn, replies.address_corrected(customer.sites[0].one_line()))
    _questions_beside(turn)
    return True


def _questions_beside(turn: Turn) -> None:
    """The questions told beside an address retyped get their answers ("its lincoln not lincon,
    spelled it wrong lol. how much is a drain cleaning btw")."""
    from bot.dialogue import two_parts  # imports this module's neighbours

    two_parts.questions_beside(turn)


_SPELLED = re.compile(r"\b(?:spell\w*|spelt|typo|misspel\w*|wrong|(?:it'?s|its|it is|street is|street "
                      r"name is) (?:actually |really )?[A-Za-z]+ not\b)", re.IGNORECASE)
_NOT_THIS = re.compile(r"\bnot [A-Za-z]+", re.IGNORECASE)  # "Wrightwood not Wrightwod": the wrong one


def _respelled_street(text: str, street: str) -> Address | None:
    """ "its Wrightwood btw i spelled it wrong": the street on file with a word of its name
    spelled right (the same place, even with work booked there); None for anything else."""
    if not _SPELLED.search(text) or read_signup(text).address is not None:
        return None
    words = street.split()
    # "wrong" alone says nothing of spelling: the street's name then comes written as a name
    any_case = re.search(r"\b(?:spell\w*|spelt|typo|misspel\w*|street)\b", text, re.IGNORECASE)
    for said in re.findall(r"[A-Za-z]{4,}" if any_case else r"\b[A-Z][a-z]{3,}", _NOT_THIS.sub(" ", text)):
        for n, word in enumerate(words[1:], start=1):
            respelled = " ".join([*words[:n], said.capitalize(), *words[n + 1:]])
            if said.casefold() != word.casefold() and respelled_street(street, respelled):
                return Address(respelled)
    return None


def _retyped(new: str, old: str) -> bool:
    """A retyped street keeps its name (another house number) or its house number (a street
    name mistyped); anything else is another address."""
    new_number, _, new_name = new.casefold().partition(" ")
    old_number, _, old_name = old.casefold().partition(" ")
    return new_name == old_name or new_number == old_number


def _retyped_address(text: str, street: str) -> Address | None:
    """The address a correction gives: the one after "should be" or "change it to" when the
    text also quotes the old one, else the one it gives; or the street on file with the house
    number retyped ("its 1480 not 1408", "1245 W Byron not 1254")."""
    for part in reversed(_NEW_ONE.split(text)[1:]):
        read = read_signup(part).address
        if read is not None:
            return read
    read = read_signup(text).address
    if read is not None:
        return read
    number = street.split()[0] if street.split() and street.split()[0].isdigit() else None
    given = {n for n in _NUMBER.findall(text) if n != number}
    if number is None or len(given) != 1:
        return None
    new = given.pop()
    if number not in _NUMBER.findall(text) and sorted(new) != sorted(number):
        return None  # neither the old number quoted nor its digits swapped: not a retyped number
    return Address(f"{new}{street[len(number):]}")


def repeated(turn: Turn) -> bool:
    """ "Jen Walsh. like i said", "i said 60614": a customer's own name, ZIP or street sent again
    is acknowledged with what is on file, and any question pending stays open."""
    customer = turn.customer
    if customer is None or not customer.sites or turn.parse.intent not in NAME_ONLY_INTENTS:
        return False
    text = _SAID.sub(" ", _NO_LEAD.sub("", turn.text))  # "no i said 60613!": said again
    code = read_postal_code(text)
    read = read_signup(text)
    if turn.conversation.is_active(turn.now) and (read.address is not None or code is not None) \
            and turn.step != offers.PICK:
        return False  # an address or ZIP may answer the question pending ("the right address?")
    name = customer.contact.name.casefold()
    if code is not None:
        same = code in {site.postal_code for site in customer.sites}
    elif read.address is not None:
        same = (any(read.address.street.casefold() == site.address.casefold()
                    for site in customer.sites)
                and (read.name is None or read.name.casefold() == name))
    else:
        same = read.name is not None and read.name.casefold() == name
    if not same:
        return False
    site = customer.site or customer.sites[0]
    first = NewCustomerDetails(customer.contact.name, "", "", "").first_name
    if turn.conversation.is_active(turn.now):  # "i told you already": the question again
        turn.say(replies.already_set_up(first, site.one_line()))
        turn.say(small_talk.still_open(turn))
    else:
        small_talk.settle(turn, replies.already_set_up(first, site.one_line()))
    return True


def _still_missing(data: dict[str, Any]) -> Reply | None:
    """The question for what a half-given sign-up still lacks, None when nothing was given."""
    name, street = data.get("name"), data.get("street")
    if not street and not name and data.get("postal_code"):
        return replies.ask_street(str(data["postal_code"]))
    if street and not name:
        return replies.ask_name()
    if name and not street:
        return replies.ask_address(NewCustomerDetails(str(name), "", "", "").first_name)
    if street and not data.get("postal_code"):
        return replies.ask_zip(str(street), data.get("zip_choices") or ())
    return None


def refused_area(turn: Turn) -> str | None:
    """The place ("ZIP 60202", "Evanston") a newcomer was told lately is outside the area: by the
    sign-up under way, or by an answer about the area; None when none was."""
    pending = turn.conversation
    if pending.is_active(turn.now) and pending.flow == FLOW and pending.data.get(OUTSIDE):
        return str(pending.data[OUTSIDE])
    told = turn.recent(topics.REFUSED_AREA) if turn.customer is None else None
    return str(told["where"]) if told is not None and told.get("where") else None


def _gives_a_place(text: str) -> bool:
    """True when the text gives an address or a ZIP: a sign-up's, to be read again."""
    return (read_signup(text).address is not None or read_postal_code(text) is not None
            or postal_code_alone(text) is not None)


def ask_after_danger(turn: Turn, after: dict[str, Any], otherwise: Reply) -> None:
    """A danger reported mid sign-up: what was given (a name, a street) is kept and only what is
    missing is asked (`otherwise` when nothing was given); the request becomes the danger's. An
    address already refused as outside the area is never asked for again: the safety step,
    which says who to call, is all."""
    data = turn.data if turn.conversation.is_active(turn.now) and turn.conversation.flow == FLOW \
        else {}
    refused = refused_area(turn)
    if refused is not None and not _gives_a_place(turn.text):
        turn.conversation.start(FLOW, "details", {**turn.kept(), **data, "after": after,
                                                  OUTSIDE: refused},
                                now=turn.now, expires_at=turn.now + CONVERSATION_TTL)
        return
    given = {key: data[key] for key in ("name", "street", "city", "postal_code", "zip_choices")
             if data.get(key)}
    if read_signup(turn.text).address is not None:  # "no heat at 7420 Madison St 60130, Im Greg"
        turn.conversation.start(FLOW, "details", {**turn.kept(), **given, "after": after},
                                now=turn.now, expires_at=turn.now + CONVERSATION_TTL)
        if _take(turn):
            return
    turn.ask(FLOW, "details", {**given, "after": after}, _still_missing(given) or otherwise)


def _zip_for(text: str, data: dict[str, Any], *, agreed: bool = False) -> Address | None:
    """A ZIP sent alone completes the address given before; so does a yes to the one ZIP asked
    about ("is it 60613?")."""
    code = read_postal_code(text) or postal_code_alone(text)  # "60640. water's off now"
    choices = list(data.get("zip_choices") or ())
    if code is None and agreed and len(choices) == 1:
        code = str(choices[0])
    if code is None and len(guessed := zip_guesses(text)) == 1:  # "60302 i think"
        code = guessed[0]
    if code is None and _RETYPED.search(text):  # "sorry typo, its 60614"
        codes = re.findall(r"(?<!\d)\d{5}(?!\d)", text)
        code = codes[0] if len(codes) == 1 and not re.search(r"\d{1,6}\s+[A-Za-z]", text) else None
    if code is None or not data.get("street"):
        return None
    return Address(str(data["street"]), str(data.get("city") or ""), code)


def _unsure_zip(turn: Turn, data: dict[str, Any]) -> bool:
    """ "60657 i think? or 13" for the street given: the ZIPs guessed are asked about, the one
    served named ("is it 60613?"); False when the text is not such a guess."""
    guesses = zip_guesses(turn.text)
    if not data.get("street") or data.get("postal_code") or len(guesses) < 2:
        return False
    served = [code for code in guesses if turn.business.zone_for_postal_code(code) is not None]
    data["zip_choices"] = served or guesses
    if len(served) == 1:
        unserved = [code for code in guesses if code not in served]
        turn.ask(FLOW, "details", data, replies.zip_guessed(str(data["street"]), served[0],
                                                            unserved))
    else:
        turn.ask(FLOW, "details", data, replies.ask_zip(str(data["street"]), data["zip_choices"]))
    return True


def _town_for(turn: Turn, data: dict[str, Any]) -> bool:
    """ "its in oak park" for the street given: the town is kept and its ZIP asked (or known,
    when the town has one served ZIP); False when the text gives no town."""
    town = town_given(turn.text)
    if not data.get("street") or data.get("postal_code") or town is None:
        return False
    if not town[1] and not data.get("name"):
        return False  # "Jackson" with no name yet: a name as likely as a town
    data["city"] = town[0]
    _settle_town(turn, data)
    _next_step(turn, data, read_signup(""))
    return True


def _settle_town(turn: Turn, data: dict[str, Any]) -> None:
    """The ZIP names the town; a town with exactly one served ZIP names the ZIP."""
    code = str(data.get("postal_code") or "")
    if code:
        data["city"] = town_of(code) or data.get("city") or ""
        return
    town = str(data.get("city") or "")
    served = served_zips_in(turn.business, town) if town else []
    data["zip_choices"] = served if len(served) <= 3 else []  # "Chicago": just ask the ZIP
    if len(served) == 1:
        data["postal_code"] = served[0]


def _next_step(turn: Turn, data: dict[str, Any], read: SignUpText) -> None:
    """Ask for what is still missing, turn away what is outside the area, or sign up."""
    name = data.get("name")
    code = str(data.get("postal_code") or "")
    if code and turn.business.zone_for_postal_code(code) is None:
        _outside_area(turn, f"ZIP {code}", data)
        return
    question = _still_missing(data)
    if question is not None:
        turn.ask(FLOW, "details", data, question)
    elif name is None:
        turn.ask(FLOW, "details", data, replies.ask_name() if read.refused_name
                 else replies.details_unclear())
    else:
        _sign_up(turn, data)


def _outside_area(turn: Turn, where: str, data: dict[str, Any]) -> None:
    """Say honestly that the address is not served, and which areas are; the office gets a lead.
    The name and the request stay, so another address ("my rental is at ...") completes the
    sign-up."""
    served = "; ".join(f"{town} {', '.join(codes)}" for town, codes in
                       served_places(turn.business))
    name = data.get("name")
    who = f" ({name})" if name else ""
    handoff.hand_over(turn, reason=f"lead outside area: {where}{who}")
    # the street stays too: "sorry typo, its 60614" puts the ZIP right
    kept = {key: data[key] for key in ("name", "after", "street") if data.get(key)}
    turn.ask(FLOW, "details", {**kept, OUTSIDE: where}, replies.outside_area(where, served))


# "can you recommend someone", "who else can come", "do you know a plumber who does": another
# company asked for, after hearing we can't come.
_ANOTHER_COMPANY = re.compile(r"\b(?:recommend|refer|suggest|know (?:of )?(?:a|any|anyone|someone|"
                              r"somebody)|who else|someone else|somebody else|another (?:company|"
                              r"plumber|electrician|tech|hvac))\b", re.IGNORECASE)
_WATER_NOW = re.compile(r"\b(?:water|leak\w*|flood\w*|drip\w*|burst)\b", re.IGNORECASE)


def _still_outside(turn: Turn, data: dict[str, Any]) -> None:
    """After the honest no: the no again (or, asked for another company, none named and who to
    call), with the step that stops water still coming; the details are never asked again."""
    from bot.dialogue import safety_followup  # imports this module

    where = str(data[OUTSIDE])
    if safety_followup.asks_about_safety(turn.text):  # "is that dangerous? should i turn it off"
        turn.say(safety_replies.off_until_checked())
    elif _WATER_NOW.search(turn.text):
        heater = re.search(r"\b(?:water heater|tank)\b", turn.text, re.IGNORECASE) is not None
        turn.say(safety_replies.leak_step(heater=heater))
    if _ANOTHER_COMPANY.search(turn.text):
        service = turn.parse.slots.get("service")
        skill = turn.catalog.get(service).skill if service in turn.catalog.ids() else ""
        trade = {"plumbing": "plumber", "electrical": "electrician",
                 "hvac": "heating & cooling company"}.get(skill, "contractor")
        if skill == "" and _WATER_NOW.search(turn.text):
            trade = "plumber"
        turn.ask(FLOW, "details", data, replies.outside_area_other_help(where, trade=trade))
        return
    turn.ask(FLOW, "details", data, replies.still_outside_area(where))


def keep_given(turn: Turn, service: str | None) -> None:
    """A newcomer handed to a person (a text in Spanish) who gave their name and address: kept,
    with the need told, so a text after it is never asked them again."""
    if turn.customer is not None:
        return
    details = read_details(turn.text)
    earlier = turn.conversation.data.get(GIVEN)
    kept: dict[str, Any] = dict(earlier) if isinstance(earlier, dict) else {}
    if details is not None:
        kept.update(name=introduced_name(turn.text) or details.name, street=details.street,
                    city=details.city,
                    postal_code=details.postal_code)
    if service and not kept.get("service"):
        kept.update(service=service, problem=turn.text[:200])
    if kept:
        turn.remember(GIVEN, kept)


def _look_up_or_ask(turn: Turn, data: dict[str, Any]) -> None:
    """A visit asked about from an unknown number: the office looks it up under the name or
    address given; with neither, say none is booked from this number and ask for them."""
    read = read_signup(turn.text)
    name = read.name if read.address or turn.parse.intent in NAME_ONLY_INTENTS else None
    where = read.address.one_line() if read.address else name
    if where:
        newcomer_asks.look_up(turn, where)
    else:
        turn.ask(FLOW, "details", {**data, newcomer_asks.LOOKUP: True},
                 replies.no_visit_for_number())


def _sign_up(turn: Turn, data: dict[str, Any]) -> None:
    """Register the customer (RegisterCustomer), welcome them, then carry on with their request."""
    customer = turn.run(RegisterCustomer(
        name=str(data["name"]), channel=turn.channel, address=turn.address,
        street=str(data["street"]), city=str(data.get("city") or ""),
        postal_code=str(data["postal_code"]), message_id=turn.message_id,
        access_notes=str(data.get("access") or "")))
    turn.uow.senders.remember(turn.channel, turn.address, customer)
    turn.customer = customer
    site = customer.sites[0]
    for street, city, code in data.get(MORE_SITES) or []:  # "... and the second is ...": theirs too
        more = turn.run(AddSite(account_id=customer.account_id, street=street,
                                city=city or town_of(code) or site.city, postal_code=code,
                                actor=turn.actor))
        added = turn.uow.sites.get(int(more))
        if added is not None:
            customer.sites.append(added)
    after: dict[str, Any] = data.get("after") or {}
    first = NewCustomerDetails(str(data["name"]), site.address, site.city, site.postal_code)
    where = f"{site.one_line()} ({site.access_notes})" if site.access_notes else site.one_line()
    turn.finish(replies.welcome(first.first_name, where))
    if len(customer.sites) > 1:
        turn.say(replies.also_on_file([s.one_line() for s in customer.sites[1:]]))
    turn.conversation.data = turn.kept()
    if after.get("intent") and turn.start_intent is not None:
        turn.parse = Parse(str(after["intent"]), dict(after.get("slots") or {}), 1.0)
        turn.text = str(after.get("text", ""))
        turn.start_intent(turn)
    elif data.get(ASKED):  # the service asked about before the sign-up ("need a tune up")
        turn.say(replies.book_asked_service(turn.catalog.get(str(data[ASKED])).name.lower()))
        topics.remember_service(turn, str(data[ASKED]))  # "thursday morning" books it next
    else:
        turn.say(replies.menu(turn.business.name))


def _wanted(turn: Turn, text: str) -> dict[str, Any]:
    """What the newcomer asked for, kept (JSON) until they are set up; a visit asked for with
    no problem named is for the service whose price they asked just before."""
    slots = dict(turn.parse.slots)
    asked = turn.conversation.data.get(ASKED)
    if turn.parse.intent == intents.BOOK and not slots.get("service") and asked:
        slots["service"] = asked
    told = turn.conversation.data.get(TOLD)
    if (turn.parse.intent == intents.BOOK and told and slots.get("service") == asked
            and not booking.problem_in(text, turn.catalog)):
        slots[booking.PROBLEM] = told  # the problem told before: the job's scope
    return {"intent": turn.parse.intent, "slots": slots, "text": text[:300]}


