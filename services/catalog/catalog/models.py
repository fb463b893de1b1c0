"""Catalog tables: products, the sellers allowed to list, and stock reservations per order."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from servicekit.types import UtcDateTime


class Base(DeclarativeBase):
    pass


class ApprovedSeller(Base):
    """Read model fed by SellerApproved: only these sellers may list products."""

    __tablename__ = "approved_sellers"

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[str] = mapped_column(String(36), index=True)
    display_name: Mapped[str] = mapped_column(String(100))
    approved_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("price >= 0", name="ck_products_price_not_negative"),
        CheckConstraint("stock >= 0", name="ck_products_stock_not_negative"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seller_id: Mapped[str] = mapped_column(String(36), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    price: Mapped[int] = mapped_column(Integer)
    stock: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Reservation(Base):
    """Stock held for one order; released when the order is cancelled."""

    __tablename__ = "reservations"

    order_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    released_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    lines: Mapped[list["ReservationLine"]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class ReservationLine(Base):
    __tablename__ = "reservation_lines"

    order_id: Mapped[str] = mapped_column(ForeignKey("reservations.order_id"), primary_key=True)
    product_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    quantity: Mapped[int] = mapped_column(Integer)
