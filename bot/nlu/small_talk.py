"""Greetings, thanks, asking for help and asking for a person."""

from __future__ import annotations

import re

from bot.nlu import intents
from bot.nlu.message import Message, Verdict

_GREETING = re.compile(
    r"^(?:(?:hi|hello|hey|hiya|howdy|yo|hola|bonjour|ciao|greetings|sup|well hi|oh hi|hi again|"
    r"hey again|hello again|good (?:morning|afternoon|evening|day)|morning|afternoon|evening|"
    r"gm|heya|hey hey|hi hi|hallo|helo|hello)\b(?: there| all| guys| team| folks| ai| bot| friend)?"
    r"[\s!.,]*)+"
)
_HOW_ARE_YOU = re.compile(
    r"\b(?:how are you|how r you|how are things|how is it going|how it going|how is your day|"
    r"how are you doing|how you doing|what is up|whats up|what is new|wassup|are you okay|are you ok|"
    r"are you doing alright|is everything ok|how the ai is doing|how you are|good to see you|"
    r"nice to meet you|what are you feeling|is everything (?:ok|okay|alright))\b"
)
_THANKS = re.compile(
    r"\b(?:thanks|thank you|thank|thankyou|many thank|cheers|much appreciated|appreciate|"
    r"apprecaite|appeciate|grateful|ta|thx|tyvm|you are the best|you rock|gracias|merci|danke|"
    r"obrigado|obrigada|grazie|cheers|ta very much|nice one|legend|lifesaver|life saver|"
    r"you are a star|star|much obliged)\b"
)
_HELP = re.compile(
    r"^(?:help|help me|help please|please help|info|information|menu|commands|options|"
    r"what can you do|how does this work|how do this work|i need help|need help)\W*$"
    r"|\bwhat (?:are my options|can you (?:do|help)|(?:things|kind|kinds|type|types|sorts|sort)"
    r" of (?:things|questions|tasks|stuff)|subjects|knowledge)\b"
    r"|^what (?:do|does) (?:you|you guys|this|this bot|this number|this thing) do\W*$"
    r"|\b(?:what|which) (?:\w+ ){0,4}(?:you can|can you|are you able to|you are able to) (?:guys |all )?"
    r"(?:help|do|assist)\b"
    r"|\bhow can you help\b|\bwhat (?:can|should|do) i (?:ask|say|text|type)\b"
    r"|\bexamples of what to ask\b|\bwhat (?:are you|you are) (?:programmed|able|good) \w*\b"
    r"|\b(?:what|which) subjects\b|\bwhat (?:\w+ )?(?:things|tasks) (?:do you|can you)\b"
    r"|\bwhat (?:can|could|would) you (?:be able to )?do\b(?! about| with (?:my|the|our|a|an|this|that))"
    r"|^(?:so |ok |okay |um |sorry )?what (?:is |s )?this (?:\w+ )?for\W*$"
    # About the bot or the number itself ("what can this thing do", "what is this number for").
    r"|\bwhat (?:can|could|does|do|will|would) (?:this|the|you|u) (?:\w+ )?"
    r"(?:thing|bot|number|line|chat|app|service|text line|assistant|system|robot|do)\b(?: \w+)? "
    r"(?:do|help with|be used for|for)\b|"
    r"\bwhat (?:can|could|do|should|would) (?:i|we) use (?:this|the|you|u)(?: \w+){0,2}? for\b|"
    r"\bwhat (?:is|s) (?:this|the) (?:number|thing|bot|line|chat|text line|assistant|service) for\b|"
    r"\bhow (?:do|can|should) (?:i|we) use (?:this|the|you) ?(?:thing|bot|number|line|chat|app|service|"
    r"assistant|system)?\W*$"
)
_HUMAN = re.compile(
    r"\b(?:talk|speak|chat|connect me|put me through|transfer me)(?: to| with)? (?:a |an |the |some |your )?"
    r"(?:real |live |actual |human |person |)(?:person|human|someone|somebody|agent|representative|"
    r"rep|manager|supervisor|owner|operator|dispatcher|dispatch|office|boss|people|being)\b"
    r"|\b(?:call me|call me back|give me a call|phone me|ring me|call back|callback)\b"
    r"(?! (?:by|jon|john|[a-z]+ from now))"
    r"|\b(?:have|can|could|get) (?:someone|somebody|a person|a human|the office|a manager) "
    r"(?:call|ring|phone|contact|reach)\b"
    r"|^(?:a )?(?:representative|agent|operator|human|person|manager|real person|live agent|"
    r"live person|customer service|supervisor|dispatcher)\W*(?:please|pls)?\W*$"
    r"|\b(?:is this|are you) (?:a )?(?:bot|robot|machine|real person|human|automated)\b"
    r"|\bcustomer service\b"
    # "whoever is in charge", "the person in charge there": a person with authority is asked for
    r"|\b(?:whoever|who ever|the person|a person|someone|somebody|anyone|anybody|the one)"
    r"(?: who is| that is| thats| whos| who s| is)? in charge\b"
    # "your manager's number", "who's the owner? i want to talk to them", "in touch with a supervisor"
    r"|\b(?:your|the) (?:manager|supervisor|owner|boss)(?:'?s)? (?:number|phone|contact|email|name)\b"
    r"|\b(?:who is|whos|who's|who) (?:the|your) (?:owner|manager|supervisor|boss)\b"
    r"|\b(?:in touch|in contact) with (?:a|an|the|your) (?:manager|supervisor|owner|boss|person|human)\b"
    r"|\b(?:someone|somebody|anyone|anybody|a person) (?:higher up|above you|more senior|with "
    r"(?:more )?authority|in management)\b|\b(?:escalate|escalating) (?:this|it|my|the)\b"
    r"|\b(?:is there|is anyone|is somebody|is someone|any|is there any|got|have you got|do you have) "
    r"(?:a |an |any )?(?:real |live |actual )?(?:human|person|people|humans|agent|operator|rep|"
    r"representative|one real|anyone real|someone real|staff)\b(?! (?:lives?|doing|needs))"
    r"|\b(?:human|real person|actual person|live person|live agent|real human|actual human|"
    r"someone real|a manager|the manager|your manager|supervisor)\b.*\b(?:talk|speak|chat) to\b"
    r"|\b(?:talk|speak|chat) to (?:an? )?(?:actual|real|live) \w+"
    r"|\b(?:get|put) (?:me )?(?:my |a |the |your |our )?(?:manager|supervisor|boss|dispatcher|dispatch|"
    r"office|owner|someone|somebody|a human|a person) on(?: the (?:phone|line)| for me\b|\W*$)"
    r"|\b(?:i want|i need|i would like|get me|can i get|can i have|let me (?:talk|speak) to) "
    r"(?:a |an |the |your |my )?(?:(?:real |actual |live )?human(?: being)?|real person|actual person|"
    r"live person|person|manager|supervisor|agent|operator|"
    r"representative|someone in the office|the office|dispatcher|owner)\b"
    r"|\b(?:stop|quit|enough)(?: with)? (?:the |this )?(?:bot|robot|automated|machine)\b"
    r"|\b(?:not|no) (?:a |another )?(?:bot|robot|machine|computer)\b"
    r"|\b(?:hablar con|persona real|un humano)\b"
    # "who do I talk to about this", "who can I speak with", "who handles billing"
    r"|\bwho (?:do|should|can|could|would) (?:i|we) (?:talk|speak|contact|complain|write|reach out|"
    r"get in touch)\b"
    r"|\bwho (?:handles|deals with|takes care of|do i see about) (?:the )?(?:billing|bills?|invoices?|"
    r"complaints?|refunds?|payments?)\b"
    r"|\bis there (?:someone|somebody|anyone|anybody) (?:i|we) (?:can|could) (?:talk|speak|complain)\b"
)


