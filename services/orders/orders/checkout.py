"""Checkout use cases: price and place an order, then settle it once catalog answers its reservation:
take the payment and mark it paid, or cancel it and give back what it held; cancel it too when no
answer comes in time.
"""
from __future__ import annotations

import functools
import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from orders import coupons, paying, points, sales_statistics
from orders.domain.checkout import (
    CheckoutRefused,
    Quote,
    RequestedLine,
    ShippingFees,
    is_remote_area,
    items_by_seller,
    quote,
    request_fingerprint,
)
from orders.domain.lifecycle import CANCELLED, PENDING, move
from orders.event_data import sold_lines
from orders.models import IdempotencyKey, Order, OrderLine, SellerShippingFees, Shipment
from orders.payments import PaymentDeclined, payment_provider
from servicekit import clock
from servicekit.batch_jobs import change_each_due
from servicekit.db import UnitOfWork
from servicekit.korean_calendar import KOREA
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime

log = logging.getLogger(__name__)
# Ten random digits clash once in billions of orders a day; a clash draws again, and this many clashes
# in a row would mean the random source is broken.
ORDER_NUMBER_DRAWS = 5
# Built once: every checkout inserts its order's rows with these.
_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
_SHIPMENTS_INSERT = Shipment.__table__.insert()
_LINES_INSERT = OrderLine.__table__.insert()
_KEY_INSERT = IdempotencyKey.__table__.insert()
# Read as rows, not objects: checkout keeps neither. Built once, as every checkout runs them.
_FEES = SellerShippingFees.__table__
_FEES_OF_SELLERS = select(
    _FEES.c.seller_id, _FEES.c.base_fee, _FEES.c.free_shipping_threshold, _FEES.c.remote_area_extra_fee
).where(_FEES.c.seller_id.in_(bindparam("seller_ids", expanding=True)))
_KEYS = IdempotencyKey.__table__
_KEY_USED = select(_KEYS.c.request_fingerprint, _KEYS.c.order_id).where(
    _KEYS.c.customer_id == bindparam("customer_id"), _KEYS.c.key == bindparam("key")
)
TIMED_OUT = "timed_out"
TIMED_OUT_DETAIL = (
    "Your order could not be confirmed in time, so it was cancelled without payment. "
    "Any points or coupons it used are back; please order again."
)
TIMED_OUT_REFUNDED_DETAIL = (
    "Your order could not be confirmed in time, so it was cancelled and its payment refunded. "
    "Any points or coupons it used are back; please order again."
)



@dataclass(frozen=True)
class ShippingAddress:
    recipient_name: str
    phone: str
    postcode: str
    address1: str
    address2: str
    note: str


@dataclass(frozen=True)
class CheckoutRequest:
    lines: list[RequestedLine]
    address: ShippingAddress
    coupon_ids: list[str]
    points: int
    payment_method: str
    payment_token: str
    # The provider whose checkout issued the token, the one settings name now.
    payment_provider: str
    body: dict[str, Any]


def shipping_fees_of(session, seller_ids) -> dict[str, ShippingFees]:
    """Each seller's fees as catalog last announced them; catalog's defaults for sellers never announced."""
    rows = session.connection().execute(_FEES_OF_SELLERS, {"seller_ids": list(seller_ids)})
    return {
        row.seller_id: ShippingFees(row.base_fee, row.free_shipping_threshold, row.remote_area_extra_fee) for row in rows
    }


def record_shipping_fees(uow: UnitOfWork, settings: dict[str, Any]) -> None:
    """ShippingSettingsChanged: keep the seller's fees, unless an older announcement arrives late."""
    current = uow.session.get(SellerShippingFees, settings["seller_id"], with_for_update=True)
    if current is not None and current.changed_at >= settings["changed_at"]:
        return
    uow.session.merge(
        SellerShippingFees(
            seller_id=settings["seller_id"],
            **{
                name: settings[name]
                for name in (
                    "base_fee",
                    "free_shipping_threshold",
                    "remote_area_extra_fee",
                    "return_fee",
                    "exchange_fee",
                    "changed_at",
                )
            },
        )
    )


def _new_order_number(at: datetime) -> str:
    """A number a person can read out on the phone: the Korean date and ten random digits."""
    return f"{at.astimezone(KOREA):%Y%m%d}{secrets.randbelow(10**10):010d}"


def _row(new: object) -> dict[str, Any]:
    """The columns set on a new mapped object, as a Core insert takes them: a column left out gets its default."""
    state = inspect(new)
    return {prop.columns[0].key: state.dict[prop.key] for prop in state.mapper.column_attrs if prop.key in state.dict}


@functools.cache
def _order_insert(dialect: str):
    """The insert of an order's row that inserts nothing when its number is taken; built once."""
    return _INSERTS[dialect](Order.__table__).on_conflict_do_nothing().returning(Order.__table__.c.id)


