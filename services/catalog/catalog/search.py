"""Storefront search: which products match a keyword, category, seller, status and price range, and in what order.

A keyword finds a product whatever the spacing of either, and by the stems of its words: each product keeps the
terms of its name and description (wordkit: "녹차를" and "녹차" are one term, "Tumblers" and "tumbler" too) and its
name with no spaces. A product matches when it has every term of the keyword (each as a term's beginning, so a word
still being typed finds it), or when its spaceless name holds the spaceless keyword (three characters or more: "녹차
티백" in "제주녹차티백 50개입"). The keyword as typed inside the name comes first, then inside the spaceless name, then
the rest; within each, the names most alike.

PostgreSQL serves the match from indexes (migration 0015): a full-text index over the terms' stored vector, a trigram
index over the spaceless name (trigrams need three characters: a shorter keyword matches by its terms alone). SQLite,
for the embedded run, matches the same with LIKE over the terms and orders by the same tiers, the newest first within
each: it has no trigram likeness.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

import re

from sqlalchemy import ColumnElement, Select, and_, case, false, func, literal, literal_column, or_, select
from sqlalchemy.orm import Session
from wordkit import compact, terms, terms_however_spaced

from catalog.domain.people import Viewer
from catalog.domain.products import STOREFRONT_STATUSES
from catalog.models import Product
from servicekit import clock
from servicekit.batch_jobs import change_each_due
from servicekit.runtime import Runtime

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


@dataclass(frozen=True)
class Keyword:
    """A shopper's keyword as search compares it: as typed, with no spaces, and as its terms, each way the analyser
    may read it (as typed, and with no spaces: it splits a compound by what surrounds it)."""

    typed: str
    spaceless: str
    readings: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, text: str) -> "Keyword":
        spaceless = compact(text)
        readings = []
        for reading in (terms(text), terms(spaceless)):
            # A term is letters, digits and a decimal point (wordkit.normalised): nothing a tsquery reads as syntax.
            kept = tuple(dict.fromkeys(term for term in reading if _PLAIN_TERM.fullmatch(term)))
            if kept and kept not in readings:
                readings.append(kept)
        return cls(text.strip(), spaceless if _holds_in_a_name(spaceless) else "", tuple(readings))


_PLAIN_TERM = re.compile(r"[^\W_]+(?:\.[0-9]+)?")
_SIMPLE = literal_column("'simple'::regconfig")
# to_tsvector('simple', search_terms), stored and indexed by migration 0015 on PostgreSQL alone (no model column).
_TERMS_VECTOR = literal_column("search_vector")


# The spaceless name of a product whose name is signs alone ("!!!"): no keyword holds a space, so none matches it,
# and the product is not taken for one a process older than search by terms wrote (search_name "").
NAME_OF_SIGNS = " "


def index_for_search(product: Product) -> None:
    """Keep what search matches of a product in step with its name and description: call after changing either.
    The name's terms are taken however it is spaced, so a keyword's terms find it however the keyword is."""
    found = [*terms_however_spaced(product.name), *terms(product.description or "")]
    product.search_terms = " ".join(dict.fromkeys(found))
    product.search_name = compact(product.name)[:200] or NAME_OF_SIGNS


def not_indexed(now: datetime) -> Select:
    """Products no search terms were kept for: written, during a rolling deploy, by a catalog process older than
    search by terms (migration 0015 indexed every product there was)."""
    return select(Product).where(Product.search_name == "").order_by(Product.id)


def index_products_not_indexed(runtime: Runtime) -> int:
    """The worker's job: index each product written without its search terms; how many it indexed."""
    return change_each_due(runtime, not_indexed, lambda uow, product, now: index_for_search(product))


def _like(column, pattern: str, postgres: bool) -> ColumnElement[bool]:
    # SQLite's LIKE already ignores ASCII case; ILIKE would wrap both sides in lower().
    return column.ilike(pattern, escape=LIKE_ESCAPE) if postgres else column.like(pattern, escape=LIKE_ESCAPE)


def _every_term(keyword: Keyword, postgres: bool) -> ColumnElement[bool]:
    """The product has each term of one of the keyword's readings, as a term or a term's beginning."""
    if postgres:
        query = " | ".join(
            "(" + " & ".join(f"'{term}':*" if _begins_terms(term) else f"'{term}'" for term in reading) + ")"
            for reading in keyword.readings
        )
        return _TERMS_VECTOR.bool_op("@@")(func.to_tsquery(_SIMPLE, query))
    spaced = literal(" ") + Product.search_terms + literal(" ")
    return or_(*(
        and_(*(
            spaced.like(literal_pattern(" " + term) if _begins_terms(term) else literal_pattern(f" {term} "),
                        escape=LIKE_ESCAPE)
            for term in reading
        ))
        for reading in keyword.readings
    ))


def _begins_terms(term: str) -> bool:
    """Whether a term also finds the terms it begins: not a number ("100" is not "1000") nor a single letter or
    syllable, which would begin too many."""
    return len(term) > 1 and not term.replace(".", "").isdigit()


def _in_spaceless_name(keyword: Keyword) -> ColumnElement[bool]:
    # search_name is lower case already, as `spaceless` is.
    return Product.search_name.like(literal_pattern(keyword.spaceless), escape=LIKE_ESCAPE)


def _holds_in_a_name(spaceless: str) -> bool:
    """Whether a spaceless keyword is looked for inside spaceless names: three characters or more (what a trigram
    index serves), and not a number ("100" is not in "1000 grams")."""
    return len(spaceless) >= 3 and not spaceless.replace(".", "").isdigit()


def _keyword_match(keyword: Keyword, postgres: bool) -> ColumnElement[bool]:
    found = []
    if keyword.spaceless:
        found.append(_in_spaceless_name(keyword))
    if keyword.readings:
        found.append(_every_term(keyword, postgres))
    return or_(*found) if found else false()


def _relevance(keyword: Keyword, postgres: bool) -> tuple:
    """The keyword as typed in the name first, then in the spaceless name, then the rest (by every term)."""
    tiers = [(_like(Product.name, literal_pattern(keyword.typed), postgres), 0)]
    if keyword.spaceless:
        tiers.append((_in_spaceless_name(keyword), 1))
    tier = case(*tiers, else_=2)
    if postgres:
        return tier, func.similarity(Product.search_name, compact(keyword.typed)).desc(), *_TIEBREAK
    return tier, *_TIEBREAK


def products_matching(session: Session, search: ProductSearch) -> Select:
    """Every product the search finds, in the order asked for: by relevance when a keyword is given and no sort."""
    postgres = session.get_bind().dialect.name == "postgresql"
    statement = select(Product).where(search.visible)
    keyword = Keyword.of(search.keyword) if search.keyword else None
    if keyword is not None:
        statement = statement.where(_keyword_match(keyword, postgres))
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
        return statement.order_by(*(_relevance(keyword, postgres) if keyword is not None else _TIEBREAK))
    return statement.order_by(*_ORDERS[sort](search.now))
