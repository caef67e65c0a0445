"""Where things stand: answered from the job's real state, never from a guess."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.dialogue import complaints, quote_questions, replies, small_talk, visit_questions, visits
from bot.dialogue.reply import Reply
from bot.dialogue.times import clock_label
from bot.nlu import intents
from domain.jobs import Appointment, Job, JobState
from domain.messages import MessageKind
from domain.money import format_cents
from domain.notices import notify_staff
from domain.quotes import InvoiceState

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

# Work under way: a question about it is answered from where it stands.
LIVE = frozenset({JobState.EN_ROUTE, JobState.ON_SITE, JobState.PAUSED})
# A technician this long past the arrival time they gave is running late.
LATE_AFTER_ETA = timedelta(minutes=5)
# A window this recently over with the visit not started: the technician is behind (later, a
# missed visit is the office's to sort out, not a delay).
BEHIND_FOR = timedelta(hours=6)
# Who a customer asks about: a pronoun, "the tech", a name (not themselves).
_TECH = r"(?:(?:the|your|ur|my|our) )?(?!(?:i|we|you|u|it|that|this|is|are|was|were)\b)[a-z]+"
# "dave is literally on his way": a word saying how, never the one asked about (a statement).
_ADVERB = r"(?:literally|really|actually|already|just|still|now|definitely|probably|supposedly)\b"
# A question about the technician or the work under way, not a new request.
LIVE_QUESTION = re.compile(
    r"\bwhere(?:'s|s| is| are)? (?!(?:my|the|our|your) (?:invoice|bill|quote|receipt|estimate|"
    rf"payment|account|order)\b){_TECH}\b|\beta\b|\bhow (?:long|much longer)\b|\bnobody\b|\bno ?one\b|"
    r"\bstill (?:coming|here|there|working|waiting|not|no|broken|isn'?t|doesn'?t|don'?t|dont|"
    r"doesnt|won'?t|wont|leaking|out|off|dead|on (?:the|his|her|their) way)\b|"
    r"\bcom(?:e|ing) back\b|\breturn(?:ing)?\b|\bback (?:tomorrow|tmrw|today|later)\b|"
    rf"\b(?:did|has|have|is) {_TECH} (?:finish|finished|done|leave|left|gone|fixing it|working on it)\b|"
    rf"\b{_TECH} (?:left|is gone|has gone|went)\b|\bjob (?:is )?done but\b|"
    r"\b(?:did|have) (?:you|u) (?:invoice|bill|charge)", re.IGNORECASE)
# Whether the technician has come or how near they are ("is he here yet?", "has she arrived",
# "is dave close?", "how far out is he", "is he almost here"): with work under way, a question
# about that work whatever else it names, answered even while a question of the bot's is pending.
PRESENCE = re.compile(
    r"\b(?:is|are|r) (?:he|she|they|the tech\w*|the plumber|the electrician|your guy|ur guy)\b"
    r"(?:\W+\w+){0,2}?\W+(?:here|there|close|near|nearby|outside|arriving|almost)\b|\bhere yet\b|"
    r"\b(?:has|did|have) (?:he|she|they|the tech\w*) (?:arrived|arrive|got here|get here|shown up|"
    r"show up|showed up)\b"
    rf"|\b(?:is|are) (?!{_ADVERB}){_TECH} (?:close|near(?:by)?|nearly here|almost (?:here|there)|"
    r"far(?: away| out)?|getting close|on (?:the|his|her|their) way|coming soon)\b"
    r"|\bhow (?:far|close|near)(?: away| out| off)?(?: is| are|s)?\b|\bhow much longer\b"
    r"|\b(?:almost|nearly) (?:here|there)\b|\b(?:any|what) eta\b|\beta\b", re.IGNORECASE)
# The customer says nobody is there, against a record of the technician there: "there is nobody
# here", "no van has come", "he never came", "nobody knocked".
NOT_HERE = re.compile(
    r"\b(?:nobody|no one|noone|no body)(?: is| s|'s| has| have| ever| even)? (?:here|there|came|come|"
    r"showed|shown|knocked|arrived|at the door|turned up)\b"
    r"|\bno (?:van|truck|car|tech|technician|plumber|electrician|one) (?:is |has |was )?(?:here|come|"
    r"came|showed|arrived|turned up|in sight)\b"
    rf"|\b{_TECH} (?:never|didn'?t|did not|hasn'?t|has not|haven'?t|have not|isn'?t|is not|aint) "
    r"(?:even )?(?:come|came|show\w*|arrive\w*|turn\w* up|get here|got here|here|knock\w*)\b",
    re.IGNORECASE)
# The technician is said to have left (and the job is not marked finished).
LEFT = re.compile(rf"\b{_TECH} (?:left|is gone|has gone|went)\b|\b(?:did|has) {_TECH} "
                  r"(?:leave|left|gone)\b", re.IGNORECASE)
# The customer says the technician has come ("ok hes here now", "he is HERE", "she just
# arrived", "the plumber showed up"), whatever the record says. "while hes here today", "when
# she gets here" only mention a visit (to ask for more work then): no arrival is reported.
_WHO = (r"(?:he|she|they|(?:the|your|ur|my|our) (?:tech\w*|plumber|electrician|guy|man|lady|"
        r"worker|furnace guy|hvac guy))")
ARRIVED = re.compile(r"(?<!\bis )(?<!\bare )(?<!\bhas )(?<!\bhave )(?<!\bdid )(?<!\bif )"
                     r"(?<!\bwhile )(?<!\bwhen )(?<!\bonce )(?<!\bbefore )(?<!\buntil )(?<!\btill )"
                     rf"\b{_WHO}(?:'s|s|'re| is| are| has| have)?(?: (?:just|finally|now|already))?"
                     r" (?:here|arrived|showed up|shown up|got here|turned up|at the door|outside)\b"
                     r"(?!\s*\?)", re.IGNORECASE)
# The question is whether the technician comes back or is still at work.
BACK = re.compile(r"\bcom(?:e|ing) back\b|\breturn|\bstill (?:here|there|working)\b|"
                  r"\bfixing it\b", re.IGNORECASE)
# The question is whether the work is finished (not whether it is billed).
_DONE_ASKED = re.compile(r"\b(?:finish\w*|done|complete\w*)\b", re.IGNORECASE)
# The question is whether the work is finished, or billed.
FINISHING = re.compile(r"\b(?:finish\w*|done|complete\w*|invoic\w*|bill\w*|charg\w*)\b",
                       re.IGNORECASE)
# The customer says the problem is still there.
BROKEN = re.compile(
    r"\bstill (?:broken|leaking|dead|clogged|blocked|dripping|tripping|"
    r"(?:not|isn'?t|doesn'?t|don'?t|dont|doesnt|won'?t|wont|no) "
    r"(?!(?:here|there|done|finished|back|coming|sure|yet)\b)\w+)|"
    r"\bnot (?:fixed|working)\b|\b(?:doesn'?t|don'?t|dont|doesnt|won'?t|wont) work\b",
    re.IGNORECASE)
# Which job to talk about when several are open: the one nearest to the customer's door first.
_URGENCY = {JobState.EN_ROUTE: 0, JobState.ON_SITE: 1, JobState.PAUSED: 2,
            JobState.SCHEDULED: 3, JobState.REQUESTED: 4}


def start(turn: Turn) -> None:
    """A question about where things stand: a quote's, the visits asked about, or the next one."""
    assert turn.customer is not None
    if quote_questions.says_quote(turn) and quote_questions.answer(turn):
        return  # "what's the status of quote 1043"
    jobs = turn.uow.jobs.find(account_id=turn.customer.account_id)
    live = sorted((j for j in jobs if j.state in LIVE), key=lambda j: _URGENCY[j.state])
    if live and PRESENCE.search(turn.text):  # "is he here yet? doorbell didnt ring"
        turn.finish(_describe(turn, live[0], turn.uow.appointments.find(job_id=live[0].id)))
        return
    if visit_questions.answer(turn):
        return
    visits_of: dict[int | None, list[Appointment]] = {}
    for appointment in turn.uow.appointments.find(account_id=turn.customer.account_id):
        visits_of.setdefault(appointment.job_id, []).append(appointment)

    def next_start(job: Job) -> float:
        starts = [a.start.timestamp() for a in visits_of.get(job.id, []) if a.is_active]
        return min(starts, default=float("inf"))

    open_jobs = sorted((j for j in jobs if j.state in _URGENCY),
                       key=lambda j: (_URGENCY[j.state], next_start(j)))
    if open_jobs:
        described = _describe(turn, open_jobs[0], visits_of.get(open_jobs[0].id, []))
        first = open_jobs[0]
        if (first.state in LIVE or (first.state is JobState.SCHEDULED and _behind(
                turn, first, visits_of.get(first.id, [])))) and LIVE_QUESTION.search(turn.text):
            # "where is he": the work under way (or overdue) is the answer, not the other days
            turn.finish(described)
        else:
            turn.finish(replies.more_booked(described, _others(turn, open_jobs[0])))
        return
    done = [j for j in jobs if j.state in (JobState.COMPLETED, JobState.INVOICED)]
    if done:
        latest = max(done, key=lambda j: (j.updated_at or turn.now, j.id or 0))
        turn.finish(replies.status_done(_service(turn, latest), turn.business.name))
        return
    turn.finish(replies.status_nothing())


