"""paging indexes: the keyset-paged listings of the read API read a page from an index

Revision ID: paging_indexes
Revises: consents
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "paging_indexes"
down_revision: str | None = 'consents'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (index, table, columns): a thread or a status newest first, visits in start order, and the
# listings by state or stage, each ordered by id after the filter.
INDEXES = (
    ("ix_messages_address_id", "messages", ["address", "id"]),
    ("ix_messages_status_id", "messages", ["status", "id"]),
    ("ix_appointments_start_id", "appointments", ["start", "id"]),
    ("ix_jobs_state_id", "jobs", ["state", "id"]),
    ("ix_quotes_state_id", "quotes", ["state", "id"]),
    ("ix_deals_stage_id", "deals", ["stage", "id"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
