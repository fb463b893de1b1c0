"""Rewards tables: the points ledger, coupons and the coupons issued to customers."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contracts.events.orders import POINT_KINDS
from orders.models.base import Base
from servicekit.types import UtcDateTime

POINT_KIND_LIST = ", ".join(f"'{kind}'" for kind in POINT_KINDS)
# Only downloads are once per customer; a compensation may hand out another copy of the same coupon.
DOWNLOADS_ONLY = text("source = 'download'")


class PointEntry(Base):
    """One line of a customer's points ledger; the balance is the sum of the lines, never stored.

    A positive entry is a lot of points: `remaining` is what is not yet spent or expired, consumed
    earliest expiry first. A negative entry records a spending, an expiry or a deduction.
    """

    __tablename__ = "point_entries"
    __table_args__ = (
        # A redelivered event or a repeated request grants, spends or expires once.
        UniqueConstraint("kind", "reference", name="uq_point_entries_kind_reference"),
        CheckConstraint(f"kind IN ({POINT_KIND_LIST})", name="ck_point_entries_kind"),
        CheckConstraint(
            "(amount > 0 AND remaining >= 0 AND remaining <= amount) OR (amount < 0 AND remaining = 0)",
            name="ck_point_entries_remaining_within_amount",
        ),
        Index("ix_point_entries_customer_expiry", "customer_id", "expires_at"),
        Index("ix_point_entries_expiry", "expires_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    amount: Mapped[int] = mapped_column(BigInteger)
    remaining: Mapped[int] = mapped_column(BigInteger, default=0)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # The order id, "order id:line no", the inquiry id, a refund's key, the expired lot's id.
    reference: Mapped[str] = mapped_column(String(100))
    # The order a checkout or refund entry belongs to: what an order may get back is what it spent.
    order_id: Mapped[str | None] = mapped_column(String(36), index=True)
    # Why an admin adjusted the balance.
    reason: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Coupon(Base):
    """A discount customers download (or get as compensation): a seller's for their items, or the platform's."""

    __tablename__ = "coupons"
    __table_args__ = (
        CheckConstraint("discount_type IN ('fixed', 'percent')", name="ck_coupons_discount_type"),
        CheckConstraint(
            "discount_value > 0 AND (discount_type = 'fixed' OR discount_value <= 90)", name="ck_coupons_discount_value"
        ),
        CheckConstraint("ends_at > starts_at", name="ck_coupons_period"),
        CheckConstraint(
            "total_quantity IS NULL OR issued_count <= total_quantity", name="ck_coupons_issued_within_quantity"
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # Null for a platform coupon, created by an admin and applying to the whole order.
    seller_id: Mapped[str | None] = mapped_column(String(36), index=True)
    name: Mapped[str] = mapped_column(String(100))
    discount_type: Mapped[str] = mapped_column(String(10))
    # Won off for "fixed", percent off (1 to 90) for "percent".
    discount_value: Mapped[int] = mapped_column(BigInteger)
    max_discount: Mapped[int | None] = mapped_column(BigInteger)
    min_order_amount: Mapped[int] = mapped_column(BigInteger, default=0)
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime())
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # Null for unlimited downloads.
    total_quantity: Mapped[int | None] = mapped_column(Integer)
    issued_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class IssuedCoupon(Base):
    """A customer's copy of a coupon, used by at most one order at a time."""

    __tablename__ = "issued_coupons"
    __table_args__ = (
        CheckConstraint("source IN ('download', 'compensation')", name="ck_issued_coupons_source"),
        Index(
            "uq_issued_coupons_download",
            "coupon_id",
            "customer_id",
            unique=True,
            postgresql_where=DOWNLOADS_ONLY,
            sqlite_where=DOWNLOADS_ONLY,
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    coupon_id: Mapped[str] = mapped_column(ForeignKey("coupons.id"), index=True)
    customer_id: Mapped[str] = mapped_column(String(36), index=True)
    source: Mapped[str] = mapped_column(String(20))
    # The inquiry a compensation copy was granted for: once per inquiry (nulls never collide).
    reference: Mapped[str | None] = mapped_column(String(100), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_order_id: Mapped[str | None] = mapped_column(String(36), index=True)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    coupon: Mapped[Coupon] = relationship(lazy="joined")
