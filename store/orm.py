"""The tables, and the domain classes mapped onto them imperatively (domain/ never imports this)."""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy.ext.mutable import MutableDict
from sqlalchemy.orm import registry

from domain.consent import Consent
from domain.deals import Deal, DealStage
from domain.jobs import Appointment, AppointmentStatus, Job, JobState
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Account, AccountKind, Channel, Contact, Site
from domain.quotes import Invoice, InvoiceState, Quote, QuoteState
from domain.staff import Role, StaffMember
from domain.timeline import Activity, ActivityKind
from store.types import (
    LinesJSON,
    Minutes,
    MinutesTuple,
    SpanText,
    StrEnumType,
    StringTuple,
    UtcDateTime,
    WeeklyHoursJSON,
)

# Named constraints so that migrations (and batch mode on SQLite) can refer to them.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)
mapper_registry = registry(metadata=metadata)


def _id() -> Column[int]:
    return Column("id", Integer, primary_key=True, autoincrement=True)


def _fk(name: str, target: str, nullable: bool = False, **kwargs: Any) -> Column[int]:
    return Column(name, Integer, ForeignKey(target), nullable=nullable, **kwargs)


accounts = Table(
    "accounts", metadata,
    _id(),
    Column("name", String(200), nullable=False),
    Column("kind", StrEnumType(AccountKind), nullable=False),
)

contacts = Table(
    "contacts", metadata,
    _id(),
    _fk("account_id", "accounts.id", index=True),
    Column("name", String(200), nullable=False),
    Column("phone", String(32), unique=True),
    Column("email", String(254)),
    Column("telegram_chat_id", BigInteger, unique=True),
    Column("preferred_channel", StrEnumType(Channel), nullable=False),
    Column("language", String(16), nullable=False),
    # Set when the provider refuses the phone for good (Twilio 21211, 21614, 30005, 30006).
    Column("sms_undeliverable", Text),
    Column("sms_undeliverable_at", UtcDateTime),
)

