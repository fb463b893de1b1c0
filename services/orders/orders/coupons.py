"""Coupon use cases: creating, downloading, withdrawing, and applying coupons at checkout.

Coupons live in orders, not in catalog or a service of their own, because orders is where they take
effect: checkout recomputes every discount on the server from these tables inside its own
transaction, marks the coupons used with the order and frees them when the order is cancelled; and
compensation coupons that support grants arrive here as events.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from orders.domain.coupons import CouponNotUsable, OfferedCoupon, SellerDiscount, Terms, discounts, grantor_owns
from orders.domain.visibility import Viewer
from orders.models.rewards import Coupon, IssuedCoupon
from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.languages import _
from servicekit.pagination import page_of
from servicekit.problems import Problem
from servicekit.runtime import Runtime


@dataclass(frozen=True)
class AppliedCoupons:
    discount_by_seller: dict[str, SellerDiscount]  # seller_id -> won off that seller's shipment, in its two parts
    issued_coupon_ids: tuple[str, ...]


def terms_of(coupon: Coupon) -> Terms:
    return Terms(
        seller_id=coupon.seller_id,
        discount_type=coupon.discount_type,
        discount_value=coupon.discount_value,
        max_discount=coupon.max_discount,
        min_order_amount=coupon.min_order_amount,
        starts_at=coupon.starts_at,
        ends_at=coupon.ends_at,
        withdrawn=coupon.withdrawn_at is not None,
    )


def create_coupon(runtime: Runtime, viewer: Viewer, definition: dict[str, Any]) -> Coupon:
    """A seller's coupon for their own items, or an admin's platform coupon (of no seller).

    `definition` holds the coupon's validated columns: name, discount_type, discount_value,
    max_discount, min_order_amount, starts_at, ends_at and total_quantity.
    """
    coupon = Coupon(
        id=str(uuid.uuid4()),
        seller_id=viewer.seller_id,
        issued_count=0,
        created_at=clock.now(),
        withdrawn_at=None,
        **definition,
    )
    with runtime.unit_of_work() as uow:
        uow.session.add(coupon)
        uow.commit()
    return coupon


def downloadable_page(runtime: Runtime, seller_id: str | None, paging) -> list[Coupon]:
    """A page of the coupons customers can download now, newest first; of one seller when `seller_id` is given."""
    now = clock.now()
    statement = select(Coupon).where(
        Coupon.withdrawn_at.is_(None),
        Coupon.starts_at <= now,
        Coupon.ends_at > now,
        (Coupon.total_quantity.is_(None)) | (Coupon.issued_count < Coupon.total_quantity),
    )
    if seller_id is not None:
        statement = statement.where(Coupon.seller_id == seller_id)
    with runtime.unit_of_work() as uow:
        return page_of(uow.session, statement.order_by(Coupon.created_at.desc(), Coupon.id), paging)


def usable_page(runtime: Runtime, customer_id: str, paging) -> list[IssuedCoupon]:
    """A page of the customer's issued coupons that are unused and still valid, ending soonest first."""
    statement = (
        select(IssuedCoupon)
        .join(IssuedCoupon.coupon)
        .where(
            IssuedCoupon.customer_id == customer_id,
            IssuedCoupon.used_order_id.is_(None),
            Coupon.withdrawn_at.is_(None),
            Coupon.ends_at > clock.now(),
        )
        .order_by(Coupon.ends_at, IssuedCoupon.id)
    )
    with runtime.unit_of_work() as uow:
        return page_of(uow.session, statement, paging)