def of_visit(turn: Turn, appointment: Appointment) -> Reply | None:
    """Where the technician of one booked visit is, as the status answer says it."""
    job = turn.uow.jobs.get(appointment.job_id)
    return _describe(turn, job, [appointment]) if job is not None else None


def _describe(turn: Turn, job: Job, booked: list[Appointment]) -> Reply:
    technician = _technician_first_name(turn, booked)
    told = [a for a in booked if a.is_active]
    if job.state in LIVE and len(told) == 1:
        visits.remember_shown(turn, told)  # "cancel it" then means the visit under way
    if job.state is JobState.EN_ROUTE:
        if _running_late(turn, job, booked):
            _alert_late(turn, job, technician)
            eta = clock_label(job.eta, turn.timezone) if job.eta else None
            return replies.status_running_late(technician, eta)
        if job.eta is None or job.eta <= turn.now:
            return replies.status_en_route(technician, None)
        minutes = round((job.eta - turn.now).total_seconds() / 60)
        return replies.status_en_route(technician, clock_label(job.eta, turn.timezone), minutes)
    if job.state is JobState.ON_SITE:
        return replies.status_on_site(technician)
    if job.state is JobState.PAUSED:
        return _paused(turn, job, technician)
    if job.state is JobState.SCHEDULED and _behind(turn, job, booked):
        _alert_late(turn, job, technician)
        eta = clock_label(job.eta, turn.timezone) if job.eta else None
        return replies.status_behind(technician, eta)
    upcoming = sorted((a for a in booked if a.is_active and a.end > turn.now),
                      key=lambda a: a.start)
    if job.state is JobState.SCHEDULED and upcoming:
        return replies.status_scheduled(visits.label(turn, upcoming[0]), technician)
    return replies.status_requested(_service(turn, job))


