"""The migration that brings search by terms gives the products listed before it their terms, so they are found
however the keyword is spaced from the moment it runs, not only once edited."""
import uuid
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from catalog.search import ProductSearch, products_matching
from servicekit.db import make_engine
from servicekit.migrations import upgrade

SERVICE_DIR = Path(__file__).resolve().parents[2]


def test_products_listed_before_it_are_found_by_their_terms(each_database_url):
    upgrade(SERVICE_DIR, each_database_url, "0014")
    engine = make_engine(each_database_url)
    now = datetime.now(timezone.utc)
    products = sa.Table("products", sa.MetaData(), sa.Column("option_names", sa.JSON), autoload_with=engine)
    with engine.begin() as connection:
        connection.execute(sa.insert(products), [
            {"id": str(uuid.uuid4()), "seller_id": str(uuid.uuid4()), "name": name, "description": description,
             "price": 1000, "stock": 1, "status": "on_sale", "created_at": now, "updated_at": now,
             "option_names": [], "low_stock_threshold": 0, "low_stock_alerted": False, "rating_version": 0,
             "version": 1}
            for name, description in (("스테인리스 텀블러 500ml", "보온 보냉"), ("Wool socks", "Warm for winter"))
        ])

    upgrade(SERVICE_DIR, each_database_url)

    with Session(engine) as session:
        def found(keyword):
            return [product.name for product in session.scalars(
                products_matching(session, ProductSearch(sa.true(), keyword=keyword)))]

        assert found("스테인리스텀블러") == ["스테인리스 텀블러 500ml"]
        assert found("보온 텀블러를") == ["스테인리스 텀블러 500ml"]
        assert found("sock") == ["Wool socks"]
    engine.dispose()
