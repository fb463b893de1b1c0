"""Products' ratings as reviews counts them, kept for the storefront's rating sort and product pages."""
from __future__ import annotations

import logging
from typing import Any

from catalog.domain.ratings import average_rating, supersedes
from catalog.models import Product
from servicekit.db import UnitOfWork

log = logging.getLogger(__name__)


def apply_rating(uow: UnitOfWork, rating: dict[str, Any]) -> None:
    """Take the product's new rating unless a newer one was already taken."""
    product = uow.session.get(Product, rating["product_id"], with_for_update=True)
    if product is None:
        log.warning("rating of unknown product %s ignored", rating["product_id"])
        return
    if not supersedes(rating["version"], product.rating_version):
        return
    product.rating_average = average_rating(rating["average_centi"], rating["review_count"])
    product.rating_count = rating["review_count"]
    product.rating_version = rating["version"]
