"""A company file: the business, its service zones, its catalog and its staff, checked as a whole.

`read_company` turns a parsed TOML document into a `Company`, or raises `CompanyFileError` listing
every problem at once, each with its key path and what is allowed. `company_document` writes a
`Company` back as a document that `read_company` accepts unchanged. Nothing here touches storage;
the format is described in the README ("Your company").
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from domain.business import BusinessSettings, ServiceZone
from domain.catalog import Catalog, Service
from domain.company_values import ValueReader, format_duration, hours_table
from domain.errors import DomainError
from domain.hours import WeeklyHours
from domain.staff import Role, StaffMember

TOP_KEYS = ("skills", "business", "zones", "services", "staff")
BUSINESS_KEYS = ("name", "phone", "timezone", "hours", "quiet_hours", "reminder_offsets",
                 "travel_buffer", "min_lead_time", "arrival_window")
ZONE_KEYS = ("id", "name", "postal_codes", "timezone")
SERVICE_KEYS = ("id", "name", "duration", "price_cents", "skill", "upkeep_months", "keywords")
STAFF_KEYS = ("name", "role", "phone", "telegram_chat_id", "skills", "zones", "hours", "timezone",
              "manages_all_deals")
STAFF_ROLES = (Role.TECHNICIAN, Role.SALES, Role.DISPATCHER)


class CompanyFileError(DomainError):
    """A company file that cannot be loaded; `problems` lists every reason, one line each."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Company:
    """Everything a company file holds: who the business is, where, what it sells, who works."""

    business: BusinessSettings
    catalog: Catalog
    staff: tuple[StaffMember, ...]

    @property
    def skills(self) -> tuple[str, ...]:
        """Every skill its services need or its technicians have, sorted."""
        found = {service.skill for service in self.catalog.services}
        for member in self.staff:
            found.update(member.skills)
        return tuple(sorted(found))


@dataclass(frozen=True)
class StaffChanges:
    """What loading a company did to the stored staff, by name."""

    added: tuple[str, ...]
    updated: tuple[str, ...]
    deactivated: tuple[str, ...]  # no longer in the file; kept, since visits point at them


