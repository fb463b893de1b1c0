"""Auth tables: accounts with their password hashes, and seller profiles awaiting or past approval."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from servicekit.types import UtcDateTime


class Base(DeclarativeBase):
    pass


class Account(Base):
    """Someone who signs in: by email or phone, whichever they registered (at least one)."""

    __tablename__ = "accounts"
    __table_args__ = (CheckConstraint("email IS NOT NULL OR phone IS NOT NULL", name="ck_accounts_email_or_phone"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(String(11), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(255))
    roles: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))
    password_changed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Seller(Base):
    """A seller's registration: who they are, their business if any, and the admin's decision."""

    __tablename__ = "sellers"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), unique=True)
    seller_type: Mapped[str] = mapped_column(String(20))
    display_name: Mapped[str] = mapped_column(String(100))
    business_name: Mapped[str | None] = mapped_column(String(100))
    representative_name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(11))
    email: Mapped[str] = mapped_column(String(254))
    birth_date: Mapped[date] = mapped_column(Date)
    business_registration_number: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), index=True)
    decision_reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(36))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
