"""Options and variants (C1): a product's seller replaces them as a whole."""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.domain.products import status_after_stock_change
from catalog.domain.variants import VariantDraft, stock_of, variant_problems
from catalog.models import Product, ProductVariant, ReservationLine
from catalog.product_events import facts_of, record_if_changed
from catalog.products import owned_product
from catalog.stock_alerts import alert_when_low_on_stock
from servicekit import clock
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime


def _drafts(variants: list[dict[str, Any]]) -> list[VariantDraft]:
    return [
        VariantDraft(
            id=None if v["id"] is None else str(v["id"]),
            option_values=tuple(v["option_values"]),
            price_difference=v["price_difference"],
            stock=v.get("stock"),
            sku=v["sku"],
            active=v["active"],
            stock_adjustment=v.get("stock_adjustment"),
        )
        for v in variants
    ]


def _ordered(session: Session, variant_ids: list[str]) -> set[str]:
    """Those of the variants some order reserved."""
    return set(session.scalars(select(ReservationLine.variant_id).where(ReservationLine.variant_id.in_(variant_ids))))


def _stocks_to_hold(drafts: list[VariantDraft], existing: dict[str, ProductVariant], problems: dict) -> list[int]:
    """What each variant holds once the drafts apply: its stock as given, or the stock it holds now adjusted (a new
    one holds none); `problems` gains each unknown id and each adjustment out of bounds."""
    stocks = []
    for index, draft in enumerate(drafts):
        if draft.id is not None and draft.id not in existing:
            problems[f"variants.{index}.id"] = [_("This product has no variant with this id.")]
            continue
        stock = draft.stock_to_hold(existing[draft.id].stock if draft.id is not None else 0)
        if stock is None:
            problems[f"variants.{index}.stock_adjustment"] = [_("It would take the variant's stock out of bounds.")]
        stocks.append(stock)
    return stocks


def replace_variants(
    runtime: Runtime,
    seller_id: str | None,
    product_id: str,
    body: dict[str, Any],
    based_on: frozenset[int] | None = None,
) -> Product:
    """Replace the option names and variants of the seller's product, based on one of the versions `based_on`
    when it names any; the product's stock becomes theirs.

    A variant given with its id keeps it. One left out is deleted, unless an order reserved it: then
    it stays, deactivated, since reservations and orders name it. A variant's `stock_adjustment` applies to
    the stock it holds when the change applies; its `stock` replaces it.
    """
    with runtime.unit_of_work() as uow:
        product = owned_product(uow, seller_id, product_id, based_on=based_on)
        drafts = _drafts(body["variants"])
        lowest_price = product.price if product.sale_price is None else product.sale_price
        problems = variant_problems(body["options"], drafts, lowest_price)
        existing = {variant.id: variant for variant in product.variants}
        stocks = _stocks_to_hold(drafts, existing, problems)
        if problems:
            raise Problem(
                422, "invalid-variants", _("Invalid variants"), _("The options or variants are not valid."), errors=problems
            )
        before = facts_of(product)
        variants = []
        for draft, stock in zip(drafts, stocks, strict=True):
            variant = existing.get(draft.id) or ProductVariant(id=str(uuid.uuid4()), product_id=product.id)
            variant.option_values = list(draft.option_values)
            variant.price_difference = draft.price_difference
            variant.stock = stock
            variant.sku = draft.sku
            variant.active = draft.active
            variants.append(variant)
        kept = {variant.id for variant in variants}
        left_out = [variant_id for variant_id in existing if variant_id not in kept]
        for variant_id in sorted(_ordered(uow.session, left_out)):
            existing[variant_id].active = False
            variants.append(existing[variant_id])
        for position, variant in enumerate(variants):
            variant.position = position
        product.variants = variants
        product.option_names = list(body["options"])
        if product.option_names:
            product.stock = stock_of(variants)
        now = clock.now()
        product.status = status_after_stock_change(product.status, product.stock)
        product.updated_at = now
        record_if_changed(uow, product, before, now)
        alert_when_low_on_stock(uow, product, now)
        uow.commit()
    return product