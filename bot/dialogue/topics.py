"""Questions about the business itself: its hours, its area, its services and their prices.

Every answer is read from the company's own data (BusinessSettings, its zones, the catalog), so
another company file gives its own answers. A question is answered and the conversation goes on;
a booking that merely asks the price as well still books (the price is said first).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from bot.dialogue import area, handoff, quote_questions, replies, small_talk
from bot.dialogue.reply import Reply
from bot.dialogue.times import local, window_label
from bot.dialogue.turn import CONVERSATION_TTL
from bot.nlu import intents
from bot.nlu.services import ServiceMatcher
from bot.nlu.small_talk import strip_greeting
from bot.nlu.text import normalize
from domain.business import ServiceZone
from domain.catalog import Catalog, Service
from domain.hours import Span, WeeklyHours
from domain.money import format_cents
from domain.places import town_of

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

LIST_BUDGET = 215  # characters a list (hours, ZIPs, services) may take in one reply
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_YOU = r"(?:you|u|y all|yall|ya)(?: guys| all| folks| people)?"

_HOURS = re.compile(
    rf"\b(?:are|r) {_YOU} (?:still |even |currently )?(?:open|closed)\b"
    r"|\b(?:if|whether) (?:you'?re|youre|you are|ur|u r|u re|y'?all are) (?:still )?open\b"
    rf"|\bdo {_YOU} (?:open|close)\b|\bdo {_YOU} (?:work|do)(?= (?:on )?"
    r"(?:the )?(?:weekends?|today|tonight|tomorrow|late|nights?|evenings?|holidays?|24|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?)\b)"
    r"|\b(?:your|business|office|opening|working|open) hours\b|\bhours of (?:operation|business)\b"
    r"|\bwhat (?:are|r) (?:your|the) hours\b(?! (?:for|of|at|in)\b)"
    rf"|\bwhat time (?:do|are) {_YOU} (?:open|close|closing|opening)\b"
    rf"|\bwhen (?:do|are) {_YOU} (?:open|close|closed|closing|opening)\b|^(?:hours|open)\W*$"
    rf"|\bwhat (?:days|times?|hours) (?:do|are) {_YOU} (?:work|open|working|available)\b"
    r"|\b(?:open|closed) (?:on )?(?:today|tomorrow|the weekend|weekends?|(?:mon|tues|wednes|thurs|fri|"
    r"satur|sun)days?)\W*$"
)
_DAY = re.compile(r"\b(?:(mon|tues|wednes|thurs|fri|satur|sun)days?|(weekends?)|(today|tonight)|"
                  r"(tomorrow))\b")
# A visit supposed, not asked for: "if a pipe bursts on a sunday do you have emergency service",
# "if something breaks on a sunday can you come?": a question about the service.
_SUPPOSED = re.compile(
    r"\b(?:what if|if|in case|suppose|supposing)\b[^?.!]{0,60}?\b(?:breaks?|broke|bursts?|floods?|"
    r"leaks?|goes out|went out|quits?|dies|fails?|stops? working|emergenc\w*|nights?|weekends?|"
    r"holidays?|(?:satur|sun)days?)\b[^?.!]{0,60}?\b(?:can|could|do|does|will|would|is)"
    rf" (?:{_YOU}|someone|somebody|anyone|anybody|there)\b")
# "whats the office phone number", "what number can i call": the business's phone.
_PHONE = re.compile(r"\b(?:phone|telephone|office|contact|call ?back) (?:number|#|no)\b|"
                    r"\bwhat(?:'?s| is) (?:your|the) (?:\w+ )?number\b|"
                    r"\b(?:what )?number (?:can|do|should|could) (?:i|we) call\b|\bnumber to call\b")
_NOW = re.compile(r"\b(?:right now|now|at the moment|currently|still open)\b")
_HOLIDAY = re.compile(r"\b(?:holidays?|christmas|xmas|thanksgiving|new year\w*|easter|july 4\w*|"
                      r"4th of july|fourth of july|independence day|labor day|memorial day)\b")
# "Anyone there?", "is anybody working today", "nobody in the office right now?"
_ANYONE_THERE = re.compile(
    r"\b(?:any ?one|any ?body|some ?one|some ?body|no ?one|nobody)(?: (?:is|still))? "
    r"(?:there|here|around|working|in(?: the| your)? office|answering)\b(?! (?:to|who|that|for)\b)")
TOPIC_KEY = "topic"  # what the last answer was about, for one text after it
_WHAT_ABOUT = re.compile(r"^(?:(?:ok|okay|and|so|hm+|well|oh|ah|alright|cool|thanks)\W+)*(?:what|how) about "
                         r"(?P<thing>[^?.!]+?)\W*$"
                         # "and maywood?": a short follow-up naming one more thing
                         r"|^(?:and|also|or|plus) (?:(?:in|to|for) )?(?P<more>\w+(?: \w+){0,2})\s*\?\W*$"
                         # "and to unclog a kitchen sink?": one more service, after a price
                         r"|^(?:and|also|or|plus) (?:to|for) (?P<longer>\w+(?: \w+){3,4})\s*\?\W*$")
# A follow-up asked again in the words of the topic's own question.
_ASK_AGAIN = {"services": "do you do {}", "price": "how much is {}", "area": "do you serve {}",
              "hours": "are you open {}"}
_DAY_STEMS = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")
# A clause asking for the hours as a whole ("what are your hours?"), beside one about a day.
_WHOLE_WEEK = re.compile(rf"\bhours\b|\bwhen (?:are|r) {_YOU} open\b|\bwhat time (?:do|are) {_YOU}\b")

# "do you ...", "would you ...", and the same asked as a statement: "so you'd come to evanston?"
_ASKS_YOU = (rf"(?:(?:do|does|will|would|can|could|if|whether)(?:nt| not)? {_YOU}"
             rf"|{_YOU}(?:d| would| will| wont| can| could)(?:nt| not)?)")
_AREA_VERB = (rf"\b{_ASKS_YOU} (?:also |even )?"
              r"(?:serve|service|cover|come|go|travel|drive|work|get)(?: out)?(?: to| in| into| as far as|"
              r" near| around| over to)?\b")
_AREA_WORDS = re.compile(
    r"\b(?:service area|your area|my area|our area|the area|areas?|towns?|cities|city|zips?|"
    r"zip codes?|postal codes?|neighbou?rhoods?|suburbs?|locations?)\b"
)
_AREA_QUESTION = re.compile(
    _AREA_VERB + r"|\bare " + _YOU + r" in\b|\bwhere (?:do|are) " + _YOU
    + r" (?:serve|service|cover|work|located|based)\b|\bwhat (?:areas?|towns?|cities|zips?|zip codes?|"
    r"neighbou?rhoods?|suburbs?|parts of (?:town|the city|chicago|\w+)) (?:do|does|are|can|will) "
    + _YOU + r"\b|\b(?:in|outside) (?:of )?your (?:service )?area\b"
)
_PLACE_AFTER = re.compile(
    rf"\b{_ASKS_YOU} (?:also |even )?"
    r"(?:(?:serve|service|cover)(?: in| to)?|"
    r"(?:come|go|travel|drive|work|get)(?: out)? (?:to|in|into|as far as|near|around|over to))"
    r"(?: the)? (?P<place>[a-z][a-z .'-]{1,40}?)"
                          r"(?:,? (?:il|illinois|az|arizona))?(?: area| too| also| at all| please)?\W*$")
# Where the sender says they are ("we're in Evanston 60201", "i'm out in oak park"): a place
# that is not served is said at once, whatever else was asked.
_WHERE_THEY_ARE = re.compile(
    r"\b(?:we re|were|we are|i m|im|i am|we live|i live|we(?: re)? located|i(?: m)? located|"
    r"we(?: re)? based|i(?: m)? based|my (?:house|home|place) is|our (?:house|home|place) is)"
    r"(?: (?:located|based|out|over|up|down))? (?:in|at|near|by) "
    r"(?P<place>[a-z][a-z .'-]{1,30}?)(?:,? (?:il|illinois|az|arizona))?(?= \d{5}|\W*$|[,.;!?])")
# Words that make an unknown name after "do you ... to" a place asked about.
_AREA_CONTEXT = re.compile(r"\b(?:serve|service|cover|come out|out to|out in|travel|drive|area)\b")
_ZIP = re.compile(r"(?<!\d)(\d{5})(?:-\d{4})?(?!\d)")
_SENTENCES = re.compile(r"(?<=[?!.])\s+")
_STREET_NUMBER = re.compile(r"\b\d+[a-z]?\s+[a-z]")
# Words that make a phrase after "do you come (to)" anything but a place name.
_NOT_A_PLACE = frozenset(
    "my me us our here there it this that today tomorrow tonight now soon asap out home house place "
    "a an to fix do look see help check then though anyway exactly again".split())

_SERVICES_QUESTION = re.compile(
    r"(?:(?:^|[,.;!?]\s*|\b(?:and|so|also|but|hey|guys|folks|wondering|q|question)\s+)"
    r"(?:(?:do|does|can|could|will|would) )?"
    r"|\b(?:know|wondering|asking|asked|ask|curious|tell me) (?:if|whether) )"
    rf"(?:{_YOU}|your (?:company|guys|team|techs?|technicians?)) "
    r"(?:also |even |ever )?(?P<verb>do|fix|repair|install|replace|handle|work on|service|offer|"
    r"provide|clean|deal with|take care of|sell|work with|put in|hang|mount)\b(?P<thing>[^?!.]*)"
    r"|\bwhat (?:services|kind of (?:work|services|jobs|things) do)\b|\bwhat (?:else )?(?:do|can) " + _YOU
    + r" (?:do|fix|offer)\W*$|\bservices? (?:do )?" + _YOU + r" offer\b"
)
# Other trades than heating, cooling, plumbing and electrical, even where a catalog keyword sits in
# them ("pool heater", "washing machine"): a "do you fix ...?" about them is an honest no.
# Hook-ups, lines and wiring for them are our trades' work and are left to the catalog.
_OTHER_TRADE = re.compile(
    r"\b(?:roof\w*|shingles?|gutters?|siding|appliances?|fridges?|refrigerators?|freezers?|"
    r"washers?|washing machines?|dryers?|ovens?|stoves?|microwaves?|pools?|pool heaters?|hot tubs?|"
    r"spas?|pest\w*|locks?|locksmith\w*|drywall|painting|carpentry|landscaping|cars?|snow\w*|plow\w*|"
    r"floor(?:s|ing)|carpets?|tiling)\b")
# Work next to our trades that no service of ours covers, even as an install or its lines:
# "dental air compressors or vacuum lines", "EV chargers", "solar panels", "elevator repair".
_SPECIALTY = re.compile(
    r"\b(?:dental|medical|lab|laboratory|ev|electric (?:vehicle|car)|tesla|car charg\w*|"
    r"vehicle charg\w*|solar(?: panels?)?|elevators?|escalators?|garage doors?|sprinklers?|"
    r"irrigation|septic(?: tanks?)?|security systems?|dryer vents?)\b")
# Words that name a kind of work only with its equipment after them ("dental compressors"); alone
# they may be a company's name ("Riverside Dental").
_SPECIALTY_KINDS = frozenset({"dental", "medical", "lab", "laboratory", "ev", "electric vehicle",
                              "electric car", "tesla"})
_SPECIALTY_NOUN = re.compile(r"\s+(?:air )?(?:chargers?|charging(?: stations?)?|compressors?|"
                             r"panels?|equipment|systems?|repair|lines?|chairs?|tanks?)\b")
# A question that asks whether, not for a visit: "yes or no?", "is that something you do".
_ASKS_IF_WE_DO = re.compile(r"\?|\byes or no\b|\bsomething (?:you|u) (?:do|guys do)\b|"
                            r"\bjust asking\b")
_OUR_PART = re.compile(r"\b(?:hook ?-?ups?|hook up|lines?|wiring|wired|circuits?|outlets?|vents?|"
                       r"connections?|gas lines?|water lines?|install\w*)\b")
# Things a "do you do ...?" may ask about that are no service of any catalog; left to other flows.
_NOT_A_SERVICE = re.compile(
    r"\b(?:emergenc\w*|urgent|same day|24|weekends?|after hours|estimates?|quotes?|financing|"
    r"warranty|warranties|discounts?|payment|pay|cards?|cash|checks?|it|this|that|them|my|our|me|us|"
    r"today|tomorrow|tonight|now|soon|asap|here|there|something|anything|stuff|one|"
    # Who the customer is, not what is done for them: the catalog cannot say.
    r"commercial|residential|business(?:es)?|offices?|apartments?|rentals?|landlords?|restaurants?)\b"
)
_NOT_A_THING = re.compile(r"(?:on|if|after|all|with|for|when|while|to|in|at|about|so|any ?more|well|"
                          r"good|ok|okay|right|better|now)\b")
# "Do you (guys) do ...?" asks whether; "can you fix ...?" about a named service asks for a visit.
_ASKS_WHETHER = re.compile(
    r"(?:^|[,.;:!?]\s*)(?:(?:so|and|also|hey|hi|hello|ok|okay|just wondering|quick question|quick q|"
    r"question|q|just curious|curious)\W+)*(?:do|does)\b"
    # "i asked if you clean ducts", "wondering whether you do ...": whether, said as a statement
    r"|\b(?:asked|asking|ask|wondering|know|curious) (?:if|whether) (?:you|u|y'?all|your)\b"
    r"|\byes or no\b")
_PRICE = re.compile(r"\b(?:how much|price|prices|pricing|cost|costs|fee|fees|charge|charges|rates?|"
                    r"ballpark|usually run|(?:does|would|will) (?:\w+ ){1,4}run(?: me| us)?|"
                    r"set (?:me|us) back)\b")
# New equipment, not a repair or service of it: its price is a quote, never the catalog's.
_EQUIPMENT = (r"(?:boiler|furnace|water heater|tankless(?: water heater)?|air conditioner|ac unit|"
              r"central air|heat pump|mini[ -]?split|condenser|hvac system|electrical panel|panel|"
              r"sewer line|sump pump)")
_REPLACEMENT = re.compile(
    rf"\b(?:new|replac\w*|install\w*|upgrad\w*)\b(?: \w+){{0,3}}? (?P<thing>{_EQUIPMENT})(?:e?s)?\b"
    rf"|\b(?P<thing2>{_EQUIPMENT}) (?:replacement|install\w*|upgrade)\b")
_PRICE_GENERIC = re.compile(
    r"\b(?:service call|service fee|call out|callout|call-out|trip (?:charge|fee)|visit fee|house call|"
    r"diagnostic|(?:do|would|will) " + _YOU + r" charge|your (?:rates?|prices?|pricing|fees?)|"
    r"to come out|for a visit"
    # "how much just to have someone come take a look": what a visit to look costs
    r"|(?:come|stop by|swing by|come over|come out|pop by|pop over) (?:and )?(?:take|have) a look"
    r"|just to (?:have|get|send) (?:someone|somebody|a tech|a technician|a plumber|an electrician|you)"
    r"(?: to)? (?:come|look|check|see))\b"
)
# Flows whose question is no price: a service's price named while they wait is the catalog's
# ("how much is a tune up?" while asked which visit to move).
_PRICELESS_FLOWS = frozenset({"book", "reschedule", "cancel", "onboard", "reminder"})
# A price asked about a quote, a bill, the job already agreed or cancelling is not in the catalog.
_NOT_OUR_PRICE = re.compile(r"\b(?:quotes?|estimates?|bills?|invoices?|again|total|q ?-?\d+|approve\w*|"
                            r"paid|pay|cancel\w*|reschedul\w*|late|parts?|buy\w*|worth|sell\w*|"
                            # Money that is none of the business's: a card's rate, a loan, taxes.
                            r"credit|cards?|accounts?|bank|loans?|tax\w*|insurance|rent|apr|interest)\b"
                            r"|\$\d|\b(?:how much|what) (?:is|are|does|do|did) (?:my|i|our|we)\b")
# Who pays, not what anything costs: "bill goes to me not her", "send the invoice to my office".
_WHO_PAYS = re.compile(r"\b(?:the )?(?:bill|invoice)s? (?:goes|go|should go|is going|gets sent|"
                       r"to be sent|will go) to\b|\b(?:send|mail|email) (?:the )?(?:bill|invoice)s? to\b"
                       r"|\bbill (?:me|it to)\b")
# An extra charge asked about for the hours it is done in ("do you charge extra for weekends?",
# "is there an emergency fee?"), not the price of a service.
_ODD_HOURS = (r"(?:nights?|evenings?|weekends?|after ?-?hours?|holidays?|emergenc\w*|saturdays?|"
              r"sundays?|late|overnight|off hours)")
_SURCHARGE = re.compile(
    rf"\b(?:extra|more|additional|surcharge|premium|overtime|double|time and a half)\b.*\b{_ODD_HOURS}\b"
    rf"|\b{_ODD_HOURS} (?:call )?(?:fees?|rates?|charges?|surcharges?|pricing|premium)\b")
# Whether emergencies are taken at all ("do you do emergency calls on weekends?", "are you 24/7?").
_EMERGENCY_SERVICE = re.compile(
    rf"\b(?:do|does|can|will|would) {_YOU} (?:do|take|handle|offer|have|answer|respond to|come out for|"
    r"come for|cover) (?:\w+ )?(?:emergenc\w*|24 ?/ ?7|24 hours?|after ?hours|same ?day)"
    rf"|\b(?:are|r) {_YOU} (?:open )?(?:24 ?/ ?7|24 hours)\b")
# A question for the whole price list ("how much do you charge?"), not a price merely mentioned.
_ASKS_PRICES = re.compile(
    rf"\bhow much (?:do|would|will|does|did) {_YOU} (?:charge|cost|ask)\b|\bwhat (?:do|does|would|will) "
    rf"{_YOU} charge\b|\bwhat (?:are|is) your (?:prices?|rates?|fees?|pricing|charges?)\b"
    r"|^how much (?:is it|are you|does it cost|would it (?:be|cost))\W*$"
)
# Asking for a lower price: prices are not bargained by text, a person calls.
# "Which quote is cheaper?" compares; it asks for no lower price.
_CHEAPER = re.compile(r"^(?!.*\b(?:which|compare|difference|vs|versus)\b).*\b(?:cheaper|discounts?|"
                      r"lower (?:the )?(?:price|cost)|better (?:price|deal)|price match|coupons?|"
                      r"negotiat\w*|knock (?:some|it|that) (?:off|down)|come down on)\b")
_BOOKING_WORDS = re.compile(
    r"\b(?:book|schedule|send (?:someone|somebody|a tech|a plumber|an electrician)|appointment|"
    r"(?:i|we) need|need (?:a|an|someone|somebody|you)|can someone|can somebody|"
    r"come out (?:today|tomorrow|on)|set up)\b"
)


def answer(turn: Turn) -> bool:
    """Answer a question about the business; False when the text asks something else."""
    text = strip_greeting(normalize(turn.text))
    intent = turn.parse.intent
    if intent not in (intents.UNKNOWN, intents.HELP, intents.BOOK, intents.GREET):
        return False
    text = _follow_up(turn, text) or text
    if _not_our_work(turn, text):
        return True
    if _CHEAPER.search(text) and not (turn.customer is not None and quote_questions.shown(turn)):
        # With quotes of their own, a lower price asked is about a quote: the quote flow's
        handoff.hand_over(turn, reason="asks for a lower price")
        small_talk.settle(turn, replies.price_by_a_person(), done=handoff.HANDED_OVER)
        return True
    supposed = _SUPPOSED.search(text) is not None
    booking = intent == intents.BOOK and not supposed and (
        turn.parse.slots.get("when") is not None or _BOOKING_WORDS.search(text) is not None)
    if _anyone_there(turn, text, booking=booking):
        return True
    phone = _PHONE.search(text) is not None
    if _HOURS.search(text) and not (booking and not _is_question(text)):
        _services_beside(turn, text)
        _hours(turn, text)
        _price_beside(turn, text)
        if phone:  # "are u still open right now? whats the office phone number"
            turn.say(replies.phone_number(turn.business.phone))
        return True
    if phone:
        _answered(turn, replies.phone_number(turn.business.phone), "hours")
        return True
    if _area(turn, text, booking=booking):
        return True
    if (_EMERGENCY_SERVICE.search(text) or supposed) and not booking \
            and not turn.parse.slots.get("urgency"):
        # "if a pipe bursts on a sunday do you have emergency service": that day named back
        days = [label for label, _ in asked_days(text, local(turn.now, turn.business.timezone).date())]
        _answered(turn, replies.emergencies_anytime(fit(week_hours(turn.business.business_hours)),
                                                    days=days), "hours")
        return True
    if _SURCHARGE.search(text) and (_PRICE.search(text) or "surcharge" in text):
        _answered(turn, replies.after_hours_charge(fit(week_hours(turn.business.business_hours))),
                  "price")
        return True
    if _price_covers(turn, text):
        return True
    if _PRICE.search(text) and not _NOT_OUR_PRICE.search(_WHO_PAYS.sub(" ", text)):
        if turn.customer is not None and quote_questions.names_a_quote(turn):
            return False  # "how much is the AC one": their quote's price, not the catalog's
        if _new_equipment(turn, text, "asks a ballpark price"):
            return True
        # "i have eddie at 11 right? how much is the tune up": a day said is no visit asked for;
        # a newcomer who sends their name and address with the day wants it booked too
        return _price(turn, text, booking=booking and (
            _BOOKING_WORDS.search(text) is not None or _signs_up(turn)))
    # "what can you do?" asks about the bot (the menu), not the business's services.
    if not booking and intent != intents.HELP and _services(turn, text):
        return True
    if turn.conversation.is_active(turn.now) and (also := _also_work(turn)) is not None:
        _answered(turn, also, "services")  # "can he also put in a new faucet while he's here?"
        return True
    return False


# "while he's here can he install a toilet", "could the tech also look at the dryer vent"
_ALSO_WORK = re.compile(
    r"\b(?:can|could|would|will) (?:he|she|they|the (?:tech|technician|plumber|electrician|guy))"
    r"(?: also)? (?P<verb>install|fix|replace|look at|check|hook up|put in|swap|repair|do)"
    r"(?: (?:a|an|the|my|our|this|that|some))? (?P<thing>[a-z][a-z -]{1,40}?)"
    r"(?= (?:i|we|that|which|too|as well|also|while|when|for|from)\b|[?.!,]|$)")


def _also_work(turn: Turn) -> Reply | None:
    """More work asked of the technician coming: yes when a service of ours covers it (to tell
    the technician), else the office is asked to confirm; None when the text asks none."""
    found = _ALSO_WORK.search(normalize(turn.text))
    if found is None or _NOT_A_SERVICE.fullmatch(found.group("thing")):
        return None
    thing, verb = found.group("thing").strip(), found.group("verb")
    service_id = _matcher(turn.catalog).match(thing)
    if service_id is None:
        handoff.hand_over(turn, reason=f'asks whether the technician can also {verb} "{thing}"')
        return replies.also_work_to_check(verb, thing)
    service = turn.catalog.get(service_id)
    return replies.also_work(verb, thing, service.name)


def _signs_up(turn: Turn) -> bool:
    """A newcomer's text that gives a service address ("... 1210 S Harvey Ave Oak Park 60304,
    Lucia Ramirez. how much?")."""
    from bot.dialogue.addresses import read_signup  # imports this module's neighbours

    return turn.customer is None and read_signup(turn.text).address is not None


