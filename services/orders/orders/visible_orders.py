"""The orders and shipments a viewer may see: lists, search, one by id, and one locked for a change.

Ids of orders and shipments the viewer may not see are answered as not found, so they do not leak.
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, Select, exists, or_, select

from orders.domain.visibility import Viewer
from orders.models import Order, OrderLine, Shipment
from servicekit.db import UnitOfWork
from servicekit.ids import canonical_id
from servicekit.languages import _
from servicekit.pagination import page_of
from servicekit.problems import Problem
from servicekit.runtime import Runtime


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


def find_order(uow: UnitOfWork, viewer: Viewer, order_id: str, *, for_update: bool = False) -> Order:
    """One order the viewer may see, or 404 order-not-found."""
    canonical = canonical_id(order_id)
    order = None
    if canonical is not None:
        statement = orders_seen_by(viewer).where(Order.id == canonical)
        if for_update:
            statement = statement.with_for_update(of=Order)
        order = uow.session.scalars(statement).first()
    if order is None:
        raise Problem(404, "order-not-found", "Not Found", _("No order with this id is visible to you."))
    return order


def locked_shipment(uow: UnitOfWork, shipment_id: str) -> Shipment | None:
    """A shipment locked for a change, its order locked first.

    Refunds and the order's status span an order's shipments: every change locks the order before
    any of its shipments (whole-order cancellation does too), so two sellers' moves on one order take
    turns, each sees the other's result, and no two transactions wait on each other in a circle.
    """
    order_id = uow.session.scalar(select(Shipment.order_id).where(Shipment.id == shipment_id))
    if order_id is None:
        return None
    uow.session.get(Order, order_id, with_for_update=True, populate_existing=True)
    return uow.session.get(Shipment, shipment_id, with_for_update=True, populate_existing=True)


def shipment_for(uow: UnitOfWork, viewer: Viewer, shipment_id: str, *, for_update: bool = True) -> Shipment:
    """A shipment its seller, its customer or an admin may act on, or 404 shipment-not-found."""
    canonical = canonical_id(shipment_id)
    shipment = None
    if canonical is not None:
        shipment = locked_shipment(uow, canonical) if for_update else uow.session.get(Shipment, canonical)
    if shipment is None or not viewer.sees_part_of(shipment.seller_id, shipment.order.customer_id):
        raise Problem(404, "shipment-not-found", "Not Found", _("No shipment with this id is visible to you."))
    return shipment


def orders_page(runtime: Runtime, viewer: Viewer, status: str | None, paging) -> list[Order]:
    """A page of the orders the viewer may see, newest first, of one status if given."""
    statement = orders_seen_by(viewer).order_by(Order.created_at.desc(), Order.id)
    if status is not None:
        statement = statement.where(Order.status == status)
    with runtime.unit_of_work() as uow:
        return page_of(uow.session, statement, paging)


def order_seen(runtime: Runtime, viewer: Viewer, order_id: str) -> Order:
    with runtime.unit_of_work() as uow:
        return find_order(uow, viewer, order_id)


def shipments_page(runtime: Runtime, viewer: Viewer, status: str | None, text: str | None, paging) -> list[Shipment]:
    """A page of a seller's shipments (an admin's: all), oldest first, so the longest-waiting comes first;
    of one status, or matching a search text, if given."""
    statement = shipments_seen_by(viewer).order_by(Shipment.created_at, Shipment.id)
    if status is not None:
        statement = statement.where(Shipment.status == status)
    if text is not None:
        statement = statement.where(matching(text))
    with runtime.unit_of_work() as uow:
        return page_of(uow.session, statement, paging)


def shipment_seen(runtime: Runtime, viewer: Viewer, shipment_id: str) -> Shipment:
    with runtime.unit_of_work() as uow:
        return shipment_for(uow, viewer, shipment_id, for_update=False)