def _paused(turn: Turn, job: Job, technician: str) -> Reply:
    """Paused work: its return visit if one is booked, else that the office will arrange it."""
    back = sorted((a for a in turn.uow.appointments.find(job_id=job.id)
                   if a.is_active and a.start > turn.now), key=lambda a: a.start)
    return replies.status_paused(_service(turn, job), technician,
                                 visits.label(turn, back[0]) if back else None)


def _running_late(turn: Turn, job: Job, booked: list[Appointment]) -> bool:
    """On the way and past the arrival time given (or, with none, past the window's end)."""
    if job.eta is not None:
        return turn.now > job.eta + LATE_AFTER_ETA
    ends = [a.window_end for a in booked if a.is_active]
    return bool(ends) and turn.now > min(ends)


def _behind(turn: Turn, job: Job, booked: list[Appointment]) -> bool:
    """Not set off, and past the arrival time given ("running 20 late") or, with none, past the
    end of today's window: the customer is still waiting."""
    if job.eta is not None:
        return turn.now > job.eta + LATE_AFTER_ETA
    return any(a.is_active and a.window_end < turn.now < a.window_end + BEHIND_FOR
               for a in booked)


def _alert_late(turn: Turn, job: Job, technician: str) -> None:
    """The office hears once per arrival time that a customer is waiting past it."""
    key = f"job-overdue:{job.id}:{job.eta.isoformat() if job.eta else 'window'}"
    if any((m.idempotency_key or "").startswith(f"{key}:")
           for m in turn.uow.messages.find(account_id=job.account_id, kind=MessageKind.NOTICE)):
        return  # already told about this arrival time
    notify_staff(turn.uow, now=turn.now, account_id=job.account_id,
                 body=replies.customer_waiting_notice(job.number, technician).text, key=key)


