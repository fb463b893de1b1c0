"""The version of each seller's rating, announced to catalog as SellerRatingChanged; every rating counted so
far is announced once now, so catalog starts with all of them rather than with the next change of each.

Revision ID: 0007
Revises: 0006
"""
import uuid
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

from contracts import REGISTRY, Envelope
from reviews.domain.rating_aggregates import STARS, Aggregate
from servicekit.bus.tables import outbox

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

COUNTS = ("ones", "twos", "threes", "fours", "fives")


def upgrade() -> None:
    with op.batch_alter_table("seller_ratings") as seller_ratings:
        seller_ratings.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="0"))
    connection = op.get_bind()
    ratings = sa.table("seller_ratings", *(sa.column(name) for name in ("seller_id", "version", *COUNTS)))
    contract = REGISTRY.get("SellerRatingChanged", 1)
    now = datetime.now(timezone.utc)
    for row in connection.execute(sa.select(ratings)).mappings().all():
        aggregate = Aggregate(tuple(row[name] for name in COUNTS))
        envelope = Envelope(
            type=contract.name,
            version=contract.version,
            producer=contract.producer,
            id=str(uuid.uuid4()),
            occurred_at=now,
            data=contract.dump(
                {
                    "seller_id": row["seller_id"],
                    "review_count": aggregate.count,
                    "average_centi": aggregate.average_centi,
                    "distribution": {str(star): n for star, n in zip(STARS, aggregate.distribution)},
                    "version": 1,
                    "changed_at": now,
                }
            ),
        )
        connection.execute(
            outbox.insert().values(
                event_id=envelope.id, routing_key=envelope.routing_key, payload=envelope.to_wire(), created_at=now
            )
        )
    connection.execute(sa.update(ratings).values(version=1))


def downgrade() -> None:
    with op.batch_alter_table("seller_ratings") as seller_ratings:
        seller_ratings.drop_column("version")
