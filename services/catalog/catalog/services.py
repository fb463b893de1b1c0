"""Catalog use cases: list products, reserve and release stock, record approved sellers."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select

from catalog.domain.inventory import RequestedLine, check_reservation
from catalog.domain.products import ON_SALE, status_after_stock_change
from catalog.models import ApprovedSeller, Product, Reservation, ReservationLine
from servicekit.db import UnitOfWork
from servicekit.problems import Problem


def _now() -> datetime:
    return datetime.now(timezone.utc)


def record_approved_seller(uow: UnitOfWork, seller: dict[str, Any]) -> None:
    uow.session.merge(
        ApprovedSeller(
            seller_id=seller["seller_id"],
            account_id=seller["account_id"],
            display_name=seller["display_name"],
            approved_at=seller["approved_at"],
        )
    )


def create_product(uow: UnitOfWork, seller_id: str | None, fields: dict[str, Any]) -> Product:
    if seller_id is None or uow.session.get(ApprovedSeller, seller_id) is None:
        raise Problem(
            403,
            "seller-not-approved",
            "Seller not approved",
            "Only sellers whose registration an admin approved may list products.",
        )
    now = _now()
    product = Product(
        id=str(uuid.uuid4()),
        seller_id=seller_id,
        name=fields["name"],
        description=fields.get("description", ""),
        price=fields["price"],
        stock=fields["stock"],
        status=status_after_stock_change(ON_SALE, fields["stock"]),
        created_at=now,
        updated_at=now,
    )
    uow.session.add(product)
    uow.commit()
    return product


def reserve_stock(uow: UnitOfWork, order: dict[str, Any]) -> None:
    """Hold stock for every line of an order, or none of it, and say which happened."""
    order_id = order["order_id"]
    if uow.session.get(Reservation, order_id) is not None:
        return
    lines = [RequestedLine(l["product_id"], l["quantity"], l["unit_price"]) for l in order["lines"]]
    product_ids = sorted({line.product_id for line in lines})
    # Lock in a fixed order so concurrent reservations of the same products cannot deadlock.
    products = {
        p.id: p
        for p in uow.session.scalars(
            select(Product).where(Product.id.in_(product_ids)).order_by(Product.id).with_for_update()
        )
    }
    refused = check_reservation(products, lines)
    if refused is not None:
        uow.record(
            "StockReservationFailed",
            {
                "order_id": order_id,
                "reason": refused.reason,
                "detail": refused.detail,
                "product_ids": refused.product_ids,
                "failed_at": _now(),
            },
        )
        return
    now = _now()
    reservation = Reservation(order_id=order_id, status="held", created_at=now)
    for product_id in product_ids:
        quantity = sum(line.quantity for line in lines if line.product_id == product_id)
        product = products[product_id]
        product.stock -= quantity
        product.status = status_after_stock_change(product.status, product.stock)
        product.updated_at = now
        reservation.lines.append(ReservationLine(product_id=product_id, quantity=quantity))
    uow.session.add(reservation)
    uow.record(
        "StockReserved",
        {
            "order_id": order_id,
            "lines": [
                {
                    "product_id": line.product_id,
                    "seller_id": products[line.product_id].seller_id,
                    "product_name": products[line.product_id].name,
                    "quantity": line.quantity,
                    "unit_price": line.unit_price,
                }
                for line in lines
            ],
            "reserved_at": now,
        },
    )


def release_stock(uow: UnitOfWork, order_id: str) -> None:
    """Give back what an order held; nothing to do if it never held anything or already released."""
    reservation = uow.session.get(Reservation, order_id, with_for_update=True)
    if reservation is None or reservation.status != "held":
        return
    now = _now()
    for line in reservation.lines:
        product = uow.session.get(Product, line.product_id, with_for_update=True)
        product.stock += line.quantity
        product.status = status_after_stock_change(product.status, product.stock)
        product.updated_at = now
    reservation.status = "released"
    reservation.released_at = now
