"""Answer templates (a seller's own, or the platform's) and public product questions with their one answer."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from servicekit.types import UtcDateTime
from support.models.base import Base


class AnswerTemplate(Base):
    """A reusable answer with placeholders; a seller's own when seller_id is set, else the platform's."""

    __tablename__ = "answer_templates"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seller_id: Mapped[str | None] = mapped_column(String(36), index=True)
    title: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ProductQuestion(Base):
    """A customer's public question on a product page; a secret one only the asker and the seller read."""

    __tablename__ = "product_questions"
    __table_args__ = (Index("ix_product_questions_product_created", "product_id", "created_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    product_id: Mapped[str] = mapped_column(String(36))
    # The product's seller when asked, from what support knows of the product.
    seller_id: Mapped[str] = mapped_column(String(36), index=True)
    customer_id: Mapped[str] = mapped_column(String(36), index=True)
    question: Mapped[str] = mapped_column(Text)
    secret: Mapped[bool] = mapped_column(Boolean, default=False)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by: Mapped[str | None] = mapped_column(String(36))
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
