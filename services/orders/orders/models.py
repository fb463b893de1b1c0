"""Orders tables: orders, their lines, and the idempotency keys that placed them."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from servicekit.types import UtcDateTime


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'confirmed', 'cancelled')", name="ck_orders_status"),
        CheckConstraint("total_amount >= 0", name="ck_orders_total_not_negative"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(36), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    cancel_reason: Mapped[str | None] = mapped_column(String(40))
    cancel_detail: Mapped[str | None] = mapped_column(Text)
    # 50 lines of 999 at the highest unit price overflow a 32-bit integer.
    total_amount: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    lines: Mapped[list["OrderLine"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="OrderLine.line_no"
    )


class OrderLine(Base):
    """One product of an order; seller and product name are known once catalog reserved the stock."""

    __tablename__ = "order_lines"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="ck_order_lines_quantity_positive"),
        CheckConstraint("unit_price >= 0", name="ck_order_lines_unit_price_not_negative"),
    )

    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[str] = mapped_column(String(36))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(Integer)
    seller_id: Mapped[str | None] = mapped_column(String(36), index=True)
    product_name: Mapped[str | None] = mapped_column(String(200))


class IdempotencyKey(Base):
    """A customer's Idempotency-Key and the order it placed; the primary key makes it unique."""

    __tablename__ = "idempotency_keys"

    customer_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    request_fingerprint: Mapped[str] = mapped_column(String(64))
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
