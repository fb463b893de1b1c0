"""Sessions: a public handle, the second-factor state (pending, when proved, failures) and the device.

Revision ID: 0002
Revises: 0001
"""
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as sessions:
        sessions.add_column(sa.Column("handle", sa.String(36)))
        sessions.add_column(sa.Column("second_factor_pending", sa.Boolean, nullable=False, server_default=sa.false()))
        sessions.add_column(sa.Column("second_factor_at", sa.DateTime(timezone=True)))
        sessions.add_column(sa.Column("second_factor_failures", sa.Integer, nullable=False, server_default="0"))
        sessions.add_column(sa.Column("device_id", sa.String(64)))
    # Sessions open during the upgrade get a handle each, one statement apiece: SQLite has no uuid function.
    table = sa.table("sessions", sa.column("id", sa.String), sa.column("handle", sa.String))
    bind = op.get_bind()
    for session_id in bind.execute(sa.select(table.c.id)).scalars().all():
        bind.execute(table.update().where(table.c.id == session_id).values(handle=str(uuid.uuid4())))
    with op.batch_alter_table("sessions") as sessions:
        sessions.alter_column("handle", existing_type=sa.String(36), nullable=False)
        sessions.create_index("ix_sessions_handle", ["handle"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("sessions") as sessions:
        sessions.drop_index("ix_sessions_handle")
        sessions.drop_column("device_id")
        sessions.drop_column("second_factor_failures")
        sessions.drop_column("second_factor_at")
        sessions.drop_column("second_factor_pending")
        sessions.drop_column("handle")
