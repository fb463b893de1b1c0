"""Sellers' registrations and the documents they upload for review."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from auth.models.base import Base
from servicekit.types import UtcDateTime


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


class SellerDocument(Base):
    """A file a seller uploaded for review (the business registration certificate); the bytes live on disk."""

    __tablename__ = "seller_documents"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seller_id: Mapped[str] = mapped_column(ForeignKey("sellers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(50))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(255))
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime())