def _new_equipment(turn: Turn, text: str, asks: str, *, unless_listed: bool = False) -> bool:
    """New equipment asked about ("price of a new furnace", "do you install mini splits?"): it is
    priced by a quote, so the office is asked to call; False when no new equipment is named, or
    (`unless_listed`) when a service of the catalog names it ("water heater service")."""
    replaced = _REPLACEMENT.search(text)
    if replaced is None or turn.conversation.is_active(turn.now):
        return False
    thing = replaced.group("thing") or replaced.group("thing2")
    if unless_listed and any(thing in s.name.lower() for s in turn.catalog.services):
        return False
    handoff.hand_over(turn, reason=f'{asks} for a new {thing}: "{" ".join(turn.text.split())[:160]}"')
    _answered(turn, replies.replacement_priced_by_quote(thing), "price")
    return True


def _is_question(text: str) -> bool:
    return text.endswith("?") or re.match(r"^(?:are|do|does|is|when|what)\b", text) is not None


def _is_yes_no(text: str) -> bool:
    """ "Are you open saturday?" wants a yes; "what time do you close today?" wants the hours."""
    return re.match(r"^(?:are|r|do|does|is|will|you)\b", text) is not None


# What was just asked about ----------------------------------------------------------------------

# Questions about the business beside the work itself: the work told with them is kept.
_ASIDE = frozenset({"hours", "area"})


