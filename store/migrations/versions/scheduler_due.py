"""scheduler: what an automated message is about, and the indexes the due pass reads from

Revision ID: scheduler_due
Revises: rep_followups
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "scheduler_due"
down_revision: str | None = "rep_followups"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (index, table, columns): a visit's reminders, finished jobs and waiting quotes in a time window.
INDEXES = (
    ("ix_jobs_state_updated_at", "jobs", ["state", "updated_at"]),
    ("ix_quotes_state_sent_at", "quotes", ["state", "sent_at"]),
)


def upgrade() -> None:
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("about_kind", sa.String(32), nullable=True))
        batch.add_column(sa.Column("about_id", sa.Integer(), nullable=True))
        batch.create_index("ix_messages_about_kind_about_id", ["about_kind", "about_id"])
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    with op.batch_alter_table("messages") as batch:
        batch.drop_index("ix_messages_about_kind_about_id")
        batch.drop_column("about_id")
        batch.drop_column("about_kind")
