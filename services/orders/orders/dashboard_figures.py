"""Orders' part of the seller dashboard (G6): sales today, this week and this month against the same days of
the period before, and how many shipments and claims wait in each state; a seller's own, or the platform's.

Sales come from the daily rollup (orders.sales_statistics), one row per seller and day, so a year of orders
costs the same as a day's; what waits is counted in the database through the seller-and-status indexes.
"""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from contracts.dashboard import PLATFORM_SCOPE, SELLER_SCOPE
from contracts.order_statuses import DELIVERED, PAID, PREPARING, SHIPPING
from orders.domain.claims import OPEN_STATES
from orders.domain.visibility import NotVisible, Viewer
from orders.models import Shipment
from orders.models.claims import Claim
from orders.models.rollups import SalesDay
from orders.visible_orders import shipments_seen_by
from servicekit import clock
from servicekit.korean_calendar import korean_day
from servicekit.periods_so_far import compared_periods
from servicekit.problems import Problem
from servicekit.runtime import Runtime

# The dashboard's periods: today against yesterday, this week and this month so far against the same days before.
PERIODS = {"today": "day", "this_week": "week", "this_month": "month"}
# The shipments waiting on someone, under the names the dashboard shows them by.
WAITING = {PAID: "new", PREPARING: "preparing", SHIPPING: "shipping", DELIVERED: "delivered"}


def dashboard_figures(runtime: Runtime, viewer: Viewer) -> dict:
    """The figures of the viewer's shop, or of the whole platform for an admin; 403 for anyone else."""
    try:
        seller_id = viewer.sales_seen(None)
    except NotVisible as refused:
        raise Problem(403, "forbidden", "Forbidden", refused.args[0]) from None
    table = SalesDay.__table__
    # A seller's orders, or the platform's, where an order of several sellers is one.
    orders = table.c.orders if seller_id is not None else table.c.platform_orders
    shop = [table.c.seller_id == seller_id] if seller_id is not None else []
    with runtime.unit_of_work() as uow:
        sales = compared_periods(
            uow.session, table.c.day, {"orders": orders, "revenue": table.c.revenue}, PERIODS,
            korean_day(clock.now()), *shop,
        )
        statuses = _waiting(uow.session, viewer)
    return {"scope": SELLER_SCOPE if seller_id is not None else PLATFORM_SCOPE, **sales, "statuses": statuses}


def _waiting(session: Session, viewer: Viewer) -> dict[str, int]:
    counted = dict(
        session.execute(
            shipments_seen_by(viewer)
            .with_only_columns(Shipment.status, func.count())
            .where(Shipment.status.in_(WAITING))
            .group_by(Shipment.status)
        ).all()
    )
    claims = select(func.count()).select_from(Claim).where(Claim.status.in_(OPEN_STATES))
    if not viewer.is_admin:
        claims = claims.where(Claim.seller_id == viewer.seller_id)
    return {**{shown: counted.get(status, 0) for status, shown in WAITING.items()},
            "claims_open": session.scalar(claims)}
