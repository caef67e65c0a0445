"""consent per (channel, address): one consents table instead of opt-out columns on contacts

Existing opt-outs move into it: each contact's SMS and Telegram opt-outs, and the opt-outs of
numbers never onboarded that were kept in their conversation's data ("opted_out_at"). The
downgrade puts them back where they were.

Revision ID: consents
Revises: business
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "consents"
down_revision: str | None = 'business'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STRANGER_KEY = "opted_out_at"  # where conversations kept a stranger's opt-out before

consents = sa.table(
    "consents",
    sa.column("channel", sa.String), sa.column("address", sa.String),
    sa.column("opted_out_at", sa.DateTime(timezone=True)),
    sa.column("changed_at", sa.DateTime(timezone=True)),
    sa.column("changed_by", sa.String), sa.column("message_id", sa.String),
)
contacts = sa.table(
    "contacts",
    sa.column("id", sa.Integer), sa.column("phone", sa.String),
    sa.column("telegram_chat_id", sa.BigInteger),
    sa.column("sms_opted_out_at", sa.DateTime(timezone=True)),
    sa.column("telegram_opted_out_at", sa.DateTime(timezone=True)),
)
conversations = sa.table(
    "conversations",
    sa.column("id", sa.Integer), sa.column("channel", sa.String), sa.column("address", sa.String),
    sa.column("data", sa.JSON),
)


def upgrade() -> None:
    op.create_table(
        "consents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("opted_out_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by", sa.String(length=64), nullable=False),
        sa.Column("message_id", sa.String(length=128), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consents")),
        sa.UniqueConstraint("channel", "address", name=op.f("uq_consents_channel_address")),
    )
    connection = op.get_bind()
    opted_out: dict[tuple[str, str], Any] = {}
    for row in connection.execute(sa.select(contacts)):
        if row.phone is not None and row.sms_opted_out_at is not None:
            opted_out[("sms", row.phone)] = row.sms_opted_out_at
        if row.telegram_chat_id is not None and row.telegram_opted_out_at is not None:
            opted_out[("telegram", str(row.telegram_chat_id))] = row.telegram_opted_out_at
    for row in connection.execute(sa.select(conversations)):
        raw = (row.data or {}).get(STRANGER_KEY)
        if isinstance(raw, str) and (row.channel, row.address) not in opted_out:
            opted_out[(row.channel, row.address)] = _stored(datetime.fromisoformat(raw))
    if opted_out:
        connection.execute(sa.insert(consents), [
            {"channel": channel, "address": address, "opted_out_at": at, "changed_at": at,
             "changed_by": "recipient", "message_id": None}
            for (channel, address), at in sorted(opted_out.items())])
    with op.batch_alter_table("contacts") as batch:
        batch.drop_column("telegram_opted_out_at")
        batch.drop_column("sms_opted_out_at")


def downgrade() -> None:
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(sa.Column("sms_opted_out_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("telegram_opted_out_at", sa.DateTime(timezone=True),
                                   nullable=True))
    connection = op.get_bind()
    records = connection.execute(
        sa.select(consents.c.channel, consents.c.address, consents.c.opted_out_at)
        .where(consents.c.opted_out_at.is_not(None))).all()
    for channel, address, at in records:
        if channel == "sms":
            found = connection.execute(
                sa.update(contacts).where(contacts.c.phone == address)
                .values(sms_opted_out_at=at)).rowcount
        elif channel == "telegram" and address.lstrip("-").isdigit():
            found = connection.execute(
                sa.update(contacts).where(contacts.c.telegram_chat_id == int(address))
                .values(telegram_opted_out_at=at)).rowcount
        else:
            found = 0
        if not found:  # nobody onboarded: back into the conversation's data, as before
            conversation = connection.execute(
                sa.select(conversations.c.id, conversations.c.data)
                .where(conversations.c.channel == channel, conversations.c.address == address)
            ).first()
            if conversation is not None:
                data = {**(conversation.data or {}), STRANGER_KEY: _aware(at).isoformat()}
                connection.execute(sa.update(conversations)
                                   .where(conversations.c.id == conversation.id)
                                   .values(data=data))
    op.drop_table("consents")


def _stored(at: datetime) -> datetime:
    """As store.types.UtcDateTime stores it: UTC, and naive on SQLite (which keeps no offset)."""
    at = _aware(at)
    return at.replace(tzinfo=None) if op.get_bind().dialect.name == "sqlite" else at


def _aware(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
