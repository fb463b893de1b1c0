"""Products and their lifecycle: a seller lists, edits and deletes their own; admins suspend and lift; anyone
browses what they may see."""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import joinedload, selectinload

from catalog.approved_sellers import refuse_unapproved_seller
from catalog.categories import category_and_descendants, refuse_unknown_category, text_id
from catalog.domain.people import Viewer
from catalog.domain.products import (
    SUSPENDED,
    SuspendedByAdmin,
    is_stale,
    status_after_seller_edit,
    status_after_stock_change,
    status_after_suspension_lifted,
)
from catalog.domain.stock import MAX_STOCK, stock_after_adjustment
from catalog.domain.variants import some_variant_below_zero
from catalog.models import Product
from catalog.product_events import facts_of, record_if_changed, record_listed
from catalog.search import ProductSearch, index_for_search, products_matching, visible_to
from catalog.shown_products import ShownProduct, product_with_seller, shown, with_primary_image
from catalog.stock_alerts import alert_when_low_on_stock
from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.languages import _
from servicekit.pagination import PagedQuery
from servicekit.problems import Problem
from servicekit.runtime import Runtime


# What a product's answer shows beside its own row: the thumbnail of its primary image.
SHOWN = (selectinload(Product.primary_image),)
# The same, joined to the product's own query where nothing is locked (FOR UPDATE cannot lock the nullable side of
# an outer join): one round trip less for every page of the storefront.
SHOWN_UNLOCKED = (joinedload(Product.primary_image),)


def _product_not_found() -> Problem:
    return Problem(404, "product-not-found", "Not Found", _("No product has this id."))


def browse_products(
    runtime: Runtime, viewer: Viewer, query: dict[str, Any], pagination_parameters
) -> list[ShownProduct]:
    """The page asked for of the products `viewer` may see that match `query`, in the order it asks."""
    with runtime.unit_of_work() as uow:
        categories = (
            category_and_descendants(uow.session, str(query["category_id"])) if "category_id" in query else None
        )
        search = ProductSearch(
            visible=visible_to(viewer),
            keyword=query.get("q"),
            category_ids=categories,
            seller_id=text_id(query.get("seller_id")),
            status=query.get("status"),
            min_price=query.get("min_price"),
            max_price=query.get("max_price"),
            sort=query.get("sort"),
        )
        connection = uow.session.connection()
        return shown(connection, _paged_search(uow.session, search).rows(connection, pagination_parameters))


# The statements of each search that holds nothing of its request (ProductSearch.unfiltered_shape), built on first
# use: the storefront's pages, most of what shoppers ask, then cost no statement building per request.
_UNFILTERED_SEARCHES: dict[tuple[str, str], PagedQuery] = {}


def _paged_search(session, search: ProductSearch) -> PagedQuery:
    shape = search.unfiltered_shape()
    paged = None if shape is None else _UNFILTERED_SEARCHES.get(shape)
    if paged is None:
        paged = PagedQuery(with_primary_image(products_matching(session, search)))
        if shape is not None:
            _UNFILTERED_SEARCHES[shape] = paged
    return paged


def _refuse_unseen(product, viewer: Viewer) -> None:
    """A deleted product, or one off the storefront that is not theirs, is missing to `viewer`."""
    if product is None or product.deleted_at is not None or not viewer.sees(product.status, product.seller_id):
        raise _product_not_found()


def shown_product(uow: UnitOfWork, product_id: str, viewer: Viewer) -> Product:
    """A product `viewer` may see; a deleted one, or one off the storefront that is not theirs, is missing."""
    product = uow.session.get(Product, product_id, options=SHOWN_UNLOCKED)
    _refuse_unseen(product, viewer)
    return product


def product_page(runtime: Runtime, product_id: str, viewer: Viewer) -> ShownProduct:
    """A product as its page shows it: with its seller's name and rating (R4) beside it."""
    with runtime.unit_of_work() as uow:
        product = product_with_seller(uow.session.connection(), product_id)
    _refuse_unseen(product, viewer)
    return product


