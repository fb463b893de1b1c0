"""Sellers' ratings as reviews counts them over all their products, kept for their shop's page and their
products' pages."""
from __future__ import annotations

from typing import Any

from catalog.domain.ratings import average_rating, supersedes
from catalog.models import SellerRating
from servicekit.db import UnitOfWork


def apply_seller_rating(uow: UnitOfWork, rating: dict[str, Any]) -> None:
    """Take the seller's new rating unless a newer one was already taken.

    It is kept even before the seller's approval reaches catalog (the two come from different services, in
    any order); it shows once the seller is approved. The first rating of a seller taken by two workers at
    once fails the second insert, and that event is retried, to find the row.
    """
    seller = uow.session.get(SellerRating, rating["seller_id"], with_for_update=True)
    if seller is None:
        seller = SellerRating(seller_id=rating["seller_id"], version=0)
        uow.session.add(seller)
    if not supersedes(rating["version"], seller.version):
        return
    seller.average = average_rating(rating["average_centi"], rating["review_count"])
    seller.review_count = rating["review_count"]
    seller.version = rating["version"]
    uow.session.flush()
