"""the business in the database: profile, service zones, service catalog; staff sales managers

Revision ID: business
Revises: inbox_replies
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = 'business'
down_revision: str | None = 'inbox_replies'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('business',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('business_hours', sa.JSON(none_as_null=True), nullable=False),
    sa.Column('quiet_hours', sa.String(length=11), nullable=False),
    sa.Column('reminder_offsets_minutes', sa.JSON(none_as_null=True), nullable=False),
    sa.Column('travel_buffer_minutes', sa.Integer(), nullable=False),
    sa.Column('min_lead_time_minutes', sa.Integer(), nullable=False),
    sa.Column('arrival_window_minutes', sa.Integer(), nullable=False),
    sa.CheckConstraint('id = 1', name='ck_business_one_row'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_business'))
    )
    op.create_table('service_zones',
    sa.Column('id', sa.String(length=50), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('postal_codes', sa.JSON(none_as_null=True), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_zones'))
    )
    op.create_table('services',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('price_cents', sa.BigInteger(), nullable=False),
    sa.Column('skill', sa.String(length=50), nullable=False),
    sa.Column('upkeep_months', sa.Integer(), nullable=True),
    sa.Column('keywords', sa.JSON(none_as_null=True), nullable=False),
    sa.CheckConstraint('duration_minutes > 0', name='ck_services_duration_positive'),
    sa.CheckConstraint('price_cents >= 0', name='ck_services_price_not_negative'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_services'))
    )
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('manages_all_deals', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_column('manages_all_deals')
    op.drop_table('services')
    op.drop_table('service_zones')
    op.drop_table('business')
