"""Storefront search: which products match a keyword, category, seller, status and price range, and in what order.

Keywords match anywhere inside a name or description, with no assumption of words between spaces, so Korean
compounds are found by any part ("녹차" finds "제주녹차 100g"). PostgreSQL serves the match from pg_trgm indexes
(migration 0004) and ranks by trigram similarity; SQLite, for the embedded run, matches with LIKE (case-insensitive
for ASCII only) and ranks a match in the name before one only in the description.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from catalog.domain.people import Viewer
from catalog.domain.products import STOREFRONT_STATUSES
from catalog.models import Product
from servicekit import clock

RELEVANCE = "relevance"
NEWEST = "newest"
_TIEBREAK = (Product.created_at.desc(), Product.id)
SORTS = (RELEVANCE, NEWEST, "price_asc", "price_desc", "popularity", "rating")
LIKE_ESCAPE = "\\"


@dataclass(frozen=True)
class ProductSearch:
    """What a shopper asked for; `visible` is the clause of the products they may see at all."""

    visible: ColumnElement[bool]
    keyword: str | None = None
    category_ids: frozenset[str] | None = None
    seller_id: str | None = None
    status: str | None = None
    min_price: int | None = None
    max_price: int | None = None
    sort: str | None = None
    # Prices filter and sort as shoppers pay them at this moment: the sale price while a sale runs.
    now: datetime = field(default_factory=clock.now)

    def unfiltered_shape(self) -> tuple[str, str] | None:
        """Who sees and in what order, for a search whose statement holds nothing of its request: it filters
        nothing, its `visible` is one built once (anyone's but a seller's) and its order does not move with the
        moment. Such a search's statement can be built once (the storefront's pages); None for any other."""
        if self.keyword or any(value is not None for value in (
                self.category_ids, self.seller_id, self.status, self.min_price, self.max_price)):
            return None
        sort = NEWEST if self.sort in (None, RELEVANCE) else self.sort
        if sort in _MOVES_WITH_THE_MOMENT:
            return None
        for name, visible in _SHARED_VISIBLE.items():
            # `is`: == between clauses makes SQL.
            if self.visible is visible:
                return name, sort
        return None


# Built once: every anonymous shopper's search starts from them.
_LIVE = Product.deleted_at.is_(None)
_ON_STOREFRONT = Product.status.in_(STOREFRONT_STATUSES)
_LIVE_ON_STOREFRONT = _LIVE & _ON_STOREFRONT
_SHARED_VISIBLE = {"admin": _LIVE, "shopper": _LIVE_ON_STOREFRONT}


def visible_to(viewer: Viewer) -> ColumnElement[bool]:
    """SQL for Viewer.sees, deleted products left out: the storefront, plus their own to a seller, all to admins."""
    if viewer.admin:
        return _LIVE
    if viewer.seller_id is None:
        return _LIVE_ON_STOREFRONT
    return _LIVE & or_(_ON_STOREFRONT, Product.seller_id == viewer.seller_id)


def current_price_at(now: datetime) -> ColumnElement[int]:
    """SQL for catalog.domain.pricing.current_price: the sale price from its start (included) to its end."""
    on_sale = and_(Product.sale_price.is_not(None), Product.sale_starts_at <= now, Product.sale_ends_at > now)
    return case((on_sale, Product.sale_price), else_=Product.price)


# The ORDER BY of each sort, given the moment whose prices count; built for the sort asked only.
_ORDERS: dict[str, Callable[[datetime], tuple]] = {
    NEWEST: lambda now: _TIEBREAK,
    "price_asc": lambda now: (current_price_at(now).asc(), *_TIEBREAK),
    "price_desc": lambda now: (current_price_at(now).desc(), *_TIEBREAK),
    "popularity": lambda now: (Product.units_sold.desc(), *_TIEBREAK),
    "rating": lambda now: (Product.rating_average.desc().nulls_last(), Product.rating_count.desc(), *_TIEBREAK),
}
_MOVES_WITH_THE_MOMENT = ("price_asc", "price_desc")


def literal_pattern(keyword: str) -> str:
    """A LIKE pattern that finds `keyword` anywhere, its own `%`, `_` and escape characters taken literally."""
    escaped = keyword.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
    for wildcard in ("%", "_"):
        escaped = escaped.replace(wildcard, LIKE_ESCAPE + wildcard)
    return f"%{escaped}%"


def _keyword_match(keyword: str, postgres: bool) -> ColumnElement[bool]:
    pattern = literal_pattern(keyword)
    if postgres:
        return or_(*(column.ilike(pattern, escape=LIKE_ESCAPE) for column in (Product.name, Product.description)))
    # SQLite's LIKE already ignores ASCII case; ILIKE would wrap both sides in lower().
    return or_(*(column.like(pattern, escape=LIKE_ESCAPE) for column in (Product.name, Product.description)))


def _relevance(keyword: str, postgres: bool) -> tuple:
    if postgres:
        return (
            func.greatest(func.similarity(Product.name, keyword), func.similarity(Product.description, keyword)).desc(),
            *_TIEBREAK,
        )
    in_name = case((Product.name.like(literal_pattern(keyword), escape=LIKE_ESCAPE), 0), else_=1)
    return (in_name, *_TIEBREAK)


def products_matching(session: Session, search: ProductSearch) -> Select:
    """Every product the search finds, in the order asked for: by relevance when a keyword is given and no sort."""
    postgres = session.get_bind().dialect.name == "postgresql"
    statement = select(Product).where(search.visible)
    if search.keyword:
        statement = statement.where(_keyword_match(search.keyword, postgres))
    if search.category_ids is not None:
        statement = statement.where(Product.category_id.in_(search.category_ids))
    if search.seller_id is not None:
        statement = statement.where(Product.seller_id == search.seller_id)
    if search.status is not None:
        statement = statement.where(Product.status == search.status)
    if search.min_price is not None:
        statement = statement.where(current_price_at(search.now) >= search.min_price)
    if search.max_price is not None:
        statement = statement.where(current_price_at(search.now) <= search.max_price)
    sort = search.sort or (RELEVANCE if search.keyword else NEWEST)
    if sort == RELEVANCE:
        # With nothing to be relevant to, the newest come first.
        return statement.order_by(*(_relevance(search.keyword, postgres) if search.keyword else _TIEBREAK))
    return statement.order_by(*_ORDERS[sort](search.now))
