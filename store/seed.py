"""Demo data that looks like a real small company, relative to "now", written through the model.

Consistent by construction (tests/integration/test_demo_seed.py checks it): every address is a real
street of a served ZIP, in that ZIP's town and zone; every job's scope and summary and every
quote's title fit its service; every quote belongs to a deal; every visit lies inside its
technician's hours and the business hours of its day, in the business's zone, and no technician
has two visits at once. Today's visit on the way and the one on site exist only while "now" is
inside working hours; the finished visit is this morning's, else the last working day's.
"""

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
from domain.demo import DEMO_STREETS, DEMO_WORK, DemoWork, demo_company, demo_town
from domain.errors import DomainError
from domain.jobs import Appointment, Job, JobState
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
COMPANIES = ["Riverside Dental", "Sunrise Bakery", "Harbor Lofts Condo Association",
             "Two Rivers Books", "Maple Court Condos"]
DEMO_PHONE_PREFIX = "+1555010"  # fictional 555-01xx numbers: +1 555 010 0001 …
DEAL_SERVICES = ("hvac_repair", "water_heater", "hvac_maintenance", "electrical", "plumbing_repair",
                 "drain_cleaning")
# The first customer's two open quotes: different work, so "approve one of two" can be tried.
FIRST_CUSTOMER_QUOTES = ("hvac_repair", "water_heater")


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
    _two_visits_one_day(bus, business, catalog, technicians, sites[1], now)
    _visits_under_way(bus, business, catalog, technicians, sites[2:12], now)
    _appointments(bus, business, catalog, technicians, sites[2:], now, rng)
    with uow_factory() as uow:
        _quotes_and_deals(uow, catalog, sites, staff, now)
        uow.commit()
    _deals_in_motion(bus, uow_factory)
    return True


