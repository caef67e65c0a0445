"""Who the business serves: accounts, their contacts and their sites."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.events import Event


class Channel(StrEnum):
    SMS = "sms"
    TELEGRAM = "telegram"
    CONSOLE = "console"  # the terminal chat and the dispatcher's screen


class AccountKind(StrEnum):
    HOUSEHOLD = "household"
    COMPANY = "company"


@dataclass(eq=False)
class Account:
    """A household or company: the one record sales and operations share."""

    name: str
    kind: AccountKind = AccountKind.HOUSEHOLD
    id: int | None = None


@dataclass(eq=False)
class Contact:
    """A person at an account, reachable by phone (E.164) and/or Telegram.

    Whether automated messages may reach them is not kept here: see domain/consent.py.
    """

    account_id: int
    name: str
    phone: str | None = None
    email: str | None = None
    telegram_chat_id: int | None = None
    preferred_channel: Channel = Channel.SMS
    language: str = "en"
    # The provider said this phone cannot get texts (invalid, landline, unreachable carrier):
    # why, and since when. Texts to it fail at once instead of being tried again.
    sms_undeliverable: str | None = None
    sms_undeliverable_at: datetime | None = None
    id: int | None = None
    events: list[Event] = field(default_factory=list, repr=False)

    def flag_sms_undeliverable(self, reason: str, at: datetime) -> None:
        """Record that texts to this contact's phone cannot be delivered (kept: the first reason)."""
        if self.sms_undeliverable is None:
            self.sms_undeliverable, self.sms_undeliverable_at = reason, at


@dataclass(eq=False)
class Site:
    """A service address. Its zone decides who can go there and which time zone it lives in."""

    account_id: int
    address: str
    city: str
    postal_code: str
    zone_id: str
    timezone: str
    access_notes: str = ""
    id: int | None = None

    def one_line(self) -> str:
        return f"{self.address}, {self.city} {self.postal_code}"


@dataclass
class Customer:
    """Who a customer is when they write: their account, the contact who writes, its sites."""

    account: Account
    contact: Contact
    sites: list[Site]

    @property
    def account_id(self) -> int:
        assert self.account.id is not None
        return self.account.id

    @property
    def site(self) -> Site | None:
        """The account's first address, which a visit goes to unless another is named."""
        return self.sites[0] if self.sites else None