def live_work(turn: Turn) -> bool:
    """A customer asks about work under way ("when is she coming back?", "she left, did she
    finish?", "still broken", "nobody here"): answered from the job's state, never with an
    offer to book; False when no work is under way or the text asks something else."""
    near = PRESENCE.search(turn.text) is not None
    arrived = ARRIVED.search(turn.text) is not None and NOT_HERE.search(turn.text) is None
    # "how much is the plumber gonna charge me" while he comes: that visit's price, unless another
    # service is named ("how much is a drain cleaning")
    priced = asks_visit_price(turn.text) or _asks_a_price(turn.text)
    returning = _CHARGED.search(turn.text) is not None and _RETURN.search(turn.text) is not None
    if turn.customer is None or not (near or arrived or LIVE_QUESTION.search(turn.text)
                                     or NOT_HERE.search(turn.text) or priced or returning):
        return False
    jobs = turn.uow.jobs.find(account_id=turn.customer.account_id, state=LIVE)
    if not jobs or complaints.missed_named(turn) is not None:
        return False  # "the WATER HEATER guy never came": that visit missed, not the work under way
    job = min(jobs, key=lambda j: (_URGENCY[j.state], j.id or 0))
    if priced and not asks_visit_price(turn.text) and turn.parse.slots.get("service") not in (
            None, job.service_id):
        priced = False
        if not (near or arrived or LIVE_QUESTION.search(turn.text) or NOT_HERE.search(turn.text)):
            return False
    booked = turn.uow.appointments.find(job_id=job.id)
    if _names_someone_else(turn, booked):
        return False  # "is ben still coming at 130" while Alicia works here: Ben's visit asked
    if job.state is JobState.ON_SITE and NOT_HERE.search(turn.text):
        _not_there(turn, job, _technician_first_name(turn, booked))
        return True
    left, broken = LEFT.search(turn.text) is not None, BROKEN.search(turn.text) is not None
    if job.state is JobState.EN_ROUTE and (left or arrived):
        # "he is HERE. question is price": once the office has heard, the rest is answered
        return _came_before_the_record(turn, job, booked, left=left, broken=broken)
    if job.state is JobState.EN_ROUTE and not _running_late(turn, job, booked):
        if not (near or priced) or (turn.parse.intent == intents.JOB_STATUS and not priced
                                    and not small_talk.question_pending(turn)):
            return False  # on time: the usual answers name the work and the ETA
        # "is dave close?": his arrival time; a question of the bot's still pending stays open
        small_talk.settle(turn, _describe(turn, job, booked), done="answered")
        _asked_beside(turn, job, _technician_first_name(turn, booked))
        return True
    # "is the electrician done yet? how much is that gonna cost me": where the work stands first
    finished_asked = _DONE_ASKED.search(turn.text) is not None or BACK.search(turn.text) is not None
    told = _beside(turn, job, _technician_first_name(turn, booked)) if (
        job.state is JobState.ON_SITE and priced and not (left or broken or finished_asked)) else []
    if told:
        # "eddie's here. how much is this visit gonna cost me": the visit's price; a question
        # of the bot's still pending stays open
        small_talk.settle(turn, told[0], done="answered")
        for reply in told[1:]:
            turn.say(reply)
        return True
    if job.state is JobState.ON_SITE and not (
            left or broken or FINISHING.search(turn.text) or BACK.search(turn.text)):
        return False  # "where's the tech?": at your place now, as usual
    said = visits.named(turn)
    if job.state is JobState.ON_SITE and not (left or broken) and said.service_id is not None \
            and not visits.same_service(turn, [a for a in booked if a.is_active] or booked,
                                        said.service_id):
        return False  # "she's still here. when is the water heater guy coming": that visit asked
    if job.state is not JobState.ON_SITE:
        turn.finish(_describe(turn, job, booked))
        _asked_beside(turn, job, _technician_first_name(turn, booked))
        return True
    technician = _technician_first_name(turn, booked)
    billed = None if not FINISHING.search(turn.text) else any(
        i.state in (InvoiceState.SENT, InvoiceState.PAID)
        for i in turn.uow.invoices.find(job_id=job.id))
    if left or broken:
        notify_staff(turn.uow, now=turn.now, account_id=job.account_id,
                     body=replies.customer_asks_notice(job.number, technician, turn.text).text,
                     key=f"job-asked:{job.id}:{turn.message_id or turn.now.isoformat()}")
    turn.finish(replies.live_on_site(technician, _service(turn, job), billed=billed,
                                     left=left, broken=broken))
    _asked_beside(turn, job, technician)
    return True


