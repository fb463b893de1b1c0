"""Claims, compensation and recovery cases opened through support.

A claim is a customer's refund, return or exchange asked for from an inquiry and decided by orders,
shipment by shipment; a compensation is what a seller or agent granted once a case was resolved; a
recovery case is the account inquiry opened for a locked or deactivated account.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from servicekit.types import UtcDateTime
from support.models.base import Base

# The compensations that count as their case's one: orders has not refused them.
NOT_REFUSED = text("status <> 'refused'")


class SupportClaim(Base):
    """A refund, return or exchange asked for from an inquiry; its id is the request id orders answers to."""

    __tablename__ = "support_claims"
    __table_args__ = (
        CheckConstraint("kind IN ('refund', 'return', 'exchange')", name="ck_support_claims_kind"),
        CheckConstraint(
            "status IN ('requested', 'approved', 'rejected', 'completed', 'timed_out')", name="ck_support_claims_status"
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    inquiry_id: Mapped[str] = mapped_column(ForeignKey("inquiries.id"), index=True)
    order_id: Mapped[str] = mapped_column(String(36))
    customer_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10), index=True)
    reason_code: Mapped[str] = mapped_column(String(20))
    reason_text: Mapped[str] = mapped_column(Text)
    # Won refunded, as orders last said; zero until it says.
    amount: Mapped[int] = mapped_column(Integer, default=0)
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # When orders said it took the request up (ClaimRequested); a request never taken up times out.
    received_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ClaimShipment(Base):
    """Orders' claim on one shipment of a support claim, as orders last answered it: a request over two
    sellers' goods becomes a claim on each one's shipment, each decided on its own."""

    __tablename__ = "support_claim_shipments"
    __table_args__ = (
        CheckConstraint(
            "status IN ('requested', 'approved', 'rejected', 'completed')", name="ck_support_claim_shipments_status"
        ),
    )

    claim_id: Mapped[str] = mapped_column(ForeignKey("support_claims.id"), primary_key=True)
    # Orders' claim id; the request id itself for an answer that names no claim (a request orders refused whole).
    orders_claim_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # Known from orders' Claim* events; its Refund* answers do not say.
    shipment_id: Mapped[str | None] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(10))
    amount: Mapped[int] = mapped_column(Integer, default=0)
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Compensation(Base):
    """Points or a coupon granted after a case was resolved, as orders answered it: granted, then issued or
    refused. A case has one compensation that is not refused; kept for analytics."""

    __tablename__ = "compensations"
    __table_args__ = (
        CheckConstraint("kind IN ('points', 'coupon')", name="ck_compensations_kind"),
        CheckConstraint("granted_by_role IN ('seller', 'agent')", name="ck_compensations_role"),
        CheckConstraint("status IN ('granted', 'issued', 'refused')", name="ck_compensations_status"),
        # Once per case, however many grants race; a refused one gave nothing, so the case may be compensated again.
        Index(
            "uq_compensations_standing", "inquiry_id", unique=True,
            postgresql_where=NOT_REFUSED, sqlite_where=NOT_REFUSED,
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    inquiry_id: Mapped[str] = mapped_column(ForeignKey("inquiries.id"), index=True)
    customer_id: Mapped[str] = mapped_column(String(36))
    seller_id: Mapped[str | None] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    amount: Mapped[int | None] = mapped_column(Integer)
    coupon_id: Mapped[str | None] = mapped_column(String(36))
    granted_by: Mapped[str] = mapped_column(String(36))
    granted_by_role: Mapped[str] = mapped_column(String(10))
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    status: Mapped[str] = mapped_column(String(10), default="granted")
    # When orders answered; null while granted.
    settled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # The customer's copy of the coupon orders issued.
    issued_coupon_id: Mapped[str | None] = mapped_column(String(36))
    # Why orders refused it (contracts' COMPENSATION_REFUSALS).
    refusal_reason: Mapped[str | None] = mapped_column(String(20))


class RecoveryCase(Base):
    """The account inquiry opened for a lock or a deactivation, so one cause opens one active case."""

    __tablename__ = "recovery_cases"
    __table_args__ = (
        CheckConstraint("cause IN ('locked', 'deactivated')", name="ck_recovery_cases_cause"),
        Index("ix_recovery_cases_account_cause", "account_id", "cause"),
        # One active case per account and cause, however many workers handle its events at once.
        Index(
            "uq_recovery_cases_active", "account_id", "cause", unique=True,
            postgresql_where=text("active"), sqlite_where=text("active"),
        ),
    )

    inquiry_id: Mapped[str] = mapped_column(ForeignKey("inquiries.id"), primary_key=True)
    account_id: Mapped[str] = mapped_column(String(36))
    cause: Mapped[str] = mapped_column(String(12))
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # The case a new lock or deactivation of the account adds to, until its inquiry is resolved or closed.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