def _answered(turn: Turn, reply: Reply, kind: str, service: str | None = None) -> None:
    """Say the answer and remember its topic, so "what about X?" or "how much tho" follows it;
    with a question pending, "to book, text what you need" is left out (a booking is under way)."""
    if turn.conversation.is_active(turn.now) and f" {replies.TO_BOOK}" in reply.text:
        reply = dataclasses.replace(reply, text=reply.text.split(f" {replies.TO_BOOK}")[0])
    # the work told beside a question ("open weekends? furnace is banging") is kept for a booking
    # to come, through later questions that name none ("how much to come look at it")
    told = turn.parse.slots.get("service") or _matcher(turn.catalog).match(normalize(turn.text))
    if kind in _ASIDE and service is None:
        service = (told if isinstance(told, str) else None) or _topic(turn).get("service")
    also = _also_work(turn) if kind != "services" else None
    if also is not None:  # "how much? also can he install a toilet while he's here"
        reply = dataclasses.replace(reply, text=f"{reply.text}\n{also.text}")
    if _signs_up(turn):  # "745 Lathrop Ave. how much is a drain cleaning?": the sign-up goes on
        turn.say(dataclasses.replace(reply, text=reply.text.split(f" {replies.TO_BOOK}")[0]))
        turn.goes_on = True
    else:
        small_talk.settle(turn, reply, done="answered")
    if kind == "hours":  # "open weekends? furnace making a weird noise": the need told is kept
        service = (service or turn.parse.slots.get("service")
                   or _matcher(turn.catalog).match(normalize(turn.text)))
    from bot.dialogue import booking  # imports this module

    problem = booking.problem_in(turn.text, turn.catalog) if service else ""
    turn.remember(TOPIC_KEY, {"kind": kind, "service": service, "at": turn.now.isoformat(),
                              **({"problem": problem} if problem else {})})


