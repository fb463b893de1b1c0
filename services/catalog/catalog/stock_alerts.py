"""Low-stock alerts: StockLow for the other services and an email to the seller, once per crossing of the threshold."""
from __future__ import annotations

import logging
from datetime import datetime

from catalog.domain.products import is_low_on_stock
from catalog.models import ApprovedSeller, Product
from servicekit.db import UnitOfWork
from servicekit.notifications import queue_notification

log = logging.getLogger(__name__)


def _email_seller(uow: UnitOfWork, product: Product) -> None:
    seller = uow.session.get(ApprovedSeller, product.seller_id)
    if seller is None or seller.contact_email is None:
        log.info("no email known for seller %s: low stock of product %s not mailed", product.seller_id, product.id)
        return
    queue_notification(
        uow.session,
        channel="email",
        to=seller.contact_email,
        subject=f"Low stock: {product.name}",
        body=(
            f"{product.name} is down to {product.stock} in stock, at or below the {product.low_stock_threshold} "
            "you asked to be told about. Restock it in the seller center to keep it on sale."
        ),
    )


def alert_when_low_on_stock(uow: UnitOfWork, product: Product, at: datetime) -> None:
    """Tell the seller once when stock reaches the threshold; re-arm only once it is back above."""
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
        _email_seller(uow, product)
    product.low_stock_alerted = low
