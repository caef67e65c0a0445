"""A conversation's world: the declared customer, sites, visits and quotes, seeded in any store.

The demo company itself is put in place the way `fieldbot business load` does
(`uow.business.replace(demo_company())`) before this runs. Visits are booked with the domain's
own commands on a clock set a day before the earliest of them, then moved to their declared
state (on the way, on site, done, cancelled) with the domain's commands at the conversation's now.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from domain import commands
from domain.actors import Actor
from domain.bus import MessageBus
from domain.business import BusinessSettings
from domain.catalog import Catalog
from domain.clock import FixedClock
from domain.deals import Deal, DealStage
from domain.errors import DomainError
from domain.jobs import JobState
from domain.money import Line
from domain.parties import Account, Channel, Contact, Site
from domain.ports import AbstractUnitOfWork
from domain.quotes import Quote
from domain.staff import Role
from tests.conversations.spec import ConversationSpec, end_of


class WorldError(RuntimeError):
    """The declared world could not be built (e.g. two visits that clash)."""


@dataclass
class Seeded:
    """What the conversation's checks name, by key: ids of the declared things."""

    account_id: int | None = None
    sites: dict[str, int] = field(default_factory=dict)
    visits: dict[str, int] = field(default_factory=dict)  # appointment ids
    jobs: dict[str, int] = field(default_factory=dict)  # the visit's job
    quotes: dict[str, int] = field(default_factory=dict)
    dispatchers: tuple[int, ...] = ()


def setup_time(conversation: ConversationSpec) -> datetime:
    """When the world is set up: a day before the conversation or its earliest visit."""
    starts = [v.local_start for v in conversation.visits]
    return min([conversation.now, *starts]) - timedelta(days=1)


def seed_world(conversation: ConversationSpec, *, uow_factory: Callable[[], AbstractUnitOfWork],
               bus: MessageBus, clock: FixedClock, business: BusinessSettings,
               catalog: Catalog) -> Seeded:
    """Seed the declared customer; `clock` stands at `setup_time` and ends at the conversation's now."""
    seeded = Seeded()
    try:
        _seed(conversation, seeded, uow_factory, bus, clock, business, catalog)
    except DomainError as exc:
        raise WorldError(f"{conversation.source}: conversation '{conversation.id}': the world "
                         f"cannot be built: {exc}") from exc
    return seeded


