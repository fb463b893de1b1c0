"""The migration that keeps each seller's reviews by posting day fills it from the reviews posted before it, on
the Korean day each was posted, so rating statistics start with the shop's history."""
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa

from servicekit.db import make_engine
from servicekit.migrations import upgrade

from .shoppers import new_id

SERVICE_DIR = Path(__file__).resolve().parents[2]
COLUMNS = ("id", "order_id", "line_no", "customer_id", "product_id", "seller_id", "product_name", "rating", "text",
           "anonymous", "author_name", "status", "helpful_count", "created_at", "updated_at")


def test_each_sellers_visible_reviews_are_counted_on_the_korean_day_they_were_posted(each_database_url):
    upgrade(SERVICE_DIR, each_database_url, "0008")
    engine = make_engine(each_database_url)
    seller, other = new_id(), new_id()
    reviews = sa.table("reviews", *(sa.column(name) for name in COLUMNS))

    def review(seller_id, rating, at, status="visible"):
        return {"id": new_id(), "order_id": new_id(), "line_no": 1, "customer_id": new_id(), "product_id": new_id(),
                "seller_id": seller_id, "product_name": "Tea", "rating": rating, "text": "좋아요", "anonymous": False,
                "author_name": "김민지", "status": status, "helpful_count": 0, "created_at": at, "updated_at": at}

    with engine.begin() as connection:
        connection.execute(reviews.insert(), [
            # 14:59 UTC is 1 March in Korea, 15:00 UTC is 2 March.
            review(seller, 5, datetime(2026, 3, 1, 14, 59, tzinfo=timezone.utc)),
            review(seller, 4, datetime(2026, 3, 1, 3, 0, tzinfo=timezone.utc)),
            review(seller, 2, datetime(2026, 3, 1, 15, 0, tzinfo=timezone.utc)),
            review(seller, 1, datetime(2026, 3, 1, 16, 0, tzinfo=timezone.utc), status="hidden"),
            review(other, 3, datetime(2026, 3, 1, 3, 0, tzinfo=timezone.utc)),
        ])

    upgrade(SERVICE_DIR, each_database_url)

    with engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT seller_id, day, ones, twos, threes, fours, fives FROM seller_rating_days "
            "ORDER BY seller_id = :seller, day"
        ), {"seller": seller}).all()
    engine.dispose()
    assert [(row.seller_id, str(row.day), tuple(row[2:])) for row in rows] == [
        (other, "2026-03-01", (0, 0, 1, 0, 0)),
        (seller, "2026-03-01", (0, 0, 0, 1, 1)),
        (seller, "2026-03-02", (0, 1, 0, 0, 0)),
    ]