def asked_problem(turn: Turn) -> str:
    """The problem told beside the question last answered, within the half hour ("" if none)."""
    return str(_topic(turn).get("problem") or "")


def asked_service(turn: Turn) -> str | None:
    """The service whose price or offer the last answer gave, or that was told beside a question
    answered, within the half hour."""
    service = _topic(turn).get("service")
    return str(service) if service else None


def remember_service(turn: Turn, service: str) -> None:
    """Keep `service` as the one just talked about, so a time said next books it."""
    turn.remember(TOPIC_KEY, {"kind": "services", "service": service, "at": turn.now.isoformat()})


def answered_lately(turn: Turn) -> bool:
    """Whether a question about the business was answered within the half hour."""
    return bool(_topic(turn))


def _topic(turn: Turn) -> dict[str, Any]:
    """The topic the last answer was about, if it was given within the half hour."""
    raw = turn.conversation.data.get(TOPIC_KEY)
    if not isinstance(raw, dict):
        return {}
    try:
        at = datetime.fromisoformat(str(raw.get("at")))
    except ValueError:
        return {}
    return raw if turn.now - at <= CONVERSATION_TTL else {}


def _follow_up(turn: Turn, text: str) -> str | None:
    """ "What about pool pumps?" after an answer about services asks the same of pool pumps; the
    follow-up may be the first sentence of several ("what about oak park? my moms place")."""
    found = next((hit for clause in (text, *_SENTENCES.split(text))
                  if (hit := _WHAT_ABOUT.match(clause)) is not None), None)
    kind = _topic(turn).get("kind")
    if found is None or kind not in _ASK_AGAIN:
        return None
    thing = found.group("thing") or found.group("more") or found.group("longer")
    if found.group("longer") and kind not in ("price", "services"):
        return None  # a longer follow-up names a service, never a town or a day
    return _ASK_AGAIN[str(kind)].format(thing)