def _names_someone_else(turn: Turn, booked: list[Appointment]) -> bool:
    """True when the text names a technician by name, none of them the one of the work under way."""
    named = visits.named(turn).technicians
    return bool(named) and not any(a.technician_id in named for a in booked)


def _came_before_the_record(turn: Turn, job: Job, booked: list[Appointment], *, left: bool,
                            broken: bool) -> bool:
    """The record says on the way; the customer says the technician came ("hes here now") or has
    already left ("he left, what do i owe"): thanked, never told "still on the way"; the office
    hears it once to check with the technician (and, once gone, to confirm the work and any
    bill). False: an arrival the office already heard of, the text's question left to others."""
    technician = _technician_first_name(turn, booked)
    key = f"job-came:{job.id}:{'left' if left else 'here'}"
    told = any((m.idempotency_key or "").startswith(f"{key}:") for m in turn.uow.messages.find(
        account_id=job.account_id, kind=MessageKind.NOTICE))
    if told and not left:
        return False
    if not told:
        notify_staff(turn.uow, now=turn.now, account_id=job.account_id,
                     body=replies.came_before_record_notice(job.number, technician,
                                                            left=left).text, key=key)
    if left:
        turn.finish(replies.live_on_site(technician, _service(turn, job), billed=None, left=True,
                                         broken=broken))
    else:
        turn.finish(replies.arrived_noted(technician))
    _asked_beside(turn, job, technician)
    return True


# The visit's own price asked while its work is under way ("and cost?", "whats the service call
# fee"), not a bill, a quote or what is owed (billing.py, quote_questions.py answer those).
_COST = re.compile(r"\b(?:how much|cost|costs|price|fee|fees|charge|charges|rate|service call)\b",
                   re.IGNORECASE)
_BILLED = re.compile(r"\b(?:owe|bill|billed|invoice|quote|estimate|pay|paid|total|parts?)\b",
                     re.IGNORECASE)


# The price of the visit itself asked ("how much is this visit", "whats the service call fee",
# "what's this gonna cost"), not the price of some other work.
_THIS_VISIT = re.compile(
    r"\b(?:this|today'?s?|the|that) (?:visit|call|service call|call ?out|trip|job|repair|service)\b|"
    r"\bservice call\b|\b(?:gonna|going to|will|would|does) (?:this|it|that) (?:\w+ )?cost\b|"
    r"\b(?:this|it) (?:gonna|going to) cost\b", re.IGNORECASE)


# A price asked in so many words ("how much", "what's the fee"), not the word "charge" alone.
_ASKS_PRICE = re.compile(r"\b(?:how much|what(?:'s|s| is| are| will| would| does)? (?:\w+ ){0,3}?"
                         r"(?:cost|costs|price|fee|fees|charge|rate))\b", re.IGNORECASE)


def _asks_a_price(text: str) -> bool:
    """A price asked with no bill, quote or debt named: while work is under way, that visit's."""
    return _ASKS_PRICE.search(text) is not None and _BILLED.search(text) is None and \
        not quote_questions.mentions_quote(text)


# Their own visit named with a price asked ("how much is the service call for my visit today").
_MY_VISIT = re.compile(r"\b(?:my|our|the|this|that|today'?s|tomorrow'?s|\w+day'?s) (?:visit|appointment|"
                       r"appt|service call|call ?out|booking)\b", re.IGNORECASE)
_ACTS = frozenset({intents.CANCEL, intents.RESCHEDULE, intents.APPROVE_QUOTE, intents.DECLINE_QUOTE,
                   intents.HUMAN})


