"""The migration that keeps each shop's daily views fills them from the product days counted before it, so a
shop's visitor statistics start with its history, not empty."""
import uuid
from datetime import date, datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from catalog.models import ProductDailyViews
from servicekit.db import make_engine
from servicekit.migrations import upgrade

SERVICE_DIR = Path(__file__).resolve().parents[2]


def product_of(seller_id: str) -> dict:
    """A product's row as the schema of revision 0010 has it (the model has columns of later revisions)."""
    now = datetime.now(timezone.utc)
    return {"id": str(uuid.uuid4()), "seller_id": seller_id, "name": "Tea", "description": "", "price": 1000,
            "stock": 1, "status": "on_sale", "created_at": now, "updated_at": now, "option_names": [],
            "low_stock_threshold": 0, "low_stock_alerted": False, "rating_version": 0, "version": 1}


def test_each_shops_days_are_its_products_days_added_up(each_database_url):
    upgrade(SERVICE_DIR, each_database_url, "0010")
    engine = make_engine(each_database_url)
    seller, other = str(uuid.uuid4()), str(uuid.uuid4())
    tea, cups, mugs = product_of(seller), product_of(seller), product_of(other)
    products = sa.Table("products", sa.MetaData(), sa.Column("option_names", sa.JSON), autoload_with=engine)
    with Session(engine) as session:
        session.execute(sa.insert(products), [tea, cups, mugs])
        session.add_all([
            ProductDailyViews(product_id=tea["id"], day=date(2026, 3, 1), views=5, visitors=2),
            ProductDailyViews(product_id=cups["id"], day=date(2026, 3, 1), views=3, visitors=3),
            ProductDailyViews(product_id=tea["id"], day=date(2026, 3, 2), views=1, visitors=1),
            ProductDailyViews(product_id=mugs["id"], day=date(2026, 3, 1), views=7, visitors=4),
        ])
        session.commit()

    upgrade(SERVICE_DIR, each_database_url)

    with engine.connect() as connection:
        rows = connection.execute(
            sa.text("SELECT seller_id, day, views, visitors FROM shop_daily_views ORDER BY seller_id = :seller, day"),
            {"seller": seller},
        ).all()
    engine.dispose()
    assert [(row.seller_id, str(row.day), row.views, row.visitors) for row in rows] == [
        (other, "2026-03-01", 7, 4),
        (seller, "2026-03-01", 8, 5),
        (seller, "2026-03-02", 1, 1),
    ]
