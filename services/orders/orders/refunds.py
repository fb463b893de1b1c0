"""Giving money back: through the payment provider for what the card paid, as points for the rest,
with the order's lines, the sales figures and the refund record kept in step, and PaymentRefunded
recorded with the parts the refund is made of.
"""
from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select

from orders import points, sales_statistics
from orders.event_data import shipment_header
from orders.domain.refunds import DiscountLeft, RefundParts, settled_parts, split_refund
from orders.models import Order, OrderLine, PaymentRefund, Shipment
from orders.payments import RefundFailed, payment_provider
from servicekit.db import UnitOfWork
from servicekit.languages import _
from servicekit.problems import Problem


def _points_refunded(uow: UnitOfWork, order_id: str) -> int:
    return uow.session.scalar(
        select(func.coalesce(func.sum(PaymentRefund.points), 0)).where(PaymentRefund.order_id == order_id)
    )


def refunded_for_shipment(uow: UnitOfWork, shipment_id: str) -> int:
    """Everything given back for a shipment so far, money and points."""
    return uow.session.scalar(
        select(func.coalesce(func.sum(PaymentRefund.amount + PaymentRefund.points), 0)).where(
            PaymentRefund.shipment_id == shipment_id
        )
    )


def discount_left(uow: UnitOfWork, shipment: Shipment) -> DiscountLeft:
    """What of the shipment's discount, and of its seller coupon's part, no earlier refund kept back.

    Refunds made before their parts were kept count for nothing here; the refund that empties the
    shipment still keeps back exactly the rest (orders.domain.refunds.settled_parts). A shipment whose
    seller part is unknown (null) is one of a cancelled order, which is refunded no more.
    """
    kept_back, seller_kept_back = uow.session.execute(
        select(
            func.coalesce(func.sum(PaymentRefund.discount_share), 0),
            func.coalesce(func.sum(PaymentRefund.seller_discount_share), 0),
        ).where(PaymentRefund.shipment_id == shipment.id)
    ).one()
    return DiscountLeft(shipment.discount - kept_back, (shipment.seller_discount or 0) - seller_kept_back)


def refund_to_customer(
    uow: UnitOfWork,
    order: Order,
    shipment: Shipment,
    refunded_lines: list[tuple[OrderLine, int, int]],
    amount: int,
    *,
    parts: RefundParts,
    reason: str,
    key: str,
    at: datetime,
    claim_id: str | None = None,
) -> PaymentRefund:
    """Refund `amount` won of an order, for (line, units, won) of one shipment's lines, and record
    PaymentRefunded in the same transaction.

    `parts` are those the refund rules name; the refund keeps them, settled to add up to what was
    actually given back (orders.domain.refunds.settled_parts). `key` names this refund for the provider
    and the points ledger, so retrying it never pays twice. A provider that refuses raises a 502 problem
    and the caller's transaction changes nothing.
    """
    split = split_refund(
        amount,
        cash_left=order.total_amount - order.refunded_amount,
        points_left=order.points_used - _points_refunded(uow, order.id),
    )
    settled = settled_parts(parts, split.total, discount_left(uow, shipment))
    refund = PaymentRefund(
        id=str(uuid.uuid4()),
        order_id=order.id,
        shipment_id=shipment.id,
        claim_id=claim_id,
        amount=split.cash,
        points=split.points,
        reason=reason,
        created_at=at,
        items_amount=settled.items_amount,
        discount_share=settled.discount_share,
        seller_discount_share=settled.seller_discount_share,
        shipping_refund=settled.shipping_refund,
        return_fee=settled.return_fee,
        lost_free_shipping=settled.lost_free_shipping,
    )
    if split.cash > 0:
        try:
            made = payment_provider(order.payment_provider).refund(
                idempotency_key=key,
                payment_id=order.payment_id or "",
                amount=split.cash,
                token=order.payment_token or "",
            )
        except RefundFailed as failed:
            raise Problem(502, "refund-failed", _("Refund failed"),
                _("%(failure)s Nothing was changed; try again later.", failure=failed.args[0]),
            )
        refund.provider_refund_id = made.refund_id
    points.restore(uow, order.customer_id, order.id, split.points, key, at)
    order.refunded_amount += split.cash
    for line, _units, won in refunded_lines:
        line.refunded_amount += won
    sales_statistics.record_refund(uow.session, shipment.seller_id, refunded_lines, at)
    uow.session.add(refund)
    uow.record(
        "PaymentRefunded",
        {
            **shipment_header(shipment),
            "refund_id": refund.id,
            "claim_id": claim_id,
            "reason": reason,
            "lines": [
                {"line_no": line.line_no, "quantity": units, "amount": won} for line, units, won in refunded_lines
            ],
            "items_amount": settled.items_amount,
            "discount_share": settled.discount_share,
            "seller_discount_share": settled.seller_discount_share,
            "shipping_refund": settled.shipping_refund,
            "return_fee": settled.return_fee,
            "lost_free_shipping": settled.lost_free_shipping,
            "amount": split.total,
            "refunded_at": at,
        },
    )
    return refund
