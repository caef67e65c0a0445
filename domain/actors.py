"""Who is acting, and through which channel: every change is audited with it."""

from __future__ import annotations

from dataclasses import dataclass

from domain.parties import Channel
from domain.staff import Role


@dataclass(frozen=True)
class Actor:
    """A customer (with their account) or a staff member, acting through a channel."""

    role: Role
    channel: Channel
    account_id: int | None = None  # set for customers
    staff_id: int | None = None  # set for staff
    contact_id: int | None = None
    message_id: str | None = None  # the provider's id of the message that caused the change
    all_deals: bool = False  # a sales manager (StaffMember.manages_all_deals): every rep's deals

    def label(self) -> str:
        who = self.staff_id if self.role is not Role.CUSTOMER else self.contact_id
        return f"{self.role.value}:{who}" if who is not None else self.role.value

    @classmethod
    def system(cls) -> Actor:
        return cls(role=Role.DISPATCHER, channel=Channel.CONSOLE)
