"""Low-stock alerts: StockLow, once per crossing of the threshold; the notifications service tells the seller."""
from __future__ import annotations

from datetime import datetime

from catalog.domain.products import is_low_on_stock
from catalog.models import Product
from servicekit.db import UnitOfWork


def alert_when_low_on_stock(uow: UnitOfWork, product: Product, at: datetime) -> None:
    """Announce once that stock reached the threshold; re-arm only once it is back above."""
    low = is_low_on_stock(product.stock, product.low_stock_threshold)
    if low and not product.low_stock_alerted:
        uow.record(
            "StockLow",
            {
                "product_id": product.id,
                "seller_id": product.seller_id,
                "product_name": product.name,
                "stock": product.stock,
                "threshold": product.low_stock_threshold,
                "at": at,
            },
        )
    product.low_stock_alerted = low
