"""Who is writing: a staff member, a known customer, or a number we have never seen."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.dialogue.turn import PERSISTENT_KEYS, Customer
from domain.conversations import Conversation
from domain.parties import Channel, Contact, Site
from domain.ports import AbstractUnitOfWork
from domain.staff import StaffMember


def _key(channel: Channel, address: str) -> dict[str, Any]:
    if channel is Channel.TELEGRAM:
        return {"telegram_chat_id": int(address)} if address.lstrip("-").isdigit() else {}
    return {"phone": address}


def _memo(uow: AbstractUnitOfWork) -> dict[Any, Any] | None:
    """The unit of work's per-transaction memo, when it keeps one (the SQL one does)."""
    memo: dict[Any, Any] | None = getattr(uow, "memo", None)
    return memo


def find_contact(uow: AbstractUnitOfWork, channel: Channel, address: str) -> Contact | None:
    """The contact behind a sender, looked up once per transaction once found."""
    memo = _memo(uow)
    if memo is not None and ("contact", channel, address) in memo:
        return memo[("contact", channel, address)]  # type: ignore[no-any-return]
    key = _key(channel, address)
    # The SQL store reads the account along with the contact (load_customer needs it next).
    lookup = getattr(uow.contacts, "with_account", uow.contacts.first)
    contact: Contact | None = lookup(**key) if key else None
    if memo is not None:  # missing is remembered too: onboarding calls remember_contact
        memo[("contact", channel, address)] = contact
    return contact


def remember_contact(uow: AbstractUnitOfWork, channel: Channel, address: str,
                     contact: Contact) -> None:
    """The sender's contact was just added in this transaction: later lookups get it."""
    memo = _memo(uow)
    if memo is not None:
        memo[("contact", channel, address)] = contact


def find_staff(uow: AbstractUnitOfWork, channel: Channel, address: str) -> StaffMember | None:
    memo = _memo(uow)
    if memo is not None and ("staff", channel, address) in memo:
        return memo[("staff", channel, address)]  # type: ignore[no-any-return]
    key = _key(channel, address)
    found = uow.staff.first(**key) if key else None
    person = found if found is not None and found.active else None
    if memo is not None:  # dialogues never add staff
        memo[("staff", channel, address)] = person
    return person


def load_customer(uow: AbstractUnitOfWork, contact: Contact) -> Customer | None:
    account = uow.accounts.get(contact.account_id)
    if account is None:
        return None
    read_with: Any = getattr(uow.contacts, "sites_read_with", None)  # SQL: read with the contact
    sites: list[Site] | None = read_with(account.id) if read_with is not None else None
    if sites is None:
        sites = uow.sites.find(account_id=account.id)
    return Customer(account=account, contact=contact, sites=sites)


LAPSED_KEY = "lapsed_flow"


def conversation_for(uow: AbstractUnitOfWork, channel: Channel, address: str,
                     now: datetime) -> Conversation:
    """The sender's conversation row (locked until commit on PostgreSQL), created on first contact.

    A flow left unanswered past its expiry is forgotten, so an old "Y" cannot confirm anything.
    Looked up (and locked) once per transaction; later calls get the same row from the memo.
    """
    memo = _memo(uow)
    remembered: Conversation | None = memo.get(("conversation", channel, address)) if memo else None
    if remembered is not None:
        return remembered
    conversations: Any = uow.conversations  # type: ignore[attr-defined]
    found: Conversation | None = conversations.for_sender(channel, address)
    if found is None:
        found = _first_conversation(conversations, channel, address, now)
    elif found.flow is not None and not found.is_active(now):
        keep = {k: v for k, v in found.data.items() if k in PERSISTENT_KEYS}
        keep[LAPSED_KEY] = found.flow  # read (and dropped) by the engine for this one text
        found.reset(now=now)
        found.data = keep
    if memo is not None:
        memo[("conversation", channel, address)] = found
    return found


def _first_conversation(conversations: Any, channel: Channel, address: str,
                        now: datetime) -> Conversation:
    """Create the sender's row; a concurrent first text from the same sender gets the same row."""
    create_once = getattr(conversations, "for_sender_or_new", None)
    if create_once is not None:  # INSERT ... ON CONFLICT DO NOTHING, then lock
        created: Conversation = create_once(channel, address, now)
        return created
    added: Conversation = conversations.add(  # in-memory fakes have no concurrency
        Conversation(channel=channel, address=address, updated_at=now))
    return added
