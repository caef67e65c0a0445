"""rep followups: why a lost deal was lost, and a rep's deals read in amount order

Revision ID: rep_followups
Revises: paging_indexes
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "rep_followups"
down_revision: str | None = 'paging_indexes'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deals") as batch_op:
        batch_op.add_column(sa.Column("lost_reason", sa.Text(), nullable=False,
                                      server_default=""))
    # `followups` walks one rep's deals from the largest amount and stops after five.
    op.create_index("ix_deals_owner_id_amount_cents", "deals", ["owner_id", "amount_cents"])


def downgrade() -> None:
    op.drop_index("ix_deals_owner_id_amount_cents", table_name="deals")
    with op.batch_alter_table("deals") as batch_op:
        batch_op.drop_column("lost_reason")
