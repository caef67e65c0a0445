"""A danger reported earlier stays known for the conversation: a question about staying safe
("should i turn it off?", "do i need to leave??") gets its safety step again, and the question
pending before (the soonest times, the sign-up) stays open; a hurry gets the reminder too.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.dialogue import booking, handoff, offers, onboarding, replies, safety_replies
from bot.dialogue.addresses import postal_code_alone, read_signup
from bot.dialogue.gsm import clip
from bot.dialogue.reply import Reply
from bot.dialogue.times import local, visit_label
from bot.nlu import intents
from bot.nlu.quantities import option_in
from bot.nlu.result import Parse
from bot.nlu.text import normalize
from bot.nlu.urgency import URGENT, Danger
from domain.scheduling import Wish

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

KEY = "danger"
OUT = "out"  # the danger's key: everyone is out of the house
OFF = "off"  # the danger's key: the water, power or gas is off
# A danger is not over in half an hour: it stays known while the customer waits for the visit.
REMEMBERED = timedelta(hours=12)

_ACT = (r"(?:leave|go|get out|evacuate|turn|shut|switch|stop|unplug|open|close|stay|touch|use|"
        r"move|do|worry|wait|sleep|flip|cut|kill|power)")
_SAFETY_QUESTION = re.compile(
    rf"\b(?:should|shall|must|can|could) (?:i|we)\b(?:\W+\w+){{0,2}}\W+{_ACT}\b"
    r"|\bshould (?:i|we) call\b|\bneed to (?:call 911|call the gas)\b"
    rf"|\b(?:need|have) to {_ACT}\b"
    r"|\bwhat (?:should|do|can|must) (?:i|we) do\b|\bwhat (?:now|do i do|to do)\b"
    r"|\bhow (?:do|can|should) (?:i|we) (?:stop|turn|shut|switch|keep|make|get)\b"
    r"|\bis (?:it|this|that) (?:safe|dangerous|going to|gonna)\b|\b(?:safe|ok|okay) to (?:stay|use|"
    r"go|sleep|leave|keep|run|be (?:in|inside|home))\b"
    r"|\b(?:catch|start) (?:on )?(?:a )?fire\b|\bexplode\b|\bblow up\b"
    r"|\banything (?:i|we) (?:should|can|need|could)\b"
    r"|\b(?:till|until|til) (?:then|they|he|she|someone)\b(?! (?:calls?|rings?|phones?)\b)"
    r"|\bin the meantime\b|\bmeanwhile\b")
_SENTENCES = re.compile(r"[.!?,;\n]+")
# "Should I shut the furnace off?", "do we turn the water off", "unplug it?"
_SWITCH_OFF = re.compile(
    r"\b(?:should|shall|must|can|could|do|need to) (?:i|we|you)\b(?:\W+\w+){0,2}?\W+(?:turn|shut|switch|"
    r"power|flip|cut|kill|unplug)\b(?:\W+\w+){0,4}?\W+off\b|\bunplug\b[^.!]*\?|\bstop (?:flushing|using|"
    r"running)\b")
# "Where is the shutoff usually??", "where's the main", "how do I find the breaker"
_WHERE = re.compile(r"\b(?:where(?: is| s|s| are| would| do (?:i|we) find)?|how do (?:i|we) find|find)\b"
                    r"(?:\W+\w+){0,4}?\W+(?:shut ?offs?|shut off valve|main|mains|valve|stop ?cock|breakers?|"
                    r"panel|fuse box|meter)\b")
# "How do I turn the water off?": where the shutoff is and how it turns.
_HOW_OFF = re.compile(r"\bhow (?:do|can|should|would) (?:i|we|you) (?:turn|shut|switch|cut)\b"
                      r"(?:\W+\w+){0,3}?\W+off\b")
# Thawing a frozen pipe: "hair dryer on the pipe?", "can we use a space heater to thaw it"
_THAW = re.compile(r"\b(?:hair ?dryer|blow ?dryer|heat gun|space heater|heating pad|torch|blow ?torch|"
                   r"lighter|thaw\w*|heat (?:it|the pipes?|them) up|warm (?:it|the pipes?|them) up|"
                   r"(?:leave|keep|let) (?:the )?(?:faucets?|taps?) (?:on|open|dripping|running|drip)|"
                   r"drip (?:the )?(?:faucets?|taps?))\b")
_FROZEN = re.compile(r"\bpipes?\b|\bfro(?:ze|zen)\b")
_FROZE = re.compile(r"\bfro(?:ze|zen)\b")
_DRIP = re.compile(r"\bdrip\w*\b")
# A sentence that asks about switching off, or says it was not done ("should i keep it off?",
# "can't get the breaker off").
# Where one thing told ends: "i shut the main off but i cant live without water" tells the main
# is off (the "cant" is about something else).
_TOLD_CLAUSES = re.compile(r"(?<=[.!?;])\s+|,\s+|\s+\b(?:but|though|although|however)\b\s+")
_NOT_TOLD = re.compile(r"\?|\b(?:not|won'?t|can'?t|cannot|couldn'?t|isn'?t|doesn'?t|didn'?t|should|"
                       r"shall|how|where|keep|need)\b")
# "Is it safe to stay tonight?", "ok to sleep here?", "should we stay somewhere else?"
_STAY = re.compile(r"\b(?:safe|ok|okay|alright|fine) (?:for (?:us|me|them|the kids) )?to (?:stay|sleep|be "
                   r"(?:here|home|inside|in (?:the|this) house)|spend the night|remain)\b"
                   r"|\b(?:should|can|could) (?:we|i) (?:stay|sleep)(?: here| home| in the house| inside)?"
                   r"(?: tonight)?\W*$|\bstay (?:somewhere else|elsewhere|at a hotel)\b")
# "Is a space heater ok?" while the heat is out.
_HEATER = re.compile(r"\b(?:space|electric|plug ?-?in|portable|oil|kerosene|propane|gas) heaters?\b"
                     r"|\bheaters? (?:ok|okay|safe|fine|alright)\b")
# Everyone is out, or help is there: the step was taken ("we're all out in the car", "nicor is on
# the way", "the fire department is here").
_WE = r"(?:we|we'?re|we are|i|i'?m|i am|everyone|everybody|every one|all of us|the kids|family)"
_OUT = re.compile(
    rf"\b{_WE}(?:'?s| is| are)?(?: all| both)?(?: now| already| safely)? "
    r"(?:out|outside|out of the (?:house|building|home)|in the car|across the street|"
    r"at (?:the |a )?neighbou?r'?s?|"
    r"at (?:my|our|a|her|his) (?!house\b|home\b|place\b|apartment\b|condo\b|unit\b)\w+|"
    r"next door|"
    r"(?:in|on) the (?:front |back )?(?:yard|porch|driveway|street|lawn)|got out|left)\b"
    r"|\b(?:got|gotten|have|got everyone|took everyone) (?:everyone |everybody |the kids )?out\b"
    r"|\b(?:nicor|peoples gas|people'?s gas|the gas (?:co|company|utility|guys?)|gas company|utility|"
    r"fire (?:dept|department|fighters?|truck)|firemen|firefighters|911|the fire dept)\b"
    r"[^.?!]{0,25}\b(?:on (?:the|their|its|his) way|coming|here|arrived|came|outside|is out)\b"
    r"|\b(?:called|phoned|calling) (?:911|nicor|peoples gas|the gas (?:co|company|utility)|"
    r"the fire (?:dept|department))\b")
# The power or water is already off: "i flipped the breaker off", "main is off", "water's off now".
_OFF = re.compile(
    r"\b(?:breakers?|main|mains|water|power|valve|shut ?off|circuit|electricity|it)(?:'?s| is| are)?"
    r"(?: now| already)? (?:off|shut(?: off)?|closed)\b"
    r"|\b(?:flipped|turned|shut|switched|killed|cut|closed)(?: (?:the|off the|it|that|off))?"
    r"(?: \w+){0,2}? (?:off|breakers?|main|valve|power|water)\b")


# The urgent call is overdue: "nobody called yet", "still no call", "haven't heard from anyone".
_NO_CALL_YET = re.compile(
    r"\b(?:no ?one|nobody|no body|noone) (?:has |have |s )?(?:called|phoned|rang|reached out|contacted|"
    r"got back|gotten back|responded|texted|answered)\b"
    r"|\b(?:still )?no (?:call|phone call|callback|call back|word|response|answer)(?: yet| back| from)?\b"
    r"|\bstill (?:waiting|nothing|no one|nobody)\b"
    r"|\b(?:have not|has not|did not|havent|hasnt|didnt) (?:heard|gotten|got|received) (?:a call|"
    r"anything|back|from (?:anyone|anybody|you|the office))\b"
    r"|\bwhen (?:is|will) (?:someone|somebody|anyone|anybody|the office|they) (?:going to |gonna )?call\b")
# "is anybody on call this weekend?": the urgent call asked about before it is overdue.
_ON_CALL = re.compile(r"\bon call\b|\bon duty\b|\bemergency (?:tech|technician|plumber|"
                      r"electrician|line|service|number)\b")
# "how long til someone calls?": when the urgent call comes.
_WHEN_CALL = re.compile(r"\bhow (?:long|soon)\b[^.?!]{0,20}\b(?:call|calls|calling|ring|phone)\b")
# The urgent call asked about this soon after the danger was told: answered, no second notice.
_JUST_TOLD = timedelta(minutes=15)
# The danger was none: "false alarm", "it was just the low battery chirp".
_FALSE_ALARM = re.compile(
    r"\bfalse alarm\b|\b(?:it|that)(?: was|s| is) (?:just|only) (?:the |a )?(?:low )?(?:batter(?:y|ies)|"
    r"chirp\w*)\b|\bnot (?:an emergency|a (?:gas )?leak|gas|a fire) after all\b"
    r"|\bnever ?mind\b[^.!?]*\b(?:batter(?:y|ies)|chirp\w*|fine|ok|okay)\b")
# The danger is over on its own: "actually it's fine now", "all good now, it stopped".
_SETTLED = re.compile(
    r"\b(?:it|its|it s|everything|all|we|we re|were)(?: is| s| are)? (?:all )?(?:fine|ok|okay|good|"
    r"under control) now\b|\bnot an emergency (?:any ?more|now)\b|\b(?:it|the leak|the water|the smoke|"
    r"the sparking|the alarm) (?:has )?stopped (?:on its own|by itself)\b")
# The danger is over, by the word of those sent to it: "they said the CO is cleared".
_CLEARED = re.compile(
    r"\b(?:co|gas|smoke|fire|it|house|air|alarm)(?: is| was| has been| s|s)? (?:all )?(?:cleared|"
    r"clear now|out now|safe now)\b|\b(?:gave|given) (?:us )?the all clear\b"
    r"|\b(?:said|say|says) (?:it is|its|it s|we are|were|we re) (?:safe|ok|okay|fine)(?: to go back)?\b"
    # made safe by those sent to it: "the gas co capped it", "they sealed the line off"
    r"|\b(?:capped|sealed|plugged) (?:it|that|the (?:line|pipe|leak|fitting|valve))\b"
    r"|\bmade (?:it|things|the \w+) safe\b")
# A visit asked for now that it is safe: "can someone come fix it properly".
_FIX_IT = re.compile(r"\b(?:come|send|fix|repair|replace|look at|check)\b")
# "prob just dust burning off?" after a burning smell from a furnace.
_DUST = re.compile(r"\bdust\w*\b|\bburn(?:ing|s)? off\b")
# "should i try relighting the pilot myself?" with the heat out.
_PILOT = re.compile(r"\bpilot\b|\brelight\w*")
# An appliance asked about while water is near it.
_APPLIANCE = re.compile(r"\b(?:furnace|water heater|boiler|washer|dryer|heater|ac unit|"
                        r"air handler)\b")
# Words of a request: a text with none of them only tells how things stand.
_ASKS_FOR = re.compile(r"\b(?:come|coming|send|need|needs|want|book|schedule|someone|somebody|anyone|"
                       r"anybody|tech|technician|electrician|plumber|fix|repair|check|look at|asap|"
                       r"soon|when|can|could|please|pls|appt|appointment|visit|keep|move|cancel|"
                       r"today|tonight|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)days?)\b")
# "Is anyone coming tonight?", "how soon can somebody get here": the emergency's visit itself.
_ANYONE_COMING = re.compile(r"\b(?:any ?one|any ?body|some ?one|some ?body|no ?one|no ?body)\b"
                            r"[^.?!]{0,20}?"
                            r"\b(?:com(?:e|ing)|here|out|get (?:here|out))\b"
                            r"|\bhow (?:soon|long) (?:till|til|until|before|can|will) (?:some|any)")
# Flow intents that go on after the urgent call is told again ("also can my visit be moved up?").
# "is anybody coming tonight?" is about the emergency itself, never a visit's status.
_GOES_ON = frozenset({intents.RESCHEDULE, intents.CANCEL, intents.APPROVE_QUOTE,
                      intents.DECLINE_QUOTE})


# A fridge or freezer on the circuit switched off: what keeps the food ("the fridge is on it").
_FRIDGE = re.compile(r"\b(?:fridges?|refrigerators?|freezers?|food)\b")
_POWER_OFF = re.compile(r"\b(?:breakers?|power|circuit|electric\w*)\b")
LEAK = "leak"  # the conversation's key: a spreading leak was told, and when
# A leak that is spreading, no flood yet: "the leak got way worse", "water all over the floor".
_SPREADING_LEAK = re.compile(
    r"\b(?:leak\w*|drip\w*|water)\b.*\b(?:(?:got|getting|gotten|is|it'?s|way|much) worse|all over|"
    r"everywhere|on the floor|wont stop|won t stop|pooling|spreading)\b"
    r"|\b(?:worse|wont stop|won t stop)\b.*\bleak\w*")
_HEATER_LEAK = re.compile(r"\b(?:water heater|hot water tank|heater tank|tank)\b")
_LEAK_WORDS = re.compile(r"\b(?:leak\w*|drip\w*|water)\b")


def leak_first(turn: Turn) -> None:
    """A spreading leak told (no flood, no danger): its step first, once a conversation; the
    request goes on after it."""
    text = normalize(turn.text)
    if turn.parse.slots.get("urgency") != URGENT or not _SPREADING_LEAK.search(text) or \
            turn.conversation.data.get(LEAK) or known(turn) is not None:
        return
    turn.say(safety_replies.leak_step(heater=_HEATER_LEAK.search(text) is not None))
    turn.remember(LEAK, turn.now.isoformat())


def _leak_question(turn: Turn, text: str) -> bool:
    """ "meanwhile what do i do tonight, water keeps dripping" with a leak told: its step again,
    any question pending stays open."""
    if not (_LEAK_WORDS.search(text) or turn.conversation.data.get(LEAK)) or not (
            _SAFETY_QUESTION.search(text) or _WHERE.search(text) or _SWITCH_OFF.search(text)):
        return False
    if not (_SPREADING_LEAK.search(text) or turn.conversation.data.get(LEAK)
            or re.search(r"\b(?:leak|drip)", text)):
        return False
    from bot.dialogue import small_talk  # imports this module's neighbours

    turn.remember(LEAK, turn.now.isoformat())
    small_talk.settle(turn, safety_replies.leak_step(heater=_HEATER_LEAK.search(text) is not None))
    return True


def asks_about_safety(text: str) -> bool:
    """True when the text asks whether something is dangerous or should be switched off."""
    plain = normalize(text)
    return _SAFETY_QUESTION.search(plain) is not None or _SWITCH_OFF.search(plain) is not None


def remember(turn: Turn, danger: Danger) -> None:
    """Keep the danger reported for the rest of the conversation."""
    turn.remember(KEY, {"what": danger.value, "at": turn.now.isoformat()})


def known(turn: Turn) -> Danger | None:
    """The danger reported earlier in the conversation, if it is recent."""
    raw = turn.conversation.data.get(KEY)
    if not isinstance(raw, dict):
        return None
    try:
        at = datetime.fromisoformat(str(raw.get("at")))
        danger = Danger(str(raw.get("what")))
    except ValueError:
        return None
    return danger if turn.now - at <= REMEMBERED else None


def answer(turn: Turn) -> bool:
    """Remind a safety question or a hurry of the known danger's step; True when that is all the
    text asks (the pending question is asked again), False when its flow answers the rest."""
    danger = known(turn)
    text = normalize(turn.text)
    over = _over(turn, text, danger) if danger is not None else None
    if over is not None:
        return over
    thaw = _THAW.search(text) is not None and (_FROZEN.search(text) is not None or _frozen(turn)
                                               or danger == Danger.COLD and _DRIP.search(text) is not None)
    if danger is None and not thaw:
        return _leak_question(turn, text)
    heater = danger == Danger.COLD and _HEATER.search(text) is not None and not thaw
    dust = danger == Danger.FIRE and _DUST.search(text) is not None
    pilot = danger == Danger.COLD and _PILOT.search(text) is not None
    asks = thaw or heater or dust or pilot or any(p.search(text) is not None
                                         for p in (_SAFETY_QUESTION, _WHERE, _SWITCH_OFF, _STAY))
    taken = None if thaw or danger is None else _step_taken(turn, text, danger)
    hurry = turn.parse.slots.get("urgency") == URGENT
    called = danger is not None and _calls_again(turn, text, danger)
    if called and (turn.parse.intent in _GOES_ON or not asks):
        if turn.parse.intent in _GOES_ON or _asks_of_a_visit(turn) or _books(turn, text):
            return False  # "still no call. also can my visit be moved up?": the move goes on
        if taken is not None:
            turn.say(taken)
        return _question_stays(turn)
    if danger is not None and not asks and not hurry and taken is None and \
            turn.customer is not None and turn.parse.intent not in _GOES_ON and \
            _ANYONE_COMING.search(text) is not None and not _asks_of_a_visit(turn) and \
            _someone_coming(turn):
        return True
    if not asks and not hurry:
        if taken is None or not _only_news(turn):
            if taken is not None and _adds_to_signup(turn):
                turn.say(taken)  # "60640. found the valve, water stopped": the sign-up goes on
            return False  # an address, a pick or a request beside it: its flow answers
        turn.say(taken)  # "ok we're outside, nicor is on the way": the question pending stays
        if not turn.conversation.is_active(turn.now):
            turn.finish(keep_done=True)
        return True
    reply = (safety_replies.pilot_light() if pilot and not thaw
             else _answer_for(text, danger, thaw=thaw, heater=heater, dust=dust))
    if danger is not None and taken is None and _step_before(turn) is not None and \
            reply == safety_replies.reminder(danger):
        if not asks:  # out already: a hurry gets the soonest times, no second 'leave now'
            return _soonest_after_address(turn) or _soonest_again(turn)
        taken = (safety_replies.out_safely(danger) if _step_before(turn) == OUT
                 else safety_replies.kept_off(danger))
    if taken is not None and danger is not None and (
            not asks or reply == safety_replies.reminder(danger)):
        reply = taken  # the step is done: never told again to leave or flip the breaker
    if _FRIDGE.search(text) and (danger == Danger.FIRE or _POWER_OFF.search(text)):
        reply = Reply(f"{reply.text} {safety_replies.fridge_without_power().text}")
    turn.say(reply)
    if not asks:  # a hurry: else its flow gives the soonest times
        return _soonest_after_address(turn) or _soonest_again(turn)
    pending = turn.conversation
    if not pending.is_active(turn.now):
        turn.finish()
        return True
    if pending.flow == booking.FLOW and pending.step == offers.PICK:
        # "where is the main?? can nobody come tonight??": the soonest again, said honestly
        return _soonest_again(turn) or _pick_stays_open(turn)
    if pending.flow == onboarding.FLOW and pending.step == "details":
        if _adds_to_signup(turn):
            return False  # the sign-up in the same text goes on
        if onboarding.refused_area(turn) is not None:
            return True  # outside the area: the address is never asked for again
        turn.ask(onboarding.FLOW, "details", turn.data,
                 safety_replies.details_to_send_someone())
        return True
    return False


def _over(turn: Turn, text: str, danger: Danger) -> bool | None:
    """ "False alarm, it was the low battery", "they said the CO is cleared": the team is told,
    the danger is forgotten and the emergency's offers dropped (True); "he capped it, can someone
    fix it": the danger is forgotten and the repair asked for is booked (False); None while the
    danger goes on."""
    false_alarm = _FALSE_ALARM.search(text) is not None
    settled = not false_alarm and _SETTLED.search(text) is not None and "?" not in text
    if not false_alarm and not settled and _CLEARED.search(text) is None:
        return None
    what = safety_replies.WHAT_HAPPENED[danger]
    said = ("was a false alarm" if false_alarm else "is under control now" if settled
            else "has been cleared")
    reply = (safety_replies.false_alarm() if false_alarm else safety_replies.settled() if settled
             else safety_replies.cleared(danger))
    pending = turn.conversation
    fix = not false_alarm and turn.parse.intent in (intents.BOOK, intents.UNKNOWN) \
        and _FIX_IT.search(text) is not None
    if fix and turn.customer is not None:  # "he capped it. can someone come fix it properly":
        # the repair booked tells the office, no notice beside it
        from bot.dialogue.emergency import SERVICE_FOR  # imports this module

        turn.say(reply)
        if pending.is_active(turn.now) and pending.flow == booking.FLOW:
            turn.finish(keep_done=True)  # the emergency's soonest times give way to a repair's
        slots = {key: value for key, value in turn.parse.slots.items() if key != "urgency"}
        turn.parse = Parse(intents.BOOK, {"service": SERVICE_FOR[danger], **{
            key: value for key, value in slots.items() if value}}, 1.0)
        _forget(turn)
        return False
    handoff.hand_over(turn, reason=f'says the {what} {said}: "{clip(turn.text, 80)}"')
    if pending.is_active(turn.now) and pending.flow == onboarding.FLOW:
        turn.say(reply)  # the sign-up's question stays
        if _HEATER.search(text):
            turn.say(safety_replies.space_heater())
    else:
        if _HEATER.search(text):
            turn.say(reply)
            reply = safety_replies.space_heater()
        turn.finish(reply)  # no emergency, no emergency's offers
    _forget(turn)
    return True


def _forget(turn: Turn) -> None:
    """The danger is over: nothing is told or offered for it any more."""
    data = dict(turn.conversation.data)
    data.pop(KEY, None)
    turn.conversation.data = data


def _calls_again(turn: Turn, text: str, danger: Danger) -> bool:
    """ "Nobody called yet", "is anybody on call?": the team is told again, urgently, and the
    customer hears it; False when the text says neither."""
    waiting = _NO_CALL_YET.search(text) is not None
    on_call = _ON_CALL.search(text) is not None
    if not waiting and not on_call and _WHEN_CALL.search(text) is None:
        return False
    what = safety_replies.WHAT_HAPPENED[danger]
    if waiting or on_call or not told_lately(turn):  # "how long til they call?" minutes after
        handoff.hand_over(turn, reason=f'{"still waiting for" if waiting else "asks about"} the '
                                       f'urgent call about {what}: "{clip(turn.text, 80)}"',
                          urgent=True)
    turn.say(safety_replies.called_again(turn.business.name, waiting=waiting,
                                         when=not waiting and not on_call))
    return True


# "nobody called yet. please book the earliest time tomorrow": a booking asked beside the wait.
_BOOK_WORDS = re.compile(r"\b(?:book|schedule|earliest|soonest|first available|send (?:someone|somebody|"
                         r"a tech))\b")


def _books(turn: Turn, text: str) -> bool:
    return turn.parse.intent == intents.BOOK and _BOOK_WORDS.search(text) is not None


def _asks_of_a_visit(turn: Turn) -> bool:
    """ "Also should we cancel the tune up on the 9th?": a question about a booked visit beside."""
    from bot.dialogue import keep_visit  # imports this module's neighbours

    return turn.customer is not None and keep_visit.asks_whether_to_cancel(turn)


def _someone_coming(turn: Turn) -> bool:
    """ "Is someone coming?" after a danger: the soonest times again when they are open, else
    that the office calls right away; False when a visit of theirs is today (its status tells)."""
    from bot.dialogue import emergency  # imports this module

    if _soonest_again(turn):
        return True
    if emergency.coming_today(turn):
        return False
    turn.say(safety_replies.called_again(turn.business.name, waiting=False, when=True))
    return _question_stays(turn)


def told_lately(turn: Turn) -> bool:
    """Whether the danger was told to the team only minutes ago."""
    raw = turn.conversation.data.get(KEY)
    try:
        at = datetime.fromisoformat(str(raw.get("at"))) if isinstance(raw, dict) else None
    except ValueError:
        return False
    return at is not None and turn.now - at <= _JUST_TOLD


def _question_stays(turn: Turn) -> bool:
    """After an answer aside, the offers pending stay open; any other question stays as it is."""
    pending = turn.conversation
    if not pending.is_active(turn.now):
        turn.finish()
    elif pending.flow == booking.FLOW and pending.step == offers.PICK:
        _offers_again(turn)
    return True


def _step_taken(turn: Turn, text: str, danger: Danger) -> Reply | None:
    """ "We're all out in the car", "i flipped the breaker off": acknowledged, with what to keep
    doing until help comes; None when the text says no step was taken."""
    if _OUT.search(text) and danger in (Danger.GAS, Danger.FIRE):
        turn.remember(KEY, {**turn.conversation.data[KEY], OUT: True})
        return safety_replies.out_safely(danger)
    if any(_OFF.search(clause) and not _NOT_TOLD.search(clause)
           for clause in _TOLD_CLAUSES.split(text)):  # told, never asked
        turn.remember(KEY, {**turn.conversation.data[KEY], OFF: True})
        return safety_replies.kept_off(danger)
    return None


def water_off_told(turn: Turn, danger: Danger) -> Reply | None:
    """The water already shut off, told with the flood itself: acknowledged with what to keep
    doing, never told to shut it off again; None for any other danger or text."""
    if danger is not Danger.WATER or known(turn) is None or \
            _step_taken(turn, normalize(turn.text), danger) is None:
        return None
    return safety_replies.water_off_first(danger)


def _step_before(turn: Turn) -> str | None:
    """The step the sender said earlier was taken: everyone out (OUT) or the supply off (OFF)."""
    raw = turn.conversation.data.get(KEY)
    if not isinstance(raw, dict):
        return None
    return OUT if raw.get(OUT) else OFF if raw.get(OFF) else None


def _soonest_again(turn: Turn) -> bool:
    """ "Is anyone coming tonight?" with the emergency's soonest times open: those times again,
    saying honestly when none is in the part of today asked for; False with none open."""
    pending = turn.conversation
    if not (pending.is_active(turn.now) and pending.flow == booking.FLOW
            and pending.step == offers.PICK) or _ANYONE_COMING.search(normalize(turn.text)) is None:
        return False  # "isn't dave coming anyway?", "any extra charge?": answered by their own
    wish = offers.wish_from(turn)
    found = [offers.load(raw) for raw in turn.data.get("offers", [])]
    today = offers.local_date(turn.now, turn.timezone)
    asked_now = _ASKED_NOW.search(normalize(turn.text))
    if asked_now is not None and (wish is None or wish.date != today):
        # "tomorrow?? nobody can come tonight?": tonight is asked for, tomorrow only complained of
        wish = Wish(date=today, start=booking.EVENING if asked_now.group(1) != "today" else None)
    if not found or wish is None or wish.date not in (None, today) or any(
            wish.is_met_by(o, turn.timezone) for o in found):
        return _offers_again(turn)
    choices = [f"{visit_label(o.window_start, o.window_end, turn.timezone)} with "
               f"{o.technician_name.split()[0]}" for o in found]
    turn.ask(booking.FLOW, offers.PICK, turn.data,
             safety_replies.soonest(choices, missed=booking.missed_word(wish)))
    return True


# "(no|any)one come tonight?", "can't anybody get here today": the part of today asked for.
_ASKED_NOW = re.compile(r"\b(?:any ?one|any ?body|no ?one|no ?body|some ?one|some ?body)\b[^.?!]{0,25}?"
                        r"\b(?:com(?:e|ing)|here|out)\b[^.?!]{0,15}?\b(tonight|today|this evening)\b")


def _only_news(turn: Turn) -> bool:
    """Whether the text only tells how things stand: no address, pick, question or request."""
    # "i flipped the breaker, no more smoke" names the trade (a booking to the parser) and asks
    # for nothing
    told = turn.parse.intent == intents.BOOK and _ASKS_FOR.search(normalize(turn.text)) is None
    return ((turn.parse.intent in (intents.UNKNOWN, intents.AFFIRM, intents.THANKS) or told)
            and turn.parse.slots.get("when") is None and "?" not in turn.text
            and not _adds_to_signup(turn)
            and _option_before_question(turn.text) is None)  # "water is off now. 2": a pick


def _adds_to_signup(turn: Turn) -> bool:
    """Whether the text gives an address, or the ZIP a street given before waits for."""
    if read_signup(turn.text).address is not None:
        return True
    pending = turn.conversation
    return (pending.is_active(turn.now) and pending.flow == onboarding.FLOW
            and bool(pending.data.get("street")) and not pending.data.get("postal_code")
            and postal_code_alone(turn.text) is not None)


def _soonest_after_address(turn: Turn) -> bool:
    """A newcomer still signing up who asks when someone can come ("can somebody come tonight?")
    hears that the soonest time follows the address; False for anyone else."""
    pending = turn.conversation
    signing_up = (pending.is_active(turn.now) and pending.flow == onboarding.FLOW
                  and pending.step == "details")
    if not signing_up or read_signup(turn.text).address is not None or not (
            turn.parse.intent == intents.BOOK or turn.parse.slots.get("when") is not None):
        return False
    refused = onboarding.refused_area(turn)
    if refused is not None:  # "can u come fix it tmrw or no since im evanston": still no
        turn.ask(onboarding.FLOW, "details", turn.data, replies.still_outside_area(refused))
        return True
    now = local(turn.now, turn.business.timezone)
    hours = turn.business.business_hours.for_day(now.date())
    turn.ask(onboarding.FLOW, "details", turn.data, safety_replies.soonest_after_address(
        turn.data.get("name") is not None, open_now=hours is not None and hours.contains(now.time())))
    return True


def _answer_for(text: str, danger: Danger | None, *, thaw: bool, heater: bool = False,
                dust: bool = False) -> Reply:
    """The answer to the safety question asked: thawing a pipe, a space heater, dust burning
    off, an appliance near water, where the shutoff is, whether to switch something off; else
    the danger's safety step again."""
    if thaw and danger == Danger.COLD and _DRIP.search(text) and not _FROZE.search(text):
        return safety_replies.keep_pipes_from_freezing()  # "should i leave the faucets dripping?"
    if thaw or danger is None:
        return safety_replies.thaw()
    if heater:
        return safety_replies.space_heater()
    if dust:
        return safety_replies.dust_burning_off()
    if danger in (Danger.WATER, Danger.SEWAGE) and _APPLIANCE.search(text):
        return safety_replies.appliance_in_water()
    if _STAY.search(text) and danger != Danger.GAS:  # with gas, the step itself answers: leave
        return safety_replies.safe_to_stay(danger)
    if _WHERE.search(text) or _HOW_OFF.search(text):
        return safety_replies.where_shutoff(danger)
    if _SWITCH_OFF.search(text):
        return safety_replies.switch_off(danger)
    return safety_replies.reminder(danger)