def _seed(conversation: ConversationSpec, seeded: Seeded,
          uow_factory: Callable[[], AbstractUnitOfWork], bus: MessageBus, clock: FixedClock,
          business: BusinessSettings, catalog: Catalog) -> None:
    with uow_factory() as uow:
        staff = uow.staff.find(active=True)
        seeded.dispatchers = tuple(s.id or 0 for s in staff if s.role is Role.DISPATCHER)
        technicians = {s.name.split()[0].casefold(): s.id or 0 for s in staff
                       if s.role is Role.TECHNICIAN}
        technicians.update({s.name.casefold(): s.id or 0 for s in staff
                            if s.role is Role.TECHNICIAN})
        if conversation.customer == "known":
            _customer(uow, conversation, seeded, business)
        uow.commit()
    dispatcher = Actor(role=Role.DISPATCHER, channel=Channel.CONSOLE,
                       staff_id=seeded.dispatchers[0] if seeded.dispatchers else None)
    account = seeded.account_id or 0
    for visit in conversation.visits:
        appointment = bus.handle(commands.BookAppointment(
            account_id=account, site_id=seeded.sites[visit.site], service_id=visit.service,
            technician_id=technicians[visit.technician.casefold()], start=visit.local_start,
            actor=dispatcher, scope=visit.scope or catalog.get(visit.service).name))
        seeded.visits[visit.key] = appointment
        with uow_factory() as uow:
            booked = uow.appointments.get(appointment)
            assert booked is not None
            seeded.jobs[visit.key] = booked.job_id
    with uow_factory() as uow:
        for quote in conversation.quotes:
            added = uow.quotes.add(Quote(
                number=quote.number, account_id=account, title=quote.title,
                lines=tuple(Line(*line) for line in quote.lines),
                job_id=seeded.jobs[quote.visit] if quote.visit else None,
                expires_at=end_of(quote.expires) if quote.expires else None))
            added.send(at=clock.now())
            seeded.quotes[quote.number] = added.id or 0
        uow.commit()
    for quote in conversation.quotes:
        if quote.state == "approved":
            bus.handle(commands.ApproveQuote(quote_id=seeded.quotes[quote.number], actor=dispatcher))
        elif quote.state == "declined":
            bus.handle(commands.DeclineQuote(quote_id=seeded.quotes[quote.number], actor=dispatcher))
    clock.advance(conversation.now - clock.now())
    with uow_factory() as uow:  # a quote lapses with no command: the sweep that would do it
        for quote in conversation.quotes:
            if quote.state == "expired":
                stored = uow.quotes.get(seeded.quotes[quote.number])
                assert stored is not None
                stored.expire()
        uow.commit()
    _seed_deals(conversation, seeded, uow_factory, bus)
    for visit in conversation.visits:
        job = seeded.jobs[visit.key]
        if visit.state == "cancelled":
            bus.handle(commands.CancelAppointment(appointment_id=seeded.visits[visit.key],
                                                  actor=dispatcher))
            continue
        path = {"en_route": [JobState.EN_ROUTE],
                "on_site": [JobState.EN_ROUTE, JobState.ON_SITE],
                "completed": [JobState.EN_ROUTE, JobState.ON_SITE]}.get(visit.state, [])
        for state in path:
            bus.handle(commands.ChangeJobState(
                job_id=job, new_state=state, actor=dispatcher,
                eta_minutes=visit.eta_minutes if state is JobState.EN_ROUTE else None))
        if visit.state == "completed":
            bus.handle(commands.CompleteJob(job_id=job, actor=dispatcher,
                                            summary=visit.scope or "Work done"))


def _seed_deals(conversation: ConversationSpec, seeded: Seeded,
                uow_factory: Callable[[], AbstractUnitOfWork], bus: MessageBus) -> None:
    """The customer's deals, each owned by the demo rep named; a won one marked won by that rep
    (its job opened, the dispatchers told, the customer invited to pick a time)."""
    for spec in conversation.deals:
        with uow_factory() as uow:
            rep = next(s for s in uow.staff.find(role=Role.SALES)
                       if s.name.split()[0].casefold() == spec.rep.casefold())
            deal = uow.deals.add(Deal(account_id=seeded.account_id or 0,
                                      site_id=seeded.sites[spec.site], title=spec.title,
                                      service_id=spec.service, owner_id=rep.id or 0,
                                      amount_cents=spec.amount_cents, stage=DealStage.QUOTED))
            uow.commit()
        if spec.state == "won":
            bus.handle(commands.MarkDealWon(deal_id=deal.id or 0, actor=Actor(
                role=Role.SALES, channel=Channel.SMS, staff_id=rep.id)))


def _customer(uow: AbstractUnitOfWork, conversation: ConversationSpec, seeded: Seeded,
              business: BusinessSettings) -> None:
    last = conversation.name.split()[-1]
    account = uow.accounts.add(Account(name=f"{last} household"))
    seeded.account_id = account.id
    assert account.id is not None
    uow.contacts.add(Contact(account_id=account.id, name=conversation.name,
                             phone=conversation.phone, preferred_channel=Channel.SMS))
    for site in conversation.sites:
        zone = business.zone_for_postal_code(site.zip)
        assert zone is not None, "the loader refuses ZIPs outside the zones"
        added = uow.sites.add(Site(account_id=account.id, address=site.address, city=site.city,
                                   postal_code=site.zip, zone_id=zone.id, timezone=zone.timezone))
        seeded.sites[site.key] = added.id or 0

