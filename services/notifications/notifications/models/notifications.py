"""Notifications in each person's inbox, those waiting for a seller's account to be known, and what each
person chose to receive."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from notifications.models.base import Base
from servicekit.types import UtcDateTime

# A 64-bit counter on PostgreSQL; SQLite's INTEGER PRIMARY KEY is its rowid (64-bit, autoincrementing).
RowId = BigInteger().with_variant(Integer, "sqlite")


class Notification(Base):
    """One notice to one account. `id` only grows, so it doubles as the live stream's event id
    (`Last-Event-ID`): a client resumes with the rows after the last id it saw."""

    __tablename__ = "notifications"
    __table_args__ = (
        # An event notifies each person of each kind once, however often it is delivered.
        UniqueConstraint("source_event_id", "account_id", "kind", name="uq_notifications_once"),
        Index("ix_notifications_inbox", "account_id", "id"),
        Index(
            "ix_notifications_unread",
            "account_id",
            postgresql_where=text("read_at IS NULL"),
            sqlite_where=text("read_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    # A path in the web pages (/seller/orders/<id>); mails make it absolute.
    link: Mapped[str | None] = mapped_column(String(500))
    # What the templates were filled with, so a mail owed until the contacts arrive is written then.
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    source_event_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    read_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # Channels chosen but not sent yet, for want of the recipient's address: sent when contacts arrive.
    email_owed: Mapped[bool] = mapped_column(Boolean, default=False)
    sms_owed: Mapped[bool] = mapped_column(Boolean, default=False)


class SellerNoticeWaiting(Base):
    """A notice to a seller whose account is not known here yet; it joins that account's inbox when
    SellerApproved or the account's contacts name it."""

    __tablename__ = "seller_notices_waiting"
    __table_args__ = (UniqueConstraint("source_event_id", "seller_id", "kind", name="uq_seller_notices_waiting_once"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    seller_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    link: Mapped[str | None] = mapped_column(String(500))
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    source_event_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Preference(Base):
    """A person's choice for one kind on one channel; without a row the kind's default holds."""

    __tablename__ = "preferences"

    account_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    channel: Mapped[str] = mapped_column(String(10), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
