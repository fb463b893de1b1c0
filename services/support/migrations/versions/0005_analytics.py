"""CS analytics rollups.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_COUNTS_OF_DAY = (
    "opened",
    "resolved",
    "first_responses",
    "first_responses_in_target",
    "automatic_answers",
    "automatic_answers_rejected",
    "rated_1",
    "rated_2",
    "rated_3",
    "rated_4",
    "rated_5",
)


def _key_columns() -> list[sa.Column]:
    return [
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("seller_id", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=10), nullable=False),
        sa.Column("inquiry_type", sa.String(length=20), nullable=False),
    ]


def _count(name: str) -> sa.Column:
    return sa.Column(name, sa.BigInteger(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "cs_daily",
        *_key_columns(),
        *[_count(name) for name in _COUNTS_OF_DAY],
        sa.PrimaryKeyConstraint("day", "seller_id", "owner", "inquiry_type"),
    )
    op.create_index("ix_cs_daily_seller_day", "cs_daily", ["seller_id", "day"])
    op.create_table(
        "cs_daily_resolutions",
        *_key_columns(),
        sa.Column("reason_code", sa.String(length=40), nullable=False),
        _count("resolved"),
        sa.PrimaryKeyConstraint("day", "seller_id", "owner", "inquiry_type", "reason_code"),
    )
    op.create_index("ix_cs_daily_resolutions_seller_day", "cs_daily_resolutions", ["seller_id", "day"])
    op.create_table(
        "cs_daily_durations",
        *_key_columns(),
        sa.Column("clock", sa.String(length=20), nullable=False),
        sa.Column("bucket", sa.SmallInteger(), nullable=False),
        _count("inquiries"),
        sa.PrimaryKeyConstraint("day", "seller_id", "owner", "inquiry_type", "clock", "bucket"),
    )
    op.create_index("ix_cs_daily_durations_seller_day", "cs_daily_durations", ["seller_id", "day"])
    op.create_table(
        "cs_paid_orders_daily",
        sa.Column("seller_id", sa.String(length=36), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        _count("orders"),
        sa.PrimaryKeyConstraint("seller_id", "day"),
    )
    op.create_index("ix_cs_paid_orders_daily_day", "cs_paid_orders_daily", ["day"])
    op.create_index("ix_inquiries_status_created_at", "inquiries", ["status", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_inquiries_status_created_at", table_name="inquiries")
    op.drop_table("cs_paid_orders_daily")
    op.drop_table("cs_daily_durations")
    op.drop_table("cs_daily_resolutions")
    op.drop_table("cs_daily")
