"""Each seller's visible reviews by the Korean day they were posted, star by star, for rating statistics; filled
from the reviews posted so far.

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

from servicekit.period_reports import period_start_of_instant

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

STARS = {"ones": 1, "twos": 2, "threes": 3, "fours": 4, "fives": 5}


def upgrade() -> None:
    op.create_table(
        "seller_rating_days",
        sa.Column("seller_id", sa.String(36), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        *[sa.Column(name, sa.Integer, nullable=False) for name in STARS],
    )
    op.create_index("ix_seller_rating_days_day", "seller_rating_days", ["day"])
    reviews = sa.table("reviews", *(sa.column(name) for name in ("seller_id", "created_at", "rating", "status")))
    day = period_start_of_instant(reviews.c.created_at, "day", op.get_bind().dialect.name)
    posted = (
        sa.select(reviews.c.seller_id, day,
                  *[sa.func.sum(sa.case((reviews.c.rating == star, 1), else_=0)) for star in STARS.values()])
        .where(reviews.c.status == "visible")
        .group_by(reviews.c.seller_id, day)
    )
    days = sa.table("seller_rating_days", *(sa.column(name) for name in ("seller_id", "day", *STARS)))
    op.execute(days.insert().from_select(["seller_id", "day", *STARS], posted))


def downgrade() -> None:
    op.drop_table("seller_rating_days")
