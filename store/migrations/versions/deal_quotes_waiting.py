"""deal quotes waiting: a deal's quotes read by state and sending time from one index

Revision ID: deal_quotes_waiting
Revises: sender_claims
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "deal_quotes_waiting"
down_revision: str | None = "sender_claims"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # "A quote of this deal sent and unanswered for two days" (the follow-up rule, read once per
    # deal by `followups`, the rep's digest and the due pass) is found from the deal's own
    # quotes. On deal_id alone a planner without statistics (SQLite's) prefers the
    # (state, sent_at) index and walks every waiting quote for each deal; this index answers
    # the whole condition, and its first column serves every other read of a deal's quotes.
    op.create_index("ix_quotes_deal_id_state_sent_at", "quotes", ["deal_id", "state", "sent_at"])
    op.drop_index("ix_quotes_deal_id", table_name="quotes")


def downgrade() -> None:
    op.create_index("ix_quotes_deal_id", "quotes", ["deal_id"])
    op.drop_index("ix_quotes_deal_id_state_sent_at", table_name="quotes")
