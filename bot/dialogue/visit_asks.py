"""A question about the visits a customer already has, answered from them and never booked.

"which tech is coming for my furnace tomorrow", "what day is my drain cleaning", "is dave coming
twice that day?", "is alicia still at my place?": a text shaped as a question (a wh-word, is/are/
do/did/will, "right?", a question mark, "tell me when") about coming, visits, bookings, a
technician or the customer's own work lists every visit that matches the day, part of day, work
and technician named, with day, window, work and technician, and how far along it is. A request
("can someone come look at my furnace tomorrow?") is left to booking.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.dialogue import held_offers, offers, quote_questions, replies, visit_questions, visits
from bot.dialogue.offers import local_date
from bot.nlu import intents
from bot.nlu.clock import business_hour, find_clock_times
from bot.nlu.customer_rules import asks_still_on
from bot.nlu.days import find_days
from bot.nlu.text import normalize
from domain.authz import may_act_on
from domain.jobs import Appointment, AppointmentStatus, Job, JobState

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

# Intents a question about one's visits is often read as (it names a service or a day).
_READ_AS = frozenset({intents.UNKNOWN, intents.BOOK, intents.AFFIRM, intents.DENY, intents.GREET,
                      intents.HELP})
_OPENER = (r"(?:(?:hey|hi|hello|so|and|but|ok|okay|also|just|cool|well|oh|no|yes|yeah|sorry|um|wait|"
           r"great|perfect|thanks|alright|good),? )*")
_ASKS = re.compile(
    rf"(?:^|[.?!;,] ?){_OPENER}(?:who|whos|what|whats|when|whens|where|wheres|which|how|why|is|isnt|are|"
    r"arent|r|do|does|did|didnt|will|wont|was|has|have|hasnt|havent)\b"
    # "and the drain thing at the woodlawn place when is that": asked at the end
    r"|\b(?:when|what day|what time|which day)(?:'?s| is| was| are) (?:that|it|this|they|those)\b"
    r"|\b(?:when|whens) (?:that|this|those)(?: one| again)?\W*$"
    r"|\?|\bright$|\b(?:tell|remind) me\b|\blet me know (?:when|who|what|if)\b|\bconfirm(?:ing)?\b"
    r"|\b(?:want|wanted|need|like) to know (?:if|when|who|what|whether)\b|\bwondering (?:if|when)\b")
# About the visits themselves: someone coming, a booking, its state, who does the work.
_ABOUT_VISITS = re.compile(
    r"\b(?:com(?:e|es|ing)|visits?|appointments?|appts?|booked|bookings?|scheduled|techs?|"
    r"technicians?|plumbers?|electricians?|guy|guys|lady|man|woman|people|person|someone|arriv\w*|"
    r"happening|still (?:tomorrow|today|tonight|\w+day)|"
    r"going on|planned|on the schedule|on (?:my|our|the) (?:calendar|schedule|books)|"
    r"show(?:ing)? up|here|still (?:on|at|for)|"
    r"on the way|still there|at (?:my|the|our) (?:place|house|home|property)|finished|done|"
    r"complete\w*|fixing|working on|"
    r"jobs?|(?:the|my|our) (?:\w+ )?work|one|what day|which day|what time|how many|"
    r"when(?:'?s| is| was) (?:that|it|this)|"
    r"how long (?:until|till|til|before)|what (?:do|did|have) (?:i|we) (?:have|got)|"
    # "so whats left on friday now" (after a cancel): the visits still booked that day
    r"what(?: is|s)? (?:still )?left (?:on |for )?(?:this |next |that )?(?:\w+day|tomorrow|today|week)|"
    r"who(?: is|s)? (?:doing|handling|taking|on)|(?:his|her|their|the techs?|technicians?) name)\b")
# Asking for a visit, or for free times, is a booking, not a question about booked ones.
_REQUEST = re.compile(
    r"\b(?:can|could|would)(?: not)?(?: you| u| y ?all| someone| somebody| anyone| anybody| nobody|"
    r" no ?one| no body| one| a| an| your| we| i|"
    r" the (?:plumber|electrician|tech|technician|guy|hvac guy) (?:also )?come)\b"
    r"(?! (?:tell|remind|confirm|check|let me know|say)\b)"
    # "can she just come sooner instead?": a move asked of the visit booked
    r"|\b(?:can|could|would) (?:she|he|they) (?:just |please |maybe )?(?:come|get here|be here|make it) "
    r"(?:\w+ )?(?:sooner|earlier|instead|now|today)\b"
    r"|\b(?:book|rebook|sign me up|available|"
    r"availability|openings?|any (?:slots?|times?|room)|free (?:slots?|times?)|soonest|earliest|"
    r"asap|need (?:a|an|someone|somebody|to get)|i need|we need|send (?:someone|somebody|a|an)|"
    r"(?:would|could|does|will|do) (?:\w+ ){1,2}work|(?:someone|somebody|a tech) to come|"
    r"get (?:someone|somebody|a tech)|possible|what (?:do|have) (?:you|u|y ?all) (?:have|got)|"
    r"what(?: is|s)? (?:open|free))\b")
# A problem told ("my furnace won't start") is for booking or safety, not a question about visits.
_PROBLEM = re.compile(r"\b(?:not working|(?:does|do|did) not work|will not (?:start|turn|work|stop|come on|"
                      r"kick|drain|light|heat|cool)|broke\w*|leak\w*|"
                      r"no (?:heat|hot water|power|ac|air)|stopped|smell\w*|flood\w*|cancel\w*|"
                      r"how much|move|moved|gone|reschedul\w*|push|quotes?|estimates?|price|"
                      r"cost|invoice|bill|cheaper|difference|should (?:i|we)|(?:do|does) (?:i|we|he|she|they|"
                      r"the \w+) need|can (?:i|we)|(?:ok|okay|alright|fine) if)\b")
# "the sink leak one", "the no heat visit": a visit named by its problem, no problem reported.
_NAMED_BY_PROBLEM = re.compile(
    r"\b(?:the|my|our|that) (?:\w+ ){0,2}(?:leak\w*|broke\w*|flood\w*|smell\w*|stopped|"
    r"no (?:heat|hot water|power|ac|air))(?: \w+)? (?:one|visit|appt|appointment)\b")
_NOT_WANTED = re.compile(
    r"\b(?:do not|dont|not) (?:want|need|trying) to (?:book|schedule)\b[^.?!]*")
# While another question is open, a question is about the customer's visits only when it says so.
_MINE = re.compile(r"\b(?:my|mine|our|booked|already|scheduled|appointments?|appts?|visits?|"
                   r"coming|here|anything else|(?:do|did) (?:i|we) have)\b")
# "what's he coming for?": the work, which a where-is-he answer does not say.
_WHAT_FOR = re.compile(r"\bwhat\b.*\b(?:coming for|here for|fixing|working on)\b|"
                       r"\bwhat(?:s| is| was)? (?:it|this|that|the (?:visit|appointment|appt))"
                       r"(?: \w+)? (?:for|about)\b")
_THAT_DAY = re.compile(r"\b(?:that|the same|same) day\b|\bthen\b")
_PRONOUN = re.compile(r"\b(?:he|hes|she|shes|they|theyre|him|her|them|it)\b")
_NEXT = re.compile(r"\bnext\b(?! week)")
_WEEK = re.compile(r"\b(next|this) week\b")
# "am" as a part of the day ("the 9 am one", "in the am"), never the verb ("i am at work")
_AM = r"(?<!\bi )(?<!\bi'm )\bam\b(?! (?:i|at|not|out|home|working|going|off|on|in|away|free|here)\b)"
_MORNING = re.compile(rf"\bmorning\b|{_AM}")
# "anything else that week?" while times are offered: the week of the times offered.
_THAT_WEEK = re.compile(r"\b(?:that|the same|same) week\b")
_AFTERNOON = re.compile(r"\bafternoon\b")
_EVENING = re.compile(r"\b(?:evening|tonight)\b")
_WEEKDAY_ONLY = re.compile(r"^(?:the |on )?(?:mon|tues|wednes|thurs|fri|satur|sun)days?$")
_PARTS = re.compile(rf"\b(?:morning|afternoon|evening|tonight)\b|{_AM}")
_YES_NO = re.compile(rf"(?:^|[.?!;] ?)\W*{_OPENER}(?:is|isnt|are|arent|r|do|does|did|will|was|has|"
                     r"have)\b|\bright\W*$|\b(?:is|are) still (?:on|at|for)\b[^.!]*\?")
# A yes/no question that a booked visit settles: someone coming, a visit still on or booked.
_EXISTS = re.compile(r"\b(?:com(?:e|es|ing)|still (?:on|at|for)|booked|scheduled|(?:do|did) (?:i|we) have|"
                     r"is there|are there|on for)\b")
# "two visits", "both", never a clock time ("is ben still coming at 2")
_TWICE = re.compile(r"(?<!\bat )(?<!\bby )(?<!\baround )\b(?:twice|two|2|both)\b"
                    r"(?!\s*(?::\d|am\b|pm\b|ish\b|o'?clock\b))")
_MORE_THAN_ONE = re.compile(r"\bmore than (?:one|1)\b")
_DONE_ASKED = re.compile(r"\b(?:finished|done|complete\w*|over)\b")
_THERE_ASKED = re.compile(r"\b(?:still (?:there|here|at(?! \d))|"
                          r"at (?:my|the|our) (?:place|house|home|property)|on site)\b")
_CONDITION = re.compile(r"\s(?:if|since|because|cause|cuz|when)\s")
_DUPLICATE = re.compile(r"\b(?:duplicates?|double[ -]?booked|twice|same (?:thing|problem|job|visit|"
                        r"one)|2 electrical|two \w+ ones|2 \w+ ones)\b")
_GREETING = re.compile(r"^\W*(?:(?:hi|hey|hello|ok)\W+)?(?:good )?(?:morning|afternoon|evening)\b\W*")
_LIVE = (JobState.EN_ROUTE, JobState.ON_SITE)
_FINISHED = (JobState.COMPLETED, JobState.INVOICED)


def answer(turn: Turn) -> bool:
    """Answer a question about the sender's own visits from them; False for any other text.
    Times offered stay offered ("do i have anything else that week?" before picking)."""
    if turn.conversation.is_active(turn.now) and turn.step == offers.PICK and \
            _BESIDE_OFFER.search(normalize(turn.text)):
        return held_offers.aside(turn, _answer)
    return _answer(turn)  # "isn't dave coming anyway?": times for a new job may end with it


def _days_asked_apart(turn: Turn, text: str) -> str | None:
    """The one sentence of `text` asking about visits it names by their days, told beside a
    problem; None when no sentence does."""
    today = local_date(turn.now, turn.timezone)
    asked = [sentence for sentence in re.split(r"(?<=[.?!])\s+", text)
             if _ASKS.search(sentence) and _ABOUT_VISITS.search(sentence)
             and find_days(sentence, today) and not _REQUEST.search(sentence)
             and not _PROBLEM.search(_NAMED_BY_PROBLEM.sub(" ", sentence))]
    return asked[0] if len(asked) == 1 else None


# Asked to weigh the times offered, not instead of them: "anything else that week?".
_BESIDE_OFFER = re.compile(r"\b(?:else|(?:that|the same|same) (?:week|day))\b")


def _answer(turn: Turn) -> bool:
    if turn.customer is None:
        return False
    text = _NOT_WANTED.sub("", normalize(turn.text))  # "i do not want to book. is ..."
    text = _GREETING.sub("", text)  # "morning. why so many furnace visits": no part of the day
    if turn.parse.intent not in _READ_AS and not (turn.parse.intent == intents.JOB_STATUS and (
            _WHAT_FOR.search(text) or asks_still_on(text)  # "is friday still on?": yes or no
            or _names_one_not_under_way(turn, text))):
        return False
    if _PROBLEM.search(_NAMED_BY_PROBLEM.sub(" ", text)):
        # "i have 2 kids and no hot water. why do i have visits on the 18th and the 21st": the
        # problem is told, the visits named by their days are asked about all the same
        text = _days_asked_apart(turn, text) or text
    if not _ASKS.search(text) or _REQUEST.search(text) or _PROBLEM.search(
            _NAMED_BY_PROBLEM.sub(" ", text)):
        return False
    if visit_questions.asks_work_done(turn) or visit_questions.names_past_day(turn) or \
            quote_questions.names_a_quote(turn):
        return False  # "what did they do this morning": the finished work, told elsewhere
    known = _visits(turn)
    ours = _named(text, (_technician(turn, a) for a in known))
    if _pending(turn) and not _MINE.search(text) and not (ours and turn.conversation.flow
                                                          == quote_questions.FLOW):
        return False  # "is the 8am one ok?" while times are offered: about the offer
    if not known or _named(text, (_technician(turn, a) for a in _all(turn))) - ours:
        return False  # none, or about a technician of a visit no longer booked ("will dave know")
    if not (_ABOUT_VISITS.search(text) or ours or _WHAT_FOR.search(text)
            or _asks_where(turn, text)):  # "where is tom", "thats at marengo right?"
        return False
    # "is that still needed if alicia comes thursday?": the condition names no visit asked about
    head = _CONDITION.split(text)[0]
    matches, asked = _matching(turn, head if len(head.split()) >= 3 else text, known)
    service_id = visit_questions.service_asked(turn)
    if _DUPLICATE.search(text) and service_id is not None:  # "is saturday's a duplicate?": all
        matches = [a for a in known if not _over(turn, a)
                   and visit_questions.same_work(turn, _job(turn, a), service_id)]
    verdict = _verdict(turn, text, matches)
    if not matches and _part_of_day(text) is not None:
        matches, _ = _matching(turn, _PARTS.sub("", text), known)  # "in the morning?" it is at 1pm
        verdict = "No" if _YES_NO.search(text) else ""
    if not matches and ours:  # "is the furnace one monday with carla too?": it is, with Alicia
        unnamed = text
        for name in ours:
            unnamed = re.sub(rf"\b(?:with )?{re.escape(name.lower())}\b", " ", unnamed)
        matches, _ = _matching(turn, unnamed, known)
        verdict = "No" if matches and _YES_NO.search(text) else verdict
    if not matches:
        upcoming = [a for a in known if not _over(turn, a)]
        turn.finish(replies.no_visit_booked(asked or "then", _described(turn, upcoming[0])
                                            if upcoming else None), done=visit_questions.OFFERED)
        return True
    described = [_described(turn, a) + _where(turn, a, text) for a in matches]
    turn.finish(replies.your_visits(verdict, described))
    visits.remember_shown(turn, matches)
    return True


def _names_one_not_under_way(turn: Turn, text: str) -> bool:
    """True when the text names a technician whose visits are all still to come ("is ben still
    coming at 130" while Alicia works here): that visit is asked about, not the work under way."""
    known = _visits(turn)
    named = _named(text, (_technician(turn, a) for a in known))
    return bool(named) and not any(_state(turn, a) in _LIVE for a in known
                                   if _technician(turn, a) in named)


def _visits(turn: Turn) -> list[Appointment]:
    """The sender's visits still to come, under way, or done today, soonest first."""
    assert turn.customer is not None
    today = local_date(turn.now, turn.timezone)
    found = [a for a in turn.uow.appointments.find(account_id=turn.customer.account_id)
             if a.status is not AppointmentStatus.CANCELLED and may_act_on(turn.actor, a)
             and (a.end > turn.now or visits.local_day(turn, a) == today or _state(turn, a) in _LIVE)]
    return sorted(found, key=lambda a: a.start)


def _pending(turn: Turn) -> bool:
    return bool(turn.conversation.flow) and turn.conversation.is_active(turn.now)


def _all(turn: Turn) -> list[Appointment]:
    assert turn.customer is not None
    return [a for a in turn.uow.appointments.find(account_id=turn.customer.account_id)
            if may_act_on(turn.actor, a)]


def _named(text: str, names: Iterable[str | None]) -> set[str]:
    """The technicians' first names among `names` that the text names."""
    return {n for n in names if n and re.search(rf"\b{re.escape(n.lower())}\b", text)}


def _matching(turn: Turn, text: str, known: list[Appointment]) -> tuple[list[Appointment], str]:
    """The visits the question names (day, part of day, work, technician), and what was named."""
    today = local_date(turn.now, turn.timezone)
    found, said = list(known), []
    days = _days(turn, text, today, known)
    if days:
        found = [a for a in found if visits.local_day(turn, a) in days]
        said.append("on " + ", ".join(_day(d) for d in sorted(days)))
    part = _part_of_day(text)
    if part is not None:
        found = [a for a in found if part[0] <= _hour(turn, a) < part[1]]
        said.append(f"in the {part[2]}")
    service_id = visit_questions.service_asked(turn)
    if service_id is not None:
        found = [a for a in found if visit_questions.same_work(turn, _job(turn, a), service_id)]
        said.append(f"for {visit_questions.service_label(turn, service_id).lower()}")
    names = {a.id: _technician(turn, a) for a in known}
    named = _named(text, names.values())
    if named:
        found = [a for a in found if names[a.id] in named]
        said.append("with " + " or ".join(sorted(named)))
        if _WHERE_IS.search(text):  # "where is dave right now": his work under way, if any
            found = [a for a in found if _state(turn, a) in _LIVE] or found
        elif not days and service_id is None and _COMING.search(text):
            # "is ben still coming at 130": no day named, so today's visit if he has one
            found = [a for a in found if visits.local_day(turn, a) == today] or found
    if named and not found and len(days) == 1:
        # "the thursday one with ana" when this Thursday's is Tom's: Ana's on a later Thursday
        found = [a for a in visit_questions.technicians_visits(turn, next(iter(days)), service_id)
                 if a in known]
    if not said:
        found = _unnamed(turn, text, found)
    elif not days and service_id is None and not named:
        found = [a for a in found if not _over(turn, a)]
    return found, " ".join(said)


def _unnamed(turn: Turn, text: str, found: list[Appointment]) -> list[Appointment]:
    """Nothing named: "he"/"that day" mean the visits just talked about, "next" the soonest."""
    shown = visits.just_shown(turn, found)
    if shown and (_PRONOUN.search(text) or _THAT_DAY.search(text)):
        return shown
    live = [a for a in found if _state(turn, a) in _LIVE]
    if live and _PRONOUN.search(text):
        return live
    ahead = [a for a in found if not _over(turn, a)]
    if _NEXT.search(text) or (_PRONOUN.search(text) and ahead):
        return ahead[:1]
    return ahead


def _days(turn: Turn, text: str, today: date, known: list[Appointment]) -> set[date]:
    """The days named; a bare weekday with no visit means the nearest such weekday with one."""
    days: set[date] = set()
    week = _WEEK.search(text)
    offered = _offered_day(turn)
    if week is not None:  # "what do i have next week": every day of that week
        monday = today - timedelta(days=today.weekday()) + timedelta(
            weeks=1 if week.group(1) == "next" else 0)
        days = {monday + timedelta(days=n) for n in range(7)}
        text = text[:week.start()] + text[week.end():]
    elif offered is not None and _THAT_WEEK.search(text):
        monday = offered - timedelta(days=offered.weekday())
        days = {monday + timedelta(days=n) for n in range(7)}
    for mention in find_days(text, today):
        day = mention.day
        if (_WEEKDAY_ONLY.match(text[mention.start:mention.end])
                and not any(visits.local_day(turn, a) == day for a in known)):
            later = sorted(d for a in known if (d := visits.local_day(turn, a)).weekday()
                           == day.weekday() and d >= today)
            day = later[0] if later else day
        days.add(day)
    if not days and _THAT_DAY.search(text):
        days = {visits.local_day(turn, a) for a in visits.just_shown(turn, known)}
    return days


def _offered_day(turn: Turn) -> date | None:
    """The day of the first time offered while a pick among times is pending, if one is."""
    if not _pending(turn) or turn.step != offers.PICK or not turn.data.get("offers"):
        return None
    first = offers.load(turn.data["offers"][0])
    return local_date(first.window_start, turn.timezone)


def _part_of_day(text: str) -> tuple[int, int, str] | None:
    if _MORNING.search(text):
        return 0, 12, "morning"
    if _AFTERNOON.search(text):
        return 12, 17, "afternoon"
    if _EVENING.search(text):
        return 17, 24, "evening"
    return None


def _verdict(turn: Turn, text: str, matches: list[Appointment]) -> str:
    """ "Yes" or "No" to a yes/no question, when the visits found settle it; else nothing."""
    if not _YES_NO.search(text):
        return ""
    # "anything else that week? dont want 2 visits the same day": the question is what is asked
    text = next(iter(re.findall(r"[^.?!]*\?", text)), text)
    if _DONE_ASKED.search(text):
        return "Yes" if all(_state(turn, a) in _FINISHED for a in matches) else "No"
    if _THERE_ASKED.search(text):
        return "Yes" if any(_state(turn, a) is JobState.ON_SITE for a in matches) else "No"
    if _MORE_THAN_ONE.search(text):
        return "Yes" if len(matches) > 1 else "No"
    if _TWICE.search(text):
        return "Yes" if len(matches) == 2 else "No"
    if not _EXISTS.search(text):
        return ""  # "is it ok if ...?" is not settled by a list
    times = [time(*business_hour(m.begins)) for m in find_clock_times(text)
             if m.begins is not None and m.ends is None]
    # "is the tune-up still at 8?": yes only when a visit's window holds that time
    return "Yes" if not times or any(visits.at_time(turn, a, tuple(times)) for a in matches) else "No"


def _where(turn: Turn, visit: Appointment, text: str) -> str:
    """ ", at 1125 Marengo Ave, ..." when the text asks about the place of a customer with several
    ("thats at marengo right? not desplaines"); else nothing."""
    if not _asks_where(turn, text):
        return ""
    assert turn.customer is not None
    sites = turn.customer.sites
    job = _job(turn, visit)
    site = next((s for s in sites if job is not None and s.id == job.site_id), None)
    return f", at {site.one_line()}" if site is not None else ""


def _asks_where(turn: Turn, text: str) -> bool:
    """True when a customer with several addresses asks where a visit is, or names one."""
    assert turn.customer is not None
    sites = turn.customer.sites
    streets = [w for site in sites for w in re.findall(r"[a-z]{3,}", site.address.lower())
               if w not in _STREET_WORDS]
    return len(sites) > 1 and (_WHERE.search(text) is not None or any(
        re.search(rf"\b{w}\b", text) for w in streets))


# A technician asked about as coming ("is ben still coming", "ben coming?").
_COMING = re.compile(r"\b(?:still )?coming\b")
# Where a technician named is now ("where is dave", "wheres tom"): a person, not an address.
_WHERE_IS = re.compile(r"\bwhere(?: is|s|'s| are)\b")
_WHERE = re.compile(r"\b(?:where|which (?:address|place|house|property)|what address)\b")
_STREET_WORDS = frozenset({"ave", "street", "avenue", "road", "drive", "lane", "court", "place", "north",
                           "south", "east", "west", "blvd", "boulevard", "parkway", "terrace"})


def _described(turn: Turn, visit: Appointment) -> str:
    """ "Tue Dec 8, 7-9am, Heating & cooling repair with Dave (there now)"."""
    described = visit_questions.described(turn, visit, with_day=True)
    return f"{described} (done)" if _state(turn, visit) in _FINISHED else described


def _over(turn: Turn, visit: Appointment) -> bool:
    return _state(turn, visit) in _FINISHED or (visit.end <= turn.now
                                                and _state(turn, visit) not in _LIVE)


def _state(turn: Turn, visit: Appointment) -> JobState | None:
    job = _job(turn, visit)
    return job.state if job is not None else None


def _job(turn: Turn, visit: Appointment) -> Job | None:
    return turn.uow.jobs.get(visit.job_id)


def _technician(turn: Turn, visit: Appointment) -> str | None:
    person = turn.uow.staff.get(visit.technician_id)
    return person.first_name if person else None


def _hour(turn: Turn, visit: Appointment) -> int:
    return visit.window_start.astimezone(ZoneInfo(visits.timezone_of(turn, visit))).hour


def _day(day: date) -> str:
    return f"{day:%a %b} {day.day}"


def asks_for_times(text: str) -> bool:
    """True when the text asks for free times ("whats the earliest tomorrow"), not about a visit."""
    return bool(_REQUEST.search(normalize(text)))
