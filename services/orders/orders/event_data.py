"""What the orders' outgoing events say about an order's lines and shipments, written once."""
from __future__ import annotations

from typing import Any, Iterable, Sequence

from orders.models import OrderLine, Shipment


def sold_lines(lines: Iterable[OrderLine]) -> list[dict[str, Any]]:
    """Every line as it was sold."""
    return [
        {
            "line_no": line.line_no,
            "product_id": line.product_id,
            "variant_id": line.variant_id,
            "seller_id": line.seller_id,
            "product_name": line.product_name or "",
            "category_id": line.category_id,
            "quantity": line.quantity,
            "unit_price": line.unit_price,
        }
        for line in lines
    ]


def kept_lines(lines: Sequence[OrderLine]) -> list[dict[str, Any]]:
    """The lines the customer still has, with the units they kept: cancelled or returned units are
    not delivered, cannot be reviewed and earn nothing.
    """
    return [
        {**sold, "quantity": line.active_quantity}
        for line, sold in zip(lines, sold_lines(lines))
        if line.active_quantity > 0
    ]


def shipment_header(shipment: Shipment) -> dict[str, Any]:
    """The fields every lifecycle event of a shipment starts with."""
    return {
        "order_id": shipment.order_id,
        "order_number": shipment.order.order_number,
        "shipment_id": shipment.id,
        "seller_id": shipment.seller_id,
        "customer_id": shipment.order.customer_id,
    }
