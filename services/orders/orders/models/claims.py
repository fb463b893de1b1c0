"""Claims (cancel, return, exchange and refund requests) on a shipment, their lines, and support's refund requests."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, ForeignKeyConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orders.models.base import Base
from orders.models.orders import OrderLine, Shipment
from servicekit.types import UtcDateTime

CLAIM_KINDS = "'cancel', 'return', 'exchange', 'refund'"
CLAIM_STATES = "'requested', 'approved', 'completed', 'rejected', 'withdrawn'"


class Claim(Base):
    """A customer's request to cancel, return, exchange or be refunded some units of one shipment."""

    __tablename__ = "claims"
    __table_args__ = (
        CheckConstraint(f"kind IN ({CLAIM_KINDS})", name="ck_claims_kind"),
        CheckConstraint(f"status IN ({CLAIM_STATES})", name="ck_claims_status"),
        CheckConstraint("source IN ('customer', 'support')", name="ck_claims_source"),
        Index("ix_claims_seller_status", "seller_id", "status", "requested_at"),
        Index("ix_claims_customer", "customer_id", "requested_at"),
        Index("ix_claims_shipment_status", "shipment_id", "status"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"))
    shipment_id: Mapped[str] = mapped_column(ForeignKey("shipments.id"))
    seller_id: Mapped[str] = mapped_column(String(36))
    customer_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10))
    reason_code: Mapped[str] = mapped_column(String(20))
    reason_text: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(10), default="customer")
    # Support's RefundRequested that opened it; one request may open a claim per shipment.
    request_id: Mapped[str | None] = mapped_column(ForeignKey("refund_requests.request_id"), index=True)
    inquiry_id: Mapped[str | None] = mapped_column(String(36))
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    refunded_amount: Mapped[int] = mapped_column(BigInteger, default=0)
    # A customer's exchange for their own reasons costs the seller's exchange fee, which the
    # payment provider cannot charge again: it is kept here as owed.
    fee_owed: Mapped[int] = mapped_column(Integer, default=0)
    replacement_carrier: Mapped[str | None] = mapped_column(String(20))
    replacement_tracking_number: Mapped[str | None] = mapped_column(String(40))
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    rejected_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    lines: Mapped[list["ClaimLine"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ClaimLine.line_no"
    )
    shipment: Mapped[Shipment] = relationship(lazy="joined")


class ClaimLine(Base):
    """Units of one order line a claim covers."""

    __tablename__ = "claim_lines"
    __table_args__ = (
        ForeignKeyConstraint(["order_id", "line_no"], ["order_lines.order_id", "order_lines.line_no"]),
        CheckConstraint("quantity > 0", name="ck_claim_lines_quantity_positive"),
    )

    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[str] = mapped_column(String(36))
    quantity: Mapped[int] = mapped_column(Integer)
    line: Mapped[OrderLine] = relationship(lazy="joined")


class RefundRequest(Base):
    """Support's refund, return or exchange request, once per request id however often it arrives, and how
    it was answered.
    """

    __tablename__ = "refund_requests"

    request_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    inquiry_id: Mapped[str] = mapped_column(String(36))
    order_id: Mapped[str] = mapped_column(String(36))
    customer_id: Mapped[str] = mapped_column(String(36))
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())