sites = Table(
    "sites", metadata,
    _id(),
    _fk("account_id", "accounts.id", index=True),
    Column("address", String(300), nullable=False),
    Column("city", String(100), nullable=False),
    Column("postal_code", String(20), nullable=False),
    Column("zone_id", String(50), nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("access_notes", Text, nullable=False),
)

staff = Table(
    "staff", metadata,
    _id(),
    Column("name", String(200), nullable=False),
    Column("role", StrEnumType(Role), nullable=False),
    Column("phone", String(32), unique=True),
    Column("telegram_chat_id", BigInteger, unique=True),
    Column("skills", StringTuple, nullable=False),
    Column("zones", StringTuple, nullable=False),
    Column("working_hours", WeeklyHoursJSON),
    Column("timezone", String(64), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("manages_all_deals", Boolean, nullable=False, server_default=false()),
)

# The company itself, loaded from its company file (store/business.py reads and writes these
# with Core; domain/company.py checks the file). Jobs, deals and sites name services and zones
# by id without a foreign key: ids the file drops are refused while rows still use them.
business = Table(
    "business", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("phone", String(32), nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("business_hours", WeeklyHoursJSON, nullable=False),
    Column("quiet_hours", SpanText, nullable=False),
    Column("reminder_offsets_minutes", MinutesTuple, nullable=False),
    Column("travel_buffer_minutes", Minutes, nullable=False),
    Column("min_lead_time_minutes", Minutes, nullable=False),
    Column("arrival_window_minutes", Minutes, nullable=False),
    # One row: a fieldbot database serves one business.
    CheckConstraint("id = 1", name="ck_business_one_row"),
)

service_zones = Table(
    "service_zones", metadata,
    Column("id", String(50), primary_key=True),
    Column("position", Integer, nullable=False),  # the file's order, kept for export
    Column("name", String(200), nullable=False),
    Column("postal_codes", StringTuple, nullable=False),
    Column("timezone", String(64), nullable=False),
)

services = Table(
    "services", metadata,
    Column("id", String(64), primary_key=True),
    Column("position", Integer, nullable=False),  # the file's order: the parser breaks ties by it
    Column("name", String(200), nullable=False),
    Column("duration_minutes", Minutes, nullable=False),
    Column("price_cents", BigInteger, nullable=False),
    Column("skill", String(50), nullable=False),
    Column("upkeep_months", Integer),
    Column("keywords", StringTuple, nullable=False),
    # A visit takes time, and a price is never negative.
    CheckConstraint("duration_minutes > 0", name="ck_services_duration_positive"),
    CheckConstraint("price_cents >= 0", name="ck_services_price_not_negative"),
)

deals = Table(
    "deals", metadata,
    _id(),
    _fk("account_id", "accounts.id", index=True),
    _fk("site_id", "sites.id"),
    Column("title", String(200), nullable=False),
    Column("service_id", String(64), nullable=False),
    _fk("owner_id", "staff.id", index=True),
    Column("amount_cents", BigInteger, nullable=False),
    Column("scope", Text, nullable=False),
    Column("stage", StrEnumType(DealStage), nullable=False),
    Column("next_follow_up_at", UtcDateTime, index=True),
    Column("last_touch_at", UtcDateTime),
    # No foreign key: jobs already point at deals, and a cycle would complicate every insert.
    Column("job_id", Integer),
    Column("lost_reason", Text, nullable=False, server_default=""),
    Index(None, "stage", "id"),  # paged listings by stage (api/routes)
    # A rep's follow-ups, most valuable first: read in amount order until five qualify.
    Index(None, "owner_id", "amount_cents"),
)

jobs = Table(
    "jobs", metadata,
    _id(),
    _fk("account_id", "accounts.id", index=True),
    _fk("site_id", "sites.id"),
    Column("service_id", String(64), nullable=False),
    Column("scope", Text, nullable=False),
    Column("state", StrEnumType(JobState), nullable=False),
    # Unique: a won deal yields exactly one job, even when two transactions race.
    _fk("deal_id", "deals.id", nullable=True, unique=True),
    Column("summary", Text, nullable=False),
    Column("eta", UtcDateTime),
    Column("lines", LinesJSON, nullable=False),
    Column("created_at", UtcDateTime),
    Column("updated_at", UtcDateTime),
    Index(None, "state", "id"),  # paged listings by state (api/routes)
    Index(None, "state", "updated_at"),  # jobs finished in a window (the scheduler, bot/due.py)
)

appointments = Table(
    "appointments", metadata,
    _id(),
    _fk("job_id", "jobs.id", index=True),
    _fk("technician_id", "staff.id"),
    Column("start", UtcDateTime, nullable=False),
    Column("end", UtcDateTime, nullable=False),
    Column("window_start", UtcDateTime, nullable=False),
    Column("window_end", UtcDateTime, nullable=False),
    _fk("account_id", "accounts.id", index=True),
    Column("zone_id", String(50), nullable=False),
    Column("confirmed", Boolean, nullable=False),
    Column("status", StrEnumType(AppointmentStatus), nullable=False),
    Index(None, "technician_id", "start"),
    Index(None, "start", "id"),  # paged listings in start order, and by day (api/routes)
)

quotes = Table(
    "quotes", metadata,
    _id(),
    Column("number", String(32), nullable=False, unique=True),
    _fk("account_id", "accounts.id", index=True),
    Column("lines", LinesJSON, nullable=False),
    Column("title", String(200), nullable=False),
    _fk("job_id", "jobs.id", nullable=True, index=True),
    _fk("deal_id", "deals.id", nullable=True),
    Column("state", StrEnumType(QuoteState), nullable=False),
    Column("sent_at", UtcDateTime),
    Column("expires_at", UtcDateTime),
    Column("decided_at", UtcDateTime),
    Column("decided_by", String(64)),
    Column("decided_channel", String(32)),
    Column("decided_message_id", String(128)),
    Index(None, "state", "id"),  # paged listings by state (api/routes)
    Index(None, "state", "sent_at"),  # quotes waiting for an answer (the scheduler)
    # A deal's quotes; with state and sent_at, "a quote of this deal waiting" (the follow-up
    # rule, read per deal) is answered here, not by walking every waiting quote.
    Index(None, "deal_id", "state", "sent_at"),
)

invoices = Table(
    "invoices", metadata,
    _id(),
    Column("number", String(32), nullable=False, unique=True),
    _fk("account_id", "accounts.id", index=True),
    # Unique: a completed job drafts exactly one invoice.
    _fk("job_id", "jobs.id", unique=True),
    Column("lines", LinesJSON, nullable=False),
    Column("state", StrEnumType(InvoiceState), nullable=False),
    Column("created_at", UtcDateTime),
)

activities = Table(
    "activities", metadata,
    _id(),
    _fk("account_id", "accounts.id"),
    Column("kind", StrEnumType(ActivityKind), nullable=False),
    Column("summary", Text, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", String(64), nullable=False),
    Column("channel", String(32)),
    Column("subject_type", String(32)),
    Column("subject_id", Integer),
    Column("provider_message_id", String(128)),
    Index(None, "account_id", "at"),
)

messages = Table(
    "messages", metadata,
    _id(),
    Column("channel", StrEnumType(Channel), nullable=False),
    Column("direction", StrEnumType(Direction), nullable=False),
    Column("address", String(64), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("status", StrEnumType(MessageStatus), nullable=False),
    Column("kind", StrEnumType(MessageKind), nullable=False),
    _fk("account_id", "accounts.id", nullable=True, index=True),
    _fk("contact_id", "contacts.id", nullable=True, index=True),
    _fk("staff_id", "staff.id", nullable=True),
    Column("provider_message_id", String(128)),
    Column("idempotency_key", String(200), unique=True),
    Column("due_at", UtcDateTime),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text),
    Column("sent_at", UtcDateTime),
    Column("timezone", String(64)),
    # The inbound text a reply answers: a provider's retry of that text gets the same answer.
    _fk("reply_to_id", "messages.id", nullable=True, index=True),
    # Which sender holds a SENDING row and since when: a sender that stops hands back its own
    # claims, and a dead sender's claims are reconciled (bot/outbox.py).
    Column("claimed_by", String(64)),
    Column("claimed_at", UtcDateTime),
    Column("possible_duplicate", Boolean, nullable=False, server_default=false()),
    Column("deferred_reason", String(32)),
    # An ordinary unique: NULL ids (outbound not yet sent) never clash on SQLite or PostgreSQL,
    # and ON CONFLICT (channel, provider_message_id) can name it on both.
    UniqueConstraint("channel", "provider_message_id"),
    # What an automated message is about: a visit's reminders are found (and voided) by it.
    Column("about_kind", String(32)),
    Column("about_id", Integer),
    Index(None, "about_kind", "about_id"),
    Index(None, "status", "due_at"),
    # Paged listings: a phone's thread and a status, newest first, a page read from the index.
    Index(None, "address", "id"),
    Index(None, "status", "id"),
)

# Read and written with Core, not mapped: see SqlConversationRepository in store/uow.py.
conversations = Table(
    "conversations", metadata,
    _id(),
    Column("channel", StrEnumType(Channel), nullable=False),
    Column("address", String(64), nullable=False),
    Column("role", StrEnumType(Role), nullable=False),
    Column("flow", String(64)),
    Column("step", String(64)),
    Column("data", MutableDict.as_mutable(JSON()), nullable=False),
    Column("misunderstandings", Integer, nullable=False),
    Column("expires_at", UtcDateTime),
    Column("updated_at", UtcDateTime),
    UniqueConstraint("channel", "address"),
)

# --- Consent (domain/consent.py) ------------------------------------------------------------------
consents = Table(
    "consents", metadata,
    _id(),
    Column("channel", StrEnumType(Channel), nullable=False),
    Column("address", String(64), nullable=False),
    Column("opted_out_at", UtcDateTime),
    Column("changed_at", UtcDateTime, nullable=False),
    Column("changed_by", String(64), nullable=False),
    Column("message_id", String(128)),
    # One record per address on a channel, whoever it belongs to: two STOPs racing from one
    # number insert one row (INSERT ... ON CONFLICT DO NOTHING names this constraint).
    UniqueConstraint("channel", "address"),
)
# --- end of consent ---------------------------------------------------------------------------------

MAPPED: tuple[tuple[type[Any], Table], ...] = (
    (Account, accounts),
    (Contact, contacts),
    (Site, sites),
    (StaffMember, staff),
    (Deal, deals),
    (Job, jobs),
    (Appointment, appointments),
    (Quote, quotes),
    (Invoice, invoices),
    (Activity, activities),
    (Message, messages),
    (Consent, consents),
)

_lock = threading.Lock()
_started = False


def start_mappers() -> None:
    """Map every domain class onto its table; calling it again does nothing."""
    global _started
    with _lock:
        if _started:
            return
        for cls, table in MAPPED:
            mapper_registry.map_imperatively(cls, table)
            if "events" in {f.name for f in dataclasses.fields(cls)}:
                event.listen(cls, "load", _give_empty_event_list)
        _started = True


def _give_empty_event_list(target: Any, context: Any) -> None:
    # Loading bypasses __init__, so the non-column `events` list must be restored by hand.
    target.events = []
