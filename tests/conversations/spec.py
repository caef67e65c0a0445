"""Conversation files (tests/conversations/*.toml) read into checked, typed conversations.

The format is described in the README ("Conversation tests"). Every problem of a file is reported
at once, each naming the file, the conversation id and the field, before anything runs.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import configure_mappers

from domain.company import Company
from domain.demo import demo_company
from domain.staff import Role, StaffMember
from store.orm import start_mappers

# The store maps domain classes onto tables when its first session is made, and the mapping is
# configured at its first query; conversations are read at collection time, when a test module
# may have mapped but not configured them, and a mapped staff member's fields cannot be read
# until then: map and configure first.
start_mappers()
configure_mappers()

HERE = Path(__file__).parent
ZONE = ZoneInfo("America/Chicago")
DEFAULT_NOW = "2026-12-07T09:00"  # a Monday
DEFAULT_NAME = "Daniel Fischer"
KNOWN_PHONE = "+17735550142"  # the declared customer's number
NEW_PHONE = "+17735550177"  # a number nobody knows
VISIT_STATES = ("scheduled", "en_route", "on_site", "completed", "cancelled")
QUOTE_STATES = ("sent", "approved", "declined", "expired")
EXPECTS = ("text", "yes_no", "choice")
# What a turn may change: "<kind>:<key>" names something declared, the rest are new things.
KEYED_CHANGES = ("visit", "job", "quote", "site")
PLAIN_CHANGES = ("new_visit", "new_job", "new_site", "new_account", "account", "notice")
KNOWN_FAILURES = HERE / "known_failures.toml"


class ConversationFileError(ValueError):
    """A conversation file that cannot run; `problems` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class SiteSpec:
    key: str
    address: str
    city: str
    zip: str


@dataclass(frozen=True)
class VisitSpec:
    key: str
    service: str
    date: date
    start: time
    technician: str  # first name
    site: str
    state: str = "scheduled"
    scope: str = ""
    eta_minutes: int | None = None

    @property
    def local_start(self) -> datetime:
        return datetime.combine(self.date, self.start, ZONE)


@dataclass(frozen=True)
class QuoteSpec:
    number: str
    title: str
    lines: tuple[tuple[str, int, int], ...]
    state: str = "sent"
    expires: date | None = None
    visit: str | None = None


@dataclass(frozen=True)
class DealSpec:
    """A deal of the customer's account, owned by a demo rep; "won" is marked won by that rep
    (its one job opened, the customer invited to pick a time) before the conversation starts."""

    title: str
    service: str
    amount_cents: int
    rep: str  # a demo rep's first name
    state: str = "won"
    site: str = "home"


@dataclass(frozen=True)
class AfterSpec:
    visits: dict[str, str] = field(default_factory=dict)
    quotes: dict[str, str] = field(default_factory=dict)
    new_jobs: int | None = None
    notices: int | None = None
    urgent_notices: int | None = None


@dataclass(frozen=True)
class TurnSpec:
    text: str
    says: tuple[str, ...] = ()
    says_any: tuple[str, ...] = ()
    never: tuple[str, ...] = ()
    expects: str | None = None
    changes: tuple[str, ...] = ()
    after: AfterSpec | None = None


@dataclass(frozen=True)
class ConversationSpec:
    id: str
    about: str
    now: datetime  # aware, America/Chicago
    customer: str  # "known" | "new"
    name: str
    sites: tuple[SiteSpec, ...]
    visits: tuple[VisitSpec, ...]
    quotes: tuple[QuoteSpec, ...]
    turns: tuple[TurnSpec, ...]
    deals: tuple[DealSpec, ...] = ()
    source: str = ""  # the file it came from
    xfail: str | None = None  # why it is expected to fail on today's code

    @property
    def phone(self) -> str:
        return KNOWN_PHONE if self.customer == "known" else NEW_PHONE


CONVERSATION_KEYS = {"id", "about", "now", "customer", "name", "site", "visit", "quote", "turn",
                     "xfail", "deal"}
DEAL_KEYS = {"title", "service", "amount", "rep", "state", "site"}
DEAL_STATES = ("won", "open")
SITE_KEYS = {"key", "address", "city", "zip"}
VISIT_KEYS = {"key", "service", "scope", "date", "start", "technician", "site", "state",
              "eta_minutes"}
