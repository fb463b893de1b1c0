"""Sales statistics: the rollups each sale and refund adds to, and the reports read from them."""
from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, bindparam, func, null, or_, select, union_all
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from orders.domain.sales_periods import SalesFigures, rollup_spans
from orders.domain.visibility import NotVisible, Viewer
from orders.models import OrderLine, Shipment
from orders.models.rollups import (
    NO_CATEGORY,
    SalesDay,
    SalesDayCategory,
    SalesDayProduct,
    SalesMeasures,
    SalesMonthCategory,
    SalesMonthProduct,
)
from servicekit.korean_calendar import PERIODS, korean_day, period_end, period_start, period_starts
from servicekit.period_reports import period_start_of_day
from servicekit.problems import Problem
from servicekit.runtime import Runtime

BREAKDOWNS = ("none", "product", "category")
MEASURES = ("orders", "units", "revenue", "refunds", "refunded_units")
# What the upserts add up: the measures and, in the daily totals, the platform's own count of orders.
_SUMMED = (*MEASURES, "platform_orders")
# An order spans products, so the rollups by product and category add up units and won, not orders.
_BREAKDOWN_MEASURES = MEASURES[1:]
# The daily and the monthly rollup of each breakdown.
_BREAKDOWN_ROLLUPS = {
    "product": (SalesDayProduct, SalesMonthProduct),
    "category": (SalesDayCategory, SalesMonthCategory),
}
_UPSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def record_sale(
    session: Session, shipment: Shipment, lines: list[OrderLine], at: datetime, *, counts_the_order: bool
) -> None:
    """Add a seller's paid shipment to the rollups of the Korean day of `at`.

    One order of the seller's, its units, and its product revenue: quantity times unit price of
    each line. The shipment's shipping fee and the order's discounts and points are not product
    revenue and are left out. One shipment of each order `counts_the_order` for the platform, so
    an order of several sellers is one order in the platform's figures. Runs in the caller's
    transaction and does not commit.
    """
    sold = [(line, line.quantity, line.quantity * line.unit_price) for line in lines]
    _add_up(
        session, shipment.seller_id, korean_day(at), sold,
        orders=1, platform_orders=int(counts_the_order), units="units", won="revenue",
    )


def record_refund(
    session: Session, seller_id: str, refunded: list[tuple[OrderLine, int, int]], at: datetime
) -> None:
    """Add refunds to the rollups of the Korean day of `at`, the day the money went back.

    `refunded` holds (line, units refunded, won refunded) for each line. Runs in the caller's
    transaction and does not commit.
    """
    _add_up(
        session, seller_id, korean_day(at), refunded, orders=0, platform_orders=0, units="refunded_units", won="refunds"
    )


def _add_up(
    session: Session,
    seller_id: str,
    day: date,
    amounts: Iterable[tuple[OrderLine, int, int]],
    *,
    orders: int,
    platform_orders: int,
    units: str,
    won: str,
) -> None:
    per_product: dict[str, dict] = {}
    # Each line counts in its own category, so a product recategorised today splits between its categories.
    per_category: dict[str, dict] = {}
    for line, line_units, line_won in amounts:
        category_id = line.category_id or NO_CATEGORY
        for rows, key, key_columns in (
            (per_product, line.product_id, {"product_id": line.product_id, "category_id": line.category_id}),
            (per_category, category_id, {"category_id": category_id}),
        ):
            row = rows.setdefault(key, {**key_columns, **dict.fromkeys(_BREAKDOWN_MEASURES, 0)})
            row[units] += line_units
            row[won] += line_won
    whole_day = {
        "seller_id": seller_id,
        "day": day,
        "orders": orders,
        "platform_orders": platform_orders,
        **dict.fromkeys(_BREAKDOWN_MEASURES, 0),
    }
    for product in per_product.values():
        whole_day[units] += product[units]
        whole_day[won] += product[won]
    month = period_start(day, "month")
    # Rows in key order, so concurrent sales of the same products lock them in the same order.
    _upsert_all(session, [(SalesDay, [whole_day])] + [
        (model, [{"seller_id": seller_id, **when, **rows[key]} for key in sorted(rows)])
        for model, when, rows in (
            (SalesDayProduct, {"day": day}, per_product),
            (SalesMonthProduct, {"month": month}, per_product),
            (SalesDayCategory, {"day": day}, per_category),
            (SalesMonthCategory, {"month": month}, per_category),
        )
        if rows
    ])


@functools.cache
def _upsert_statement(dialect: str, model: type[SalesMeasures]):
    """Insert a row or add its measures to the row already there; built once, as every sale runs it."""
    table = model.__table__
    statement = _UPSERTS[dialect](table)
    changes = {name: table.c[name] + statement.excluded[name] for name in _SUMMED if name in table.c}
    if "category_id" in table.c and not table.c.category_id.primary_key:
        changes["category_id"] = func.coalesce(statement.excluded.category_id, table.c.category_id)
    return statement.on_conflict_do_update(index_elements=[column.name for column in table.primary_key], set_=changes)