def parse_company(text: str) -> Company:
    """Read a company file's TOML text; raises CompanyFileError for bad TOML or bad values."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CompanyFileError([f"not valid TOML: {exc}"]) from exc
    return read_company(document)


def read_company(document: Mapping[str, Any]) -> Company:
    """Check a whole parsed company file and build the Company, or list every problem at once."""
    read = _CompanyReader()
    read.keys(document, "", TOP_KEYS, required=TOP_KEYS[1:])
    read.declared = read.items(document.get("skills", []), "skills", read.identifier)
    read.unique(read.declared, "skills", str)
    # Without skills or a list of staff, what a service may need is unknown: no guessing.
    read.skills_known = "skills" in document or isinstance(document.get("staff"), list)
    business = read.section(document, "business", BUSINESS_KEYS, BUSINESS_KEYS[:4],
                            read.business)
    read.timezone_default = business.timezone if business else None
    zones = read.entries(document, "zones", ZONE_KEYS, ZONE_KEYS[:3], read.zone,
                         at_least_one=True)
    staff = read.entries(document, "staff", STAFF_KEYS, STAFF_KEYS[:2], read.member)
    services = read.entries(document, "services", SERVICE_KEYS, SERVICE_KEYS[:5], read.service,
                            at_least_one=True)
    if read.problems or business is None:
        raise CompanyFileError(read.problems)
    return Company(business=business.settings(tuple(zones)), catalog=Catalog(tuple(services)),
                   staff=tuple(staff))


def company_document(company: Company) -> dict[str, Any]:
    """The company as a TOML document (plain dicts and lists) that `read_company` accepts."""
    business = company.business
    return {
        "skills": list(company.skills),
        "business": {
            "name": business.name, "phone": business.phone, "timezone": business.timezone,
            "quiet_hours": business.quiet_hours.label(),
            "reminder_offsets": [format_duration(o) for o in business.reminder_offsets],
            "travel_buffer": format_duration(business.travel_buffer),
            "min_lead_time": format_duration(business.min_lead_time),
            "arrival_window": format_duration(business.arrival_window),
            "hours": hours_table(business.business_hours),
        },
        "zones": [_zone_entry(zone, business.timezone) for zone in business.zones],
        "services": [_service_entry(service) for service in company.catalog.services],
        "staff": [_member_entry(member, business.timezone) for member in company.staff],
    }


# Reading ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Business:
    """The [business] table, read before the zones it is completed with."""

    name: str
    phone: str
    timezone: str
    hours: WeeklyHours
    optional: dict[str, Any]

    def settings(self, zones: tuple[ServiceZone, ...]) -> BusinessSettings:
        return BusinessSettings(name=self.name, timezone=self.timezone, phone=self.phone,
                                business_hours=self.hours, zones=zones, **self.optional)


class _CompanyReader(ValueReader):
    """Reads the four parts of a company file; later parts are checked against earlier ones."""

    def __init__(self) -> None:
        super().__init__()
        self.declared: list[str] = []  # the file's `skills`, when it lists them
        self.timezone_default: str | None = None
        self.zone_ids: set[str] = set()
        self.technician_skills: set[str] = set()
        self.skills_known = True

    def business(self, raw: Mapping[str, Any], path: str) -> _Business | None:
        name = self.text(raw.get("name"), f"{path}.name")
        phone = self.phone(raw.get("phone"), f"{path}.phone")
        timezone = self.timezone(raw.get("timezone"), f"{path}.timezone")
        hours = self.hours(raw.get("hours"), f"{path}.hours", at_least_one_day=True)
        optional: dict[str, Any] = {}
        if "quiet_hours" in raw:
            optional["quiet_hours"] = self.span(raw["quiet_hours"], f"{path}.quiet_hours")
        if "reminder_offsets" in raw:
            offsets = self.items(raw["reminder_offsets"], f"{path}.reminder_offsets",
                                 lambda value, at: self.duration(value, at, positive=True))
            self.unique(offsets, f"{path}.reminder_offsets", format_duration)
            optional["reminder_offsets"] = tuple(offsets)
        for key, positive in (("travel_buffer", False), ("min_lead_time", False),
                              ("arrival_window", True)):
            if key in raw:
                optional[key] = self.duration(raw[key], f"{path}.{key}", positive=positive)
        if name is None or phone is None or timezone is None or hours is None or \
                None in optional.values():
            return None
        return _Business(name, phone, timezone, hours, optional)

    def zone(self, raw: Mapping[str, Any], path: str) -> ServiceZone | None:
        zone_id = self.identifier(raw.get("id"), f"{path}.id")
        if zone_id is not None:
            self.once("zone id", zone_id, f"{path}.id")
            self.zone_ids.add(zone_id)  # staff may name it even if the rest of the zone is wrong
        name = self.text(raw.get("name"), f"{path}.name")
        codes = self.items(raw.get("postal_codes"), f"{path}.postal_codes", self.zip_code,
                           at_least_one=True)
        written = raw.get("postal_codes")
        for n, code in enumerate(written if isinstance(written, list) else []):
            if code in codes:  # a ZIP in two zones would make an address's zone a guess
                self.once("ZIP", code, f"{path}.postal_codes[{n}]")
        timezone = (self.timezone(raw["timezone"], f"{path}.timezone") if "timezone" in raw
                    else self.timezone_default)
        if zone_id is None or name is None or timezone is None:
            return None
        return ServiceZone(zone_id, name, tuple(codes), timezone)

    def member(self, raw: Mapping[str, Any], path: str) -> StaffMember | None:
        name = self.text(raw.get("name"), f"{path}.name")
        if name is not None:
            self.once("name", name.casefold(), f"{path}.name")
        role = self.choice(raw.get("role"), f"{path}.role", [r.value for r in STAFF_ROLES],
                           "a staff role")
        phone = self.phone(raw["phone"], f"{path}.phone") if "phone" in raw else None
        if phone is not None:
            self.once("phone", phone, f"{path}.phone")
        chat = (self.integer(raw["telegram_chat_id"], f"{path}.telegram_chat_id")
                if "telegram_chat_id" in raw else None)
        if chat is not None:
            self.once("telegram_chat_id", chat, f"{path}.telegram_chat_id")
        timezone = (self.timezone(raw["timezone"], f"{path}.timezone") if "timezone" in raw
                    else self.timezone_default)
        technician = role == Role.TECHNICIAN
        hours = (self.hours(raw["hours"], f"{path}.hours", at_least_one_day=technician)
                 if "hours" in raw else None)
        manager = (self.boolean(raw["manages_all_deals"], f"{path}.manages_all_deals")
                   if "manages_all_deals" in raw else False)
        skills = self.items(raw.get("skills"), f"{path}.skills", self._skill,
                            at_least_one=technician)
        zones = self.items(raw.get("zones"), f"{path}.zones",
                           lambda value, at: self.choice(value, at, self.zone_ids,
                                                         "a zone id of this file"),
                           at_least_one=technician)
        self.unique(skills, f"{path}.skills", str)
        self.unique(zones, f"{path}.zones", str)
        self.technician_skills.update(skills if technician else ())
        self._role_rules(raw, path, role, manager)
        if name is None or role is None or timezone is None or manager is None or \
                ("phone" in raw and phone is None) or ("telegram_chat_id" in raw and chat is None):
            return None
        return StaffMember(name=name, role=Role(role), phone=phone, telegram_chat_id=chat,
                           skills=tuple(skills), zones=tuple(zones), working_hours=hours,
                           timezone=timezone, manages_all_deals=manager)

    def service(self, raw: Mapping[str, Any], path: str) -> Service | None:
        service_id = self.identifier(raw.get("id"), f"{path}.id")
        if service_id is not None:
            self.once("service id", service_id, f"{path}.id")
        name = self.text(raw.get("name"), f"{path}.name")
        duration = self.duration(raw.get("duration"), f"{path}.duration", positive=True)
        price = self.integer(raw.get("price_cents"), f"{path}.price_cents", minimum=0)
        # Read after the staff: a service needs a skill the file declares or a technician has.
        skill = (self.choice(raw.get("skill"), f"{path}.skill",
                             set(self.declared) | self.technician_skills,
                             "a skill any technician or the file declares")
                 if self.skills_known else self.identifier(raw.get("skill"), f"{path}.skill"))
        upkeep = (self.integer(raw["upkeep_months"], f"{path}.upkeep_months", minimum=1,
                               maximum=120) if "upkeep_months" in raw else None)
        keywords = self.items(raw.get("keywords"), f"{path}.keywords",
                              lambda value, at: self.text(value, at, length=100))
        self.unique(keywords, f"{path}.keywords", str.casefold)
        if service_id is None or name is None or duration is None or price is None or \
                skill is None or ("upkeep_months" in raw and upkeep is None):
            return None
        return Service(id=service_id, name=name, duration=duration, skill=skill,
                       keywords=tuple(keywords), price_cents=price, upkeep_months=upkeep)

    def _role_rules(self, raw: Mapping[str, Any], path: str, role: str | None,
                    manager: bool | None) -> None:
        """Technicians need skills, zones and hours, and only they have them; only a sales rep
        manages all deals."""
        if role == Role.TECHNICIAN:
            for key in ("skills", "zones", "hours"):
                if key not in raw:
                    self.problem(f"{path}.{key}", "missing: a technician needs skills, zones "
                                                  "and hours")
        elif role is not None:
            for key in ("skills", "zones"):
                if key in raw:
                    self.problem(f"{path}.{key}", f"only technicians have {key}; this is {role}")
        if manager and role is not None and role != Role.SALES:
            self.problem(f"{path}.manages_all_deals",
                         f"only a sales rep manages all deals; this is {role}")

    def _skill(self, value: Any, path: str) -> str | None:
        """A technician's skill: any id, or one of `skills` when the file lists them."""
        if self.declared:
            return self.choice(value, path, self.declared, "in skills")
        return self.identifier(value, path)


# Writing ------------------------------------------------------------------------------------

def _zone_entry(zone: ServiceZone, business_timezone: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": zone.id, "name": zone.name,
                             "postal_codes": list(zone.postal_codes)}
    if zone.timezone != business_timezone:
        entry["timezone"] = zone.timezone
    return entry


def _service_entry(service: Service) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": service.id, "name": service.name,
                             "duration": format_duration(service.duration),
                             "price_cents": service.price_cents, "skill": service.skill}
    if service.upkeep_months is not None:
        entry["upkeep_months"] = service.upkeep_months
    entry["keywords"] = list(service.keywords)
    return entry


def _member_entry(member: StaffMember, business_timezone: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": member.name, "role": member.role.value}
    if member.phone:
        entry["phone"] = member.phone
    if member.telegram_chat_id is not None:
        entry["telegram_chat_id"] = member.telegram_chat_id
    if member.role is Role.TECHNICIAN:
        entry["skills"] = list(member.skills)
        entry["zones"] = list(member.zones)
    if member.timezone != business_timezone:
        entry["timezone"] = member.timezone
    if member.manages_all_deals:
        entry["manages_all_deals"] = True
    if member.working_hours is not None:
        entry["hours"] = hours_table(member.working_hours)
    return entry