QUOTE_KEYS = {"number", "title", "lines", "state", "expires", "visit"}
TURN_KEYS = {"text", "says", "says_any", "never", "expects", "changes", "after"}
AFTER_KEYS = {"visits", "quotes", "new_jobs", "notices", "urgent_notices"}
ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def load_files(paths: list[Path], company: Company | None = None) -> list[ConversationSpec]:
    """Every conversation of `paths`, checked; ConversationFileError lists all problems."""
    company = company or demo_company()
    conversations: list[ConversationSpec] = []
    problems: list[str] = []
    for path in paths:
        try:
            conversations.extend(load_file(path, company))
        except ConversationFileError as exc:
            problems.extend(exc.problems)
    seen: dict[str, str] = {}
    for conversation in conversations:
        if conversation.id in seen:
            problems.append(f"{conversation.source}: conversation '{conversation.id}': id already "
                            f"used in {seen[conversation.id]}")
        seen.setdefault(conversation.id, conversation.source)
    if problems:
        raise ConversationFileError(problems)
    return conversations


def load_file(path: Path, company: Company | None = None) -> list[ConversationSpec]:
    """The conversations of one file, with the known-failures list applied."""
    try:
        document = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConversationFileError([f"{path.name}: not readable TOML: {exc}"]) from None
    return parse_document(document, path.name, company or demo_company(), known_failures())


def known_failures() -> dict[str, str]:
    """Conversation ids expected to fail on today's code, with why (known_failures.toml)."""
    if not KNOWN_FAILURES.exists():
        return {}
    marked = tomllib.loads(KNOWN_FAILURES.read_text("utf-8")).get("xfail", {})
    return {str(key): str(value) for key, value in marked.items()}


def parse_document(document: dict[str, Any], source: str, company: Company,
                   xfails: dict[str, str] | None = None) -> list[ConversationSpec]:
    problems: list[str] = []
    extra = set(document) - {"conversation"}
    if extra:
        problems.append(f"{source}: unknown top-level key(s) {sorted(extra)}; "
                        "conversations are [[conversation]] tables")
    found: list[ConversationSpec] = []
    for n, raw in enumerate(document.get("conversation", []), start=1):
        reader = _Reader(source, raw.get("id") if isinstance(raw.get("id"), str)
                         else f"#{n}", company)
        conversation = reader.conversation(raw)
        problems.extend(reader.problems)
        if conversation is not None and not reader.problems:
            if conversation.xfail is None and xfails and conversation.id in xfails:
                conversation = _with_xfail(conversation, xfails[conversation.id])
            found.append(conversation)
    if problems:
        raise ConversationFileError(problems)
    return found


def _with_xfail(conversation: ConversationSpec, reason: str) -> ConversationSpec:
    return replace(conversation, xfail=reason)