def _upsert_all(session: Session, rollups: list[tuple[type[SalesMeasures], list[dict]]]) -> None:
    """Upsert each rollup's rows atomically. On PostgreSQL every rollup goes in one statement, one round trip: the
    first (the seller's day, which every sale of the seller takes first, as before) as the statement itself, the
    others in WITH clauses, which PostgreSQL runs once each after it, in the same order every time."""
    dialect = session.get_bind().dialect.name
    if dialect != "postgresql":
        for model, rows in rollups:
            session.execute(_upsert_statement(dialect, model), rows)
        return
    # The statement below does not flush the session as session.execute would: flushing first keeps the order
    # of the statements (the paid order's row is updated before the rollups, as in every sale).
    session.flush()
    shape = tuple((model, tuple(rows[0]), len(rows)) for model, rows in rollups)
    sql = _upsert_all_sql(session.get_bind().dialect, shape)
    session.connection().exec_driver_sql(sql, {
        f"{model.__tablename__}_{number}_{name}": value
        for model, rows in rollups
        for number, row in enumerate(rows)
        for name, value in row.items()
    })


@functools.lru_cache(maxsize=512)
def _upsert_all_sql(dialect, shape: tuple[tuple[type[SalesMeasures], tuple[str, ...], int], ...]) -> str:
    """PostgreSQL's one statement of _upsert_all for rollups of these columns and this many rows each, as SQL.

    SQLAlchemy's compiled cache skips an INSERT of several VALUES rows, so building and compiling it cost
    every sale more than the rest of its payment; here it is compiled once per shape, and each sale binds
    its values: strings, integers and dates, which the driver takes as they are.
    """
    def rows_of(model, names, count):
        return [
            {name: bindparam(f"{model.__tablename__}_{number}_{name}") for name in names} for number in range(count)
        ]

    (first, *first_shape), *others = shape
    statement = _upsert_statement("postgresql", first).values(rows_of(first, *first_shape)).add_cte(*(
        _upsert_statement("postgresql", model).values(rows_of(model, names, count)).cte(f"{model.__tablename__}_added")
        for model, names, count in others
    ))
    compiled = statement.compile(dialect=dialect)
    if compiled._bind_processors or compiled.positional:
        raise TypeError("the rollups' upsert needs its values converted; execute it through SQLAlchemy")
    return compiled.string


@dataclass(frozen=True)
class SalesRow:
    period_start: date
    figures: SalesFigures
    product_id: str | None = None
    category_id: str | None = None


@dataclass(frozen=True)
class SalesReport:
    period: str
    first: date
    last: date
    by: str
    rows: list[SalesRow]
    totals: SalesFigures


@dataclass(frozen=True)
class SalesQuery:
    """What a report covers: `first` to `last` inclusive per `period`, by product or category or none, and
    which rows of a breakdown (a shop has thousands of products)."""

    first: date
    last: date
    period: str
    by: str
    breakdown_rows: slice


def sales_seen_by(runtime: Runtime, viewer: Viewer, asked_seller_id: str | None, query: SalesQuery) -> SalesReport:
    """The sales report the viewer may read: a seller their own shop's, an admin one seller's or everyone's."""
    try:
        seller_id = viewer.sales_seen(asked_seller_id)
    except NotVisible as refused:
        raise Problem(403, "forbidden", "Forbidden", refused.args[0]) from None
    with runtime.unit_of_work() as uow:
        return _sales_report(uow.session, seller_id, query)


def _sales_report(session: Session, seller_id: str | None, query: SalesQuery) -> SalesReport:
    """One seller's sales (every seller's when `seller_id` is None) over the query's range.

    Without a breakdown every period of the range has a row, zeros included; by product or
    category only what sold or was refunded has one, best selling first within a period, and
    only the query's `breakdown_rows` of them. Periods are calendar periods: the first and last
    may hold only the days of the range.
    """
    first, last, period, by = query.first, query.last, query.period, query.by
    if period not in PERIODS or by not in BREAKDOWNS:
        raise ValueError(f"unknown period {period!r} or breakdown {by!r}")
    # Only the periods with a sale or a refund have figures here.
    whole = _whole_periods(session, seller_id, first, last, period)
    totals = sum(whole.values(), SalesFigures())
    if by == "none":
        rows = [SalesRow(start, whole.get(start, SalesFigures())) for start in period_starts(first, last, period)]
    else:
        rows = _breakdown_rows(session, seller_id, first, last, period, by, sorted(whole), query.breakdown_rows)
    return SalesReport(period, first, last, by, rows, totals)