class CouponNotIssued(Exception):
    """A compensation copy of a coupon cannot be issued; `reason` is the refusal support is told
    (contracts' COMPENSATION_REFUSALS)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _take_copy(uow: UnitOfWork, coupon_id: str) -> bool:
    """Count one more copy of the coupon issued, unless every copy is; False when none is left.

    One statement checks and counts, so two issues cannot both take the last copy.
    """
    counted = uow.session.execute(
        update(Coupon)
        .where(
            Coupon.id == coupon_id,
            (Coupon.total_quantity.is_(None)) | (Coupon.issued_count < Coupon.total_quantity),
        )
        .values(issued_count=Coupon.issued_count + 1)
        .execution_options(synchronize_session=False)
    )
    return counted.rowcount == 1


def _coupon(uow: UnitOfWork, coupon_id: str) -> Coupon:
    coupon = uow.session.get(Coupon, coupon_id)
    if coupon is None:
        raise Problem(404, "coupon-not-found", "Not Found", _("There is no coupon %(coupon_id)s.", coupon_id=coupon_id))
    return coupon


def _issued(uow: UnitOfWork, issued: IssuedCoupon) -> IssuedCoupon:
    uow.session.flush()
    uow.record(
        "CouponIssued",
        {
            "issued_coupon_id": issued.id,
            "coupon_id": issued.coupon_id,
            "customer_id": issued.customer_id,
            "seller_id": issued.coupon.seller_id,
            "source": issued.source,
            "issued_at": issued.issued_at,
        },
    )
    return issued


def download(runtime: Runtime, customer_id: str, coupon_id: str) -> IssuedCoupon:
    """Issue a coupon to a customer once; 409 when already downloaded, sold out, withdrawn or not current."""
    with runtime.unit_of_work() as uow:
        issued = _download(uow, customer_id, coupon_id, clock.now())
        uow.commit()
    return issued


def _download(uow: UnitOfWork, customer_id: str, coupon_id: str, at: datetime) -> IssuedCoupon:
    coupon = _coupon(uow, coupon_id)
    if coupon.withdrawn_at is not None or not coupon.starts_at <= at < coupon.ends_at:
        raise Problem(409, "coupon-not-available", "Conflict", _("This coupon cannot be downloaded now."))
    already = uow.session.scalar(
        select(IssuedCoupon.id).where(
            IssuedCoupon.coupon_id == coupon_id,
            IssuedCoupon.customer_id == customer_id,
            IssuedCoupon.source == "download",
        )
    )
    if already is not None:
        raise Problem(409, "coupon-already-downloaded", "Conflict", _("You already downloaded this coupon."))
    if not _take_copy(uow, coupon_id):
        raise Problem(409, "coupon-sold-out", "Conflict", _("Every copy of this coupon has been downloaded."))
    uow.session.refresh(coupon)
    issued = IssuedCoupon(
        id=str(uuid.uuid4()), coupon=coupon, customer_id=customer_id, source="download", issued_at=at
    )
    if not uow.add_once(issued):
        # The same customer's concurrent download won; the caller's transaction, count included, rolls back.
        raise Problem(409, "coupon-already-downloaded", "Conflict", _("You already downloaded this coupon."))
    return _issued(uow, issued)


def issue_compensation(
    uow: UnitOfWork, customer_id: str, coupon_id: str, inquiry_id: str, borne_by_seller_id: str | None, at: datetime
) -> IssuedCoupon | None:
    """Give a customer a copy of a coupon for an inquiry, once per inquiry, even one who downloaded it;
    None when the inquiry has its copy already.

    A compensation copy is one of the coupon's `total_quantity`: that is how many copies its owner
    pays for (a seller funds their coupon's discounts), however they reach customers. A coupon with no
    copy left, ended, withdrawn or unknown raises CouponNotIssued: a copy nobody can use helps no one,
    and support, told so, puts the case back before a person, who compensates another way.

    So does a coupon that is not the grantor's (`borne_by_seller_id`, None for the platform's agents;
    grantor_owns): checked here, where the coupon's owner is known, since support cannot know it and
    a grant is not trusted to be consistent. It is checked before the coupon's state, which is the owner's
    business alone.
    """
    if uow.session.scalar(select(IssuedCoupon.id).where(IssuedCoupon.reference == inquiry_id)) is not None:
        return None
    coupon = uow.session.get(Coupon, coupon_id)
    if coupon is None:
        raise CouponNotIssued("coupon_unknown")
    if not grantor_owns(coupon.seller_id, borne_by_seller_id):
        raise CouponNotIssued("coupon_not_grantors")
    if coupon.withdrawn_at is not None:
        raise CouponNotIssued("coupon_withdrawn")
    if coupon.ends_at <= at:
        raise CouponNotIssued("coupon_expired")
    issued = IssuedCoupon(
        id=str(uuid.uuid4()),
        coupon_id=coupon_id,
        customer_id=customer_id,
        source="compensation",
        reference=inquiry_id,
        issued_at=at,
    )
    try:
        with uow.session.begin_nested():
            uow.session.add(issued)
            # The inquiry's copy goes in first, so a grant handled at the same time stops here uncounted.
            uow.session.flush()
            if not _take_copy(uow, coupon_id):
                raise CouponNotIssued("coupon_sold_out")
    except IntegrityError:
        return None
    return _issued(uow, issued)


def withdraw(runtime: Runtime, viewer: Viewer, coupon_id: str) -> None:
    """The owner stops new downloads: a seller their coupon, an admin a platform coupon."""
    with runtime.unit_of_work() as uow:
        coupon = _coupon(uow, coupon_id)
        if not viewer.owns_coupon(coupon.seller_id):
            raise Problem(403, "not-your-coupon", "Forbidden", _("Only the coupon's owner may withdraw it."))
        if coupon.withdrawn_at is None:
            coupon.withdrawn_at = clock.now()
        uow.commit()


def _offered(session: Session, ids: list[str], for_update: bool = False) -> dict[str, IssuedCoupon]:
    statement = select(IssuedCoupon).where(IssuedCoupon.id.in_(ids)).execution_options(populate_existing=True)
    if for_update:
        statement = statement.with_for_update(of=IssuedCoupon)
    return {issued.id: issued for issued in session.scalars(statement)}


def apply_coupons(
    session: Session, customer_id: str, issued_coupon_ids: list[str], items_by_seller: dict[str, int], at: datetime
) -> AppliedCoupons:
    """The discount each seller's shipment gets from these coupons; 422 coupon-not-usable naming the coupon."""
    ids = tuple(dict.fromkeys(issued_coupon_ids))
    found = _offered(session, list(ids)) if ids else {}
    offered = []
    for issued_id in ids:
        issued = found.get(issued_id)
        if issued is None:
            raise _not_usable(CouponNotUsable(issued_id, _("there is no such coupon")))
        offered.append(
            OfferedCoupon(issued.id, terms_of(issued.coupon), issued.customer_id, issued.used_order_id is not None)
        )
    try:
        by_seller = discounts(offered, customer_id, items_by_seller, at)
    except CouponNotUsable as refused:
        raise _not_usable(refused) from None
    return AppliedCoupons(discount_by_seller=by_seller, issued_coupon_ids=ids)