# Hours ----------------------------------------------------------------------------------------

def _hours(turn: Turn, text: str) -> None:
    business = turn.business
    today = local(turn.now, business.timezone).date()
    week = fit(week_hours(business.business_hours))
    asked = asked_days(text, today)
    if not asked and _NOW.search(text):
        span = business.business_hours.for_day(today)
        moment = local(turn.now, business.timezone).time()
        if span is not None and span.contains(moment):
            _answered(turn, replies.open_now(span_label(span).split("-")[-1]), "hours")
        else:
            _answered(turn, replies.closed_now(week), "hours")
        return
    if len(asked) == 1 and not _asks_whole_week(text):
        label, day = asked[0]
        span = business.business_hours.for_day(day)
        reply = (replies.open_on(label, span_label(span), yes=_is_yes_no(text)) if span
                 else replies.closed_on(label, week))
        _answered(turn, reply, "hours")
        return
    if asked:
        said = [f"open {label} {span_label(span)}" if (span := business.business_hours.for_day(day))
                else f"closed {label}" for label, day in asked]
        _answered(turn, replies.hours_on(", ".join(said), week), "hours")
        return
    if _HOLIDAY.search(text):
        _answered(turn, replies.holiday_hours(week, business.phone), "hours")
        return
    _answered(turn, replies.hours(week), "hours")


def _anyone_there(turn: Turn, text: str, *, booking: bool) -> bool:
    """ "Anyone there rn?", "is anybody working today?": whether the office is open now. Closed, a
    visit asked for in the same text is still offered after saying so; True when answered."""
    business = turn.business
    now = local(turn.now, business.timezone)
    if _ANYONE_THERE.search(text) is None or any(d != now.date() for _, d in asked_days(text, now.date())):
        return False
    span = business.business_hours.for_day(now.date())
    open_now = span is not None and span.contains(now.time())
    if booking or turn.parse.slots.get("service") or turn.parse.intent == intents.BOOK:
        if not open_now:
            turn.say(replies.closed_now(fit(week_hours(business.business_hours))))
        return False  # the visit asked for is offered as usual
    _hours(turn, "open now")
    return True


def _asks_whole_week(text: str) -> bool:
    """ "What are your hours? open saturdays?": one clause asks the hours with no day named."""
    return any(_WHOLE_WEEK.search(clause) and not _DAY.search(clause)
               for clause in re.split(r"[?.!,;]+|\band\b", text))


def asked_days(text: str, today: date) -> list[tuple[str, date]]:
    """The days a text asks about, each with the label to answer with ("Saturday", "today")."""
    found: list[tuple[str, date]] = []
    for m in _DAY.finditer(text):
        stem, weekend, now, tomorrow = m.groups()
        if stem:
            days = [_DAY_STEMS.index(stem)]
        elif weekend:
            days = [5, 6]
        else:
            day = today if now else today + timedelta(days=1)
            label = "today" if now else "tomorrow"
            if (label, day) not in found:
                found.append((label, day))
            continue
        for weekday in days:
            day = today + timedelta(days=(weekday - today.weekday()) % 7)
            if (DAY_NAMES[weekday], day) not in found:
                found.append((DAY_NAMES[weekday], day))
    return found


def span_label(span: Span) -> str:
    """ "7am-7pm"."""
    at = datetime(2000, 1, 3, tzinfo=UTC)
    start = at.replace(hour=span.start.hour, minute=span.start.minute)
    end = at.replace(hour=span.end.hour, minute=span.end.minute)
    return window_label(start, end, "UTC")


def week_hours(hours: WeeklyHours) -> list[str]:
    """ "Mon-Fri 7am-7pm", "Sat 8am-2pm", "closed Sun": runs of days with the same hours."""
    runs: list[tuple[int, int, Span | None]] = []
    for n, span in enumerate(hours.days):
        if runs and runs[-1][2] == span:
            runs[-1] = (runs[-1][0], n, span)
        else:
            runs.append((n, n, span))
    said = []
    for first, last, span in runs:
        days = DAY_NAMES[first][:3] + (f"-{DAY_NAMES[last][:3]}" if last > first else "")
        said.append(f"{days} {span_label(span)}" if span else f"closed {days}")
    return said


# Area -----------------------------------------------------------------------------------------

def _area(turn: Turn, text: str, *, booking: bool = False) -> bool:
    """ "Do you serve 60302 / Oak Park?", "what areas do you cover?"; False for anything else.
    With a request (`booking`), only a place not served is answered ("do you service evanston?
    need a tune-up"); a served one is left to the booking."""
    postal_code = _ZIP.search(text)
    # Right after an area answer, another ZIP alone asks the same ("what about 60640?"); a street
    # address with it is a sign-up or an address, left to those flows, and so is the ZIP a
    # sign-up asked for.
    zip_follow_up = (postal_code is not None and _topic(turn).get("kind") == "area"
                     and _STREET_NUMBER.search(_ZIP.sub(" ", text)) is None
                     and not _signing_up(turn))
    if not _AREA_QUESTION.search(text) and not zip_follow_up:
        return _place_said_not_served(turn, text)
    if booking:
        if _place_not_served(turn, text):
            return True
        _say_served_first(turn, text)
        return False
    business = turn.business
    summary = area_summary(business.zones)
    if postal_code:
        coverage = area.for_postal_code(business, postal_code.group(1))
        _say_coverage(turn, coverage, summary)
        return True
    place = _place(text, turn.catalog)
    if (place is None or _REFERS.search(place) or re.search(r"\b(?:and|or)\b|,", place)) \
            and _towns_listed(turn, text):
        return True
    if place is not None:
        found = area.for_place(business, place)
        if found is None and not _AREA_CONTEXT.search(text):
            return False  # "can you go to the next song": no town, and no word of an area
        if found is None:
            _answered(turn, replies.area_unknown(place.title(), summary), "area")
        else:
            _say_coverage(turn, found, summary)
        return True
    if _AREA_WORDS.search(text):
        _answered(turn, replies.area(summary), "area")
        return True
    return False


# "do you service all of those?", "both of them": the places named elsewhere in the text.
_REFERS = re.compile(r"\b(?:those|these|them|all|each|both|every|any of)\b")
_LIST_PARTS = re.compile(r"[,;()?!.:]|\s-+\s|\b(?:and|or|plus)\b")
_LIST_LEAD = re.compile(r"^(?:(?:also|one|two|another|a|the|some|few|in|at|out|over|up|near|by)\s+)+")


