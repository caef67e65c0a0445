"""sender claims: who holds a message being sent, possible duplicates, why a message waits, and
phones the provider refuses for good

Revision ID: sender_claims
Revises: scheduler_due
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "sender_claims"
down_revision: str | None = 'scheduler_due'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE_COLUMNS: tuple[sa.Column[object], ...] = (
    sa.Column("claimed_by", sa.String(length=64), nullable=True),
    sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("possible_duplicate", sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column("deferred_reason", sa.String(length=32), nullable=True),
)
CONTACT_COLUMNS: tuple[sa.Column[object], ...] = (
    sa.Column("sms_undeliverable", sa.Text(), nullable=True),
    sa.Column("sms_undeliverable_at", sa.DateTime(timezone=True), nullable=True),
)


def upgrade() -> None:
    for column in MESSAGE_COLUMNS:
        op.add_column("messages", column)
    for column in CONTACT_COLUMNS:
        op.add_column("contacts", column)


def downgrade() -> None:
    # Rows a sender held or flagged go back to what the old sender understood.
    op.execute("UPDATE messages SET status = 'failed' WHERE status = 'possibly_sent'")
    with op.batch_alter_table("contacts") as batch:
        for column in reversed(CONTACT_COLUMNS):
            batch.drop_column(column.name)
    with op.batch_alter_table("messages") as batch:
        for column in reversed(MESSAGE_COLUMNS):
            batch.drop_column(column.name)