def _customers(uow: AbstractUnitOfWork, business: BusinessSettings,
               rng: random.Random) -> list[Site]:
    """Forty customers, each at a real street of a served ZIP, in its town and zone."""
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
        postal_code = zone.postal_codes[(n // len(business.zones)) % len(zone.postal_codes)]
        streets = DEMO_STREETS[postal_code]
        town = demo_town(postal_code)
        number = 1000 + (n * 379) % 4000 if town == "Chicago" else 100 + (n * 173) % 1100
        sites.append(uow.sites.add(Site(
            account_id=account.id, address=f"{number} {streets[n % len(streets)]}", city=town,
            postal_code=postal_code, zone_id=zone.id, timezone=zone.timezone,
            access_notes="Side gate code 4412" if rng.random() < 0.2 else "")))
    return sites


def fits_hours(business: BusinessSettings, technician: StaffMember, start: datetime,
               end: datetime) -> bool:
    """Whether [start, end) lies inside the technician's hours and the business hours that day."""
    zone = ZoneInfo(business.timezone)
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    day = local_start.date()
    if local_end.date() != day or technician.working_hours is None:
        return False
    spans = (technician.working_hours.for_day(day), business.business_hours.for_day(day))
    return all(span is not None and span.start <= local_start.time() and
               local_end.time() <= span.end for span in spans)


def _appointments(bus: MessageBus, business: BusinessSettings, catalog: Catalog,
                  technicians: list[StaffMember], sites: list[Site], now: datetime,
                  rng: random.Random) -> None:
    """Two or three visits a day per technician over the next 14 days, inside their hours: a busy
    diary that still leaves room to book and move visits."""
    zone = ZoneInfo(business.timezone)
    today = now.astimezone(zone).date()  # the business's today: at 8pm in Chicago UTC is tomorrow
    dispatcher = Actor.system()
    for offset in range(0, 14):
        day = today + timedelta(days=offset)
        for technician in technicians:
            hours = technician.working_hours.for_day(day) if technician.working_hours else None
            if hours is None:
                continue
            for slot in (hours.start, _add(hours.start, 3), _add(hours.start, 6)):
                if rng.random() < 0.3:
                    continue
                choices = [s for s in sites if s.zone_id in technician.zones]
                site = rng.choice(choices)
                services = [sv for sv in catalog.services if sv.skill in technician.skills]
                service = rng.choice(services)
                start = datetime.combine(day, slot, zone)
                if start < now + business.min_lead_time or not fits_hours(
                        business, technician, start, start + service.duration):
                    continue
                try:
                    bus.handle(commands.BookAppointment(
                        account_id=site.account_id, site_id=site.id or 0,
                        service_id=service.id, technician_id=technician.id or 0, start=start,
                        actor=dispatcher, scope=_work(service.id).scope))
                except DomainError as exc:
                    logger.debug("demo visit skipped: %s", exc)


def _visits_under_way(bus: MessageBus, business: BusinessSettings, catalog: Catalog,
                      technicians: list[StaffMember], sites: list[Site], now: datetime) -> None:
    """Today's work around "now": a technician on the way and one on site (only while now is
    inside working hours), and a visit finished this morning (else on the last working day).

    They are imported as work already planned (the booking rule refuses visits in the past), then
    moved on through the job's state machine like a technician would.
    """
    Path = list[tuple[JobState, int | None]]
    en_route: Path = [(JobState.EN_ROUTE, 20)]
    on_site: Path = [(JobState.EN_ROUTE, None), (JobState.ON_SITE, None)]
    plans: list[tuple[str, list[datetime], Path]] = [
        ("hvac_repair", [_grid_time(now + timedelta(minutes=25))], en_route),
        ("electrical", [_grid_time(now - timedelta(minutes=45))], on_site),
        ("water_heater", _finished_starts(business, now), on_site)]
    placed: list[tuple[int, str, Path]] = []
    free = list(sites)
    with bus.uow_factory() as uow:
        for service_id, starts, path in plans:
            service = catalog.get(service_id)
            spot = _free_spot(uow, business, technicians, free, service.skill,
                              service.duration, starts)
            if spot is None:
                continue  # outside working hours nobody is on the way: the demo shows none
            technician, site, start = spot
            free.remove(site)
            job = uow.jobs.add(Job(account_id=site.account_id, site_id=site.id or 0,
                                   service_id=service.id, scope=_work(service.id).scope,
                                   state=JobState.SCHEDULED, created_at=now, updated_at=now))
            uow.appointments.add(Appointment(
                job_id=job.id or 0, technician_id=technician.id or 0, start=start,
                end=start + service.duration, window_start=start,
                window_end=start + business.arrival_window, account_id=site.account_id,
                zone_id=site.zone_id, confirmed=True))
            placed.append((job.id or 0, service.id, path))
        uow.commit()
    dispatcher = Actor.system()
    for job_id, _, path in placed:
        for state, eta in path:
            bus.handle(commands.ChangeJobState(job_id=job_id, new_state=state, actor=dispatcher,
                                               eta_minutes=eta))
    for job_id, service_id, _ in placed:
        if service_id == plans[-1][0]:
            work = _work(service_id)
            bus.handle(commands.CompleteJob(job_id=job_id, summary=work.summary,
                                            actor=dispatcher, lines=work.lines))


def _free_spot(uow: AbstractUnitOfWork, business: BusinessSettings,
               technicians: list[StaffMember], sites: list[Site], skill: str,
               duration: timedelta, starts: list[datetime],
               ) -> tuple[StaffMember, Site, datetime] | None:
    """The first start, technician with `skill` and site in their zones that fit and are free."""
    for start in starts:
        end = start + duration
        for technician in technicians:
            if skill not in technician.skills or not fits_hours(business, technician, start, end):
                continue
            site = next((s for s in sites if s.zone_id in technician.zones), None)
            if site is None or uow.appointments.overlapping(
                    start - business.travel_buffer, end + business.travel_buffer,
                    technician_ids=[technician.id or 0]):
                continue
            return technician, site, start
    return None


def _finished_starts(business: BusinessSettings, now: datetime) -> list[datetime]:
    """Starts of a visit long finished by now: this morning's first, then earlier days'."""
    zone = ZoneInfo(business.timezone)
    today = now.astimezone(zone).date()
    starts: list[datetime] = []
    for back in range(0, 8):
        day = today - timedelta(days=back)
        hours = business.business_hours.for_day(day)
        if hours is None:
            continue
        for hour in range(hours.start.hour, hours.end.hour):
            start = datetime.combine(day, time(hour), zone)
            if start + timedelta(hours=3) <= now:
                starts.append(start)
    return starts


def _two_visits_one_day(bus: MessageBus, business: BusinessSettings, catalog: Catalog,
                        technicians: list[StaffMember], site: Site, now: datetime) -> None:
    """One customer has two visits on the same day: a tune-up in the morning, an electrician after."""
    zone = ZoneInfo(business.timezone)
    today = now.astimezone(zone).date()
    day = next(today + timedelta(days=n) for n in range(2, 9)
               if business.business_hours.for_day(today + timedelta(days=n)) is not None
               and (today + timedelta(days=n)).weekday() < 5)
    booked_end: datetime | None = None
    for service_id in ("hvac_maintenance", "electrical"):
        service = catalog.get(service_id)
        with bus.uow_factory() as uow:
            appointments = uow.appointments.overlapping(now, now + timedelta(days=15))
        offers = find_offers(service=service, zone_id=site.zone_id, timezone=site.timezone,
                             wish=Wish(date=day), technicians=technicians,
                             appointments=appointments, settings=business, now=now, limit=20)
        offer = next((o for o in offers if o.start.astimezone(zone).date() == day and (
            booked_end is None or o.start >= booked_end)), None)
        if offer is None:
            return
        bus.handle(commands.BookAppointment(
            account_id=site.account_id, site_id=site.id or 0, service_id=service.id,
            technician_id=offer.technician_id, start=offer.start, actor=Actor.system(),
            scope=_work(service.id).scope))
        booked_end = offer.end


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
            actor=Actor.system(), scope=_work(service.id).scope))


