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
    """A person at an account, reachable by phone (E.164) and/or Telegram, with consent per channel."""

    account_id: int
    name: str
    phone: str | None = None
    email: str | None = None
    telegram_chat_id: int | None = None
    preferred_channel: Channel = Channel.SMS
    language: str = "en"
    sms_opted_out_at: datetime | None = None
    telegram_opted_out_at: datetime | None = None
    id: int | None = None
    events: list[Event] = field(default_factory=list, repr=False)

    def may_message(self, channel: Channel) -> bool:
        """False once the contact has opted out of automated messages on that channel."""
        if channel is Channel.SMS:
            return self.phone is not None and self.sms_opted_out_at is None
        if channel is Channel.TELEGRAM:
            return self.telegram_chat_id is not None and self.telegram_opted_out_at is None
        return True

    def opt_out(self, channel: Channel, at: datetime) -> None:
        from domain.events import ContactOptedOut

        if channel is Channel.SMS and self.sms_opted_out_at is None:
            self.sms_opted_out_at = at
        elif channel is Channel.TELEGRAM and self.telegram_opted_out_at is None:
            self.telegram_opted_out_at = at
        else:
            return
        self.events.append(ContactOptedOut(contact_id=self._id(), channel=channel.value))

    def opt_in(self, channel: Channel) -> None:
        from domain.events import ContactOptedIn

        if channel is Channel.SMS and self.sms_opted_out_at is not None:
            self.sms_opted_out_at = None
        elif channel is Channel.TELEGRAM and self.telegram_opted_out_at is not None:
            self.telegram_opted_out_at = None
        else:
            return
        self.events.append(ContactOptedIn(contact_id=self._id(), channel=channel.value))

    def _id(self) -> int:
        assert self.id is not None, "contact must be stored before it records events"
        return self.id


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