def _frozen(turn: Turn) -> bool:
    """Whether the booking under way is about frozen pipes."""
    scope = str(turn.conversation.data.get("scope") or "") if turn.conversation.is_active(
        turn.now) else ""
    return _FROZEN.search(normalize(scope)) is not None and "fro" in scope.lower()


def _pick_stays_open(turn: Turn) -> bool:
    """A pick told with the question ("first one pls. anything i should do?") is booked by the
    flow; otherwise the offered times are shown again."""
    option = _option_before_question(turn.text)
    if option is not None:
        turn.parse = Parse(intents.CHOOSE, {"option": option}, 1.0)
        return False
    if turn.parse.intent == intents.CHOOSE or offers.wish_from(turn) is not None:
        return False
    return _offers_again(turn)


def _offers_again(turn: Turn) -> bool:
    """The times offered, shown again to pick from; False when none are kept."""
    data = turn.data
    site = next((s for s in (turn.customer.sites if turn.customer else [])
                 if s.id == data.get("site_id")), None)
    timezone = site.timezone if site else turn.timezone
    found = [offers.load(raw) for raw in data.get("offers", [])]
    choices = [f"{visit_label(o.window_start, o.window_end, timezone)} with "
               f"{o.technician_name.split()[0]}" for o in found]
    if not choices:
        return False
    turn.ask(booking.FLOW, offers.PICK, data, safety_replies.still_open(choices))
    return True


def _option_before_question(text: str) -> int | None:
    """The option a sentence of the text picks, when one sentence is only a pick."""
    for sentence in _SENTENCES.split(normalize(text)):
        option = option_in(re.findall(r"[#\w']+", sentence))
        if option is not None:
            return option
    return None
