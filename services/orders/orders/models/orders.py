"""Orders, their shipments (one per seller) and lines, payment refunds, and sellers' shipping fees."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contracts.order_statuses import SHIPMENT_STATUSES
from orders.models.base import Base
from servicekit.types import UtcDateTime

# An order's status is its least advanced live shipment's (orders.domain.lifecycle.order_status).
ORDER_STATUSES = ", ".join(f"'{status}'" for status in SHIPMENT_STATUSES)


class Order(Base):
    """What a customer bought at once: the address, the amounts, the payment; status follows its shipments."""

    __tablename__ = "orders"
    __table_args__ = (
        CheckConstraint(f"status IN ({ORDER_STATUSES})", name="ck_orders_status"),
        CheckConstraint("total_amount >= 0", name="ck_orders_total_not_negative"),
        CheckConstraint("refunded_amount <= total_amount", name="ck_orders_refund_within_payment"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    order_number: Mapped[str] = mapped_column(String(20), unique=True)
    customer_id: Mapped[str] = mapped_column(String(36), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    cancel_reason: Mapped[str | None] = mapped_column(String(40))
    cancel_detail: Mapped[str | None] = mapped_column(Text)
    recipient_name: Mapped[str | None] = mapped_column(String(100))
    recipient_phone: Mapped[str | None] = mapped_column(String(20))
    postcode: Mapped[str | None] = mapped_column(String(10))
    address1: Mapped[str | None] = mapped_column(String(200))
    address2: Mapped[str | None] = mapped_column(String(200))
    delivery_note: Mapped[str | None] = mapped_column(String(200))
    items_amount: Mapped[int] = mapped_column(BigInteger, default=0)
    shipping_fee: Mapped[int] = mapped_column(BigInteger, default=0)
    discount: Mapped[int] = mapped_column(BigInteger, default=0)
    points_used: Mapped[int] = mapped_column(BigInteger, default=0)
    # What the customer pays: items + shipping - discount - points. 50 lines of 999 at the highest
    # unit price overflow a 32-bit integer.
    total_amount: Mapped[int] = mapped_column(BigInteger)
    refunded_amount: Mapped[int] = mapped_column(BigInteger, default=0)
    payment_method: Mapped[str | None] = mapped_column(String(20))
    # The provider whose checkout issued the card token: it charges and refunds this order, whichever
    # provider takes new orders since.
    payment_provider: Mapped[str] = mapped_column(String(20))
    payment_token: Mapped[str | None] = mapped_column(String(100))
    payment_id: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    paid_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    lines: Mapped[list["OrderLine"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="OrderLine.line_no"
    )
    shipments: Mapped[list["Shipment"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="Shipment.seller_id", back_populates="order"
    )


class Shipment(Base):
    """One seller's part of an order: what they confirm, ship and deliver, with its own shipping fee."""

    __tablename__ = "shipments"
    __table_args__ = (
        CheckConstraint(f"status IN ({ORDER_STATUSES})", name="ck_shipments_status"),
        Index("ix_shipments_seller_status", "seller_id", "status", "created_at"),
        Index("ix_shipments_due_confirmation", "status", "delivered_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    seller_id: Mapped[str] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(20))
    items_amount: Mapped[int] = mapped_column(BigInteger)
    shipping_fee: Mapped[int] = mapped_column(Integer)
    discount: Mapped[int] = mapped_column(BigInteger, default=0)
    # The part of `discount` from the seller's own coupon; the rest is the platform coupon's, which the
    # platform bears. Null only for a shipment of an order placed before it was kept whose coupons were
    # since released (a cancelled order: nothing of it is refunded any more), so the split is unknown.
    seller_discount: Mapped[int | None] = mapped_column(BigInteger)
    carrier: Mapped[str | None] = mapped_column(String(20))
    tracking_number: Mapped[str | None] = mapped_column(String(40))
    cancel_reason: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    paid_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    preparing_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    shipped_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    purchase_confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # Joined inner, so locking a shipment locks its order too: refunds change both.
    order: Mapped[Order] = relationship(back_populates="shipments", lazy="joined", innerjoin=True)
    lines: Mapped[list["OrderLine"]] = relationship(
        lazy="selectin", order_by="OrderLine.line_no", back_populates="shipment"
    )

    @property
    def cost(self) -> int:
        """What the customer paid for this shipment: its items and shipping fee, less its discount."""
        return self.items_amount + self.shipping_fee - self.discount


class OrderLine(Base):
    """One product (and variant) of an order; its name and category come from catalog's reservation."""

    __tablename__ = "order_lines"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="ck_order_lines_quantity_positive"),
        CheckConstraint("unit_price >= 0", name="ck_order_lines_unit_price_not_negative"),
        CheckConstraint(
            "cancelled_quantity + returned_quantity <= quantity", name="ck_order_lines_claims_within_quantity"
        ),
    )

    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    shipment_id: Mapped[str | None] = mapped_column(ForeignKey("shipments.id"), index=True)
    product_id: Mapped[str] = mapped_column(String(36), index=True)
    variant_id: Mapped[str | None] = mapped_column(String(36))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(Integer)
    seller_id: Mapped[str | None] = mapped_column(String(36), index=True)
    product_name: Mapped[str | None] = mapped_column(String(200))
    category_id: Mapped[str | None] = mapped_column(String(36))
    cancelled_quantity: Mapped[int] = mapped_column(Integer, default=0)
    returned_quantity: Mapped[int] = mapped_column(Integer, default=0)
    refunded_amount: Mapped[int] = mapped_column(BigInteger, default=0)
    shipment: Mapped[Shipment | None] = relationship(back_populates="lines", lazy="select")

    @property
    def active_quantity(self) -> int:
        """Units still bought: neither cancelled nor returned."""
        return self.quantity - self.cancelled_quantity - self.returned_quantity


