"""Catalog use cases: categories, products and their lifecycle, approved sellers."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from catalog.domain.categories import move_keeps_a_tree, subtree
from catalog.domain.products import (
    STOREFRONT_STATUSES,
    SUSPENDED,
    SuspendedByAdmin,
    status_after_seller_edit,
    status_after_stock_change,
    status_after_suspension_lifted,
)
from catalog.domain.variants import some_variant_below_zero
from catalog.models import ApprovedSeller, Category, Product
from catalog.product_events import facts_of, record_if_changed, record_listed
from catalog.stock_alerts import alert_when_low_on_stock
from servicekit.db import UnitOfWork
from servicekit.identity import Identity
from servicekit.problems import Problem

ADMIN = "admin"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _text_id(value: uuid.UUID | str | None) -> str | None:
    return None if value is None else str(value)


def record_approved_seller(uow: UnitOfWork, seller: dict[str, Any]) -> None:
    uow.session.merge(
        ApprovedSeller(
            seller_id=seller["seller_id"],
            account_id=seller["account_id"],
            display_name=seller["display_name"],
            contact_email=seller.get("contact_email"),
            approved_at=seller["approved_at"],
        )
    )


def _slug_taken() -> Problem:
    return Problem(409, "category-slug-taken", "Slug taken", "Another category already uses this slug.")


def _unknown_category(field: str) -> Problem:
    return Problem(
        422,
        "unknown-category",
        "Unknown category",
        "No category has this id.",
        errors={field: ["No category has this id."]},
    )


def _refuse_unknown_category(session: Session, category_id: str | None, field: str) -> None:
    if category_id is not None and session.get(Category, category_id) is None:
        raise _unknown_category(field)


def _refuse_taken_slug(session: Session, slug: str) -> None:
    if session.scalar(select(Category.id).where(Category.slug == slug)) is not None:
        raise _slug_taken()


def _commit_category(uow: UnitOfWork) -> None:
    try:
        uow.commit()
    except IntegrityError:
        # Another category took the slug between the check and the commit; the unique index decided.
        raise _slug_taken() from None


def create_category(uow: UnitOfWork, fields: dict[str, Any]) -> Category:
    parent_id = _text_id(fields["parent_id"])
    _refuse_unknown_category(uow.session, parent_id, "parent_id")
    _refuse_taken_slug(uow.session, fields["slug"])
    category = Category(
        id=str(uuid.uuid4()),
        parent_id=parent_id,
        name=fields["name"],
        slug=fields["slug"],
        position=fields["position"],
        created_at=_now(),
    )
    uow.session.add(category)
    _commit_category(uow)
    return category


def edit_category(uow: UnitOfWork, category_id: str, changes: dict[str, Any]) -> Category:
    """Rename, re-slug, reorder or move a category; a move under itself or its own descendant is refused."""
    # Lock the whole tree: two moves checked at once could otherwise join into a cycle.
    parent_of = dict(uow.session.execute(select(Category.id, Category.parent_id).with_for_update()).all())
    category = uow.session.get(Category, category_id)
    if category is None:
        raise Problem(404, "category-not-found", "Not Found", "No category has this id.")
    if "parent_id" in changes:
        changes["parent_id"] = _text_id(changes["parent_id"])
        if changes["parent_id"] is not None and changes["parent_id"] not in parent_of:
            raise _unknown_category("parent_id")
        if not move_keeps_a_tree(category_id, changes["parent_id"], parent_of):
            raise Problem(
                409,
                "category-move-into-own-subtree",
                "Move refused",
                "A category cannot move under itself or one of its descendants.",
            )
    if changes.get("slug", category.slug) != category.slug:
        _refuse_taken_slug(uow.session, changes["slug"])
    for field, value in changes.items():
        setattr(category, field, value)
    _commit_category(uow)
    return category


def category_tree(uow: UnitOfWork) -> list[dict[str, Any]]:
    """Every root category with its children nested, each level ordered by position, then name."""
    categories = list(uow.session.scalars(select(Category).order_by(Category.position, Category.name)))
    nodes = {
        c.id: {
            "id": c.id,
            "parent_id": c.parent_id,
            "name": c.name,
            "slug": c.slug,
            "position": c.position,
            "created_at": c.created_at,
            "children": [],
        }
        for c in categories
    }
    roots: list[dict[str, Any]] = []
    for category in categories:
        siblings = roots if category.parent_id is None else nodes[category.parent_id]["children"]
        siblings.append(nodes[category.id])
    return roots


def category_and_descendants(session: Session, category_id: str) -> set[str]:
    parent_of = dict(session.execute(select(Category.id, Category.parent_id)).all())
    return subtree(category_id, parent_of)


def sees_every_status(viewer: Identity, seller_id: str) -> bool:
    """Drafts and suspended products are shown only to their seller and to admins."""
    return viewer.has_role(ADMIN) or (viewer.seller_id is not None and viewer.seller_id == seller_id)


def visible_to(viewer: Identity) -> ColumnElement[bool]:
    """The products `viewer` may see in lists: never deleted ones; the storefront plus their own or, for admins, all."""
    if viewer.has_role(ADMIN):
        return Product.deleted_at.is_(None)
    shown = Product.status.in_(STOREFRONT_STATUSES)
    if viewer.seller_id is not None:
        shown = or_(shown, Product.seller_id == viewer.seller_id)
    return Product.deleted_at.is_(None) & shown


def _product_not_found() -> Problem:
    return Problem(404, "product-not-found", "Not Found", "No product has this id.")


def shown_product(uow: UnitOfWork, product_id: str, viewer: Identity) -> Product:
    product = uow.session.get(Product, product_id)
    if product is None or product.deleted_at is not None:
        raise _product_not_found()
    if product.status not in STOREFRONT_STATUSES and not sees_every_status(viewer, product.seller_id):
        raise _product_not_found()
    return product


def _live_product(uow: UnitOfWork, product_id: str, *, for_update: bool = True) -> Product:
    """A product not deleted, locked for a change unless told otherwise."""
    product = uow.session.get(Product, product_id, with_for_update=for_update)
    if product is None or product.deleted_at is not None:
        raise _product_not_found()
    return product


def owned_product(uow: UnitOfWork, seller_id: str | None, product_id: str, *, for_update: bool = True) -> Product:
    """The seller's own live product; another seller's is answered as missing, so ids cannot be probed."""
    product = _live_product(uow, product_id, for_update=for_update)
    if product.seller_id != seller_id:
        raise _product_not_found()
    return product


def managed_product(uow: UnitOfWork, viewer: Identity, product_id: str) -> Product:
    """A live product as its seller or an admin reads its figures; to anyone else it is missing."""
    product = _live_product(uow, product_id, for_update=False)
    if not sees_every_status(viewer, product.seller_id):
        raise _product_not_found()
    return product


def refuse_unapproved_seller(uow: UnitOfWork, seller_id: str | None) -> None:
    if seller_id is None or uow.session.get(ApprovedSeller, seller_id) is None:
        raise Problem(
            403,
            "seller-not-approved",
            "Seller not approved",
            "Only sellers whose registration an admin approved may run a shop.",
        )


def create_product(uow: UnitOfWork, seller_id: str | None, fields: dict[str, Any]) -> Product:
    refuse_unapproved_seller(uow, seller_id)
    category_id = _text_id(fields["category_id"])
    _refuse_unknown_category(uow.session, category_id, "category_id")
    now = _now()
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
        created_at=now,
        updated_at=now,
    )
    uow.session.add(product)
    record_listed(uow, product)
    uow.commit()
    return product


def _refuse_edit_against_variants(product: Product, changes: dict[str, Any]) -> None:
    if not product.option_names:
        return
    if "stock" in changes:
        raise Problem(
            422,
            "stock-follows-variants",
            "Stock follows the variants",
            "This product has variants: change their stock instead.",
            errors={"stock": ["Set the stock of each variant."]},
        )
    if some_variant_below_zero(changes.get("price", product.price), product.variants):
        raise Problem(
            422,
            "variant-price-below-zero",
            "A variant would cost less than nothing",
            "At this price some variant's price difference takes it below 0 won.",
            errors={"price": ["Some variant would cost less than 0 won at this price."]},
        )


def edit_product(uow: UnitOfWork, seller_id: str | None, product_id: str, changes: dict[str, Any]) -> Product:
    """Apply a seller's partial edit of their own product; the status follows the stock as on a sale."""
    product = owned_product(uow, seller_id, product_id)
    if "category_id" in changes:
        changes["category_id"] = _text_id(changes["category_id"])
        _refuse_unknown_category(uow.session, changes["category_id"], "category_id")
    if product.sale_price is not None and changes.get("price", product.price) <= product.sale_price:
        raise Problem(
            422,
            "price-not-above-sale-price",
            "Price not above the sale price",
            "Clear the sale first, or keep the price above its sale price.",
            errors={"price": [f"The price must stay above the sale price ({product.sale_price} won)."]},
        )
    _refuse_edit_against_variants(product, changes)
    wanted = changes.pop("status", None)
    try:
        status = status_after_seller_edit(product.status, wanted, changes.get("stock", product.stock))
    except SuspendedByAdmin:
        raise Problem(
            409,
            "product-suspended",
            "Product suspended",
            "An admin suspended this product; only an admin can lift the suspension.",
            suspension_reason=product.suspension_reason,
        ) from None
    now = _now()
    before = facts_of(product)
    for field, value in changes.items():
        setattr(product, field, value)
    product.status = status
    product.updated_at = now
    record_if_changed(uow, product, before, now)
    alert_when_low_on_stock(uow, product, now)
    uow.commit()
    return product


def delete_product(uow: UnitOfWork, seller_id: str | None, product_id: str) -> None:
    """Take a product off the catalog for good; its row stays because orders and reservations name it."""
    product = owned_product(uow, seller_id, product_id)
    before = facts_of(product)
    product.deleted_at = product.updated_at = _now()
    record_if_changed(uow, product, before, product.updated_at)
    uow.commit()


def suspend_product(uow: UnitOfWork, product_id: str, reason: str) -> Product:
    product = _live_product(uow, product_id)
    before = facts_of(product)
    product.status = SUSPENDED
    product.suspension_reason = reason
    product.updated_at = _now()
    record_if_changed(uow, product, before, product.updated_at)
    uow.commit()
    return product


def lift_suspension(uow: UnitOfWork, product_id: str) -> Product:
    product = _live_product(uow, product_id)
    if product.status != SUSPENDED:
        raise Problem(409, "product-not-suspended", "Not suspended", "This product is not suspended.")
    before = facts_of(product)
    product.status = status_after_suspension_lifted(product.stock)
    product.suspension_reason = None
    product.updated_at = _now()
    record_if_changed(uow, product, before, product.updated_at)
    uow.commit()
    return product
