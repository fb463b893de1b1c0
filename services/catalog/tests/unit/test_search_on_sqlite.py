"""The storefront search on SQLite, as `make run` uses it: keywords by terms and spaceless names, literal wildcards,\nrelevance."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, select, true
from sqlalchemy.orm import Session

from catalog.models import Base, Product
from catalog.search import ProductSearch, index_for_search, products_matching

START = datetime(2026, 1, 1, tzinfo=timezone.utc)


@pytest.fixture
def session():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        for number, (name, description, price) in enumerate(
            [
                ("제주녹차 100g", "", 12000),
                ("Jeju green tea", "", 9000),
                ("Teapot", "for GREEN TEA", 30000),
                ("Matcha 100% pure", "", 15000),
                ("Matcha 100 grams", "", 11000),
            ]
        ):
            at = START + timedelta(minutes=number)
            product = Product(
                id=str(uuid.uuid4()), seller_id="s", name=name, description=description, price=price, stock=1,
                status="on_sale", created_at=at, updated_at=at,
            )
            index_for_search(product)  # as catalog.products does for every product listed or edited
            session.add(product)
        session.commit()
        yield session
    engine.dispose()


def found(session, **criteria):
    return [product.name for product in session.scalars(products_matching(session, ProductSearch(true(), **criteria)))]


def test_a_korean_keyword_matches_inside_a_word(session):
    assert found(session, keyword="녹차") == ["제주녹차 100g"]


def test_an_ascii_keyword_ignores_case_and_ranks_name_matches_first(session):
    assert found(session, keyword="Green Tea") == ["Jeju green tea", "Teapot"]


def test_a_percent_sign_is_no_wildcard_the_number_is_a_term_and_the_name_as_typed_comes_first(session):
    assert found(session, keyword="100%") == ["Matcha 100% pure", "Matcha 100 grams", "제주녹차 100g"]


def test_a_price_range_and_a_sort_apply(session):
    assert found(session, min_price=10000, max_price=15000, sort="price_desc") == [
        "Matcha 100% pure",
        "제주녹차 100g",
        "Matcha 100 grams",
    ]


def test_a_running_sale_is_the_price_filtered_and_sorted_on(session):
    teapot = session.scalars(select(Product).where(Product.name == "Teapot")).one()
    teapot.sale_price, teapot.sale_starts_at, teapot.sale_ends_at = 8000, START, START + timedelta(days=1)
    session.commit()

    during = found(session, max_price=9500, sort="price_asc", now=START + timedelta(hours=1))
    after = found(session, max_price=9500, sort="price_asc", now=START + timedelta(days=2))

    assert during == ["Teapot", "Jeju green tea"]
    assert after == ["Jeju green tea"]


def test_only_a_search_holding_nothing_of_its_request_has_a_shape_its_statement_is_built_once_for():
    from catalog.domain.people import Viewer
    from catalog.search import visible_to

    anyone = visible_to(Viewer())
    admin = visible_to(Viewer(admin=True))
    assert ProductSearch(anyone).unfiltered_shape() == ("shopper", "newest")
    assert ProductSearch(anyone, sort="relevance").unfiltered_shape() == ("shopper", "newest")
    assert ProductSearch(admin, sort="rating").unfiltered_shape() == ("admin", "rating")
    # A seller's own products are a clause of their id; a keyword, a filter or a price order holds a value.
    seller = visible_to(Viewer(seller_id="s"))
    assert ProductSearch(seller).unfiltered_shape() is None
    for criteria in ({"keyword": "tea"}, {"category_ids": frozenset()}, {"seller_id": "s"}, {"status": "on_sale"},
                     {"min_price": 0}, {"max_price": 0}, {"sort": "price_asc"}, {"sort": "price_desc"}):
        assert ProductSearch(anyone, **criteria).unfiltered_shape() is None, criteria
