"""ProductListed and ProductChanged: what other services (support) learn of whose a product is and what it is called."""
from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from catalog.models import Product
from servicekit.db import UnitOfWork

DELETED = "deleted"


class ProductFacts(NamedTuple):
    """What the other services keep of a product: a change of any of it is told."""

    name: str
    category_id: str | None
    status: str


def facts_of(product: Product) -> ProductFacts:
    # A deleted product keeps its last status in its row; to the others it is simply deleted.
    status = DELETED if product.deleted_at is not None else product.status
    return ProductFacts(product.name, product.category_id, status)


def record_listed(uow: UnitOfWork, product: Product) -> None:
    uow.record(
        "ProductListed",
        {
            "product_id": product.id,
            "seller_id": product.seller_id,
            "name": product.name,
            "category_id": product.category_id,
            "listed_at": product.created_at,
        },
    )


def record_if_changed(uow: UnitOfWork, product: Product, before: ProductFacts, at: datetime) -> None:
    """Tell the others when the product's name, category or status is no longer what it was."""
    after = facts_of(product)
    if after == before:
        return
    uow.record(
        "ProductChanged",
        {
            "product_id": product.id,
            "seller_id": product.seller_id,
            "name": after.name,
            "category_id": after.category_id,
            "status": after.status,
            "changed_at": at,
        },
    )
