"""Demo data that looks like a real small company, relative to "now", written through the model."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain import commands
from domain.actors import Actor
from domain.bus import MessageBus
from domain.business import BusinessSettings
from domain.catalog import Catalog
from domain.deals import Deal, DealStage
from domain.demo import demo_company
from domain.errors import DomainError
from domain.jobs import Appointment, Job, JobState
from domain.money import Line
from domain.parties import Account, AccountKind, Channel, Contact, Site
from domain.ports import AbstractUnitOfWork
from domain.quotes import Quote
from domain.scheduling import Wish, find_offers
from domain.staff import Role, StaffMember

logger = logging.getLogger(__name__)

FIRST = ["Maria", "James", "Priya", "Luis", "Hannah", "Omar", "Grace", "Daniel", "Sofia", "Kevin",
         "Aisha", "Tom", "Elena", "Marcus", "Nina", "Victor", "Chloe", "Samuel", "Rosa", "Ian"]
LAST = ["Alvarez", "Brooks", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Hughes", "Ivanova",
        "Johnson", "Kowalski", "Lopez", "Murphy", "Nguyen", "Okafor", "Patel", "Quinn", "Rossi"]
STREETS = ["Elm St", "N Clark St", "W Belmont Ave", "S Halsted St", "Oak Park Ave", "W Lake St",
           "N Damen Ave", "E 55th St", "S Cottage Grove Ave", "W Addison St", "Harlem Ave"]
COMPANIES = ["Riverside Dental", "Lakeview Bakery", "Hyde Park Lofts", "Oak Street Books",
             "Maple Court Condos"]
DEMO_PHONE_PREFIX = "+1555010"  # fictional 555-01xx numbers: +1 555 010 0001 …
DEAL_SERVICES = ("hvac_repair", "water_heater", "hvac_maintenance", "electrical", "plumbing_repair")


def demo_phone(n: int) -> str:
    """The n-th fictional demo number, +15550100001 and up."""
    return f"{DEMO_PHONE_PREFIX}{n:04d}"


def seed_demo(*, bus: MessageBus, uow_factory: Callable[[], AbstractUnitOfWork],
              business: BusinessSettings, catalog: Catalog, now: datetime) -> bool:
    """Seed the demo company's customers, visits, quotes and deals once, loading its company file
    first when the database has no business yet; returns False when there is nothing to do."""
    with uow_factory() as uow:
        if uow.accounts.first() is not None:
            return False
        stored = uow.business.get()
        if stored is None:
            uow.business.replace(demo_company())
        elif stored[0].name != demo_company().business.name:
            # Fake customers have no place in a real company's database.
            logger.warning("the database holds %s, not the demo company: no demo data seeded",
                           stored[0].name)
            return False
        rng = random.Random(7)  # noqa: S311 - demo data, not security
        staff = uow.staff.find(active=True)  # the company file's, in its order
        sites = _customers(uow, business, rng)
        uow.commit()
    technicians = [s for s in staff if s.role is Role.TECHNICIAN]
    _first_customer_visit(bus, business, catalog, technicians, sites[0], now)
    _appointments(bus, business, catalog, technicians, sites, now, rng)
    _visits_under_way(bus, business, catalog, technicians, sites, now)
    with uow_factory() as uow:
        _quotes_and_deals(uow, business, catalog, sites, staff, now, rng)
        uow.commit()
    _deals_in_motion(bus, uow_factory, staff)
    return True


def _customers(uow: AbstractUnitOfWork, business: BusinessSettings,
               rng: random.Random) -> list[Site]:
    sites: list[Site] = []
    for n in range(1, 41):
        company = n % 8 == 0
        first, last = FIRST[(n * 7) % len(FIRST)], LAST[(n * 5) % len(LAST)]
        name = COMPANIES[(n // 8 - 1) % len(COMPANIES)] if company else f"{first} {last}"
        account = uow.accounts.add(Account(
            name=name if company else f"{last} household",
            kind=AccountKind.COMPANY if company else AccountKind.HOUSEHOLD))
        assert account.id is not None
        uow.contacts.add(Contact(
            account_id=account.id, name=f"{first} {last}", phone=demo_phone(n),
            email=f"{first.lower()}.{last.lower()}@example.com", preferred_channel=Channel.SMS))
        zone = business.zones[n % len(business.zones)]
        sites.append(uow.sites.add(Site(
            account_id=account.id, address=f"{100 + n * 37} {STREETS[n % len(STREETS)]}",
            city="Chicago" if zone.id != "west" else "Oak Park",
            postal_code=zone.postal_codes[n % len(zone.postal_codes)], zone_id=zone.id,
            timezone=zone.timezone,
            access_notes="Side gate code 4412" if rng.random() < 0.2 else "")))
    return sites


def _appointments(bus: MessageBus, business: BusinessSettings, catalog: Catalog,
                  technicians: list[StaffMember], sites: list[Site], now: datetime,
                  rng: random.Random) -> None:
    """About three visits a day per technician over the next 14 days."""
    zone = ZoneInfo(business.timezone)
    today = now.astimezone(zone).date()
    dispatcher = Actor.system()
    for offset in range(0, 14):
        day = today + timedelta(days=offset)
        for technician in technicians:
            hours = technician.working_hours.for_day(day) if technician.working_hours else None
            if hours is None:
                continue
            for slot in (hours.start, _add(hours.start, 3), _add(hours.start, 6)):
                if rng.random() < 0.25:
                    continue
                choices = [s for s in sites if s.zone_id in technician.zones]
                site = rng.choice(choices)
                services = [sv for sv in catalog.services if sv.skill in technician.skills]
                service = rng.choice(services)
                start = datetime.combine(day, slot, zone)
                if start < now + business.min_lead_time:
                    continue
                try:
                    bus.handle(commands.BookAppointment(
                        account_id=site.account_id, site_id=site.id or 0,
                        service_id=service.id, technician_id=technician.id or 0, start=start,
                        actor=dispatcher, scope=f"{service.name} at {site.address}"))
                except DomainError as exc:
                    logger.debug("demo visit skipped: %s", exc)


def _visits_under_way(bus: MessageBus, business: BusinessSettings, catalog: Catalog,
                      technicians: list[StaffMember], sites: list[Site], now: datetime) -> None:
    """Three of today's visits, placed around "now": one technician on the way, one on site, one done.

    They are imported as work already planned (the booking rule refuses visits in the past), then
    moved on through the job's state machine like a technician would.
    """
    Path = list[tuple[JobState, int | None]]
    plans: list[tuple[timedelta, Path]] = [
             (timedelta(minutes=25), [(JobState.EN_ROUTE, 20)]),
             (timedelta(minutes=-45), [(JobState.EN_ROUTE, None), (JobState.ON_SITE, None)]),
             (timedelta(hours=-3), [(JobState.EN_ROUTE, None), (JobState.ON_SITE, None)])]
    placed: list[tuple[int, Path]] = []
    with bus.uow_factory() as uow:
        for n, (offset, path) in enumerate(plans):
            start = _grid_time(now + offset)
            for technician in technicians[n:] + technicians[:n]:
                service = next(sv for sv in catalog.services if sv.skill in technician.skills)
                end = start + service.duration
                site = next(s for s in sites[1:] if s.zone_id in technician.zones)
                if uow.appointments.overlapping(start - business.travel_buffer,
                                                end + business.travel_buffer,
                                                technician_ids=[technician.id or 0]):
                    continue
                job = uow.jobs.add(Job(account_id=site.account_id, site_id=site.id or 0,
                                       service_id=service.id, scope=service.name,
                                       state=JobState.SCHEDULED, created_at=now, updated_at=now))
                uow.appointments.add(Appointment(
                    job_id=job.id or 0, technician_id=technician.id or 0, start=start, end=end,
                    window_start=start, window_end=start + business.arrival_window,
                    account_id=site.account_id, zone_id=site.zone_id, confirmed=True))
                placed.append((job.id or 0, path))
                break
        uow.commit()
    dispatcher = Actor.system()
    for job_id, path in placed:
        for state, eta in path:
            bus.handle(commands.ChangeJobState(job_id=job_id, new_state=state, actor=dispatcher,
                                               eta_minutes=eta))
    if len(placed) == 3:
        bus.handle(commands.CompleteJob(
            job_id=placed[2][0], summary="Replaced run capacitor, tested cooling",
            actor=dispatcher,
            lines=(Line("Run capacitor 45/5 uF", 1, 8900), Line("Labor (1 h)", 1, 12500))))


def _first_customer_visit(bus: MessageBus, business: BusinessSettings, catalog: Catalog,
                          technicians: list[StaffMember], site: Site, now: datetime) -> None:
    """The first demo customer always has an upcoming tune-up to ask about or move."""
    service = next((s for s in catalog.services if s.upkeep_months), catalog.services[0])
    with bus.uow_factory() as uow:
        appointments = uow.appointments.overlapping(now, now + timedelta(days=15))
    offers = find_offers(service=service, zone_id=site.zone_id, timezone=site.timezone,
                         wish=Wish(date=(now + timedelta(days=2)).astimezone(
                             ZoneInfo(site.timezone)).date()),
                         technicians=technicians, appointments=appointments, settings=business,
                         now=now)
    if offers:
        bus.handle(commands.BookAppointment(
            account_id=site.account_id, site_id=site.id or 0, service_id=service.id,
            technician_id=offers[0].technician_id, start=offers[0].start,
            actor=Actor.system(), scope="Annual furnace tune-up"))


def _grid_time(moment: datetime) -> datetime:
    """Round down to the quarter hour, as a dispatcher would book."""
    return moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)


def _quotes_and_deals(uow: AbstractUnitOfWork, business: BusinessSettings, catalog: Catalog,
                      sites: list[Site], staff: list[StaffMember], now: datetime,
                      rng: random.Random) -> None:
    reps = [s for s in staff if s.role is Role.SALES]
    # The first customer has two quotes waiting, so approving "one of two" can be tried at once.
    quote_number = 1040
    for site in sites[:1] + sites[:6]:
        quote_number += 1
        quote = uow.quotes.add(Quote(
            number=f"Q-{quote_number}", account_id=site.account_id,
            title=rng.choice(["Replace water heater", "New AC condenser", "Panel upgrade",
                              "Sewer line repair", "Furnace replacement"]),
            lines=(Line("Equipment", 1, rng.choice([89000, 245000, 160000])),
                   Line("Installation labor", rng.choice([3, 4, 6]), 12500)),
            expires_at=now + timedelta(days=30)))
        quote.send(at=now - timedelta(days=rng.randint(1, 6)))
    stages = [DealStage.NEW, DealStage.QUALIFIED, DealStage.QUOTED, DealStage.NEW,
              DealStage.QUALIFIED, DealStage.QUOTED, DealStage.QUALIFIED, DealStage.NEW,
              DealStage.QUOTED, DealStage.NEW, DealStage.QUALIFIED, DealStage.QUOTED]
    deal_services = [service_id for service_id in DEAL_SERVICES if service_id in catalog.ids()]
    for i, stage in enumerate(stages):
        site = sites[10 + i]
        stale = i % 4 == 3  # some deals have gone quiet: follow-up long overdue
        uow.deals.add(Deal(
            account_id=site.account_id, site_id=site.id or 0,
            title=rng.choice(["Whole-home AC replacement", "Tankless water heater upgrade",
                              "Commercial maintenance plan", "Rewire basement",
                              "Boiler replacement", "Drain line replacement"]),
            service_id=rng.choice(deal_services),
            owner_id=reps[i % len(reps)].id or 0, amount_cents=rng.choice([180000, 650000,
                                                                           1240000, 92000]),
            stage=stage,
            next_follow_up_at=now - timedelta(days=12) if stale else now + timedelta(days=i % 5),
            last_touch_at=now - timedelta(days=30 if stale else i % 6 + 1)))


def _deals_in_motion(bus: MessageBus, uow_factory: Callable[[], AbstractUnitOfWork],
                     staff: list[StaffMember]) -> None:
    """Close a few deals both ways so won/lost appear, each won one with its single job."""
    with uow_factory() as uow:
        open_deals = [(d.id or 0, d.owner_id) for d in uow.deals.find()]
    for n, (deal_id, owner_id) in enumerate(open_deals[:4]):
        actor = Actor(role=Role.SALES, channel=Channel.CONSOLE, staff_id=owner_id)
        if n % 2 == 0:
            bus.handle(commands.MarkDealWon(deal_id=deal_id, actor=actor))
        else:
            bus.handle(commands.MarkDealLost(deal_id=deal_id, actor=actor))


def _add(moment: time, hours: int) -> time:
    return time((moment.hour + hours) % 24, moment.minute)