def _insert_order(uow: UnitOfWork, order: Order, at: datetime) -> None:
    """Insert the order, its shipments and lines, under an order number no other order has.

    Random digits keep numbers unguessable (they do not tell how many orders a day the shop takes), so
    two orders may draw the same number: the unique constraint leaves the second out, which draws again
    instead of failing the checkout. The rows go in as Core inserts, not through the session's unit of work,
    whose flush of the new objects cost more than the rest of the checkout; the objects stay out of the
    session, readable for the answer.
    """
    connection = uow.session.connection()
    insert_order = _order_insert(connection.dialect.name)
    row = _row(order)
    for _ in range(ORDER_NUMBER_DRAWS):
        row["order_number"] = order.order_number = _new_order_number(at)
        if connection.execute(insert_order, row).first() is not None:
            break
        log.warning("order number %s was taken; drawing another", order.order_number)
    else:
        raise RuntimeError(f"{ORDER_NUMBER_DRAWS} order numbers in a row were taken; is the random source broken?")
    connection.execute(_SHIPMENTS_INSERT, [_row(shipment) for shipment in order.shipments])
    connection.execute(_LINES_INSERT, [_row(line) for line in order.lines])


def _price_checkout(uow: UnitOfWork, customer_id: str, request: CheckoutRequest, at: datetime) -> Quote:
    """The server's own price of the request: fees from the sellers' settings, coupons checked, points capped."""
    amounts = items_by_seller(request.lines)
    applied = coupons.apply_coupons(uow.session, customer_id, request.coupon_ids, amounts, at)
    try:
        return quote(
            request.lines,
            shipping_fees_of(uow.session, amounts),
            is_remote_area(request.address.postcode),
            applied.discount_by_seller,
            request.points,
        )
    except CheckoutRefused as refused:
        raise Problem(
            422, "checkout-refused", _("Checkout refused"), refused.args[0], errors={refused.field: [refused.args[0]]}
        ) from None


def quote_checkout(runtime: Runtime, customer_id: str, request: CheckoutRequest) -> Quote:
    """The price the checkout page shows; the points asked for must be in the customer's balance."""
    now = clock.now()
    with runtime.unit_of_work() as uow:
        if request.points > points.balance(uow.session, customer_id, now):
            raise Problem(
                422,
                "not-enough-points",
                _("Not enough points"),
                _("You have fewer points than you asked to use."),
                errors={"points": [_("More than your balance.")]},
            )
        return _price_checkout(uow, customer_id, request, now)


def place_order(
    runtime: Runtime, customer_id: str, request: CheckoutRequest, idempotency_key: str | None = None
) -> Order:
    """Create a pending order, spend its points and coupons, record OrderPlaced; a repeated key returns the first."""
    with runtime.unit_of_work() as uow:
        return _place_order(uow, customer_id, request, idempotency_key)


def _place_order(uow: UnitOfWork, customer_id: str, request: CheckoutRequest, idempotency_key: str | None) -> Order:
    fingerprint = request_fingerprint(request.body)
    if idempotency_key is not None:
        earlier = _order_of_key(uow, customer_id, idempotency_key, fingerprint)
        if earlier is not None:
            return earlier
    now = clock.now()
    priced = _price_checkout(uow, customer_id, request, now)
    order = _new_order(customer_id, request, priced, now)
    try:
        # The order's row goes in first: the key, the coupons and the points name it.
        _insert_order(uow, order, now)
        if idempotency_key is not None:
            # A concurrent request with the same key waits here for the other's commit and then
            # fails on the primary key, before anything is recorded.
            uow.session.connection().execute(_KEY_INSERT, {
                "customer_id": customer_id,
                "key": idempotency_key,
                "request_fingerprint": fingerprint,
                "order_id": order.id,
                "created_at": now,
            })
        coupons.mark_used(uow.session, list(request.coupon_ids), order.id, now)
        points.spend(uow, customer_id, order.id, priced.points_used, now)
        uow.record(
            "OrderPlaced",
            {
                "order_id": order.id,
                "customer_id": customer_id,
                "lines": [
                    {
                        "product_id": line.product_id,
                        "variant_id": line.variant_id,
                        "seller_id": line.seller_id,
                        "quantity": line.quantity,
                        "unit_price": line.unit_price,
                    }
                    for line in request.lines
                ],
                "total_amount": order.total_amount,
                "placed_at": now,
            },
        )
        uow.commit()
    except IntegrityError:
        if idempotency_key is None:
            raise
        uow.session.rollback()
        log.info("a concurrent request with the same Idempotency-Key placed the order first")
        earlier = _order_of_key(uow, customer_id, idempotency_key, fingerprint)
        if earlier is None:
            raise
        return earlier
    return order


