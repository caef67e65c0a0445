"""The demo data is consistent: addresses, work, quotes and visits fit together, whenever seeded."""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rapidfuzz import fuzz, process, utils

from api.bootstrap import bootstrap
from api.settings import Settings
from domain.clock import FixedClock
from domain.deals import DealStage
from domain.demo import DEMO_STREETS, DEMO_WORK, demo_business
from domain.jobs import AppointmentStatus, JobState
from domain.places import town_of
from domain.ports import AbstractUnitOfWork
from domain.quotes import QuoteState
from domain.staff import Role
from store.migrate import upgrade
from store.seed import fits_hours, seed_demo

CHICAGO = ZoneInfo("America/Chicago")
MOMENTS = {
    "monday 09:30": datetime(2026, 3, 2, 9, 30, tzinfo=CHICAGO),
    "monday 20:15 (already tuesday in UTC)": datetime(2026, 3, 2, 20, 15, tzinfo=CHICAGO),
    "saturday 12:00": datetime(2026, 3, 7, 12, 0, tzinfo=CHICAGO),
    "sunday 10:00": datetime(2026, 3, 8, 10, 0, tzinfo=CHICAGO),
    "thursday 06:00": datetime(2026, 3, 5, 6, 0, tzinfo=CHICAGO),
}


@pytest.fixture(params=list(MOMENTS), scope="module")
def seeded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
           migrated_file: Path) -> Iterator[tuple[datetime, AbstractUnitOfWork]]:
    """The demo seeded at one moment of the week on a SQLite file, and a unit of work on it."""
    now = MOMENTS[request.param].astimezone(UTC)
    database = tmp_path_factory.mktemp("seed") / "fieldbot.db"
    shutil.copyfile(migrated_file, database)
    container = bootstrap(Settings(database_url=f"sqlite:///{database}"), clock=FixedClock(now))
    assert seed_demo(bus=container.bus, uow_factory=container.uow_factory,
                     business=container.business, catalog=container.catalog, now=now)
    with container.uow_factory() as uow:
        yield now, uow
    container.engine.dispose()


