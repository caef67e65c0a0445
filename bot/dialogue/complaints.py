"""Complaints and rudeness: a short, human answer, and a person told when one should follow up.

A complaint (a no-show, a mess, work not fixed, a rude technician, a wrong charge) gets an
apology and a dispatcher item naming what went wrong. Rudeness alone gets a calm offer of help;
rudeness beside a request lets the request go on, after a word of apology.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.dialogue import handoff, replies, small_talk, visits
from bot.dialogue.reply import Reply
from bot.dialogue.times import local
from bot.nlu import intents
from bot.nlu.services import matcher_for
from bot.nlu.small_talk import strip_greeting
from bot.nlu.text import normalize
from domain.authz import may_act_on
from domain.jobs import Appointment, AppointmentStatus, JobState

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

_STAFF = (r"(?:tech|techs|technician|technicians|guy|guys|man|worker|workers|plumber|electrician|"
          r"installer|crew|team|he|she|they|someone|somebody|your (?:guy|man|person|people|company))")
_NO_SHOW = re.compile(
    r"\b(?:never|did not|didnt|did nt|has not|hasnt|have not|havent) (?:even )?(?:show|showed|shown|"
    r"come|came|turn(?:ed)? up|arrive[d]?|appear(?:ed)?)(?: up)?\b|\bno[ -]?show\b"
    r"|\b(?:nobody|no one|noone|no body|no tech|no technician) (?:ever |even |was |is )?(?:came|showed|"
    r"turned up|arrived|come|show|coming|showing)\b|\bstood (?:me|us) up\b"
    r"|\bwaited (?:all day|all morning|all afternoon|for hours)\b"
)
# "can nobody come tonight??", "could no one get here sooner": a visit asked for, never a no-show.
_ASKS_SOMEONE = re.compile(
    r"\b(?:can|could|will|would|cant|can'?t|cannot|is|isnt|isn'?t)(?: there)? (?:really )?(?:nobody|no one|"
    r"noone|no body|anyone|anybody|someone|somebody) (?:come|coming|get (?:here|out)|be here|make it)\b")
_SENT = r"(?: (?:you|u) sent| you guys sent| who came| that came| from yesterday| from today)?"
# A credit or refund asked for: "i want some kind of credit", "refund me", "want my money back".
_CREDIT = re.compile(
    r"\b(?:want|need|expect|deserve|demand|should get|asking for|ask for|give me|give us|owe me|"
    r"owe us)\b(?:\W+\w+){0,3}?\W+(?:credit|refund|compensation|reimburse\w*|money back)\b(?! card)"
    r"|\brefund (?:me|us|my|our)\b|\bmy money back\b")
# A discount asked for beside a grievance ("i want a discount for wasting my morning") is a credit
# asked for; asked alone ("any discount for seniors?") it is a price question (topics).
_DISCOUNT = re.compile(
    r"\b(?:want|need|expect|deserve|demand|should get|asking for|ask for|give me|give us|owe me|"
    r"owe us)\b(?:\W+\w+){0,3}?\W+discount\b")
_WASTED = re.compile(r"\bwast(?:e|ed|ing) (?:of )?(?:my|our|the) (?:whole |entire )?(?:time|morning|"
                     r"afternoon|evening|day)\b")
_NOT_FIXED = "the problem is not fixed after the visit"
_CREDIT_ASKED = "asks for a credit or refund"
# Each complaint: what it matches, what the apology is for, and the dispatcher item's reason.
_COMPLAINTS = (
    (re.compile(r"\b(?:left|leave|leaving|made|make) (?:a |an |such a |the place a )?(?:\w+ )?"
                r"(?:mess|dirt|mud|debris|trash|garbage|junk|dust|water everywhere)\b"
                r"|\bmess (?:everywhere|all over)\b"
                # "left water all over the floor": whatever was left lies all over the place
                r"|\b(?:left|leave|leaving) (?:\w+ ){1,3}(?:all over|everywhere)\b"
                # "tracked mud all over my carpet", "dirt everywhere"
                r"|\b(?:tracked|trekked|dragged|got) (?:\w+ ){0,2}(?:mud|dirt|muck|water|dust|grease|"
                r"debris) (?:all over|everywhere|through|on|in|into)\b"
                r"|\b(?:muddy |dirty )?(?:foot|boot|shoe) ?prints\b"
                r"|\b(?:mud|dirt|muck|dust|grease|debris) (?:all over|everywhere|on (?:the |my |our )?"
                r"(?:carpets?|floors?|rugs?))\b"
                r"|\btrack(?:ed|ing|s)? (?:\w+ ){0,2}(?:mud|dirt|snow|grease|muck)\b"),
     "the mess", "left a mess"),
    (re.compile(r"\b(?:still|again) (?:not |isnt |is not |does not |doesnt |wont |will not )?"
                r"(?:fixed|working|broken|leaking|the same)\b.*\b(?:after|since) (?:your|the|their|his|"
                r"her|you|they|he|she)\b|\b(?:not|never|wasnt|was not|isnt|is not) (?:properly |really "
                r")?fixed\b|\b(?:did not|didnt|did nt|failed to|couldnt|could not) (?:even )?fix\b"
                r"|\b(?:you|your (?:guy|tech)|he|they|the tech) (?:just )?(?:fixed|repaired|was here|came)"
                r"\b.*\b(?:still|again)\b"),
     "that: it should have been fixed", _NOT_FIXED),
    (re.compile(_STAFF + _SENT + r" (?:was|were|is|are|got) (?:very |so |really |extremely |super |"
                r"incredibly |quite |pretty )?(?:rude|"
                r"unprofessional|disrespectful|aggressive|mean|nasty|yelling|drunk|high)\b"),
     "how you were treated", "the technician was rude or unprofessional"),
    # "... and was rude about it": rude said of whoever the text is about, never of the writer
    (re.compile(r"(?<!\bi )(?<!\bwe )(?<!\bim )\b(?:was|were|got|being|been) (?:very |so |really |"
                r"extremely |super |quite |pretty |kind of |kinda )?(?:rude|unprofessional|"
                r"disrespectful|condescending|nasty)\b"),
     "how you were treated", "the technician was rude or unprofessional"),
    (re.compile(_STAFF + r" (?:broke|damaged|scratched|cracked|ruined|dented|stained)\b"
                r"|\b(?:damage|damaged) (?:my|our|the)\b"),
     "the damage", "something was damaged during the visit"),
    (re.compile(_STAFF + _SENT + r" (?:was|were|showed up|came|arrived|got here|turned up) (?:\w+ ){0,3}"
                r"late\b|\b(?:hours?|over an hour) late\b"),
     "the wait", "the technician was late"),
    (re.compile(r"\bover ?charg\w*|\bcharged (?:me |us )?(?:too much|twice|double|wrong)\b"
                r"|\b(?:wrong|incorrect) (?:bill|charge|invoice|amount)\b|\bripped (?:me |us )?off\b"
                r"|\b(?:bill|charge|invoice|amount|price)s? (?:was|is|were|are|looks?|seems?) (?:\w+ )?"
                r"(?:wrong|incorrect|off|too high|a mistake)\b|\bbilling (?:issue|problem|error|mistake)\b"
                r"|\b(?:dont|do not|shouldnt|should not|wont|will not|not going to|refuse to) (?:want to |"
                r"have to )?pay\b|\b(?:fixed|done|redone) for free\b"
                # "way more than what ben told me", "he said $180 and the bill says $420"
                r"|\b(?:invoice|bill|charge|total)\b[^.?!]*\b(?:(?:more|higher)\b[^.?!]*\bthan|"
                r"(?:double|twice|triple) (?:what|the))\b"
                r"|\b(?:more|higher) than (?:what )?(?:\w+ ){0,3}(?:told|quoted|said|estimated|promised|"
                r"agreed)\b"
                r"|\b(?:said|told|quoted|estimated|estimate|quote|promised)\b[^.?!]{0,50}\d[^.?!]{0,60}"
                r"\b(?:bill|invoice|charged|billed|charge)\b[^.?!]{0,30}\d"
                r"|\b(?:bill|invoice|charged|billed|charge)\b[^.?!]{0,50}\d[^.?!]{0,60}"
                r"\b(?:quoted|estimated|estimate|quote|said|told|promised)\b[^.?!]{0,30}\d"),
     "the charge", "disputes a charge"),
    (re.compile(r"\b(?:file|make|lodge|have|got|register) (?:a |an )?complaint\b|\bi want to complain\b"
                r"|\bcomplain(?:ing)? about\b|\b(?:terrible|horrible|awful|worst|bad|poor) (?:service|job|"
                r"work|experience|company)\b|\b(?:very |so |really )?(?:disappointed|unhappy) with\b"
                r"|\bnot (?:happy|satisfied|pleased)\b|\bunacceptable\b"),
     "that", "is unhappy with the service"),
    (_CREDIT, "that", _CREDIT_ASKED),
)
# "Broken again" is a complaint only from someone we have visited; for anyone else a new problem.
_AGAIN = re.compile(r"\b(?:broke|broken|stopped working|leaking|not working|acting up|doing it|failed|"
                    r"went out|gone out|goes out|blew out|tripped|tripping|clogged up|clogged|backed up|"
                    r"dripping|drips|leaks|making (?:the|that) (?:noise|sound)) "
                    r"(?:\w+ )?(?:again|already)\b|\bsame (?:problem|issue) (?:again|still|is back)\b"
                    # "the sink is still dripping": the trouble the visit was for goes on
                    r"|\bstill (?:drip\w*|leak\w*|broke\w*|cold|clog\w*|running|noisy|making (?:a |that )?"
                    r"nois\w*|trip\w*|smell\w*|blowing (?:cold|warm|hot)|the same|no (?:heat|hot water|power|"
                    r"water)|(?:not|isnt|is not|doesnt|does not|wont|will not) "
                    r"(?:work\w*|drain\w*|fixed|heat\w*|cool\w*))\b")
# Our work named, then trouble with it: "the water heater your guy fixed yesterday is now leaking".
_OUR_WORK = re.compile(
    r"\b(?:you|u|you guys|your (?:guy|guys|tech|technician|man|plumber|electrician|people|crew)|"
    r"the (?:tech|technician|plumber|electrician|guy)|he|she|they|ben|dave|carla|eddie|alicia|fatima)"
    r" (?:just |already |supposedly )?(?:fixed|repaired|replaced|installed|serviced|worked on|looked at|"
    r"cleaned|put in|came (?:out )?(?:to fix|and fixed))\b"
    r"|\b(?:was|were|got) (?:just )?(?:fixed|repaired|replaced|installed|serviced) (?:by (?:you|your)|"
    r"yesterday|today|this morning|last week|on \w+day)\b")
_TROUBLE_AFTER = re.compile(
    r"\b(?:is|are|was|has|have|now|again|still|started|starting|keeps|kept|its|it is|and)\b"
    r"(?:\W+\w+){0,3}?\W+(?:leak\w*|drip\w*|broke\w*|not working|stopped|quit|dead|failed|failing|"
    r"tripping|clogged|backed up|backing up|no (?:heat|hot water|power)|cold|acting up|making (?:a |that )?"
    r"nois\w*|noisy|smell\w*|out again|down again)\b")
LOOK_BACK = timedelta(days=90)
HANDED_OVER = handoff.HANDED_OVER
_RUDE = re.compile(
    r"\b(?:is this|this is|what) a (?:\w+ )?joke\b|\b(?:are|r) (?:you|u) (?:kidding|serious|joking)\b|"
    r"\b(?:ridiculous|useless|stupid|idiots?|idiotic|dumb|pathetic|incompetent|morons?|clowns?|"
    r"wtf|fuck\w*|f+\W*k|shit\w*|bullshit|bs|damn\w*|crap\w*|sucks?|hate (?:you|this)|screw (?:you|this)|"
    r"piss\w*|ass|asshole|bitch\w*|hell|annoying|infuriating|worthless|waste of (?:my )?time)\b"
    r"|\bf\*+\w*|\bs\*+t\b"
)


# Another technician asked for ("dont send carla again", "i want a different tech", "a different
# PERSON on friday, same times"): the office chooses who goes; no visit is moved.
_OTHER_TECHNICIAN = re.compile(
    r"\b(?:dont|do not|don t|never|please dont|pls dont) send (?:\w+ )?(?:him|her|them|that guy|"
    r"(?!a\b|an\b|someone|somebody|anyone|anybody)\w+) (?:again|back|anymore|over)\b"
    r"|\b(?:want|need|like|prefer|send|get|have|ask for|asking for|request) (?:a |an |some )?"
    r"(?:different|another|new|other) (?:tech|techs|technician|person|guy|plumber|electrician|"
    r"installer|worker)\b(?! (?:visit|appointment|appt|time|day|slot|window|to come))"
    r"|\b(?:a |an )?different (?:tech|technician|person|guy|plumber|electrician)\b"
    r"|\b(?:send|want|get) (?:someone|somebody) (?:else|other than)\b"
    r"|\bnot (?:him|her|that guy) again\b")


# A return visit asked beside the complaint: the booking goes on after the apology.
_COME_BACK = re.compile(r"\b(?:come|coming|send (?:him|her|them|someone|somebody)) back\b|"
                        r"\bcome (?:out |by )?again\b")
# Intents whose flow still runs after the apology ("nobody came, please reschedule").
_GOES_ON = frozenset({intents.RESCHEDULE, intents.CANCEL})


def answer(turn: Turn) -> bool:
    """Answer a complaint or plain rudeness; False when the text is about something else, or when
    the request beside the complaint (a reschedule, a cancellation) should go on after the apology."""
    text = strip_greeting(normalize(turn.text))
    if turn.parse.intent == intents.HUMAN:
        return False  # "I want a manager": the hand-over answers it, with or without a complaint
    if _OTHER_TECHNICIAN.search(text) and turn.customer is not None:
        _another_technician(turn)
        return True
    found = [(sorry_for, reason) for pattern, sorry_for, reason in _COMPLAINTS if pattern.search(text)]
    if (all(reason != _NOT_FIXED for _, reason in found)
            and (_AGAIN.search(text) or _back_after_our_work(text)) and _visited(turn)):
        found.insert(0, _COMPLAINTS[1][1:])  # the work came undone: first, and named
    if _DISCOUNT.search(text) and all(reason != _CREDIT_ASKED for _, reason in found) and (
            found or _RUDE.search(text) or _WASTED.search(text) or _NO_SHOW.search(text)):
        found.append(("that", _CREDIT_ASKED))
    if _NO_SHOW.search(text) and not _ASKS_SOMEONE.search(text):
        missed = _missed_visit(turn)
        label = visits.label(turn, missed) if missed is not None else None
        if missed is not None:
            visits.remember_shown(turn, [missed])  # "rebook it" then means the visit missed
        found.insert(0, ("", "technician did not show up" + (f" for the visit {label}" if label else "")))
        booked = _next_visit(turn) if missed is None else None
        apology = replies.complaint_no_show(label, booked)
    elif found and found[0][1] == _NOT_FIXED and (work := recent_work(turn)) is not None:
        service, label = visits.service_name(turn, work), visits.label(turn, work)
        found[0] = (found[0][0], f"{_NOT_FIXED} ({service.lower()} visit {label})")
        apology = replies.complaint_callback(service, label)
    elif found and found[0][1] == _CREDIT_ASKED:
        apology = replies.credit_asked(discount=_DISCOUNT.search(text) is not None)
    elif found:
        apology = replies.complaint(found[0][0])
    elif _RUDE.search(text):
        if turn.parse.intent in (intents.UNKNOWN, intents.GREET, intents.HELP, intents.THANKS) or (
                turn.parse.intent == intents.BOOK and not turn.parse.slots):  # asks for nothing
            small_talk.settle(turn, replies.calm())
            return True
        turn.say(replies.sorry_for_the_trouble())  # and the request goes on as asked
        return False
    else:
        return False
    handoff.hand_over(turn, reason="complaint: " + "; ".join(reason for _, reason in found))
    if turn.parse.intent in _GOES_ON or (turn.parse.intent == intents.BOOK
                                         and _COME_BACK.search(text)):  # "can she come back tmrw?"
        turn.say(replies.complaint_noted())
        return False
    small_talk.settle(turn, apology, done=handoff.HANDED_OVER)
    from bot.dialogue import two_parts  # imports this module's neighbours

    two_parts.questions_aside(turn, besides=_complains)  # "is he still coming today?"
    return True


def _complains(text: str) -> bool:
    """True when a part of a text is (part of) a complaint."""
    no_show = _NO_SHOW.search(text) is not None and _ASKS_SOMEONE.search(text) is None
    return no_show or any(pattern.search(text) for pattern, _, _ in _COMPLAINTS) or any(
        pattern.search(text) for pattern in (_AGAIN, _RUDE, _OTHER_TECHNICIAN))


def _missed_visit(turn: Turn) -> Appointment | None:
    """The visit the text names by its work or window among those due lately; else the sender's
    latest visit whose arrival window began today or yesterday and is not done."""
    return missed_named(turn) or max(_due_lately(turn), key=lambda a: a.window_start, default=None)


def missed_named(turn: Turn) -> Appointment | None:
    """The one visit due lately, with nobody under way to it, that a no-show names by its work or
    window ("never showed ... for the water heater", "the WATER HEATER guy, 1:30-3:30"): not the
    other technician's visit that day, still marked on site."""
    if not _NO_SHOW.search(strip_greeting(normalize(turn.text))):
        return None
    waited = [a for a in _due_lately(turn) if not _under_way(turn, a)]
    # The work named decides first, in whichever part of the text names it: "she did the
    # outlets this morning. the WATER HEATER guy" (the outlets visit is under way, not waited for)
    matcher = matcher_for(turn.catalog)
    work = {matcher.match(part) for part in re.split(r"[.,;:!?]", normalize(turn.text))} - {None}
    same = [a for a in waited if any(a in visits.same_service(turn, [a], str(service))
                                     for service in work)]
    if len(same) == 1:
        return same[0]
    resolution = visits.resolve(turn, waited)
    return resolution.one if waited and resolution.named.narrows else None