def _towns_listed(turn: Turn, text: str) -> bool:
    """ "Oak Park, Forest Park and one in Evanston. do you service all of those?": each town
    listed answered, served or not; False when the text lists fewer than two towns."""
    served: list[str] = []
    not_served: list[str] = []
    for part in _LIST_PARTS.split(text):
        part = " ".join(part.split())
        asked = re.split(_AREA_VERB, part)[-1]  # "do you serve evanston": after the verb
        for name in dict.fromkeys((_LIST_LEAD.sub("", part), part.rsplit(" in ", 1)[-1],
                                   _LIST_LEAD.sub("", asked.strip()))):
            if not name or len(name.split()) > 3 or not re.fullmatch(r"[a-z][a-z .'-]*", name):
                continue
            found = area.for_place(turn.business, name)
            if found is not None:  # "places in chicago": the town after "in"
                (served if found.zones else not_served).append(found.place)
                break
    if len(served) + len(not_served) < 2:
        return False
    _answered(turn, replies.areas_listed(served, not_served, area_summary(turn.business.zones)),
              "area")
    return True


def _signing_up(turn: Turn) -> bool:
    """Whether a sign-up is waiting for the rest of an address."""
    return (turn.conversation.is_active(turn.now) and turn.conversation.flow == "onboard"
            and bool(turn.data.get("street")))


def _place_not_served(turn: Turn, text: str) -> bool:
    """A request naming a town or ZIP that is not served: said honestly, with the areas served."""
    postal_code = _ZIP.search(text)
    place = None if postal_code else _place(text, turn.catalog)
    coverage = (area.for_postal_code(turn.business, postal_code.group(1)) if postal_code
                else area.for_place(turn.business, place) if place else None)
    if coverage is None or coverage.zones:
        return False
    _say_coverage(turn, coverage, area_summary(turn.business.zones))
    return True


def _place_said_not_served(turn: Turn, text: str) -> bool:
    """ "we're in Evanston 60201" beside another question: a place not served is said at once;
    a street address is a sign-up's, left to it."""
    said = _WHERE_THEY_ARE.search(text)
    if said is None or _STREET_NUMBER.search(_ZIP.sub(" ", text)) or _signing_up(turn):
        return False
    postal_code = _ZIP.search(text[said.start():])
    place = said.group("place").strip(" .'-")
    coverage = (area.for_postal_code(turn.business, postal_code.group(1)) if postal_code
                else area.for_place(turn.business, place) if not set(place.split()) & _NOT_A_PLACE
                else None)
    if coverage is None or coverage.zones:
        return False
    _say_coverage(turn, coverage, area_summary(turn.business.zones))
    return True


def _say_served_first(turn: Turn, text: str) -> None:
    """ "do you come out to 60304? and can you do saturday": the yes first, the request goes on."""
    if _STREET_NUMBER.search(_ZIP.sub(" ", text)) or _topic(turn).get("kind") == "area":
        return  # an address given, or the area just answered: nothing to say first
    site = turn.customer.site if turn.customer is not None else None
    if site is not None and (site.postal_code in text or site.city.lower() in text):
        return  # their own place, just signed up there: the request goes on
    postal_code = _ZIP.search(text)
    place = None if postal_code else _place(text, turn.catalog)
    coverage = (area.for_postal_code(turn.business, postal_code.group(1)) if postal_code
                else area.for_place(turn.business, place) if place else None)
    if coverage is not None and coverage.zones:
        reply = _coverage_reply(coverage, area_summary(turn.business.zones))
        turn.say(dataclasses.replace(reply, text=reply.text.split(f" {replies.TO_BOOK}")[0]))
        service = turn.parse.slots.get("service") or _topic(turn).get("service")
        turn.remember(TOPIC_KEY, {"kind": "area", "service": service, "at": turn.now.isoformat()})


def _place(text: str, catalog: Catalog) -> str | None:
    """The place named after "do you serve/come to", unless it is a service or a time; the
    question may be one sentence of several ("do you service evanston? need a tune up")."""
    found = next((hit for clause in (text, *_SENTENCES.split(text))
                  if (hit := _PLACE_AFTER.search(clause.strip())) is not None), None)
    if found is None:
        return None
    place = found.group("place").strip(" .'-")
    words = set(place.split())
    if not place or words & _NOT_A_PLACE or _AREA_WORDS.fullmatch(place) or _DAY.search(place):
        return None
    return None if _matcher(catalog).match(place) else place


REFUSED_AREA = "refused_area"  # the conversation's key: a newcomer's place said not to be served


def _say_coverage(turn: Turn, coverage: area.Coverage, summary: str) -> None:
    # the service asked for beside the area ("need a tune up") is kept for a sign-up to come
    service = turn.parse.slots.get("service") or _topic(turn).get("service")
    _answered(turn, _coverage_reply(coverage, summary), "area", service)
    if not coverage.zones and turn.customer is None:  # a newcomer's place: never asked for again
        place = coverage.place
        town = town_of(place) if _ZIP.fullmatch(place) else None
        turn.remember(REFUSED_AREA, {"where": f"{place} in {town}" if town else place,
                                     "at": turn.now.isoformat()})


def _coverage_reply(coverage: area.Coverage, summary: str) -> Reply:
    """Served or not, a ZIP named with its town ("60304 (Oak Park)"), and what is served."""
    place = coverage.place
    town = town_of(place) if _ZIP.fullmatch(place) else None
    label = f"{place} in {town}" if town else place  # "60304 in Oak Park"
    if not coverage.zones:
        return replies.area_not_served(label, summary)
    where = "; ".join(
        f"our {zone.name} area" + (f", ZIPs {', '.join(codes)}" if codes != (coverage.place,) else "")
        for zone, codes in coverage.zones)
    return replies.area_served(label, where)


def _named_place(place: str) -> str:
    """ "Oak Park 60304" for a ZIP asked about; a town as named."""
    town = town_of(place) if place.isdigit() else None
    return f"{town} {place}" if town else place


def area_summary(zones: Sequence[ServiceZone]) -> str:
    """ "North Side (Chicago 60613, 60614), West Suburbs (...)": towns and ZIPs, fitted."""
    with_towns = [f"{z.name} ({', '.join(area.towns(z))}: {', '.join(z.postal_codes)})" for z in zones]
    if len("; ".join(with_towns)) <= LIST_BUDGET:
        return "; ".join(with_towns)
    return fit([f"{z.name} ({', '.join(z.postal_codes)})" for z in zones], separator="; ")


# Services and prices ----------------------------------------------------------------------------

