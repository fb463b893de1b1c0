"""What support knows of orders and products, kept from their events, so an inquiry shows the live
order (status, items, carrier, tracking number) and is routed to the right seller without asking.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from servicekit.types import UtcDateTime
from support.models.base import Base


class KnownOrder(Base):
    __tablename__ = "known_orders"

    order_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    order_number: Mapped[str] = mapped_column(String(20), index=True)
    customer_id: Mapped[str] = mapped_column(String(36), index=True)
    status: Mapped[str] = mapped_column(String(20))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    lines: Mapped[list["KnownOrderLine"]] = relationship(lazy="selectin", order_by="KnownOrderLine.line_no")
    shipments: Mapped[list["KnownShipment"]] = relationship(lazy="selectin", order_by="KnownShipment.seller_id")


class KnownOrderLine(Base):
    __tablename__ = "known_order_lines"

    order_id: Mapped[str] = mapped_column(ForeignKey("known_orders.order_id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[str] = mapped_column(String(36))
    seller_id: Mapped[str] = mapped_column(String(36))
    product_name: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(Integer)


class KnownShipment(Base):
    __tablename__ = "known_shipments"

    shipment_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("known_orders.order_id"), index=True)
    seller_id: Mapped[str] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(20))
    carrier: Mapped[str | None] = mapped_column(String(20))
    tracking_number: Mapped[str | None] = mapped_column(String(40))
    # When orders said it was delivered: a return or exchange is asked for within a week of it.
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class EarlyShipmentNews(Base):
    """News of a shipment that came before its order's OrderPaid (events cross queues in any order),
    kept until the payment makes the order known and then folded into it."""

    __tablename__ = "early_shipment_news"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    order_id: Mapped[str] = mapped_column(String(36), index=True)
    shipment_id: Mapped[str] = mapped_column(String(36))
    seller_id: Mapped[str] = mapped_column(String(36))
    # The status the shipment reached; None for units cancelled, which cancelled_units names.
    status: Mapped[str | None] = mapped_column(String(20))
    carrier: Mapped[str | None] = mapped_column(String(20))
    tracking_number: Mapped[str | None] = mapped_column(String(40))
    # [[line_no, quantity], ...] of a ShipmentCancelled.
    cancelled_units: Mapped[list | None] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class KnownProduct(Base):
    """A product's seller and name, from catalog's ProductListed / ProductChanged."""

    __tablename__ = "known_products"

    product_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seller_id: Mapped[str] = mapped_column(String(36), index=True)
    name: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