def _whole_periods(session: Session, seller_id: str | None, first: date, last: date, period: str) -> dict:
    table = SalesDay.__table__
    start = period_start_of_day(table.c.day, period, session.get_bind().dialect.name).label("period_start")
    # A seller's orders, or the platform's, where an order of several sellers is one.
    orders = table.c.orders if seller_id is not None else table.c.platform_orders
    statement = (
        select(
            start,
            func.sum(orders).label("orders"),
            *[func.sum(table.c[name]).label(name) for name in _BREAKDOWN_MEASURES],
        )
        .where(table.c.day.between(first, last))
        .group_by(start)
    )
    if seller_id is not None:
        statement = statement.where(table.c.seller_id == seller_id)
    return {row.period_start: _figures(row, MEASURES) for row in session.execute(statement).all()}


def _breakdown_rows(
    session: Session,
    seller_id: str | None,
    first: date,
    last: date,
    period: str,
    by: str,
    periods_with_sales: list[date],
    rows: slice,
) -> list[SalesRow]:
    """The `rows` by product or category, summed one period at a time.

    Rows come period by period, best selling first, so a page usually lies in the first period or
    two: the periods after it are never summed, and a period before it only counted. Every product
    and category row has its day among the seller's days, written in the same call, so periods
    without sales are not read.
    """
    skipped = rows.start or 0
    found: list[SalesRow] = []
    for start in periods_with_sales:
        wanted = None if rows.stop is None else rows.stop - (rows.start or 0) - len(found)
        if wanted == 0:
            break
        in_period = _summed_breakdown(seller_id, max(first, start), min(last, period_end(start, period)), by)
        if skipped:
            period_rows = session.scalar(select(func.count()).select_from(in_period.subquery()))
            if period_rows <= skipped:
                skipped -= period_rows
                continue
        found += [
            SalesRow(
                start,
                _figures(row, _BREAKDOWN_MEASURES),
                product_id=row.product_id if by == "product" else None,
                category_id=row.category_id,
            )
            for row in session.execute(in_period.offset(skipped).limit(wanted)).all()
        ]
        skipped = 0
    return found


def _summed_breakdown(seller_id: str | None, first: date, last: date, by: str) -> Select:
    """SQL for the figures by product or category from `first` to `last`, best selling first.

    Whole months come from the monthly rollup, with days of the daily one added or taken away at
    either end (see rollup_spans), so a long range sums one row per month instead of per day.
    """
    daily, monthly = (model.__table__ for model in _BREAKDOWN_ROLLUPS[by])
    key = by + "_id"
    spans = rollup_spans(first, last)

    def read(table, period_column: str, days: Iterable[tuple[date, date]], sign: int):
        # A product shows a category it had in the range, so days taken away lend it none.
        category = [(table.c.category_id if sign > 0 else null()).label("category_id")] if by == "product" else []
        statement = select(
            table.c[key],
            *category,
            *[(table.c[name] if sign > 0 else -table.c[name]).label(name) for name in _BREAKDOWN_MEASURES],
        ).where(or_(*[table.c[period_column].between(*span) for span in days]))
        return statement if seller_id is None else statement.where(table.c.seller_id == seller_id)

    parts = [read(daily, "day", spans.added_days, 1)] if spans.added_days else []
    if spans.months:
        parts.append(read(monthly, "month", [spans.months], 1))
    if spans.removed_days:
        parts.append(read(daily, "day", spans.removed_days, -1))
    in_range = union_all(*parts).subquery()
    if by == "product":
        # A product recategorised within a period is shown once, in one of its categories.
        shown = [in_range.c.product_id, func.max(in_range.c.category_id).label("category_id")]
    else:
        shown = [func.nullif(in_range.c.category_id, NO_CATEGORY).label("category_id")]
    return (
        select(*shown, *[func.sum(in_range.c[name]).label(name) for name in _BREAKDOWN_MEASURES])
        .group_by(in_range.c[key])
        # Days taken away from a month leave a zero row for what sold only outside the range.
        .having(or_(*[func.sum(in_range.c[name]) != 0 for name in _BREAKDOWN_MEASURES]))
        .order_by(func.sum(in_range.c.revenue).desc(), in_range.c[key])
    )


def _figures(row, measured: tuple[str, ...]) -> SalesFigures:
    # PostgreSQL sums BIGINT into NUMERIC: back to int.
    return SalesFigures(**{name: int(getattr(row, name)) for name in measured})



def seller_days(runtime: Runtime, first: date, last: date) -> list[SalesDay]:
    """Every seller's day in the range with sales or refunds, by day then seller: orders' side of the reconciliation
    with settlements' ledger (contracts.reconciliation)."""
    with runtime.unit_of_work() as uow:
        return list(uow.session.scalars(
            select(SalesDay)
            .where(SalesDay.day >= first, SalesDay.day <= last, or_(SalesDay.revenue != 0, SalesDay.refunds != 0))
            .order_by(SalesDay.day, SalesDay.seller_id)
        ))