def _new_order(customer_id: str, request: CheckoutRequest, priced: Quote, now: datetime) -> Order:
    address = request.address
    order = Order(
        id=str(uuid.uuid4()),
        customer_id=customer_id,
        status=PENDING,
        recipient_name=address.recipient_name,
        recipient_phone=address.phone,
        postcode=address.postcode,
        address1=address.address1,
        address2=address.address2,
        delivery_note=address.note,
        items_amount=priced.items_amount,
        shipping_fee=priced.shipping_fee,
        discount=priced.discount,
        points_used=priced.points_used,
        total_amount=priced.total_amount,
        refunded_amount=0,
        payment_method=request.payment_method,
        payment_token=request.payment_token,
        payment_provider=request.payment_provider,
        created_at=now,
        updated_at=now,
    )
    shipments = {
        part.seller_id: Shipment(
            id=str(uuid.uuid4()),
            order_id=order.id,
            seller_id=part.seller_id,
            status=PENDING,
            items_amount=part.items_amount,
            shipping_fee=part.shipping_fee,
            discount=part.discount,
            seller_discount=part.seller_discount,
            created_at=now,
            updated_at=now,
        )
        for part in priced.shipments
    }
    order.shipments = list(shipments.values())
    order.lines = [
        OrderLine(
            order_id=order.id,
            line_no=number,
            shipment=shipments[line.seller_id],
            shipment_id=shipments[line.seller_id].id,
            product_id=line.product_id,
            variant_id=line.variant_id,
            seller_id=line.seller_id,
            quantity=line.quantity,
            unit_price=line.unit_price,
            cancelled_quantity=0,
            returned_quantity=0,
            refunded_amount=0,
        )
        for number, line in enumerate(request.lines, start=1)
    ]
    return order


def _order_of_key(uow: UnitOfWork, customer_id: str, key: str, fingerprint: str) -> Order | None:
    used = uow.session.connection().execute(_KEY_USED, {"customer_id": customer_id, "key": key}).first()
    if used is None:
        return None
    if used.request_fingerprint != fingerprint:
        raise Problem(
            422,
            "idempotency-key-reused",
            _("Idempotency key reused"),
            _("This Idempotency-Key was already used for a different order; use a new key for a new order."),
        )
    return uow.session.get(Order, used.order_id)


def _reservation_mismatch(order: Order, reservation: dict[str, Any]) -> str | None:
    """Why catalog's reservation does not describe this order, or None when it does."""
    reserved = {(line["product_id"], line.get("variant_id")): line for line in reservation["lines"]}
    for line in order.lines:
        match = reserved.get((line.product_id, line.variant_id))
        if match is None:
            return f"the reservation lacks product {line.product_id}"
        if match["seller_id"] != line.seller_id:
            return f"product {line.product_id} is sold by another seller"
    return None


# Settling an order reads it with its lines and shipments, three queries: each shipment's order is the one
# loaded and its lines are among the order's, so neither is queried again (both load lazily if ever asked for).
_SETTLING = (
    selectinload(Order.shipments).lazyload(Shipment.order),
    selectinload(Order.shipments).lazyload(Shipment.lines),
)


def _pending_order(uow: UnitOfWork, order_id: str, outcome: str) -> Order | None:
    """The order catalog answered about, locked, if it still waits for that answer; None otherwise.

    An answer for an order that already has one is a late duplicate, not an error.
    """
    order = uow.session.get(Order, order_id, with_for_update=True, options=_SETTLING)
    if order is None:
        log.warning("%s for unknown order %s", outcome, order_id)
        return None
    return order if order.status == PENDING else None