def _not_usable(refused: CouponNotUsable) -> Problem:
    return Problem(
        422,
        "coupon-not-usable",
        _("Coupon not usable"),
        refused.args[0],
        errors={"coupon_ids": [refused.args[0]]},
        coupon_id=refused.issued_coupon_id,
    )


def mark_used(session: Session, issued_coupon_ids, order_id: str, at: datetime) -> None:
    """Mark the coupons used by an order; 409 coupon-already-used when a concurrent checkout took one."""
    ids = list(dict.fromkeys(issued_coupon_ids))
    if not ids:
        return
    for issued in _offered(session, ids, for_update=True).values():
        if issued.used_order_id is not None and issued.used_order_id != order_id:
            raise Problem(
                409,
                "coupon-already-used",
                _("Coupon already used"),
                _("Coupon %(coupon_id)s was just used by another order.", coupon_id=issued.id),
                coupon_id=issued.id,
            )
        issued.used_order_id = order_id
        issued.used_at = at


def release(session: Session, order_id: str) -> None:
    """The order was cancelled: its coupons can be used again."""
    session.execute(
        update(IssuedCoupon)
        .where(IssuedCoupon.used_order_id == order_id)
        .values(used_order_id=None, used_at=None)
        .execution_options(synchronize_session="fetch")
    )
