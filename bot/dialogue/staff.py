"""Staff who text the bot: technicians and sales reps get their own flows later."""

from __future__ import annotations

from bot.dialogue import replies
from domain.staff import Role, StaffMember

ROLE_WORDS = {Role.TECHNICIAN: "job", Role.SALES: "sales", Role.DISPATCHER: "dispatch"}


def coming_soon(person: StaffMember) -> list[str]:
    return [replies.staff_coming_soon(person.first_name, ROLE_WORDS.get(person.role, "staff"))]
