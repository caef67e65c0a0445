"""replies point at the text they answer

Revision ID: inbox_replies
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "inbox_replies"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A provider's retry of a text that was answered gets the same answer again, read by this.
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("reply_to_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_messages_reply_to_id_messages"), "messages",
                                 ["reply_to_id"], ["id"])
        batch.create_index(op.f("ix_messages_reply_to_id"), ["reply_to_id"])


def downgrade() -> None:
    with op.batch_alter_table("messages") as batch:
        batch.drop_index(op.f("ix_messages_reply_to_id"))
        batch.drop_constraint(op.f("fk_messages_reply_to_id_messages"), type_="foreignkey")
        batch.drop_column("reply_to_id")
