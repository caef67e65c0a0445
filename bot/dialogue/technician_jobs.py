"""Which of a technician's visits a text is about: the one in progress, else the next one today,
unless the text names a customer or a street among today's visits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz

from domain.jobs import Appointment, AppointmentStatus, Job, JobState
from domain.parties import Site

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

IN_PROGRESS = frozenset({JobState.EN_ROUTE, JobState.ON_SITE})
# A name or street word counts as named when it is this close to the text's word (typos, "Fischers").
NAME_SIMILARITY = 85
# Below this, a word of the place named is unlike any of a visit's (not a typo of one).
UNLIKE_SIMILARITY = 70
# Words too common in addresses and names to pick a visit by themselves.
COMMON = frozenset("st street ave avenue rd road dr drive ln lane ct court blvd way pl place the "
                   "household home house family residence inc llc co".split())
# Where a text says where the technician is or is going: "omw to X", "omw X", "here at X", "done
# at X", "late to X", or a text that starts "at X". What follows is a place or a person's name
# unless it is only these everyday words ("omw to the next one", "here at the customer's").
DESTINATION = re.compile(
    r"(?:\b(?:omw|otw|on (?:my|the) way|en ?route|head(?:ing|ed)?(?: (?:out|over|back))?|off)"
    r"\s+(?:over )?to\s+|"
    r"\b(?:here|arrived|on ?site|done|finished(?: up)?|completed?|wrapp(?:ed|ing) up|"
    r"pull(?:ed|ing) (?:up|in)|still|late|behind|now)\s+(?:at|to|for|@)\s+|^\W*(?:at|@)\s+)"
    r"(?P<place>(?:(?!\s-)[^,.;:!?()\n])+)|"
    # "omw sofia chen 20": a bare name right after "omw", up to the minutes or the end
    r"\b(?:omw|otw)\s+(?P<bare>[a-z][a-z' ]{1,40}?)(?=\s*(?:\d|$))", re.IGNORECASE)
HOUSE_NUMBER = re.compile(r"\b\d{1,6}\s+(?!(?:min|mins|minutes|m|hr|hrs|hours?|late|behind|out|"
                          r"away|more|am|pm|sec|ish)\b)[a-z]", re.IGNORECASE)
EVERYDAY = frozenset(
    "the a an my your his her their our this that it its them you u ya him there here now then "
    "today tonight tomorrow tmrw soon asap shortly min mins minute minutes hr hrs hour hours ish "
    "about around approx roughly like in on out over back first next last other previous same "
    "new job jobs stop call site jobsite house home place customer customers client homeowner "
    "owner shop office yard depot warehouse supply supplies supplier store parts part lunch break "
    "gas truck van work one property address location appointment visit door gate be will late "
    "behind early traffic still just too also and with from for to at then after before way "
    "route road eta am pm me us see again already is im i so ok okay ur yours second third "
    "pick up grab get real really sure good day night week prob probably maybe by oclock clock "
    "til till until".split())

# A clause about the drive names the roads on the way, not a visit ("stuck behind a crash on kedzie").
_ROUTE_TALK = re.compile(r"\b(?:traffic|stuck|crash|accident|wreck|construction|detour|closed|jam|"
                         r"backed up|via|taking|bridge|expressway|highway|hwy|tollway|exit)\b",
                         re.IGNORECASE)
# Numbers in words say how long or how many, never whose visit ("two more min").
NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten fifteen twenty thirty "
                         "forty fifty sixty couple few".split())

# What a business's name says it is, as a technician may call it: "the dentist" for Riverside
# Dental, "the vet" for Lakeview Animal Clinic.
KIND_ALIASES: dict[str, tuple[str, ...]] = {
    "dental": ("dentist", "dentists", "dentistry"),
    "dentistry": ("dentist", "dentists", "dental"),
    "veterinary": ("vet", "vets", "animal"),
    "animal": ("vet", "vets"),
    "medical": ("doctor", "doctors", "clinic"),
    "clinic": ("doctor", "doctors"),
    "books": ("bookstore", "bookshop"),
    "bakery": ("bakers", "baker"),
    "restaurant": ("diner",),
    "salon": ("hairdresser",),
    "pharmacy": ("pharmacy", "drugstore", "chemist"),
}


@dataclass(frozen=True)
class Visit:
    """One of the technician's visits with what a text may name it by."""

    appointment: Appointment
    job: Job
    site: Site
    customer: str  # the contact's name, else the account's
    account: str = ""  # the account's name ("Riverside Dental"), which a text may use instead

    @property
    def appointment_id(self) -> int:
        assert self.appointment.id is not None
        return self.appointment.id

    def words(self) -> set[str]:
        """The customer's and the account's names and the street (without the house number or
        "St")."""
        words = {w for w in _words(f"{self.customer} {self.account} {self.site.address} "
                                   f"{self.site.city}")
                 if w not in COMMON and not w.isdigit()}
        return words | {alias for w in _words(self.account) for alias in KIND_ALIASES.get(w, ())}

    def house_number(self) -> str | None:
        found = re.match(r"\s*(\d+)", self.site.address)
        return found.group(1) if found else None


