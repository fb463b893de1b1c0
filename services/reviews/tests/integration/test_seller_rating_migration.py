"""Sellers rated before their rating was announced get it announced once by the migration that versions it,
so catalog shows every seller's rating, not only those reviewed again since."""
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa

from servicekit.bus.tables import outbox
from servicekit.db import make_engine
from servicekit.migrations import upgrade

from .shoppers import new_id

SERVICE_DIR = Path(__file__).resolve().parents[2]


def test_a_seller_rated_before_the_upgrade_is_announced_once(each_database_url):
    upgrade(SERVICE_DIR, each_database_url, "0006")
    engine = make_engine(each_database_url)
    seller_id = new_id()
    columns = ("seller_id", "review_count", "rating_sum", "ones", "twos", "threes", "fours", "fives", "updated_at")
    seller_ratings = sa.table("seller_ratings", *(sa.column(name) for name in columns))
    with engine.begin() as connection:
        connection.execute(seller_ratings.insert().values(
            seller_id=seller_id, review_count=3, rating_sum=11, ones=0, twos=1, threes=0, fours=1, fives=1,
            updated_at=datetime.now(timezone.utc),
        ))

    upgrade(SERVICE_DIR, each_database_url)

    with engine.connect() as connection:
        announced = [row.payload for row in connection.execute(sa.select(outbox.c.payload))]
        version = connection.execute(sa.text("SELECT version FROM seller_ratings")).scalar_one()
    engine.dispose()
    assert [(p["type"], p["version"], p["data"]["seller_id"]) for p in announced] == [
        ("SellerRatingChanged", 1, seller_id)
    ]
    data = announced[0]["data"]
    assert (data["review_count"], data["average_centi"], data["distribution"], data["version"], version) == (
        3, 367, {"1": 0, "2": 1, "3": 0, "4": 1, "5": 1}, 1, 1
    )
