"""Product views (C4): every view counted per Korean calendar day, and each visitor once a day, kept only as a hash."""
from __future__ import annotations

import hashlib
from datetime import date, timedelta

from sqlalchemy import select, update

from catalog.domain.people import Viewer
from catalog.models import ProductDailyViews, ProductDayVisitor, ShopDailyViews, ShopDayVisitor
from catalog.products import managed_product, shown_product
from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.korean_calendar import korean_day
from servicekit.runtime import Runtime


def korean_today() -> date:
    return korean_day(clock.now())


def visitor_hash(place: str, day: date, subject: str | None, client_ip: str | None, user_agent: str | None) -> str:
    """Who viewed, as a hash that means nothing outside this place (a product, or a shop) and day.

    A signed-in visitor is their subject on every device; anyone else is their address and browser together.
    """
    visitor = f"subject:{subject}" if subject else f"client:{client_ip or ''}\n{user_agent or ''}"
    return hashlib.sha256(f"{place}\n{day.isoformat()}\n{visitor}".encode()).hexdigest()


def _count(uow: UnitOfWork, days: type[ProductDailyViews | ShopDailyViews], key: dict, new_visitor: bool) -> None:
    """Add a view, and a visitor if new, to the row of `key` in `days`, making the day's row if it is the first."""

    def add_to_row() -> int:
        return uow.session.execute(
            update(days).filter_by(**key).values(views=days.views + 1, visitors=days.visitors + int(new_visitor))
        ).rowcount

    if not add_to_row() and not uow.add_once(days(**key, views=1, visitors=int(new_visitor))):
        add_to_row()


def count_view(
    runtime: Runtime, viewer: Viewer, product_id: str, client_ip: str | None, user_agent: str | None
) -> None:
    """Count one view of a product `viewer` may see on the product's day and on its shop's, with one visitor on
    the product's if this one was not seen on it that day, and on the shop's if not seen on any of its products.

    The unique keys decide races: a visitor or a day's row inserted twice at once fails the second insert,
    which then counts as a repeat visitor, or adds to the row the first insert made. Every view locks the
    product's row before the shop's, so views of one shop's products cannot deadlock.
    """
    with runtime.unit_of_work() as uow:
        product = shown_product(uow, product_id, viewer)
        day = korean_today()
        seen = (day, viewer.subject, client_ip, user_agent)
        new_visitor = uow.add_once(
            ProductDayVisitor(product_id=product.id, day=day, visitor_hash=visitor_hash(product.id, *seen))
        )
        _count(uow, ProductDailyViews, {"product_id": product.id, "day": day}, new_visitor)
        # Someone seen on this product today was seen on the shop today, so only a new one is looked up.
        new_shop_visitor = new_visitor and uow.add_once(
            ShopDayVisitor(seller_id=product.seller_id, day=day, visitor_hash=visitor_hash(product.seller_id, *seen))
        )
        _count(uow, ShopDailyViews, {"seller_id": product.seller_id, "day": day}, new_shop_visitor)
        uow.commit()


def views_by_day(runtime: Runtime, viewer: Viewer, product_id: str, first: date, last: date) -> list[dict]:
    """Every day from `first` to `last`, oldest first, with zeros for the days nobody came: for the product's
    seller and admins."""
    with runtime.unit_of_work() as uow:
        product_id = managed_product(uow, viewer, product_id).id
        counted = {
            row.day: row
            for row in uow.session.scalars(
                select(ProductDailyViews).where(
                    ProductDailyViews.product_id == product_id, ProductDailyViews.day.between(first, last)
                )
            )
        }
    days = (first + timedelta(days=offset) for offset in range((last - first).days + 1))
    return [
        {
            "day": day,
            "views": counted[day].views if day in counted else 0,
            "visitors": counted[day].visitors if day in counted else 0,
        }
        for day in days
    ]