def day_bounds(now: datetime, timezone: str) -> tuple[datetime, datetime]:
    """Today in the technician's zone, as a UTC-comparable span."""
    local = now.astimezone(ZoneInfo(timezone))
    start = datetime.combine(local.date(), time(0), tzinfo=local.tzinfo)
    return start, start + timedelta(days=1)


def todays_visits(turn: Turn) -> list[Visit]:
    """The technician's booked visits today (local time), earliest first."""
    return visits_on(turn, turn.now.astimezone(ZoneInfo(turn.timezone)).date())


def visits_on(turn: Turn, day: date) -> list[Visit]:
    """The technician's booked visits on `day` (their local date), earliest first."""
    assert turn.staff is not None and turn.staff.id is not None
    start = datetime.combine(day, time(0), tzinfo=ZoneInfo(turn.timezone))
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=ZoneInfo(turn.timezone))
    booked = turn.uow.appointments.overlapping(start, end, technician_ids=[turn.staff.id])
    return [v for v in visits_of(turn, sorted(booked, key=lambda a: a.start))
            if v.appointment.technician_id == turn.staff.id]


def done_today(turn: Turn) -> list[Visit]:
    """The technician's visits finished earlier today, earliest first."""
    assert turn.staff is not None and turn.staff.id is not None
    start, end = day_bounds(turn.now, turn.timezone)
    done = [a for a in turn.uow.appointments.find(technician_id=turn.staff.id,
                                                  status=AppointmentStatus.DONE)
            if start <= a.start < end]
    return visits_of(turn, sorted(done, key=lambda a: a.start))


def named_own(turn: Turn, own: list[Visit], text: str) -> list[Visit] | None:
    """The technician's own visits today that the text names best, matched against everyone's
    visits today: None when another technician's visit fits the text better than any of theirs
    (never a weaker match of their own) unless the name said is shared by one of theirs, [] when
    it names none."""
    mine = named(own, text)
    if not mine:
        return []
    start, end = day_bounds(turn.now, turn.timezone)
    everyone = visits_of(turn, sorted(turn.uow.appointments.overlapping(start, end),
                                      key=lambda a: a.start))
    better = named(everyone, text)
    chosen = [v for v in mine if v.appointment_id in {b.appointment_id for b in better}]
    if chosen:
        return chosen
    # a customer's name shared with another technician's visit ("omw to patel, via clark" while
    # Carla's Patel is on Clark): the technician sees only their own, so theirs is meant
    shared = {w for b in better for w in _names_said(b, text)}
    if _first_names_said(better, text) - {w for v in mine for w in _names_said(v, text)}:
        return None  # "grace alvarez" while one's own is Elena Alvarez: the first name decides
    return [v for v in mine if _names_said(v, text) & shared] or None


def _first_names_said(visits: list[Visit], text: str) -> set[str]:
    """The first names of the visits' customers that the text says ("grace" of Grace Alvarez)."""
    said = set()
    for visit in visits:
        first = (_words(visit.customer) or [""])[0]
        if first and first not in COMMON and first in _names_said(visit, text):
            said.add(first)
    return said


def _names_said(visit: Visit, text: str) -> set[str]:
    """The words of the visit's customer or account name that the text says (typos allowed)."""
    said = {w.removesuffix("s") for w in _words(text)} | set(_words(text))
    names = {w for w in _words(f"{visit.customer} {visit.account}")
             if w not in COMMON and len(w) >= 3}
    return {name for name in names
            if any(fuzz.ratio(name, w) >= NAME_SIMILARITY for w in said if len(w) >= 3)}