@pytest.fixture(scope="module")
def migrated_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file, copied for each moment."""
    database = tmp_path_factory.mktemp("migrated") / "fieldbot.db"
    upgrade(f"sqlite:///{database}")
    return database


def test_every_address_is_a_street_of_its_zip_in_the_zips_town_and_zone(
        seeded: tuple[datetime, AbstractUnitOfWork]) -> None:
    _, uow = seeded
    business = demo_business()
    for site in uow.sites.find():
        zone = business.zone_for_postal_code(site.postal_code)
        assert zone is not None and zone.id == site.zone_id, site
        assert site.city == town_of(site.postal_code), site
        assert site.address.split(" ", 1)[1] in DEMO_STREETS[site.postal_code], site


def test_every_visit_is_inside_its_technicians_hours_and_the_business_hours(
        seeded: tuple[datetime, AbstractUnitOfWork]) -> None:
    _, uow = seeded
    business = demo_business()
    staff = {m.id: m for m in uow.staff.find()}
    visits = uow.appointments.find()
    assert len(visits) > 60
    for visit in visits:
        assert fits_hours(business, staff[visit.technician_id], visit.start, visit.end), (
            f"{staff[visit.technician_id].name} {visit.start.astimezone(CHICAGO):%a %H:%M}-"
            f"{visit.end.astimezone(CHICAGO):%H:%M}")


def test_no_technician_has_two_visits_at_once(
        seeded: tuple[datetime, AbstractUnitOfWork]) -> None:
    _, uow = seeded
    diaries = defaultdict(list)
    for visit in uow.appointments.find():
        if visit.status is not AppointmentStatus.CANCELLED:
            diaries[visit.technician_id].append((visit.start, visit.end))
    for visits in diaries.values():
        visits.sort()
        for (_, end), (start, _) in zip(visits, visits[1:], strict=False):
            assert end <= start


def test_job_scopes_summaries_and_quote_titles_fit_their_service(
        seeded: tuple[datetime, AbstractUnitOfWork]) -> None:
    _, uow = seeded
    for job in uow.jobs.find():
        work = DEMO_WORK[job.service_id]
        assert job.scope in (work.scope, work.quote_title), job  # a visit, or a won deal's work
        assert job.summary in ("", work.summary), job
    deals = {d.id: d for d in uow.deals.find()}
    for quote in uow.quotes.find():
        assert quote.deal_id is not None, quote.number
        deal = deals[quote.deal_id]
        assert quote.account_id == deal.account_id
        assert quote.title == deal.title == DEMO_WORK[deal.service_id].quote_title
        assert quote.total_cents == deal.amount_cents
    quoted = {q.deal_id for q in uow.quotes.find()}
    assert all(d.id in quoted for d in deals.values() if d.stage is DealStage.QUOTED)


def test_the_demo_shows_each_situation_a_customer_may_ask_about(
        seeded: tuple[datetime, AbstractUnitOfWork]) -> None:
    now, uow = seeded
    business = demo_business()
    jobs = {j.id: j for j in uow.jobs.find()}
    visits = uow.appointments.find()
    # Two visits on one day for one customer.
    days = defaultdict(int)
    for visit in visits:
        days[(visit.account_id, visit.start.astimezone(CHICAGO).date())] += 1
    assert max(days.values()) >= 2
    # A visit finished this morning or on the last working day, with what was done.
    done = [v for v in visits if jobs[v.job_id].state is JobState.COMPLETED]
    assert len(done) == 1 and jobs[done[0].job_id].summary
    assert now - timedelta(days=3) < done[0].start and done[0].end <= now
    # A technician on the way today exactly when now is inside working hours.
    technicians = [m for m in uow.staff.find(role=Role.TECHNICIAN)]
    working = any(fits_hours(business, t, now + timedelta(minutes=15), now + timedelta(hours=2,
                                                                                     minutes=15))
                  for t in technicians if "hvac" in t.skills)
    on_the_way = [v for v in visits if jobs[v.job_id].state is JobState.EN_ROUTE]
    assert len(on_the_way) == (1 if working else 0)
    for visit in on_the_way:
        assert visit.start.astimezone(CHICAGO).date() == now.astimezone(CHICAGO).date()
    # The first customer's two open quotes are for different work.
    first = [q for q in uow.quotes.find() if q.account_id == 1]
    assert [q.state for q in first] == [QuoteState.SENT, QuoteState.SENT]
    assert len({q.title for q in first}) == 2


def test_every_technician_has_a_phone_of_their_own_and_visits_on_the_coming_days(
        seeded: tuple[datetime, AbstractUnitOfWork]) -> None:
    now, uow = seeded
    customers = {c.phone for c in uow.contacts.find()}
    technicians = uow.staff.find(role=Role.TECHNICIAN, active=True)
    phones = [t.phone for t in technicians]
    assert len(technicians) >= 3 and len(set(phones)) == len(phones)
    for technician in technicians:
        assert technician.phone and technician.phone.startswith("+1"), technician.name
        assert technician.phone not in customers, technician.name
        coming = uow.appointments.overlapping(now, now + timedelta(days=7),
                                              technician_ids=[technician.id or 0])
        days = {v.start.astimezone(CHICAGO).date() for v in coming
                if v.status is AppointmentStatus.BOOKED and v.start > now}
        assert len(days) >= 3, f"{technician.name} has visits on {sorted(days)} only"


def test_each_rep_owns_open_deals_whose_accounts_a_fuzzy_name_tells_apart(
        seeded: tuple[datetime, AbstractUnitOfWork]) -> None:
    """A rep writes an account the short way ("fischer signed!", "sunrise"): among the rep's
    own open deals, rapidfuzz puts that account first, well clear of the next one."""
    _, uow = seeded
    names = {a.id: a.name for a in uow.accounts.find()}
    reps = uow.staff.find(role=Role.SALES, active=True)
    assert len(reps) == 3
    for rep in reps:
        open_deals = [d for d in uow.deals.find(owner_id=rep.id)
                      if d.stage not in (DealStage.WON, DealStage.LOST)]
        accounts = [names[d.account_id] for d in open_deals]
        assert len(open_deals) >= 3, rep.name
        assert len(set(accounts)) == len(accounts), f"{rep.name}: {accounts}"
        for account in accounts:
            said = account.removesuffix(" household").split()[0].lower()
            (best, score, _), (_, runner_up, _) = process.extract(
                said, accounts, scorer=fuzz.WRatio, processor=utils.default_process, limit=2)
            assert best == account and score >= 85 and score - runner_up >= 15, (
                f"{rep.name}: '{said}' -> {best} {score:.0f}, next {runner_up:.0f}")
