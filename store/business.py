"""The company in the database: its business and catalog read in one go, replaced in one transaction.

The profile, zones and services are plain rows read and written with Core (store/orm.py); the
staff are the mapped `StaffMember` rows, matched to the file's people and never deleted, since
appointments, deals and messages point at them.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Collection

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from domain.business import BusinessSettings, ServiceZone
from domain.catalog import Catalog, Service
from domain.company import Company, CompanyFileError, StaffChanges
from domain.demo import demo_company
from domain.ports import AbstractUnitOfWork
from domain.staff import StaffMember
from store import orm

logger = logging.getLogger(__name__)


def load_business(uow_factory: Callable[[], AbstractUnitOfWork]) -> tuple[BusinessSettings, Catalog]:
    """The business and catalog to run as: the database's, or the bundled demo company's (with a
    warning) while the database holds none or cannot be read."""
    try:
        with uow_factory() as uow:
            stored = uow.business.get()
    except SQLAlchemyError as exc:
        logger.warning("could not read the business from the database (%s); running as the "
                       "bundled demo company until restarted", type(exc).__name__)
        stored = None
    else:
        if stored is None:
            logger.warning("no business in the database yet: running as the bundled demo company "
                           "(%s); load yours with `fieldbot business load FILE.toml` and restart",
                           demo_company().business.name)
    if stored is not None:
        return stored
    return demo_company().business, demo_company().catalog


class SqlBusinessRepository:
    """The stored company, on the unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self) -> tuple[BusinessSettings, Catalog] | None:
        """The business (with its zones) and its catalog; None before a company is loaded."""
        profile = self.session.execute(select(orm.business)).one_or_none()
        if profile is None:
            return None
        zones = tuple(
            ServiceZone(row.id, row.name, row.postal_codes, row.timezone)
            for row in self.session.execute(
                select(orm.service_zones).order_by(orm.service_zones.c.position)))
        services = tuple(
            Service(id=row.id, name=row.name, duration=row.duration_minutes, skill=row.skill,
                    keywords=row.keywords, price_cents=row.price_cents,
                    upkeep_months=row.upkeep_months)
            for row in self.session.execute(
                select(orm.services).order_by(orm.services.c.position)))
        business = BusinessSettings(
            name=profile.name, timezone=profile.timezone, phone=profile.phone,
            business_hours=profile.business_hours, zones=zones,
            quiet_hours=profile.quiet_hours, reminder_offsets=profile.reminder_offsets_minutes,
            travel_buffer=profile.travel_buffer_minutes,
            min_lead_time=profile.min_lead_time_minutes,
            arrival_window=profile.arrival_window_minutes)
        return business, Catalog(services)

    def company(self) -> Company | None:
        """The stored company as its file would hold it: with the active staff, oldest first."""
        stored = self.get()
        if stored is None:
            return None
        active = self.session.scalars(
            select(StaffMember).where(orm.staff.c.active.is_(True)).order_by(orm.staff.c.id))
        return Company(business=stored[0], catalog=stored[1], staff=tuple(active))

    def replace(self, company: Company) -> StaffChanges:
        """Put `company` in place of the stored one, within the caller's transaction.

        Profile, zones and services are replaced; the staff are matched by phone, else by name,
        and updated, and those the company no longer lists are deactivated. A service or zone
        that jobs, deals, sites or appointments still use may not be dropped: CompanyFileError,
        before anything is written.
        """
        self._refuse_dropping_what_is_used(company)
        changes = self._replace_staff(company.staff)
        business = company.business
        for table in (orm.business, orm.service_zones, orm.services):
            self.session.execute(delete(table))
        self.session.execute(insert(orm.business).values(
            id=1, name=business.name, phone=business.phone, timezone=business.timezone,
            business_hours=business.business_hours, quiet_hours=business.quiet_hours,
            reminder_offsets_minutes=business.reminder_offsets,
            travel_buffer_minutes=business.travel_buffer,
            min_lead_time_minutes=business.min_lead_time,
            arrival_window_minutes=business.arrival_window))
        self.session.execute(insert(orm.service_zones), [
            {"id": zone.id, "position": n, "name": zone.name, "postal_codes": zone.postal_codes,
             "timezone": zone.timezone} for n, zone in enumerate(business.zones)])
        self.session.execute(insert(orm.services), [
            {"id": service.id, "position": n, "name": service.name,
             "duration_minutes": service.duration, "price_cents": service.price_cents,
             "skill": service.skill, "upkeep_months": service.upkeep_months,
             "keywords": service.keywords} for n, service in enumerate(company.catalog.services)])
        return changes

    def _refuse_dropping_what_is_used(self, company: Company) -> None:
        services = company.catalog.ids()
        zones = tuple(zone.id for zone in company.business.zones)
        problems = [
            *self._still_used("services", services, "service_id",
                              (("jobs", orm.jobs), ("deals", orm.deals))),
            *self._still_used("zones", zones, "zone_id",
                              (("sites", orm.sites), ("appointments", orm.appointments))),
        ]
        if problems:
            raise CompanyFileError(problems)

    def _still_used(self, key: str, kept: Collection[str], column: str,
                    users: tuple[tuple[str, Table], ...]) -> list[str]:
        uses: dict[str, list[str]] = {}
        for label, table in users:
            query = (select(table.c[column], func.count()).where(table.c[column].not_in(kept))
                     .group_by(table.c[column]).order_by(table.c[column]))
            for used_id, count in self.session.execute(query):
                uses.setdefault(used_id, []).append(f"{count} {label[:-1] if count == 1 else label}")
        return [f"{key}: '{used_id}' is not in the file, but it is still used by "
                f"{' and '.join(counts)}; keep it in the file"
                for used_id, counts in sorted(uses.items())]

    def _replace_staff(self, people: tuple[StaffMember, ...]) -> StaffChanges:
        rows = list(self.session.scalars(select(StaffMember).order_by(orm.staff.c.id)))
        matched = _match(people, rows)
        wanted_chats = {p.telegram_chat_id for p in people if p.telegram_chat_id is not None}
        # Phones and chat ids are unique columns: clear those that change before setting any,
        # so that no UPDATE meets its new value still held by another row.
        for row in rows:
            person = matched.get(row.id or 0)
            if person is not None and row.phone != person.phone:
                row.phone = None
            keeps_chat = (row.telegram_chat_id == person.telegram_chat_id if person is not None
                          else row.telegram_chat_id not in wanted_chats)
            if not keeps_chat:
                row.telegram_chat_id = None  # set again below, or moved to whom the file names
        self.session.flush()
        added, updated, deactivated = [], [], []
        for row in rows:
            person = matched.get(row.id or 0)
            if person is None:
                if row.active:
                    deactivated.append(row.name)
                row.active = False
                continue
            for field in ("name", "role", "phone", "telegram_chat_id", "skills", "zones",
                          "working_hours", "timezone", "manages_all_deals"):
                setattr(row, field, getattr(person, field))
            row.active = True
            updated.append(row.name)
        already = set(matched.values())
        for person in people:
            if person not in already:
                # A copy: the company (the demo's is shared) must not become a session's row.
                self.session.add(dataclasses.replace(person, id=None, active=True))
                added.append(person.name)
        self.session.flush()
        return StaffChanges(added=tuple(added), updated=tuple(updated),
                            deactivated=tuple(deactivated))


def _match(people: tuple[StaffMember, ...], rows: list[StaffMember]) -> dict[int, StaffMember]:
    """Each stored row the file's people match, by row id: by phone first, then by name."""
    by_phone = {row.phone: row for row in rows if row.phone}
    matched: dict[int, StaffMember] = {}
    unmatched: list[StaffMember] = []
    for person in people:
        row = by_phone.get(person.phone) if person.phone else None
        if row is not None:
            matched[row.id or 0] = person
        else:
            unmatched.append(person)
    for person in unmatched:
        same_name = [row for row in rows if row.id not in matched
                     and row.name.casefold() == person.name.casefold()]
        if same_name:  # an active row rather than a long-gone namesake
            row = sorted(same_name, key=lambda candidate: not candidate.active)[0]
            matched[row.id or 0] = person
    return matched
