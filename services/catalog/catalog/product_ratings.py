"""Products' ratings as reviews counts them, kept for the storefront's rating sort and product pages."""
from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from catalog.models import Product
from servicekit.db import UnitOfWork

log = logging.getLogger(__name__)


def apply_rating(uow: UnitOfWork, rating: dict[str, Any]) -> None:
    """Take the product's new rating unless a newer one was already taken (events may arrive late or twice)."""
    product = uow.session.get(Product, rating["product_id"], with_for_update=True)
    if product is None:
        log.warning("rating of unknown product %s ignored", rating["product_id"])
        return
    if rating["version"] <= product.rating_version:
        return
    count = rating["review_count"]
    # With no visible review left the product is unrated again, so it sorts with the unrated.
    product.rating_average = Decimal(rating["average_centi"]).scaleb(-2) if count else None
    product.rating_count = count
    product.rating_version = rating["version"]
