"""Inquiries: a customer's 1:1 case, its thread of messages and attachments, and its full history."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, SmallInteger, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from servicekit.types import UtcDateTime
from support.models.base import Base

STATUSES = "'open', 'assigned', 'answered', 'waiting_on_customer', 'resolved', 'closed'"
BREACHED = "breached_at IS NOT NULL"


class Inquiry(Base):
    __tablename__ = "inquiries"
    __table_args__ = (
        CheckConstraint(f"status IN ({STATUSES})", name="ck_inquiries_status"),
        CheckConstraint("owner IN ('seller', 'platform')", name="ck_inquiries_owner"),
        CheckConstraint("satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5", name="ck_inquiries_satisfaction"),
        Index("ix_inquiries_owner_status", "owner", "seller_id", "status", "created_at"),
        Index("ix_inquiries_first_response_due", "status", "first_response_due_at"),
        # The dashboard's missed targets of a month (support.dashboard_figures): the few breached inquiries only.
        Index("ix_inquiries_breaches", "seller_id", "breached_at", postgresql_where=text(BREACHED),
              sqlite_where=text(BREACHED)),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(36), index=True)
    customer_name: Mapped[str] = mapped_column(String(100))
    inquiry_type: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(24))
    # Who answers: a seller (their products and orders) or the platform's agents.
    owner: Mapped[str] = mapped_column(String(10))
    seller_id: Mapped[str | None] = mapped_column(String(36))
    assignee_id: Mapped[str | None] = mapped_column(String(36), index=True)
    order_id: Mapped[str | None] = mapped_column(String(36), index=True)
    order_line_no: Mapped[int | None] = mapped_column(Integer)
    product_id: Mapped[str | None] = mapped_column(String(36), index=True)
    # A customer writing after the reopen window opens a new inquiry linked to the old one.
    follows_inquiry_id: Mapped[str | None] = mapped_column(ForeignKey("inquiries.id"))
    escalated: Mapped[bool] = mapped_column(Boolean, default=False)
    resolution_reason: Mapped[str | None] = mapped_column(String(40))
    first_response_due_at: Mapped[datetime] = mapped_column(UtcDateTime())
    resolution_due_at: Mapped[datetime] = mapped_column(UtcDateTime())
    first_responded_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # The response clocks stop while waiting on the customer; due times move by the pause, counted the
    # way they were: in Korean business hours or around the clock.
    waiting_since: Mapped[datetime | None] = mapped_column(UtcDateTime())
    targets_in_business_hours: Mapped[bool] = mapped_column(Boolean, default=False)
    warned_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    breached_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # Kept through reopening: CS analytics counts an inquiry resolved once, when it first was.
    first_resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    satisfaction: Mapped[int | None] = mapped_column(SmallInteger)
    satisfaction_comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    auto_answer_checked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    messages: Mapped[list["Message"]] = relationship(
        lazy="selectin", order_by="Message.created_at", cascade="all, delete-orphan"
    )


class Message(Base):
    """One message of a thread; internal notes are for agents and the seller, never the customer."""

    __tablename__ = "inquiry_messages"
    __table_args__ = (
        CheckConstraint("author_role IN ('customer', 'seller', 'agent', 'system')", name="ck_messages_author_role"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    inquiry_id: Mapped[str] = mapped_column(ForeignKey("inquiries.id"), index=True)
    author_id: Mapped[str | None] = mapped_column(String(36))
    author_role: Mapped[str] = mapped_column(String(10))
    body: Mapped[str] = mapped_column(Text)
    internal: Mapped[bool] = mapped_column(Boolean, default=False)
    # An answer the worker gave from a FAQ entry; the customer may say it did not help.
    automatic: Mapped[bool] = mapped_column(Boolean, default=False)
    faq_entry_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    attachments: Mapped[list["Attachment"]] = relationship(lazy="selectin", cascade="all, delete-orphan")


class Attachment(Base):
    __tablename__ = "message_attachments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    message_id: Mapped[str] = mapped_column(ForeignKey("inquiry_messages.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    stored_name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class HistoryEntry(Base):
    """A change of an inquiry's state, owner, assignee or type: who, when, from what to what, why."""

    __tablename__ = "inquiry_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    inquiry_id: Mapped[str] = mapped_column(ForeignKey("inquiries.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    from_value: Mapped[str | None] = mapped_column(String(100))
    to_value: Mapped[str | None] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[str | None] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