def _due_lately(turn: Turn) -> list[Appointment]:
    """The sender's visits whose arrival window began today or yesterday and are not done."""
    if turn.customer is None:
        return []
    today = local(turn.now, turn.timezone).date()
    return [a for a in turn.uow.appointments.find(account_id=turn.customer.account_id)
            if a.is_active and a.window_start <= turn.now and may_act_on(turn.actor, a)
            and today - local(a.window_start, turn.timezone).date() <= timedelta(days=1)]


def _under_way(turn: Turn, appointment: Appointment) -> bool:
    job = turn.uow.jobs.get(appointment.job_id)
    return job is not None and job.state in (JobState.EN_ROUTE, JobState.ON_SITE, JobState.PAUSED)


def _next_visit(turn: Turn) -> tuple[str, str] | None:
    """The sender's next booked visit, told when nothing was due: the day they were expecting may
    be a mix-up, and the real one is what they need to hear."""
    if turn.customer is None:
        return None
    ahead = visits.upcoming(turn)
    return (visits.service_name(turn, ahead[0]), visits.label(turn, ahead[0])) if ahead else None


def _back_after_our_work(text: str) -> bool:
    """True when the text names work we did and then trouble with it since."""
    done = _OUR_WORK.search(text)
    return done is not None and _TROUBLE_AFTER.search(text, done.end()) is not None