class PaymentRefund(Base):
    """Money given back through the payment provider, for a cancellation or a claim.

    Its parts (orders.domain.refunds.RefundParts) say how `amount + points` came about; a later refund of
    the same shipment reads what share of the discount the earlier ones kept back. Refunds made before
    the parts were kept have none (null).
    """

    __tablename__ = "payment_refunds"
    __table_args__ = (CheckConstraint("amount >= 0", name="ck_payment_refunds_amount_not_negative"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    shipment_id: Mapped[str] = mapped_column(ForeignKey("shipments.id"), index=True)
    claim_id: Mapped[str | None] = mapped_column(String(36), index=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    points: Mapped[int] = mapped_column(BigInteger, default=0)
    provider_refund_id: Mapped[str | None] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    items_amount: Mapped[int | None] = mapped_column(BigInteger)
    discount_share: Mapped[int | None] = mapped_column(BigInteger)
    seller_discount_share: Mapped[int | None] = mapped_column(BigInteger)
    shipping_refund: Mapped[int | None] = mapped_column(BigInteger)
    return_fee: Mapped[int | None] = mapped_column(BigInteger)
    lost_free_shipping: Mapped[int | None] = mapped_column(BigInteger)


class SellerShippingFees(Base):
    """What each seller charges for shipping, as catalog last announced it (ShippingSettingsChanged)."""

    __tablename__ = "seller_shipping_fees"

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    base_fee: Mapped[int] = mapped_column(Integer)
    free_shipping_threshold: Mapped[int | None] = mapped_column(BigInteger)
    remote_area_extra_fee: Mapped[int] = mapped_column(Integer)
    return_fee: Mapped[int] = mapped_column(Integer)
    exchange_fee: Mapped[int] = mapped_column(Integer)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime())


class IdempotencyKey(Base):
    """A customer's Idempotency-Key and the order it placed; the primary key makes it unique."""

    __tablename__ = "idempotency_keys"

    customer_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    request_fingerprint: Mapped[str] = mapped_column(String(64))
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