def _services(turn: Turn, text: str) -> bool:
    """ "Do you do furnace tune-ups / roofing?", "what services do you offer?"."""
    asked = _SERVICES_QUESTION.search(text)
    catalog = turn.catalog
    offered = offered_services(catalog)
    if asked is not None and _other_trade(asked.group("thing") or "", catalog):
        thing = _thing_asked(asked)
        _answered(turn, replies.service_not_offered(thing, offered, verb=asked.group("verb")),
                  "services")
        _other_work_asked(turn, text[asked.end():])
        return True
    if asked is None or (turn.parse.slots.get("service") and not _ASKS_WHETHER.search(text)):
        return False  # "my sink leaks, can you fix it?" asks for a visit
    if _ASKS_WHETHER.search(text) and _new_equipment(turn, text, "asks about installing",
                                                     unless_listed=True):
        return True
    # the work asked about names the service ("do you fix dishwashers? mine wont drain"), before
    # the trouble told beside it
    thing_asked = asked.group("thing") or ""
    if asked.group("verb") == "clean" and thing_asked.strip():  # "clean ducts": duct cleaning
        thing_asked = f"{thing_asked.strip()} cleaning"
    service_id = (_matcher(catalog).match(thing_asked)
                  or turn.parse.slots.get("service") or _matcher(catalog).match(text))
    if service_id and turn.conversation.is_active(turn.now):
        return False  # "do you do water heaters?" at "what's wrong?" answers the pending question
    if service_id:
        service = catalog.get(service_id)
        _answered(turn, _offered_reply(turn, service, asked), "services", service.id)
        _other_work_asked(turn, text[asked.end():])
        return True
    thing = " ".join((asked.group("thing") or "").split()).strip(" ,")
    thing = re.sub(r"^(?:(?:a|an|the|any|some)\s+)+", "", thing)
    if thing and (_NOT_A_SERVICE.search(thing) or len(thing.split()) > 4 or _NOT_A_THING.match(thing)):
        return False  # "do you do (it / on off days / if ...)": no service named
    if thing:  # no service names it, nor is it plainly another trade's: the office says
        handoff.hand_over(turn, reason=f'asks whether we do "{_thing_asked(asked)}"')
        _answered(turn, replies.service_to_check(_thing_asked(asked)), "services")
    else:
        _answered(turn, replies.services(offered), "services")
    return True


# "... also duct cleaning", "and what about water softeners?": more work asked about after it
_MORE_WORK = re.compile(r"^\W*(?:(?:and|also|plus|oh|what about|how about)\W+)+"
                        r"(?:(?:do|does|can|could) (?:you|u|y all|yall)(?: guys)? (?:do|fix|install) )?"
                        r"(?P<thing>[a-z][a-z -]{2,40}?)\W*$")


def _other_work_asked(turn: Turn, rest: str) -> None:
    """ "do u do roofing or gutters? also duct cleaning": the other work asked about after the
    first gets its own answer."""
    more = _MORE_WORK.match(rest)
    if more is not None:
        _services(turn, f"do you do {more.group('thing')}")


def _offered_reply(turn: Turn, service: Service, asked: re.Match[str]) -> Reply:
    """The yes, naming the work asked about when the service's name does not ("do you install
    ceiling fans?": our electrical repair); a newcomer who told a problem is asked who and where."""
    thing = _thing_asked(asked).split(",")[0].strip()  # "garbage disposal, mine hums": the thing
    said = {word.rstrip("s") for word in re.findall(r"[a-z]+", service.name.lower())}
    if not thing or _NOT_A_SERVICE.search(thing) or len(thing.split()) > 4 or any(
            word.rstrip("s") in said for word in re.findall(r"[a-z]+", thing)):
        thing = ""
    from bot.dialogue import booking  # imports this module

    # more work asked about after the question ("... also duct cleaning") is no problem told
    told = turn.customer is None and bool(booking.problem_in(
        _MORE_WORK.sub(" ", _SERVICES_QUESTION.sub(" ", normalize(turn.text))), turn.catalog))
    return replies.service_offered(service.name, _price_of(service), thing=thing,
                                   verb=asked.group("verb") if thing else "do", details_next=told)


_QUESTIONS = re.compile(r"(?<=[?!.])\s+"
                        r"|\s+(?:and|also|plus|or)\s+(?=(?:what|when|whats|how|are|r|do|does)\b)")


def _services_beside(turn: Turn, text: str) -> None:
    """ "do you install ceiling fans? and whats ur hours": the work asked about is answered too,
    before the hours."""
    for clause in _QUESTIONS.split(text):
        if clause.strip() and not _HOURS.search(clause) and _SERVICES_QUESTION.search(clause) \
                and not turn.conversation.is_active(turn.now):
            if _services(turn, clause.strip()) and turn.replies:  # "to book, ..." once, last
                said = turn.replies[-1]
                turn.replies[-1] = dataclasses.replace(
                    said, text=said.text.split(f" {replies.TO_BOOK}")[0])
            return


def _price_beside(turn: Turn, text: str) -> None:
    """ "open on sundays? and whats the charge just to come out": the price asked in another
    question of the text is answered too, after the hours."""
    for clause in _QUESTIONS.split(text):
        if clause.strip() and not _HOURS.search(clause) and _PRICE.search(clause) \
                and not _NOT_OUR_PRICE.search(_WHO_PAYS.sub(" ", clause)):
            _price(turn, clause.strip(), booking=True)  # said, never settling the turn twice
            return


def _not_our_work(turn: Turn, text: str) -> bool:
    """ "do you service dental air compressors?", "ev charger install - yes or no?": an honest no
    with what we do (a price asked beside it is answered first); never a booking offer."""
    if not _ASKS_IF_WE_DO.search(text):
        return False
    asked = _SERVICES_QUESTION.search(text)
    thing = _thing_asked(asked)
    found = _SPECIALTY.search(thing) if asked else None
    verb = asked.group("verb") if asked and found else "do"
    if found is None:
        # "ev charger install - yes or no?": the kind of work named with its equipment; a
        # company's name ("Riverside Dental") asks nothing
        pairs = ((m, _SPECIALTY_NOUN.match(text, m.end())) for m in _SPECIALTY.finditer(text))
        named = next(((m, noun) for m, noun in pairs
                      if noun is not None or m.group(0) not in _SPECIALTY_KINDS), None)
        if named is None:
            return False
        found = named[0]
        thing = f"{found.group(0)}{named[1].group(0)} work" if named[1] else found.group(0)
    if any(found.group(0).rstrip("s") in s.name.lower() for s in turn.catalog.services):
        return False  # the catalog's own service names it
    thing = re.sub(r"\bev\b", "EV", thing)
    if _price_covers(turn, text):
        return True
    if _PRICE.search(text) and not _NOT_OUR_PRICE.search(_WHO_PAYS.sub(" ", text)):
        _price(turn, text, booking=True)  # "is there a fee to come out? and do u do ev chargers"
    _answered(turn, replies.service_not_offered(thing, offered_services(turn.catalog), verb=verb),
              "services")
    return True


def _thing_asked(asked: re.Match[str] | None) -> str:
    """The work a "do you do ...?" names, without its article or a trailing "or not", "too"."""
    thing = " ".join(((asked.group("thing") if asked else None) or "").split()).strip(" ,")
    thing = re.sub(r"^(?:(?:a|an|the|any|some)\s+)+", "", thing)
    if re.match(r"(?:my|our|his|her|their) [a-z]+(?: [a-z]+)?$", thing):  # "my fridge": fridges
        thing = thing.split(" ", 1)[1]
        thing = thing if thing.endswith("s") else f"{thing}s"
    return re.sub(r"\s+(?:or not|at all|too|also|then|either|thinking about \w+)$", "", thing)


def offered_services(catalog: Catalog) -> str:
    """ "heating & cooling repair, ..., and electrical repair": the catalog's services, fitted."""
    return fit([s.name.lower() for s in catalog.services], last="and ")