def recent_work(turn: Turn) -> Appointment | None:
    """The sender's latest visit that began within LOOK_BACK, of the service the text names if any."""
    if turn.customer is None:
        return None
    past = [a for a in turn.uow.appointments.find(account_id=turn.customer.account_id)
            if a.status is not AppointmentStatus.CANCELLED and turn.now - LOOK_BACK <= a.window_start
            <= turn.now and may_act_on(turn.actor, a)]
    service = turn.parse.slots.get("service")
    named = visits.same_service(turn, past, str(service)) if service else []
    return max(named or past, key=lambda a: a.window_start, default=None)


def _visited(turn: Turn) -> bool:
    """Whether a technician's visit to the sender began within the last LOOK_BACK."""
    if turn.customer is None:
        return False
    return any(a.status is not AppointmentStatus.CANCELLED and turn.now - LOOK_BACK <= a.window_start
               <= turn.now and may_act_on(turn.actor, a)
               for a in turn.uow.appointments.find(account_id=turn.customer.account_id))


def follows_up_work(turn: Turn, work: str) -> Reply | None:
    """A question about work done that also says its trouble is back ("what did ben do? the pilot
    went out once already"), or that follows a complaint just passed on: the office is told, and
    the line saying so is returned; None when nobody needs to follow up."""
    text = strip_greeting(normalize(turn.text))
    back = _AGAIN.search(text) is not None or _back_after_our_work(text)
    found = [(sorry_for, reason) for pattern, sorry_for, reason in _COMPLAINTS[2:]
             if pattern.search(text)]
    said = " ".join(turn.text.split())[:160]
    if back:
        handoff.hand_over(turn, reason=f"{_NOT_FIXED} ({work})")
        return replies.work_followed_up(back=True)
    if found:  # "what did he even do? you overcharged me"
        handoff.hand_over(turn, reason="complaint: " + "; ".join(reason for _, reason in found))
        return replies.complaint(found[0][0])
    if turn.last_done() == handoff.HANDED_OVER:
        handoff.hand_over(turn, reason=f'added: "{said}"')
        return replies.work_followed_up(back=False)
    return None



def _another_technician(turn: Turn) -> None:
    """Another technician asked for: the office is asked to reassign the visits meant (those the
    text names, else the upcoming ones with the technician it names, else all upcoming), with the
    same times; nothing is moved."""
    upcoming = visits.upcoming(turn)
    resolution = visits.resolve(turn, upcoming)
    meant = list(resolution.matches) if resolution.named.narrows else []
    if not meant:
        shown = visits.just_shown(turn, upcoming)
        meant = shown or upcoming
    labels = [visits.label(turn, a) for a in meant[:3]]
    said = " ".join(turn.text.split())[:160]
    which = "; ".join(labels) or "their visits"
    handoff.hand_over(turn, reason=f'asks for a different technician for {which} ("{said}")')
    visits.remember_shown(turn, meant)
    small_talk.settle(turn, replies.other_technician_asked(labels), done=handoff.HANDED_OVER)