# Words that open or close a text without meaning anything ("ok so ...", "... lol").
_LEADING_FILLER = re.compile(
    r"^(?:(?:ok so|okay so|so|well|um+|uh+|erm+|anyway|anyways|lol|haha+|hmm+|oh|ah)\b[\s,.!-]*)+(?=\w)"
)
_TRAILING_LAUGH = re.compile(r"(?<=\w)[\s,.!]*\b(?:lol|lmao|haha+|hehe+|xd|xx+|x)\W*$")
_POLITE_TAIL = re.compile(
    r"(?<=\w)[\s,.!?]*\b(?:(?:thanks|thank you|thx|please|cheers|ty|thanks a lot|thank you so much)"
    r"[\s,.!]*)+$"
)


def strip_greeting(text: str) -> str:
    """Drop a leading greeting ("Hi there,", "good morning") so the request behind it is read."""
    text = _GREETING.sub("", text, count=1).strip()
    text = _LEADING_FILLER.sub("", text, count=1)
    return _TRAILING_LAUGH.sub("", text, count=1).strip()


def opens_with_greeting(text: str) -> bool:
    """Whether a text opens with a greeting, after any filler ("lol hi"); a laugh alone greets no one."""
    return _GREETING.match(_LEADING_FILLER.sub("", text.strip(), count=1)) is not None


