"""Sale prices with a period (C5): a product's seller sets one or clears it."""
from __future__ import annotations

from typing import Any

from catalog.domain.pricing import sale_problems
from catalog.domain.variants import some_variant_below_zero
from catalog.models import Product
from catalog.products import owned_product
from servicekit import clock
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime


def set_sale(
    runtime: Runtime,
    seller_id: str | None,
    product_id: str,
    sale: dict[str, Any],
    based_on: frozenset[int] | None = None,
) -> Product:
    """Put the seller's product on sale for a period; a sale already set is replaced."""
    with runtime.unit_of_work() as uow:
        product = owned_product(uow, seller_id, product_id, based_on=based_on)
        problems = sale_problems(product.price, sale["sale_price"], sale["starts_at"], sale["ends_at"])
        if some_variant_below_zero(sale["sale_price"], product.variants):
            problems.setdefault("sale_price", []).append(_("Some variant would cost less than 0 won at this sale price."))
        if problems:
            raise Problem(
                422, "invalid-sale", _("Invalid sale"), _("The sale price or its period is not valid."), errors=problems
            )
        product.sale_price = sale["sale_price"]
        product.sale_starts_at = sale["starts_at"]
        product.sale_ends_at = sale["ends_at"]
        product.updated_at = clock.now()
        uow.commit()
    return product


def clear_sale(
    runtime: Runtime, seller_id: str | None, product_id: str, based_on: frozenset[int] | None = None
) -> Product:
    """End the seller's sale on a product at once: it sells at its price again."""
    with runtime.unit_of_work() as uow:
        product = owned_product(uow, seller_id, product_id, based_on=based_on)
        product.sale_price = product.sale_starts_at = product.sale_ends_at = None
        product.updated_at = clock.now()
        uow.commit()
    return product