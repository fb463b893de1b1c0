"""Queries the use cases share: open claims, and the orders and shipments a viewer may see."""
from __future__ import annotations

from sqlalchemy import ColumnElement, Exists, Select, exists, or_, select
from sqlalchemy.orm import Session

from orders.domain.visibility import Viewer
from orders.domain.claims import OPEN_STATES
from orders.models import Order, OrderLine, Shipment
from orders.models.claims import Claim
from servicekit.ids import canonical_id
from servicekit.db import UnitOfWork
from servicekit.problems import Problem


def open_claim_exists() -> Exists:
    """Whether a claim on the shipment (correlated) still waits for a decision or for goods."""
    return exists().where(Claim.shipment_id == Shipment.id, Claim.status.in_(OPEN_STATES))


def has_open_claim(session: Session, shipment_id: str) -> bool:
    """A shipment with an open claim cannot have its purchase confirmed."""
    return session.scalar(
        select(exists().where(Claim.shipment_id == shipment_id, Claim.status.in_(OPEN_STATES)))
    )


def orders_seen_by(viewer: Viewer) -> Select:
    statement = select(Order)
    if viewer.is_admin:
        return statement
    seen = [Order.customer_id == viewer.subject]
    if viewer.seller_id is not None:
        # A seller sees an order once it is paid: before that it may still fail and is not theirs to act on.
        seen.append(
            Order.paid_at.is_not(None)
            & Order.id.in_(select(OrderLine.order_id).where(OrderLine.seller_id == viewer.seller_id))
        )
    return statement.where(or_(*seen))


def shipments_seen_by(viewer: Viewer) -> Select:
    """A seller's own shipments; every shipment for an admin. Unpaid ones are not a seller's business."""
    statement = select(Shipment).where(Shipment.paid_at.is_not(None))
    if viewer.is_admin:
        return statement
    return statement.where(Shipment.seller_id == (viewer.seller_id or ""))


def find_order(uow: UnitOfWork, viewer: Viewer, order_id: str, *, for_update: bool = False) -> Order:
    """One order the viewer may see; any other id is not found, so ids of others' orders do not leak."""
    canonical = canonical_id(order_id)
    order = None
    if canonical is not None:
        statement = orders_seen_by(viewer).where(Order.id == canonical)
        if for_update:
            statement = statement.with_for_update(of=Order)
        order = uow.session.scalars(statement).first()
    if order is None:
        raise Problem(404, "order-not-found", "Not Found", "No order with this id is visible to you.")
    return order


def matching(text: str) -> ColumnElement[bool]:
    """Shipments whose order number, customer id, recipient name or phone is `text`, or a product name contains it."""
    like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    order_matches = exists().where(
        Order.id == Shipment.order_id,
        or_(
            Order.order_number == text,
            Order.customer_id == text,
            Order.recipient_name == text,
            Order.recipient_phone == text.replace("-", ""),
        ),
    )
    line_matches = exists().where(OrderLine.shipment_id == Shipment.id, OrderLine.product_name.ilike(like, escape="\\"))
    return or_(order_matches, line_matches)