def without_polite_tail(text: str) -> str:
    """The text without a closing "thanks" or "please" ("HELP thanks" asks for help)."""
    return _POLITE_TAIL.sub("", text, count=1).strip()


# The writer asking whom they should call ("who am i supposed to call back") wants no call.
_WHOM_TO_CALL = re.compile(
    r"\bany (?:\w+ ){1,2}(?:i|we) (?:should|need to|have to|must|ought to|got to) (?:\w+ ){0,2}"
    r"(?:call|ring|phone)\b|"
    r"\b(?:who|which|what)(?: \w+){0,2}? (?:am i|are we|do i|do we|should i|should we|must i|have i|shall i|"
    r"need i|need to be|needs to be|to) (?:\w+ ){0,3}"
    r"(?:call|ring|phone)\b|"
    # "who needs a call back", "who's due for a callback": the writer's list of people to call
    r"\bwho (?:is |s )?(?:needs|need|due|is due)(?: for)? (?:a )?(?:call ?back|call|ring)\b|"
    r"\bcall ?back list\b"
)


# "what can you do about my broken ac" asks for a repair, not for the menu.
_ABOUT_A_PROBLEM = re.compile(r"\b(?:do|help) (?:about|with|for) (?:my|the|our|a|an|this|that|these|those)\b")


def detect_help_or_human(message: Message) -> Verdict | None:
    """Recognise a request for a person, or for the menu of what the bot can do."""
    core = without_polite_tail(message.masked)
    if message.has(_WHOM_TO_CALL):
        return None
    if message.has(_HUMAN) or _HUMAN.search(core):
        return Verdict(intents.HUMAN, 0.9)
    if (message.has(_HELP) or _HELP.search(core)) and not message.has(_ABOUT_A_PROBLEM):
        return Verdict(intents.HELP, 0.85)
    return None


def detect_small_talk(message: Message) -> Verdict | None:
    """Recognise "how are you (today)?" and the like, which name a day but ask for nothing."""
    if message.service or not message.has(_HOW_ARE_YOU):
        return None
    rest = _HOW_ARE_YOU.sub(" ", message.masked)
    leftover = [w for w in rest.split() if w.strip("?!.,") not in _SMALL_TALK_FILLER]
    return Verdict(intents.GREET, 0.8) if not leftover else None


_SMALL_TALK_FILLER = frozenset(
    "today i need to know want would like tell me let how you are doing so well hi hey hello there "
    "and ai the is it your day".split()
)


# "who am i talking to", "is this a real person", "are you a robot or a person": a question about
# who answers, which asks for no one.
_WHO_ANSWERS = re.compile(
    r"\bwho (?:am i|are we|is this|s this|i am|im|i'?m) (?:talking|texting|chatting|speaking) "
    r"(?:to|with)\b|\bwho (?:is|s) (?:this|that|texting me)(?= ?[?.!,]|$)|\bwho are you(?= ?[?.!,]|$)"
    r"|\b(?:is this|are you|am i (?:talking|texting|chatting|speaking) (?:to|with)|is that|r u|are u)"
    r" (?:a |an |just a |some )?(?:real |actual |live )?(?:bot|robot|machine|computer|ai|human|person|"
    r"real person|automated(?: \w+)?|auto ?reply|chat ?bot|program)\b"
    r"(?: or (?:a |an )?(?:real |actual |live )?(?:bot|robot|machine|computer|ai|human|person|"
    r"automated(?: \w+)?))?")


def asks_who_answers(text: str) -> bool:
    """Whether a (normalized) text asks who or what answers it, and asks for nobody: "are you a
    robot or a person", "who am i talking to"; "are you a bot? get me a person" asks for one."""
    if _WHO_ANSWERS.search(text) is None:
        return False
    rest = _WHO_ANSWERS.sub(" ", text)
    return _HUMAN.search(rest) is None


def says_thanks(text: str) -> bool:
    """Whether a (normalized) text thanks us, e.g. "ok thanks", read as a nod by the parser."""
    return _THANKS.search(text) is not None


_NO_THANKS = re.compile(r"\bno,? (?:thanks|thank you)\b")


def detect_greeting_or_thanks(message: Message, *, greeted: bool) -> Verdict | None:
    """Recognise a message that is only thanks, or only a greeting, once nothing else matched."""
    if message.has(_NO_THANKS):
        return Verdict(intents.DENY, 0.7)
    if message.has(_THANKS):
        return Verdict(intents.THANKS, 0.85)
    if message.has(_HOW_ARE_YOU) or (greeted and len(message.tokens) <= 2):
        return Verdict(intents.GREET, 0.85)
    return None
