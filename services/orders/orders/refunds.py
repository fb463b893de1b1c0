"""Giving money back: through the payment provider for what the card paid, as points for the rest,
with the order's lines, the sales figures and the refund record kept in step.
"""
from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select

from orders import points, sales_statistics
from orders.domain.refunds import split_refund
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


def refund_to_customer(
    uow: UnitOfWork,
    order: Order,
    shipment: Shipment,
    refunded_lines: list[tuple[OrderLine, int, int]],
    amount: int,
    *,
    reason: str,
    key: str,
    at: datetime,
    claim_id: str | None = None,
) -> PaymentRefund:
    """Refund `amount` won of an order, for (line, units, won) of one shipment's lines.

    `key` names this refund for the provider and the points ledger, so retrying it never pays twice.
    A provider that refuses raises a 502 problem and the caller's transaction changes nothing.
    """
    split = split_refund(
        amount,
        cash_left=order.total_amount - order.refunded_amount,
        points_left=order.points_used - _points_refunded(uow, order.id),
    )
    refund = PaymentRefund(
        id=str(uuid.uuid4()),
        order_id=order.id,
        shipment_id=shipment.id,
        claim_id=claim_id,
        amount=split.cash,
        points=split.points,
        reason=reason,
        created_at=at,
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
    return refund
