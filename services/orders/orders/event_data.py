"""What the orders' outgoing events say about an order's lines and shipments, written once."""
from __future__ import annotations

from typing import Any, Iterable

from orders.models import OrderLine, Shipment


def sold_lines(lines: Iterable[OrderLine]) -> list[dict[str, Any]]:
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


def shipment_header(shipment: Shipment) -> dict[str, Any]:
    """The fields every lifecycle event of a shipment starts with."""
    return {
        "order_id": shipment.order_id,
        "order_number": shipment.order.order_number,
        "shipment_id": shipment.id,
        "seller_id": shipment.seller_id,
        "customer_id": shipment.order.customer_id,
    }
