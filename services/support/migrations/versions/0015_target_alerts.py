"""Each target of an inquiry is warned and breached once: a missed first answer no longer hides a later
missed resolution.

Revision ID: 0015
Revises: 0014
"""
from datetime import timedelta

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

WARNING_MARGIN = timedelta(hours=2)


def upgrade() -> None:
    op.create_table(
        "target_alerts",
        sa.Column("inquiry_id", sa.String(length=36), nullable=False),
        sa.Column("target", sa.String(length=20), nullable=False),
        sa.Column("warned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("breached_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("target IN ('first_response', 'resolution')", name="ck_target_alerts_target"),
        sa.ForeignKeyConstraint(["inquiry_id"], ["inquiries.id"]),
        sa.PrimaryKeyConstraint("inquiry_id", "target"),
    )
    # An inquiry warned or breached before kept one time for whichever target was due first then: it
    # stands for each target it covers, so no target is warned or breached a second time.
    bind = op.get_bind()
    inquiries = sa.table(
        "inquiries", sa.column("id"), sa.column("first_response_due_at", sa.DateTime(timezone=True)),
        sa.column("resolution_due_at", sa.DateTime(timezone=True)), sa.column("warned_at", sa.DateTime(timezone=True)),
        sa.column("breached_at", sa.DateTime(timezone=True)),
    )
    alerts = sa.table("target_alerts", sa.column("inquiry_id"), sa.column("target"), sa.column("warned_at"),
                      sa.column("breached_at"))
    rows = []
    alerted = bind.execute(
        sa.select(inquiries).where(sa.or_(inquiries.c.warned_at.is_not(None), inquiries.c.breached_at.is_not(None)))
    )
    for inquiry in alerted:
        for target, due_at in (("first_response", inquiry.first_response_due_at),
                               ("resolution", inquiry.resolution_due_at)):
            warned = inquiry.warned_at if inquiry.warned_at and inquiry.warned_at >= due_at - WARNING_MARGIN else None
            breached = inquiry.breached_at if inquiry.breached_at and inquiry.breached_at >= due_at else None
            if warned or breached:
                rows.append({"inquiry_id": inquiry.id, "target": target, "warned_at": warned, "breached_at": breached})
    if rows:
        bind.execute(alerts.insert(), rows)


def downgrade() -> None:
    op.drop_table("target_alerts")
