"""Catalog's part of the seller dashboard (G6): visitors of product pages today and this week against the same
days before, and the products running low on stock; a seller's own shop, or the whole platform's for an admin.

Visitors come from the shops' daily rows (catalog.product_views counts them with each view), so a year of views
costs the same as a day's; low stock is read through a partial index that holds only the products at or below
their threshold.
"""
from __future__ import annotations

from sqlalchemy import func, select

from catalog.domain.people import Viewer
from catalog.domain.products import STOREFRONT_STATUSES
from catalog.models import Product, ShopDailyViews
from catalog.visitor_statistics import shop_seen
from contracts.dashboard import LISTED_ROWS, PLATFORM_SCOPE, SELLER_SCOPE
from servicekit import clock
from servicekit.korean_calendar import korean_day
from servicekit.periods_so_far import compared_periods
from servicekit.runtime import Runtime

PERIODS = {"today": "day", "this_week": "week"}
# As catalog.domain.products.is_low_on_stock says it, in SQL; the partial index ix_products_low_stock holds these.
LOW_ON_STOCK = (
    Product.deleted_at.is_(None) & (Product.low_stock_threshold > 0) & (Product.stock <= Product.low_stock_threshold)
)


def dashboard_figures(runtime: Runtime, viewer: Viewer) -> dict:
    """The viewer's shop's figures, or the platform's for an admin; 403 for anyone else."""
    seller_id = shop_seen(viewer, None)
    views = ShopDailyViews.__table__
    with runtime.unit_of_work() as uow:
        visits = compared_periods(
            uow.session, views.c.day, {"visitors": views.c.visitors, "views": views.c.views}, PERIODS,
            korean_day(clock.now()), *([views.c.seller_id == seller_id] if seller_id is not None else []),
        )
        # Products on the storefront only: a draft or suspended one is not being sold out.
        low = select(Product).where(LOW_ON_STOCK, Product.status.in_(STOREFRONT_STATUSES))
        if seller_id is not None:
            low = low.where(Product.seller_id == seller_id)
        count = uow.session.scalar(select(func.count()).select_from(low.subquery()))
        fewest = uow.session.execute(
            low.with_only_columns(Product.id, Product.name, Product.stock, Product.low_stock_threshold)
            .order_by(Product.stock, Product.name, Product.id)
            .limit(LISTED_ROWS)
        ).all()
    return {
        "scope": SELLER_SCOPE if seller_id is not None else PLATFORM_SCOPE,
        "visits": visits,
        "low_stock": {
            "count": count,
            "products": [
                {"id": row.id, "name": row.name, "stock": row.stock, "threshold": row.low_stock_threshold}
                for row in fewest
            ],
        },
    }