def _refuse_stale(product: Product, based_on: frozenset[int] | None) -> None:
    """Refuse a change based on a version of the product before its current one: it would undo what changed
    since, such as units orders reserved after the seller read the stock."""
    if is_stale(product.version, based_on):
        raise Problem(
            412,
            "stale-product",
            _("Product changed since read"),
            _(
                "This product changed after the version your change is based on (orders may have reserved some of "
                "its stock): reload it and make your change again on what it is now."
            ),
            version=product.version,
        )


def _live_product(
    uow: UnitOfWork, product_id: str, *, for_update: bool = True, based_on: frozenset[int] | None = None
) -> Product:
    """A product not deleted, locked for a change unless told otherwise, and at one of the versions `based_on`
    (a client's If-Match) when it names any."""
    product = uow.session.get(Product, product_id, with_for_update=for_update, options=SHOWN)
    if product is None or product.deleted_at is not None:
        raise _product_not_found()
    _refuse_stale(product, based_on)
    return product


def owned_product(
    uow: UnitOfWork,
    seller_id: str | None,
    product_id: str,
    *,
    for_update: bool = True,
    based_on: frozenset[int] | None = None,
) -> Product:
    """The seller's own live product, at one of the versions `based_on` when it names any; another seller's is
    answered as missing, so ids (and versions) cannot be probed."""
    product = _live_product(uow, product_id, for_update=for_update)
    if product.seller_id != seller_id:
        raise _product_not_found()
    _refuse_stale(product, based_on)
    return product


def managed_product(uow: UnitOfWork, viewer: Viewer, product_id: str) -> Product:
    """A live product as its seller or an admin reads its figures; to anyone else it is missing."""
    product = _live_product(uow, product_id, for_update=False)
    if not viewer.sees_every_status(product.seller_id):
        raise _product_not_found()
    return product


def create_product(runtime: Runtime, seller_id: str | None, fields: dict[str, Any]) -> Product:
    with runtime.unit_of_work() as uow:
        refuse_unapproved_seller(uow, seller_id)
        category_id = text_id(fields["category_id"])
        refuse_unknown_category(uow.session, category_id, "category_id")
        now = clock.now()
        product = Product(
            id=str(uuid.uuid4()),
            seller_id=seller_id,
            name=fields["name"],
            description=fields["description"],
            price=fields["price"],
            stock=fields["stock"],
            status=status_after_stock_change(fields["status"], fields["stock"]),
            category_id=category_id,
            low_stock_threshold=fields["low_stock_threshold"],
            low_stock_alerted=False,
            option_names=[],
            variants=[],
            primary_image=None,
            created_at=now,
            updated_at=now,
        )
        index_for_search(product)
        uow.session.add(product)
        record_listed(uow, product)
        uow.commit()
    return product


def _refuse_edit_against_variants(product: Product, changes: dict[str, Any]) -> None:
    if not product.option_names:
        return
    for field in ("stock", "stock_adjustment"):
        if field in changes:
            raise Problem(
                422,
                "stock-follows-variants",
                _("Stock follows the variants"),
                _("This product has variants: change their stock instead."),
                errors={field: [_("Set the stock of each variant.")]},
            )
    if some_variant_below_zero(changes.get("price", product.price), product.variants):
        raise Problem(
            422,
            "variant-price-below-zero",
            _("A variant would cost less than nothing"),
            _("At this price some variant's price difference takes it below 0 won."),
            errors={"price": [_("Some variant would cost less than 0 won at this price.")]},
        )