def pay_for_reserved_order(uow: UnitOfWork, reservation: dict[str, Any]) -> None:
    """StockReserved: take the payment and mark the order paid, or cancel it if the payment is declined.

    The order is read and written as rows (orders.paying); a mismatch or a decline cancels it on the ORM path.
    """
    reserved = paying.locked_order(uow, reservation["order_id"])
    if reserved is None:
        log.warning("stock reserved for unknown order %s", reservation["order_id"])
        return
    order = reserved.order
    if order.status != PENDING:
        return  # a late duplicate of an answer the order already had
    mismatch = _reservation_mismatch(reserved, reservation)
    if mismatch is not None:
        log.error("order %s does not match its reservation: %s", order.id, mismatch)
        _cancel_pending(uow, _pending_order(uow, order.id, "stock reserved"), "product_unavailable",
                        f"Catalog disagrees with the order: {mismatch}.")
        return
    by_product = {(line["product_id"], line.get("variant_id")): line for line in reservation["lines"]}
    paying.name_lines(reserved, by_product)
    payment_id = order.payment_id
    try:
        if order.total_amount > 0:
            payment_id = payment_provider(order.payment_provider).charge(
                idempotency_key=order.id,
                amount=order.total_amount,
                method=order.payment_method or "card",
                token=order.payment_token or "",
            ).payment_id
    except PaymentDeclined as declined:
        declined_order = _pending_order(uow, order.id, "stock reserved")
        # Its lines keep the names they were reserved under, as a paid order's do: the customer sees what was not paid.
        paying.name_lines(declined_order, by_product)
        _cancel_pending(uow, declined_order, "payment_failed", str(declined))
        return
    # A provider that does not answer (PaymentProviderUnreachable) fails the handler: the answer is
    # retried, dead-lettered after the last try, and cancel_timed_out_orders cancels the order later.
    now = clock.now()
    paying.mark_paid(uow, reserved, payment_id, now)
    for index, shipment in enumerate(reserved.shipments):
        sales_statistics.record_sale(
            uow.session, shipment, reserved.lines_of(shipment), now, counts_the_order=index == 0
        )
    uow.record(
        "OrderPaid",
        {
            "order_id": order.id,
            "order_number": order.order_number,
            "customer_id": order.customer_id,
            "lines": sold_lines(reserved.lines),
            "shipments": [
                {
                    "shipment_id": s.id,
                    "seller_id": s.seller_id,
                    "shipping_fee": s.shipping_fee,
                    "discount": s.discount,
                    "seller_discount": s.seller_discount,
                }
                for s in reserved.shipments
            ],
            "items_amount": order.items_amount,
            "shipping_fee": order.shipping_fee,
            "discount": order.discount,
            "points_used": order.points_used,
            "paid_amount": order.total_amount,
            "paid_at": now,
        },
    )


def cancel_unreserved_order(uow: UnitOfWork, failure: dict[str, Any]) -> None:
    """StockReservationFailed: the pending order is cancelled for the reason catalog gave."""
    order = _pending_order(uow, failure["order_id"], "stock reservation failed")
    if order is None:
        return
    _cancel_pending(uow, order, failure["reason"], failure["detail"])


def cancel_timed_out_orders(runtime: Runtime, timeout: timedelta) -> int:
    """The worker's job: orders still pending `timeout` after they were placed are cancelled as timed_out.

    Catalog's answer was lost on the way (dead-lettered, say), so the order would wait for ever. It
    is cancelled unpaid like any refused order; OrderCancelled lets catalog release whatever it held,
    and a StockReserved that still comes finds the order no longer pending and takes no payment.
    Orders an answer is being handled for are locked, so the job skips them.

    The answer may also have come and failed after the provider took the money (its recording rolled
    back with the failure), so the provider is asked for the order's charge, and a charge it has is
    refunded before the order is cancelled. A provider that does not answer or refuses the refund
    leaves the order pending for the next run.
    """

    def due(now: datetime):
        return select(Order).where(Order.status == PENDING, Order.created_at <= now - timeout).order_by(Order.created_at)

    def time_out(uow: UnitOfWork, order: Order, now: datetime) -> None:
        provider = payment_provider(order.payment_provider)
        charge = provider.find_charge(idempotency_key=order.id) if order.total_amount > 0 else None
        if charge is None:
            _cancel_pending(uow, order, TIMED_OUT, TIMED_OUT_DETAIL)
            return
        refund = provider.refund(
            idempotency_key=f"{order.id}:timed_out",
            payment_id=charge.payment_id,
            amount=charge.amount,
            token=order.payment_token or "",
        )
        log.warning("order %s timed out after its charge %s; refunded as %s", order.id, charge.payment_id, refund.refund_id)
        order.payment_id = charge.payment_id
        order.refunded_amount = refund.amount
        _cancel_pending(uow, order, TIMED_OUT, TIMED_OUT_REFUNDED_DETAIL)

    cancelled = change_each_due(runtime, due, time_out)
    if cancelled:
        log.warning("cancelled %d orders that waited over %s for catalog's answer", cancelled, timeout)
    return cancelled


def _cancel_pending(uow: UnitOfWork, order: Order, reason: str, detail: str) -> None:
    """Cancel an unpaid order: its points and coupons come back, catalog releases anything it held."""
    now = clock.now()
    for shipment in order.shipments:
        move(shipment, CANCELLED, now)
        shipment.cancel_reason = reason
    order.status = CANCELLED
    order.cancel_reason = reason
    order.cancel_detail = detail
    order.cancelled_at = now
    order.updated_at = now
    coupons.release(uow.session, order.id)
    points.restore(uow, order.customer_id, order.id, order.points_used, f"{order.id}:unpaid", now)
    uow.record(
        "OrderCancelled",
        {
            "order_id": order.id,
            "customer_id": order.customer_id,
            "reason": reason,
            "detail": detail,
            "cancelled_at": now,
        },
    )