class _Reader:
    """Reads one conversation, collecting every problem with where it is."""

    def __init__(self, source: str, conversation_id: str, company: Company) -> None:
        self.where = f"{source}: conversation '{conversation_id}'"
        self.source = source
        self.company = company
        self.problems: list[str] = []

    def problem(self, place: str, message: str) -> None:
        self.problems.append(f"{self.where}: {place}{': ' if place else ''}{message}")

    def conversation(self, raw: Any) -> ConversationSpec | None:
        if not isinstance(raw, dict):
            self.problem("", "is not a table")
            return None
        self.keys(raw, CONVERSATION_KEYS, "")
        conversation_id = self.text(raw, "id", "", required=True)
        if conversation_id and not ID.fullmatch(conversation_id):
            self.problem("id", f"'{conversation_id}' is not kebab-case (a-z, 0-9, -)")
        now = self.moment(raw.get("now", DEFAULT_NOW), "now")
        customer = self.text(raw, "customer", "", default="known")
        if customer not in ("known", "new"):
            self.problem("customer", f"'{customer}' is neither 'known' nor 'new'")
        sites = tuple(s for n, item in enumerate(self.tables(raw, "site"), start=1)
                      if (s := self.site(item, n)) is not None)
        if customer == "known" and not sites:
            sites = (SiteSpec("home", "2240 N Halsted St", "Chicago", "60614"),)
        if customer == "new" and (sites or raw.get("visit") or raw.get("quote")):
            self.problem("customer", "a new customer has no sites, visits or quotes yet")
        self.unique([s.key for s in sites], "site", "key")
        site_keys = {s.key for s in sites}
        zips = {s.key: s.zip for s in sites}
        visits = tuple(v for n, item in enumerate(self.tables(raw, "visit"), start=1)
                       if (v := self.visit(item, n, sites[0].key if sites else "", site_keys,
                                           zips, now)) is not None)
        self.unique([v.key for v in visits], "visit", "key")
        visit_keys = {v.key for v in visits}
        quotes = tuple(q for n, item in enumerate(self.tables(raw, "quote"), start=1)
                       if (q := self.quote(item, n, visit_keys)) is not None)
        self.unique([q.number for q in quotes], "quote", "number")
        deals = tuple(d for n, item in enumerate(self.tables(raw, "deal"), start=1)
                      if (d := self.deal(item, n, sites[0].key if sites else "", site_keys))
                      is not None)
        quote_numbers = {q.number for q in quotes}
        keys = {"visit": visit_keys, "job": visit_keys, "quote": quote_numbers, "site": site_keys}
        turns = tuple(t for n, item in enumerate(self.tables(raw, "turn"), start=1)
                      if (t := self.turn(item, n, keys)) is not None)
        if not turns:
            self.problem("turn", "a conversation needs at least one [[conversation.turn]]")
        xfail = raw.get("xfail")
        if xfail is not None and not (isinstance(xfail, str) and xfail.strip()):
            self.problem("xfail", "must be a non-empty reason")
        if now is None:
            return None
        return ConversationSpec(
            id=conversation_id, about=self.text(raw, "about", "", default=""), now=now,
            customer=customer, name=self.text(raw, "name", "", default=DEFAULT_NAME),
            sites=sites, visits=visits, quotes=quotes, turns=turns, deals=deals,
            source=self.source,
            xfail=xfail if isinstance(xfail, str) else None)

    def site(self, raw: Any, n: int) -> SiteSpec | None:
        place = f"site #{n}"
        if not self.is_table(raw, place):
            return None
        self.keys(raw, SITE_KEYS, place)
        key = self.text(raw, "key", place, default="home" if n == 1 else "")
        if not key:
            self.problem(place, "needs a key (only the first site is 'home' by default)")
        postal = self.text(raw, "zip", place, required=True)
        if postal and self.company.business.zone_for_postal_code(postal) is None:
            served = ", ".join(c for z in self.company.business.zones for c in z.postal_codes)
            self.problem(f"site '{key}'", f"ZIP {postal} is outside the company's zones "
                                          f"(served: {served})")
        return SiteSpec(key=key, address=self.text(raw, "address", place, required=True),
                        city=self.text(raw, "city", place, default="Chicago"), zip=postal)

    def visit(self, raw: Any, n: int, first_site: str, sites: set[str], zips: dict[str, str],
              now: datetime | None) -> VisitSpec | None:
        place = f"visit #{n}"
        if not self.is_table(raw, place):
            return None
        self.keys(raw, VISIT_KEYS, place)
        key = self.text(raw, "key", place, required=True)
        place = f"visit '{key}'" if key else place
        service_id = self.text(raw, "service", place, required=True)
        service = next((s for s in self.company.catalog.services if s.id == service_id), None)
        if service_id and service is None:
            self.problem(f"{place}: service", f"unknown service '{service_id}' (known: "
                         f"{', '.join(self.company.catalog.ids())})")
        day = self.day(raw.get("date"), f"{place}: date")
        start = self.clock_time(raw.get("start"), f"{place}: start")
        site = self.text(raw, "site", place, default=first_site)
        if site not in sites:
            self.problem(f"{place}: site", f"no site with key '{site}' (declared: {sorted(sites)})")
        state = self.text(raw, "state", place, default="scheduled")
        if state not in VISIT_STATES:
            self.problem(f"{place}: state", f"'{state}' is not one of {', '.join(VISIT_STATES)}")
        eta = raw.get("eta_minutes")
        if eta is not None and (not isinstance(eta, int) or state != "en_route" or eta < 0):
            self.problem(f"{place}: eta_minutes", "a number of minutes, for an en_route visit only")
        name = self.text(raw, "technician", place, required=True)
        technician = self.technician(name)
        if name and technician is None:
            known = ", ".join(t.name.split()[0] for t in self.technicians())
            self.problem(f"{place}: technician", f"unknown technician '{name}' (known: {known})")
        zone = self.company.business.zone_for_postal_code(zips.get(site, ""))
        if technician is not None and service is not None and zone is not None \
                and not technician.can_do(service.skill, zone.id):
            self.problem(f"{place}: technician", f"{technician.name} does not do {service.skill} "
                         f"work in the {zone.id} zone")
        if day is not None and start is not None and now is not None:
            begins = datetime.combine(day, start, ZONE)
            if state in ("completed", "on_site") and begins > now:
                self.problem(place, f"a {state} visit must start before the conversation's now")
        if day is None or start is None or not key or service is None:
            return None
        return VisitSpec(key=key, service=service_id, date=day, start=start,
                         technician=name, site=site, state=state,
                         scope=self.text(raw, "scope", place, default=""),
                         eta_minutes=eta if isinstance(eta, int) else None)

    def quote(self, raw: Any, n: int, visits: set[str]) -> QuoteSpec | None:
        place = f"quote #{n}"
        if not self.is_table(raw, place):
            return None
        self.keys(raw, QUOTE_KEYS, place)
        number = self.text(raw, "number", place, required=True)
        place = f"quote '{number}'" if number else place
        lines: list[tuple[str, int, int]] = []
        raw_lines = raw.get("lines")
        if not isinstance(raw_lines, list) or not raw_lines:
            self.problem(f"{place}: lines", "a list of [description, quantity, unit cents]")
        else:
            for line in raw_lines:
                if (isinstance(line, list) and len(line) == 3 and isinstance(line[0], str)
                        and isinstance(line[1], int) and line[1] > 0 and isinstance(line[2], int)):
                    lines.append((line[0], line[1], line[2]))
                else:
                    self.problem(f"{place}: lines", f"{line!r} is not [description, quantity > 0, "
                                                    "unit cents]")
        state = self.text(raw, "state", place, default="sent")
        if state not in QUOTE_STATES:
            self.problem(f"{place}: state", f"'{state}' is not one of {', '.join(QUOTE_STATES)}")
        expires = self.day(raw["expires"], f"{place}: expires") if "expires" in raw else None
        visit = raw.get("visit")
        if visit is not None and visit not in visits:
            self.problem(f"{place}: visit", f"no visit with key '{visit}' (declared: "
                                            f"{sorted(visits)})")
        if not number or not lines:
            return None
        return QuoteSpec(number=number, title=self.text(raw, "title", place, default=number),
                         lines=tuple(lines), state=state, expires=expires,
                         visit=visit if isinstance(visit, str) else None)

    def deal(self, raw: Any, n: int, first_site: str, sites: set[str]) -> DealSpec | None:
        place = f"deal #{n}"
        if not self.is_table(raw, place):
            return None
        self.keys(raw, DEAL_KEYS, place)
        title = self.text(raw, "title", place, required=True)
        service = self.text(raw, "service", place, required=True)
        rep = self.text(raw, "rep", place, required=True)
        state = self.text(raw, "state", place, default="won")
        if state not in DEAL_STATES:
            self.problem(f"{place}: state", f"'{state}' is not one of {', '.join(DEAL_STATES)}")
        amount = raw.get("amount", 0)
        if not isinstance(amount, int) or amount < 0:
            self.problem(f"{place}: amount", "whole cents, 0 or more")
            amount = 0
        site = self.text(raw, "site", place, default=first_site)
        if site not in sites:
            self.problem(f"{place}: site", f"no site with key '{site}'")
        if not title or not service or not rep:
            return None
        return DealSpec(title=title, service=service, amount_cents=amount, rep=rep, state=state,
                        site=site)

    def turn(self, raw: Any, n: int, keys: dict[str, set[str]]) -> TurnSpec | None:
        place = f"turn {n}"
        if not self.is_table(raw, place):
            return None
        self.keys(raw, TURN_KEYS, place)
        text = self.text(raw, "text", place, required=True)
        expects = raw.get("expects")
        if expects is not None and expects not in EXPECTS:
            self.problem(f"{place}: expects", f"'{expects}' is not one of {', '.join(EXPECTS)}")
        changes = self.phrases(raw, "changes", place)
        for change in changes:
            kind, _, key = change.partition(":")
            if change in PLAIN_CHANGES:
                continue
            if kind not in KEYED_CHANGES or not key:
                self.problem(f"{place}: changes", f"'{change}' is not one of "
                             f"{', '.join(k + ':<key>' for k in KEYED_CHANGES)}, "
                             f"{', '.join(PLAIN_CHANGES)}")
            elif key not in keys[kind]:
                self.problem(f"{place}: changes", f"'{change}': no {kind} '{key}' declared")
        after = self.after(raw["after"], f"{place}: after", keys) if "after" in raw else None
        return TurnSpec(text=text, says=self.phrases(raw, "says", place),
                        says_any=self.phrases(raw, "says_any", place),
                        never=self.phrases(raw, "never", place),
                        expects=expects if isinstance(expects, str) else None,
                        changes=changes, after=after)

    def after(self, raw: Any, place: str, keys: dict[str, set[str]]) -> AfterSpec | None:
        if not self.is_table(raw, place):
            return None
        self.keys(raw, AFTER_KEYS, place)
        visits = self.mapping(raw, "visits", place)
        for key, expected in visits.items():
            if key not in keys["visit"]:
                self.problem(f"{place}: visits", f"no visit '{key}' declared")
            parts = expected.split()
            if not parts or parts[0] not in VISIT_STATES or len(parts) not in (1, 3) or (
                    len(parts) == 3 and (self.day(parts[1], f"{place}: visits.{key}") is None
                                         or self.clock_time(parts[2], f"{place}: visits.{key}")
                                         is None)):
                self.problem(f"{place}: visits.{key}", f"'{expected}' is not '<state>' or "
                             "'<state> YYYY-MM-DD HH:MM'")
        quotes = self.mapping(raw, "quotes", place)
        for number, state in quotes.items():
            if number not in keys["quote"]:
                self.problem(f"{place}: quotes", f"no quote '{number}' declared")
            if state not in QUOTE_STATES:
                self.problem(f"{place}: quotes.{number}", f"'{state}' is not one of "
                             f"{', '.join(QUOTE_STATES)}")
        counts: dict[str, int | None] = {}
        for name in ("new_jobs", "notices", "urgent_notices"):
            value = raw.get(name)
            if value is not None and (not isinstance(value, int) or value < 0):
                self.problem(f"{place}: {name}", "must be a whole number, 0 or more")
                value = None
            counts[name] = value
        return AfterSpec(visits=visits, quotes=quotes, new_jobs=counts["new_jobs"],
                         notices=counts["notices"], urgent_notices=counts["urgent_notices"])

    # Small readers --------------------------------------------------------------------------

    def technicians(self) -> list[StaffMember]:
        return [s for s in self.company.staff if s.role is Role.TECHNICIAN]

    def technician(self, name: str) -> StaffMember | None:
        wanted = name.strip().casefold()
        return next((t for t in self.technicians()
                     if wanted in (t.name.casefold(), t.name.split()[0].casefold())), None)

    def keys(self, raw: dict[str, Any], allowed: set[str], place: str) -> None:
        for key in sorted(set(raw) - allowed):
            self.problem(place, f"unknown key '{key}' (known: {', '.join(sorted(allowed))})")

    def is_table(self, raw: Any, place: str) -> bool:
        if not isinstance(raw, dict):
            self.problem(place, "is not a table")
            return False
        return True

    def tables(self, raw: dict[str, Any], key: str) -> list[Any]:
        found = raw.get(key, [])
        if not isinstance(found, list):
            self.problem(key, f"must be [[conversation.{key}]] tables")
            return []
        return found

    def text(self, raw: dict[str, Any], key: str, place: str, *, required: bool = False,
             default: str = "") -> str:
        value = raw.get(key)
        if value is None:
            if required:
                self.problem(place, f"'{key}' is required")
            return default
        if not isinstance(value, str):
            self.problem(f"{place}{': ' if place else ''}{key}", f"{value!r} is not a string")
            return default
        return value

    def phrases(self, raw: dict[str, Any], key: str, place: str) -> tuple[str, ...]:
        value = raw.get(key, [])
        if isinstance(value, str):
            self.problem(f"{place}: {key}", f"must be a list of strings, e.g. [{value!r}]")
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(f"{place}: {key}", "must be a list of strings")
            return ()
        return tuple(value)

    def mapping(self, raw: dict[str, Any], key: str, place: str) -> dict[str, str]:
        value = raw.get(key, {})
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            self.problem(f"{place}: {key}", "must be a table of strings")
            return {}
        return {str(k): str(v) for k, v in value.items()}

    def unique(self, keys: list[str], kind: str, field_name: str) -> None:
        for key in sorted({k for k in keys if keys.count(k) > 1}):
            self.problem(kind, f"{field_name} '{key}' is declared twice")

    def moment(self, value: Any, place: str) -> datetime | None:
        if isinstance(value, datetime) and value.tzinfo is None:  # TOML's local date-time
            return value.replace(tzinfo=ZONE)
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:00)?", value):
            try:
                return datetime.fromisoformat(value).replace(tzinfo=ZONE)
            except ValueError:
                pass
        self.problem(place, f"{value!r} is not a local time like 2026-12-07T09:00")
        return None

    def day(self, value: Any, place: str) -> date | None:
        if isinstance(value, date) and not isinstance(value, datetime):
            return value  # TOML's own date literal
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.problem(place, f"{value!r} is not a date like 2026-12-08")
            return None

    def clock_time(self, value: Any, place: str) -> time | None:
        if isinstance(value, time):
            return value
        try:
            if re.fullmatch(r"\d?\d:\d\d", str(value)):
                return time.fromisoformat(str(value).zfill(5))
        except ValueError:
            pass
        self.problem(place, f"{value!r} is not a time like 08:00")
        return None


def end_of(day: date) -> datetime:
    """The moment a quote valid through `day` (local) expires: midnight after it, in UTC."""
    return datetime.combine(day + timedelta(days=1), time(0), ZONE)
