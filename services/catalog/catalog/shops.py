"""Sellers' shops as shoppers see them (R4): the seller's name, their rating over all their products, and how
many products they have on sale."""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from catalog.approved_sellers import seller_not_found
from catalog.domain.products import ON_SALE
from catalog.models import ApprovedSeller, Product
from servicekit.runtime import Runtime


def shop_of(runtime: Runtime, seller_id: str) -> dict[str, Any]:
    """An approved seller's shop; any other seller has none."""
    with runtime.unit_of_work() as uow:
        seller = uow.session.get(ApprovedSeller, seller_id, options=[selectinload(ApprovedSeller.rating)])
        if seller is None:
            raise seller_not_found()
        on_sale = uow.session.scalar(
            select(func.count())
            .select_from(Product)
            .where(Product.seller_id == seller_id, Product.status == ON_SALE, Product.deleted_at.is_(None))
        )
    return {
        "seller_id": seller.seller_id,
        "display_name": seller.display_name,
        "rating_average": seller.rating_average,
        "rating_count": seller.rating_count,
        "products_on_sale": on_sale,
    }