def names_only_anothers(turn: Turn, text: str) -> bool:
    """The text names a customer or street of another technician's visit today, in words that
    are no everyday ones ("im closer to nguyen on blackstone, omw"): the sender's own next visit
    is not what it is about. Called once the text names none of the sender's own."""
    assert turn.staff is not None
    said = " ".join(c for c in re.split(r"[,.;:!?()\n]|\s-+\s", without_ruled_out(text))
                    if not _ROUTE_TALK.search(c))
    own_words = " ".join(w for w in _words(said)
                         if w not in EVERYDAY and w not in NUMBER_WORDS and not w.isdigit())
    if not own_words:
        return False
    start, end = day_bounds(turn.now, turn.timezone)
    others = [a for a in turn.uow.appointments.overlapping(start, end)
              if a.technician_id != turn.staff.id]
    return bool(_named(visits_of(turn, sorted(others, key=lambda a: a.start)), own_words))


def other_house_number(visit: Visit, text: str) -> bool:
    """The text gives a house number on the visit's street that is not the visit's ("2267 w
    26th" for 2895 W 26th St): a weak match, asked about."""
    streets = {w for w in _words(visit.site.address)
               if w not in COMMON and not w.isdigit() and len(w) >= 2}
    for number, word in re.findall(r"\b(\d{1,6})\s+(?:[nsew]\.?\s+)?([a-z0-9]+)", text.lower()):
        if number != visit.house_number() and any(
                fuzz.ratio(word, street) >= NAME_SIMILARITY for street in streets):
            return True
    return False


def visit_of(turn: Turn, appointment: Appointment) -> Visit | None:
    found = visits_of(turn, [appointment])
    return found[0] if found else None


def visits_of(turn: Turn, appointments: list[Appointment]) -> list[Visit]:
    """The appointments as visits, in their order (one whose job or site is gone is left out):
    their jobs, sites and customers' names read together, not visit by visit."""
    jobs = {job.id: job for job in turn.uow.jobs.get_many([a.job_id for a in appointments])}
    sites = {site.id: site for site in turn.uow.sites.get_many(
        [job.site_id for job in jobs.values()])}
    accounts = frozenset(job.account_id for job in jobs.values())
    names: dict[int | None, str] = {}
    for contact in turn.uow.contacts.find(account_id=accounts) if accounts else []:
        names.setdefault(contact.account_id, contact.name)  # the account's first contact
    account_names = {account.id: account.name
                     for account in turn.uow.accounts.get_many(list(accounts))} if accounts else {}
    visits = []
    for appointment in appointments:
        job = jobs.get(appointment.job_id)
        site = sites.get(job.site_id) if job is not None else None
        if job is not None and site is not None:
            business = account_names.get(job.account_id, "")
            visits.append(Visit(appointment, job, site,
                                names.get(job.account_id) or business or "the customer", business))
    return visits


def names_a_place(text: str) -> bool:
    """Whether the text says where the technician is or goes by a name or street of its own."""
    return any(any(w not in EVERYDAY and len(w) >= 2 for w in words) or HOUSE_NUMBER.search(place)
               for place, words in _places(text))


def _places(text: str) -> list[tuple[str, list[str]]]:
    """Each place the text says the technician is at or goes to, with its words (no numbers)."""
    found_places = []
    for found in DESTINATION.finditer(text):
        place = found.group("place") or found.group("bare")
        words = [w for w in _words(place) if not any(c.isdigit() for c in w)]
        if found.group("bare") and (not words or words[0] in EVERYDAY):
            continue  # "omw now, traffic is bad" says when, not where
        found_places.append((place, words))
    return found_places


def _contradicts(visit: Visit, text: str) -> bool:
    """The place named, a name of one or two words, has one far from all of the visit's ("kevin
    rossi" for Kevin Johnson); longer places run on into the work ("at hughes replaced breaker")."""
    keys = visit.words()
    for _, words in _places(text):
        name = [w for w in words if len(w) >= 3 and w not in EVERYDAY and w not in COMMON]
        if len(name) <= 2 and any(
                max((fuzz.ratio(word, key) for key in keys), default=0) < UNLIKE_SIMILARITY
                for word in name):
            return True
    return False