def visit_price(turn: Turn) -> bool:
    """ "how much is the service call for my visit today", "what will thursday's appointment
    cost": the standard price of the work of the visit meant (all of one kind), never a booking
    hint; a question pending stays open. False for any other text."""
    text = turn.text
    if turn.customer is None or turn.parse.intent in _ACTS or turn.parse.slots.get("service") \
            or not (asks_visit_price(text) or _asks_a_price(text)) or not _MY_VISIT.search(text):
        return False
    upcoming = visits.upcoming(turn)
    said = visits.named(turn)
    meant = visits.narrow(turn, upcoming, said) if said.narrows else upcoming
    priced = [(a, job.service_id) for a in meant if (job := turn.uow.jobs.get(a.job_id)) is not None
              and job.service_id in turn.catalog.ids()]
    services = {service_id for _, service_id in priced}
    if not services or len(priced) > 3 and len(services) > 1:
        return False
    if len(services) == 1:
        service = turn.catalog.get(next(iter(services)))
        reply = (replies.price(service.name, format_cents(service.price_cents), booking=True)
                 if service.price_cents else replies.price_unknown(service.name))
    else:  # "how much is my appointment" with two of other kinds: each visit's
        reply = replies.visit_prices([
            (visits.label(turn, a), turn.catalog.get(s).name,
             format_cents(turn.catalog.get(s).price_cents) if turn.catalog.get(s).price_cents else None)
            for a, s in priced])
    small_talk.settle(turn, reply, done="answered")
    return True


# A return visit named: whether it costs anything is the office's to say.
_RETURN = re.compile(r"\b(?:com(?:e|es|ing) back|return\w*|second (?:visit|trip)|another (?:visit|trip)|"
                     r"(?:come|coming|be) (?:out |over )?again)\b", re.IGNORECASE)


_CHARGED = re.compile(r"\b(?:charg\w*|cost\w*|fees?|pay|paying|extra|free|bill(?:ed)?)\b",
                      re.IGNORECASE)


def asks_visit_price(text: str) -> bool:
    """True when the text asks what the visit itself costs, not a bill, a quote or what is owed."""
    return _COST.search(text) is not None and _BILLED.search(text) is None and \
        _THIS_VISIT.search(text) is not None


def _asked_beside(turn: Turn, job: Job, technician: str) -> None:
    """What the text asks besides where the work stands, answered after it: the standard price
    of the visit's service, and how long that kind of work usually takes."""
    for reply in _beside(turn, job, technician):
        turn.say(reply)


def _beside(turn: Turn, job: Job, technician: str) -> list[Reply]:
    from bot.dialogue import visit_length  # imports visits, which imports this module's callers

    service = turn.catalog.get(job.service_id) if job.service_id in turn.catalog.ids() else None
    if service is None:
        return []
    told = []
    if _CHARGED.search(turn.text) and _RETURN.search(turn.text) or (
            job.state is JobState.PAUSED and _COST.search(turn.text) and not _BILLED.search(turn.text)):
        # "is there a charge for him coming back?": not the catalog's to say; the office tells
        notify_staff(turn.uow, now=turn.now, account_id=job.account_id,
                     body=replies.return_charge_notice(job.number, turn.text).text,
                     key=f"job-return-charge:{job.id}:{turn.message_id or turn.now.isoformat()}")
        told.append(replies.RETURN_CHARGE_ASKED)
    elif _COST.search(turn.text) and not _BILLED.search(turn.text):
        told.append(replies.price(service.name, format_cents(service.price_cents), booking=True)
                    if service.price_cents else replies.price_unknown(service.name))
    if visit_length.asks(turn.text):
        told.append(replies.work_length_under_way(visit_length.typical(turn, service.id),
                                                  technician))
    return told


def _not_there(turn: Turn, job: Job, technician: str) -> None:
    """The record says the technician is there, the customer says nobody is: the record is not
    told again as fact; a person checks with the technician and calls back."""
    notify_staff(turn.uow, now=turn.now, account_id=job.account_id,
                 body=replies.not_there_notice(job.number, technician, turn.text).text,
                 key=f"job-not-there:{job.id}:{turn.message_id or turn.now.isoformat()}")
    turn.finish(replies.not_there(technician))


def _others(turn: Turn, told: Job) -> list[str]:
    """The upcoming visits besides the job just described, each with its own window, work and
    technician: a second visit that day is no help told by its day alone."""
    return [visit_questions.described(turn, a, with_day=True) for a in visits.upcoming(turn)
            if a.job_id != told.id]


def _technician_first_name(turn: Turn, booked: list[Appointment]) -> str:
    candidates = [a for a in booked if a.is_active] or booked
    nearest = min(candidates, key=lambda a: abs(a.start - turn.now), default=None)
    person = turn.uow.staff.get(nearest.technician_id) if nearest else None
    return person.first_name if person else "Your technician"


def _service(turn: Turn, job: Job) -> str:
    return visits.work_name(turn, job)
