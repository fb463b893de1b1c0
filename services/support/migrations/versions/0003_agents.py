"""Agents, teams, campaign windows and routing.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "support_agents",
        sa.Column("agent_id", sa.String(length=36), nullable=False),
        sa.Column("team", sa.String(length=20), nullable=False),
        sa.Column("available", sa.Boolean(), nullable=False),
        sa.Column("max_open_cases", sa.Integer(), nullable=False),
        sa.Column("last_assigned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("team IN ('platform', 'payments', 'accounts')", name="ck_support_agents_team"),
        sa.CheckConstraint("max_open_cases >= 0", name="ck_support_agents_max_open_cases"),
        sa.PrimaryKeyConstraint("agent_id"),
    )
    with op.batch_alter_table("support_agents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_support_agents_team"), ["team"], unique=False)

    op.create_table(
        "campaign_windows",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("first_response_hours", sa.SmallInteger(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("ends_at > starts_at", name="ck_campaign_windows_period"),
        sa.CheckConstraint("first_response_hours BETWEEN 1 AND 24", name="ck_campaign_windows_hours"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("campaign_windows", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_campaign_windows_starts_at"), ["starts_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("campaign_windows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_campaign_windows_starts_at"))
    op.drop_table("campaign_windows")
    with op.batch_alter_table("support_agents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_support_agents_team"))
    op.drop_table("support_agents")