def other_day_visits(turn: Turn, *, before: timedelta, after: timedelta) -> list[Visit]:
    """The technician's own booked visits on other days near today, nearest first."""
    assert turn.staff is not None and turn.staff.id is not None
    start, end = day_bounds(turn.now, turn.timezone)
    booked = [a for a in turn.uow.appointments.overlapping(start - before, end + after,
                                                             technician_ids=[turn.staff.id])
              if a.technician_id == turn.staff.id and not (start <= a.start < end)]
    booked.sort(key=lambda a: abs(a.start - turn.now))
    return visits_of(turn, booked)


# A visit ruled out by name: "nguyen not the dentist", "not rossi, im at kowalski's".
_RULED_OUT = re.compile(r"\b(?:not|nt|isn'?t|wasn'?t)\s+(?:(?:going|stopping|heading|headed|"
                        r"driving|going to be)\s+)?(?:(?:at|to|for|on|with|by)\s+)?"
                        r"(?:(?:the|that|this|my)\s+)?[a-z0-9']+(?:'?s)?(?:\s+(?:one|job|place|"
                        r"house|office|st|ave|street))?", re.IGNORECASE)


def ruled_out(text: str) -> str:
    """The words that rule a visit out ("not the dentist", "not at rossi's"), joined; "" if none."""
    return " ".join(found.group() for found in _RULED_OUT.finditer(text))


def without_ruled_out(text: str) -> str:
    """The text less the words ruling a visit out: "not dental, hughes" gives ", hughes"."""
    return _RULED_OUT.sub(" ", text)


def named(visits: list[Visit], text: str) -> list[Visit]:
    """The visits the text names best by customer name or street, leaving out one it rules out
    ("X not Y") when the rest names another; empty when it names none."""
    kept = _RULED_OUT.sub(" ", text)
    if kept != text:
        chosen = _named(visits, kept)
        if chosen:
            return chosen
    return _named(visits, text)


def _named(visits: list[Visit], text: str) -> list[Visit]:
    words = {w.removesuffix("s") for w in _words(text)} | set(_words(text))
    numbers = set(re.findall(r"\b\d{1,6}\b", text))
    scored: list[tuple[int, Visit]] = []
    for visit in visits:
        score = sum(1 for key in visit.words()
                    if len(key) >= 3 and any(fuzz.ratio(key, w) >= NAME_SIMILARITY
                                             for w in words if len(w) >= 3))
        if score and visit.house_number() in numbers:
            score += 1
        if score and not _contradicts(visit, text):
            scored.append((score, visit))
    if not scored:
        return []
    best = max(score for score, _ in scored)
    return [visit for score, visit in scored if score == best]


def in_progress(visits: list[Visit]) -> list[Visit]:
    return [v for v in visits if v.job.state in IN_PROGRESS]


def next_up(visits: list[Visit]) -> Visit | None:
    """The earliest visit today whose job has not started."""
    return next((v for v in visits if v.job.state is JobState.SCHEDULED), None)


def own_visit(turn: Turn, appointment_id: Any) -> Visit | None:
    """One of the technician's own booked visits, by id; None for anyone else's."""
    if not isinstance(appointment_id, int) or turn.staff is None:
        return None
    appointment = turn.uow.appointments.get(appointment_id)
    if appointment is None or appointment.technician_id != turn.staff.id:
        return None
    return visit_of(turn, appointment)


def job_id(visit: Visit) -> int:
    assert visit.job.id is not None
    return visit.job.id


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("'s", "s").replace("'", ""))


_TOMORROW = re.compile(r"\b(?:tomorrow|tomorow|tommorow|tommorrow|tmrw|tmr|tmw|2moro)\b",
                       re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|rsday|urday|r|rs)?\b",
                      re.IGNORECASE)


def day_said(text: str, today: date) -> date | None:
    """The day a text is about: "tomorrow", a weekday (the next one), else None."""
    if _TOMORROW.search(text):
        return today + timedelta(days=1)
    found = _WEEKDAY.search(text)
    if found is None:
        return None
    weekday = next(i for i, name in enumerate(_WEEKDAYS) if found.group(1).lower() == name[:3])
    return today + timedelta(days=(weekday - today.weekday()) % 7)