def _other_trade(thing: str, catalog: Catalog) -> bool:
    """ "fridges or washers", "roofing", "pool heaters": another trade's work, not a hook-up,
    unless this business's own service names it ("pool pump repair")."""
    trade = _OTHER_TRADE.search(thing)
    if trade is None or _OUR_PART.search(thing) is not None:
        return False
    stem = trade.group(0).rstrip("s")
    return not any(stem in s.name.lower() for s in catalog.services)


def _price(turn: Turn, text: str, *, booking: bool) -> bool:
    """The catalog's price of the service asked about, or the whole price list."""
    catalog = turn.catalog
    pending = turn.conversation.is_active(turn.now)
    # While a visit is being booked "how much is it?" asks about its service; in any other flow
    # (a quote, a cancellation) the price is that flow's question.
    # During a sign-up, the service of the request waiting for it ("my furnace bangs" first).
    after = turn.data.get("after") if pending else None
    waiting = after.get("slots", {}).get("service") if isinstance(after, dict) else None
    context = (turn.data.get("service") or waiting) if pending else None
    named = turn.parse.slots.get("service") or _matcher(catalog).match(text)
    if pending and context not in catalog.ids() and not (named and turn.conversation.flow
                                                          in _PRICELESS_FLOWS):
        return False
    service_id = (turn.parse.slots.get("service") or _matcher(catalog).match(text) or context
                  or (None if pending else _topic(turn).get("service")))
    booked = None if service_id or pending else _just_booked(turn)  # "price??" after booking
    service_id = service_id or booked
    installed = _INSTALL_ASKED.search(text) if service_id and not (pending or booking) else None
    if installed is not None and service_id:
        # "how much to install a ceiling fan": the work named, and an install may cost more than
        # the repair visit's standard price, so the office confirms
        service = catalog.get(service_id)
        thing = " ".join(installed.group("work").split())
        handoff.hand_over(turn, reason=f'asks the price to {thing}: '
                                       f'"{" ".join(turn.text.split())[:160]}"')
        _answered(turn, replies.install_price(thing, service.name, _price_of(service)), "price",
                  service_id)
        return True
    if service_id:
        service = catalog.get(service_id)
        reply = (replies.price(service.name, format_cents(service.price_cents),
                               booking=booking or pending or booked is not None)
                 if service.price_cents else replies.price_unknown(service.name))
    elif _PRICE_GENERIC.search(text) or _ASKS_PRICES.search(text):
        reply = replies.price_list(fit([f"{s.name.lower()} {_price_of(s)}" for s in catalog.services]))
    else:
        return False
    if any(said.text.split(". ")[0].rstrip(".") == reply.text.split(". ")[0].rstrip(".")
           for said in turn.replies):
        return False  # said already in this turn (before a sign-up): the request goes on
    if booking:  # the price first, then the booking goes on as asked
        turn.say(reply)
        return False
    _answered(turn, reply, "price", service_id)
    return True


# "how much to install a ceiling fan", "cost to put in a new outlet": an install's price asked
_INSTALL_ASKED = re.compile(r"\b(?:how much|price|cost|charge)\b(?: \w+){0,3}? (?:to|for) "
                            r"(?P<work>(?:install\w*|put(?:ting)? in|hang\w*|mount\w*|add\w*)"
                            r"(?: (?:a|an|the|my|some|new|another))* [a-z][a-z -]{1,30}?)"
                            r"(?=\W*$|[?.!,]| (?:in|on|at|for|please|pls|btw)\b)")


# What a price covers: "is the $89 just for coming out or does it include the fix?"
_COVERS = re.compile(r"\b(?:includ\w*|cover\w*|just (?:for|to) (?:come|coming|show|the visit|the trip)|"
                     r"only (?:for|to) (?:come|coming|show|the visit)|on top|plus (?:the )?(?:parts|fix|"
                     r"repair|labou?r)|all in|the whole (?:fix|job|thing))\b")
_AMOUNT = re.compile(r"\$\s?(\d+)(?:\.\d\d)?")


def _price_covers(turn: Turn, text: str) -> bool:
    """ "is the $89 just for coming out or does it include the fix?": the visit's standard price
    said again, what the fix costs is for the office to confirm (a dispatcher item); False when
    the text asks no such thing or names no price of ours."""
    if not _COVERS.search(text) or (turn.customer is not None
                                    and quote_questions.names_a_quote(turn)):
        return False
    amounts = {int(a) * 100 for a in _AMOUNT.findall(text)}
    pending = turn.conversation.is_active(turn.now)
    after = turn.data.get("after") if pending else None
    waiting = after.get("slots", {}).get("service") if isinstance(after, dict) else None
    known = [turn.data.get("service") if pending else None, waiting, _topic(turn).get("service"),
             _just_booked(turn), turn.parse.slots.get("service"), _matcher(turn.catalog).match(text)]
    services = [turn.catalog.get(str(s)) for s in known if s and s in turn.catalog.ids()]
    if amounts:
        services = [s for s in turn.catalog.services if s.price_cents in amounts]
        services.sort(key=lambda s: s.id not in known)  # the one talked about first
    elif not re.search(r"\b(?:includ\w*|cover\w*)\b", text) or not (
            _PRICE.search(text) or re.search(r"\b(?:the|that|your) (?:fee|price|charge)\b", text)):
        return False  # "a fee just to come out?" asks the price itself
    if not services or not services[0].price_cents:
        return False
    service = services[0]
    handoff.hand_over(turn, reason=f"asks what the {service.name.lower()} price covers")
    _answered(turn, replies.price_covers(service.name, format_cents(service.price_cents)), "price",
              service.id)
    return True


def _just_booked(turn: Turn) -> str | None:
    """The service of the visit booked within the half hour ("price??" right after it)."""
    if turn.customer is None or turn.last_change_name() != "booked":
        return None
    appointment_id = turn.last_change().get("appointment_id")
    visit = turn.uow.appointments.get(int(appointment_id)) if appointment_id else None
    job = turn.uow.jobs.get(visit.job_id) if visit is not None else None
    return job.service_id if job is not None else None


def _price_of(service: Service) -> str:
    return format_cents(service.price_cents) if service.price_cents else "price confirmed by the office"


@lru_cache(maxsize=8)
def _matcher(catalog: Catalog) -> ServiceMatcher:
    """One matcher per catalog, built on first use (the catalog is fixed while the bot runs)."""
    return ServiceMatcher(catalog)


def fit(items: Sequence[str], *, separator: str = ", ", last: str = "",
        budget: int = LIST_BUDGET, more: Callable[[int], str] = lambda n: f"and {n} more") -> str:
    """Join `items` within `budget` characters, naming how many more were left off."""
    said: list[str] = []
    for n, item in enumerate(items):
        rest = len(items) - n - 1
        candidate = separator.join([*said, item])
        if len(candidate) + (len(more(rest)) + 2 if rest else 0) > budget:
            return separator.join([*said, more(len(items) - n)])
        said.append(item)
    if last and len(said) == 2:
        return f"{said[0]} {last}{said[1]}"
    if last and len(said) > 2:
        return separator.join(said[:-1]) + f"{separator}{last}{said[-1]}"
    return separator.join(said)