def _grid_time(moment: datetime) -> datetime:
    """Round down to the quarter hour, as a dispatcher would book."""
    return moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)


def _quotes_and_deals(uow: AbstractUnitOfWork, catalog: Catalog, sites: list[Site],
                      staff: list[StaffMember], now: datetime) -> None:
    """Sent quotes, each with the deal it belongs to, and a pipeline of deals at other stages.

    The first customer has two open quotes for different work; a deal that reached "quoted" has
    its quote; a quote's title is the work its deal's service quotes for.
    """
    reps = [s for s in staff if s.role is Role.SALES]
    services = [service_id for service_id in DEAL_SERVICES if service_id in catalog.ids()]
    stages = [DealStage.NEW, DealStage.QUALIFIED, DealStage.QUOTED, DealStage.NEW,
              DealStage.QUALIFIED, DealStage.QUOTED, DealStage.QUALIFIED, DealStage.NEW,
              DealStage.QUOTED, DealStage.NEW, DealStage.QUALIFIED, DealStage.QUOTED]
    pipeline = [(sites[10 + i], services[i % len(services)], stage, i % 4 == 3)
                for i, stage in enumerate(stages)]
    quoted = [(sites[0], service_id, DealStage.QUOTED, False)
              for service_id in FIRST_CUSTOMER_QUOTES if service_id in catalog.ids()]
    quoted += [(site, services[(n + 2) % len(services)], DealStage.QUOTED, False)
               for n, site in enumerate(sites[1:6])]
    deals: list[Deal] = []
    for i, (site, service_id, stage, stale) in enumerate(pipeline + quoted):
        work = _work(service_id)
        deals.append(uow.deals.add(Deal(
            account_id=site.account_id, site_id=site.id or 0, title=work.quote_title,
            service_id=service_id, owner_id=reps[i % len(reps)].id or 0,
            amount_cents=sum(line.quantity * line.unit_price_cents for line in work.quote_lines),
            stage=stage,
            next_follow_up_at=now - timedelta(days=12) if stale else now + timedelta(days=i % 5),
            last_touch_at=now - timedelta(days=30 if stale else i % 6 + 1))))
    # Q-1041 and Q-1042 are the first customer's, then the next customers', then the pipeline's.
    with_quotes = deals[len(pipeline):] + [d for d in deals[:len(pipeline)]
                                           if d.stage is DealStage.QUOTED]
    for n, deal in enumerate(with_quotes, start=1041):
        _send_quote(uow, f"Q-{n}", deal, _work(deal.service_id), now, days_ago=n % 6 + 1)


def _send_quote(uow: AbstractUnitOfWork, number: str, deal: Deal, work: DemoWork,
                now: datetime, *, days_ago: int) -> None:
    quote = uow.quotes.add(Quote(
        number=number, account_id=deal.account_id, title=work.quote_title,
        lines=work.quote_lines, deal_id=deal.id, expires_at=now + timedelta(days=30)))
    quote.send(at=now - timedelta(days=days_ago))


def _deals_in_motion(bus: MessageBus, uow_factory: Callable[[], AbstractUnitOfWork]) -> None:
    """Close a few deals that have no quote yet both ways, so won/lost appear; a won deal gets
    its single job."""
    with uow_factory() as uow:
        open_deals = [(d.id or 0, d.owner_id) for d in uow.deals.find()
                      if d.stage is not DealStage.QUOTED]
    for n, (deal_id, owner_id) in enumerate(open_deals[:4]):
        actor = Actor(role=Role.SALES, channel=Channel.CONSOLE, staff_id=owner_id)
        if n % 2 == 0:
            bus.handle(commands.MarkDealWon(deal_id=deal_id, actor=actor))
        else:
            bus.handle(commands.MarkDealLost(deal_id=deal_id, actor=actor))


def _work(service_id: str) -> DemoWork:
    """The demo work of a service; a company file's new service gets the repair's."""
    return DEMO_WORK.get(service_id, DEMO_WORK["hvac_repair"])


def _add(moment: time, hours: int) -> time:
    return time((moment.hour + hours) % 24, moment.minute)