def _adjusted_stock(product: Product, adjustment: int) -> int:
    adjusted = stock_after_adjustment(product.stock, adjustment)
    if adjusted is None:
        raise Problem(
            422,
            "stock-adjustment-out-of-bounds",
            _("Stock adjustment out of bounds"),
            _(
                "The product holds %(stock)s now; an adjustment may take its stock to between 0 and %(max_stock)s.",
                stock=product.stock,
                max_stock=MAX_STOCK,
            ),
            errors={"stock_adjustment": [_("From %(low)s to %(high)s now.", low=-product.stock, high=MAX_STOCK - product.stock)]},
        )
    return adjusted


def edit_product(
    runtime: Runtime,
    seller_id: str | None,
    product_id: str,
    changes: dict[str, Any],
    based_on: frozenset[int] | None = None,
) -> Product:
    """Apply a seller's partial edit of their own product, based on one of the versions `based_on` when it names
    any; the status follows the stock as on a sale.

    A `stock_adjustment` applies to the stock as it is when the edit applies; a `stock` replaces it.
    """
    with runtime.unit_of_work() as uow:
        product = owned_product(uow, seller_id, product_id, based_on=based_on)
        if "category_id" in changes:
            changes["category_id"] = text_id(changes["category_id"])
            refuse_unknown_category(uow.session, changes["category_id"], "category_id")
        if product.sale_price is not None and changes.get("price", product.price) <= product.sale_price:
            raise Problem(
                422,
                "price-not-above-sale-price",
                _("Price not above the sale price"),
                _("Clear the sale first, or keep the price above its sale price."),
                errors={"price": [_("The price must stay above the sale price (%(sale_price)s won).", sale_price=product.sale_price)]},
            )
        _refuse_edit_against_variants(product, changes)
        if "stock_adjustment" in changes:
            changes["stock"] = _adjusted_stock(product, changes.pop("stock_adjustment"))
        wanted = changes.pop("status", None)
        try:
            status = status_after_seller_edit(product.status, wanted, changes.get("stock", product.stock))
        except SuspendedByAdmin:
            raise Problem(
                409,
                "product-suspended",
                _("Product suspended"),
                _("An admin suspended this product; only an admin can lift the suspension."),
                suspension_reason=product.suspension_reason,
            ) from None
        now = clock.now()
        before = facts_of(product)
        for field, value in changes.items():
            setattr(product, field, value)
        if changes.keys() & {"name", "description"}:
            index_for_search(product)
        product.status = status
        product.updated_at = now
        record_if_changed(uow, product, before, now)
        alert_when_low_on_stock(uow, product, now)
        uow.commit()
    return product


def delete_product(
    runtime: Runtime, seller_id: str | None, product_id: str, based_on: frozenset[int] | None = None
) -> None:
    """Take a product off the catalog for good; its row stays because orders and reservations name it."""
    with runtime.unit_of_work() as uow:
        product = owned_product(uow, seller_id, product_id, based_on=based_on)
        before = facts_of(product)
        product.deleted_at = product.updated_at = clock.now()
        record_if_changed(uow, product, before, product.updated_at)
        uow.commit()


def suspend_product(
    runtime: Runtime, product_id: str, reason: str, based_on: frozenset[int] | None = None
) -> Product:
    with runtime.unit_of_work() as uow:
        product = _live_product(uow, product_id, based_on=based_on)
        before = facts_of(product)
        product.status = SUSPENDED
        product.suspension_reason = reason
        product.updated_at = clock.now()
        record_if_changed(uow, product, before, product.updated_at)
        uow.commit()
    return product


def lift_suspension(runtime: Runtime, product_id: str, based_on: frozenset[int] | None = None) -> Product:
    with runtime.unit_of_work() as uow:
        product = _live_product(uow, product_id, based_on=based_on)
        if product.status != SUSPENDED:
            raise Problem(409, "product-not-suspended", _("Not suspended"), _("This product is not suspended."))
        before = facts_of(product)
        product.status = status_after_suspension_lifted(product.stock)
        product.suspension_reason = None
        product.updated_at = clock.now()
        record_if_changed(uow, product, before, product.updated_at)
        uow.commit()
    return product