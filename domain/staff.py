"""The business's people: technicians, sales reps and dispatchers."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.hours import WeeklyHours


class Role(StrEnum):
    CUSTOMER = "customer"
    TECHNICIAN = "technician"
    SALES = "sales"
    DISPATCHER = "dispatcher"


@dataclass(eq=False)
class StaffMember:
    """Someone on the payroll. Technicians carry skills, zones and working hours."""

    name: str
    role: Role
    phone: str | None = None
    telegram_chat_id: int | None = None
    skills: tuple[str, ...] = ()
    zones: tuple[str, ...] = ()
    working_hours: WeeklyHours | None = None
    timezone: str = "America/Chicago"
    active: bool = True
    manages_all_deals: bool = False  # a sales manager: may act on every rep's deals
    id: int | None = None

    def can_do(self, skill: str, zone_id: str) -> bool:
        return (
            self.active
            and self.role is Role.TECHNICIAN
            and skill in self.skills
            and zone_id in self.zones
        )

    @property
    def first_name(self) -> str:
        return self.name.split()[0]
