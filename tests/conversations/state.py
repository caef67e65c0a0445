"""What a text may change, as plain rows: visits, jobs, quotes, sites, accounts, dispatcher items.

A `State` is read before and after every turn (from a unit of work on the fakes, from the read
API end to end); `changed` names what differs in the words of the format ("visit:furnace",
"new_job", "notice", ...), and `unintended` keeps what the turn did not allow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from domain.jobs import AppointmentStatus, JobState
from domain.messages import Direction, MessageKind
from domain.ports import AbstractUnitOfWork
from tests.conversations.spec import AfterSpec
from tests.conversations.world import Seeded

ZONE = ZoneInfo("America/Chicago")
# Notices that report a change the customer made (and the turn allowed), not items asking a
# person to follow up: they belong to that change. Keyed as domain/reactions.py keys them.
REPORT_KEYS = ("quote-approved:", "quote-declined:")


@dataclass(frozen=True)
class VisitRow:
    job_id: int
    status: str  # the appointment's: booked, done, cancelled
    start: datetime  # UTC
    technician_id: int


@dataclass(frozen=True)
class JobRow:
    state: str
    scope: str
    service_id: str
    site_id: int


@dataclass(frozen=True)
class QuoteRow:
    id: int
    state: str
    job_id: int | None


@dataclass(frozen=True)
class NoticeRow:
    body: str
    reports: str | None = None  # "quote:<id>" when it reports that quote's decision

    @property
    def urgent(self) -> bool:
        """An urgent dispatcher item begins with URGENT (as "URGENT, call now: ...")."""
        return self.body.lstrip().upper().startswith("URGENT")


@dataclass
class State:
    visits: dict[int, VisitRow] = field(default_factory=dict)
    jobs: dict[int, JobRow] = field(default_factory=dict)
    quotes: dict[str, QuoteRow] = field(default_factory=dict)  # by number
    sites: dict[int, tuple[int, str, str, str]] = field(default_factory=dict)
    accounts: dict[int, tuple[str, ...]] = field(default_factory=dict)  # name, contacts
    notices: dict[int, NoticeRow] = field(default_factory=dict)  # dispatcher notices by id


def read_state(uow: AbstractUnitOfWork, dispatchers: tuple[int, ...]) -> State:
    """Everything a conversation may change, read from the store (or the fakes)."""
    state = State()
    for visit in uow.appointments.find():
        state.visits[visit.id or 0] = VisitRow(visit.job_id, visit.status.value, visit.start,
                                               visit.technician_id)
    for job in uow.jobs.find():
        state.jobs[job.id or 0] = JobRow(job.state.value, job.scope, job.service_id, job.site_id)
    for quote in uow.quotes.find():
        state.quotes[quote.number] = QuoteRow(quote.id or 0, quote.state.value, quote.job_id)
    for site in uow.sites.find():
        state.sites[site.id or 0] = (site.account_id, site.address, site.city, site.postal_code)
    contacts: dict[int, list[str]] = {}
    for contact in uow.contacts.find():
        contacts.setdefault(contact.account_id, []).append(f"{contact.name} {contact.phone}")
    for account in uow.accounts.find():
        state.accounts[account.id or 0] = (account.name, *contacts.get(account.id or 0, []))
    for message in uow.messages.find(kind=MessageKind.NOTICE, direction=Direction.OUT):
        if message.staff_id in dispatchers:
            state.notices[message.id or 0] = NoticeRow(message.body,
                                                       _reports(message.idempotency_key))
    return state


def _reports(key: str | None) -> str | None:
    for prefix in REPORT_KEYS:
        if key and key.startswith(prefix):
            return f"quote:{key[len(prefix):].split(':')[0]}"
    return None


def changed(before: State, after: State, seeded: Seeded) -> list[str]:
    """What differs, named as a turn's `changes` name it; a report of a quote's decision is
    named after the quote ("quote:<number>"), not "notice"."""
    visit_keys = {v: k for k, v in seeded.visits.items()}
    job_keys = {v: k for k, v in seeded.jobs.items()}
    site_keys = {v: k for k, v in seeded.sites.items()}
    quote_numbers = {row.id: number for number, row in after.quotes.items()}
    found: list[str] = []
    for visit_id in sorted(set(before.visits) | set(after.visits)):
        if before.visits.get(visit_id) != after.visits.get(visit_id):
            found.append(f"visit:{visit_keys[visit_id]}" if visit_id in visit_keys
                         else "new_visit")
    for job_id in sorted(set(before.jobs) | set(after.jobs)):
        if before.jobs.get(job_id) != after.jobs.get(job_id):
            found.append(f"job:{job_keys[job_id]}" if job_id in job_keys else "new_job")
    for number in sorted(set(before.quotes) | set(after.quotes)):
        if before.quotes.get(number) != after.quotes.get(number):
            found.append(f"quote:{number}")
    new_accounts = set(after.accounts) - set(before.accounts)
    for site_id in sorted(set(before.sites) | set(after.sites)):
        row = after.sites.get(site_id)
        if before.sites.get(site_id) != row:
            if site_id in site_keys:
                found.append(f"site:{site_keys[site_id]}")
            elif row is not None and row[0] in new_accounts:
                found.append("new_account")
            else:
                found.append("new_site")
    for account_id in sorted(set(before.accounts) | set(after.accounts)):
        if before.accounts.get(account_id) != after.accounts.get(account_id):
            found.append("new_account" if account_id in new_accounts else "account")
    for notice_id in sorted(set(after.notices) - set(before.notices)):
        reports = after.notices[notice_id].reports
        if reports is not None:
            quote_id = int(reports.split(":")[1])
            found.append(f"quote:{quote_numbers.get(quote_id, quote_id)}")
        else:
            found.append("notice")
    return list(dict.fromkeys(found))


def unintended(found: list[str], allowed: tuple[str, ...], before: State, after: State,
               seeded: Seeded) -> list[str]:
    """The changes the turn did not allow. A visit allowed to change may take its job's state
    with it (a cancelled visit cancels its job); a new visit comes with the new job it was
    booked under."""
    permitted = set(allowed)
    for key, job_id in seeded.jobs.items():
        if f"visit:{key}" in permitted and _only_state_changed(before.jobs.get(job_id),
                                                              after.jobs.get(job_id)):
            permitted.add(f"job:{key}")
    if "new_visit" in permitted:
        new_visit_jobs = {row.job_id for visit_id, row in after.visits.items()
                          if visit_id not in before.visits}
        if new_visit_jobs & (set(after.jobs) - set(before.jobs)):
            permitted.add("new_job")
    return [change for change in found if change not in permitted]


def _only_state_changed(before: JobRow | None, after: JobRow | None) -> bool:
    return (before is not None and after is not None
            and (before.scope, before.service_id, before.site_id)
            == (after.scope, after.service_id, after.site_id))


def visit_state(visit: VisitRow, job: JobRow | None) -> str:
    """The visit as the format names it: scheduled, en_route, on_site, completed or cancelled."""
    if visit.status == AppointmentStatus.CANCELLED.value:
        return "cancelled"
    if visit.status == AppointmentStatus.DONE.value:
        return "completed"
    job_state = job.state if job is not None else ""
    if job_state == JobState.EN_ROUTE.value:
        return "en_route"
    if job_state in (JobState.ON_SITE.value, JobState.PAUSED.value):
        return "on_site"
    if job_state in (JobState.COMPLETED.value, JobState.INVOICED.value):
        return "completed"
    if job_state == JobState.CANCELLED.value:
        return "cancelled"
    return "scheduled"


def describe_visit(visit: VisitRow, job: JobRow | None) -> str:
    local = visit.start.astimezone(ZONE)
    return f"{visit_state(visit, job)} {local:%Y-%m-%d %H:%M}"


def check_after(after: AfterSpec, start: State, now: State, seeded: Seeded) -> list[str]:
    """Each way the state differs from the turn's `after`, in words."""
    problems: list[str] = []
    for key, expected in after.visits.items():
        visit = now.visits.get(seeded.visits[key])
        actual = describe_visit(visit, now.jobs.get(visit.job_id)) if visit else "missing"
        compared = actual if len(expected.split()) == 3 else actual.split()[0]
        if compared != expected:
            problems.append(f"after: visit '{key}' is '{actual}', expected '{expected}'")
    for number, expected in after.quotes.items():
        quote = now.quotes.get(number)
        actual_state = quote.state if quote else "missing"
        if actual_state != expected:
            problems.append(f"after: quote {number} is '{actual_state}', expected '{expected}'")
    items = {i: n for i, n in now.notices.items() if i not in start.notices and n.reports is None}
    counts = {
        "new_jobs": len(set(now.jobs) - set(start.jobs)),
        "notices": len(items),
        "urgent_notices": sum(1 for n in items.values() if n.urgent),
    }
    for name, actual in counts.items():
        expected_count = getattr(after, name)
        if expected_count is not None and actual != expected_count:
            problems.append(f"after: {name} is {actual}, expected {expected_count}")
    return problems
