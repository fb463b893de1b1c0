"""FAQ entries, and what became of each automatic answer given from one."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from servicekit.types import UtcDateTime
from support.models.base import Base
from support.models.inquiries import Inquiry

CATEGORIES = ("delivery", "returns", "payment", "account", "orders", "products", "coupons_points")
LANGUAGES = ("ko", "en")


def _listed(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{value}'" for value in values)


class FaqEntry(Base):
    """A question customers ask often, with the answer agents wrote for the platform or a seller for their
    shop; only published ones are shown or sent.
    """

    __tablename__ = "faq_entries"
    __table_args__ = (
        CheckConstraint(f"category IN ({_listed(CATEGORIES)})", name="ck_faq_entries_category"),
        CheckConstraint(f"language IN ({_listed(LANGUAGES)})", name="ck_faq_entries_language"),
        Index("ix_faq_entries_published_category", "published", "category"),
        Index("ix_faq_entries_seller_published", "seller_id", "published"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # The shop whose entry this is; NULL for the platform's entries.
    seller_id: Mapped[str | None] = mapped_column(String(36))
    category: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(2))
    question: Mapped[str] = mapped_column(String(300))
    answer: Mapped[str] = mapped_column(Text)
    # Other ways customers put the question; matched as the question is.
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    published: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class AutoAnswerOutcome(Base):
    """One automatic answer and whether the customer said it did not help; read by CS analytics.

    One row per automatically answered inquiry (an inquiry is answered automatically at most once):
    - inquiry_id: the inquiry answered; faq_entry_id: the entry whose answer was sent;
    - message_id: the answer in the inquiry's thread; score: how well the entry matched (0 to 1);
    - answered_at: when it was sent;
    - rejected_at: when the customer said it did not help (the inquiry then went to a person),
      NULL while it stands. Acceptance rate = rows with rejected_at NULL / all rows, by entry or period.
    """

    __tablename__ = "auto_answer_outcomes"

    inquiry_id: Mapped[str] = mapped_column(ForeignKey("inquiries.id"), primary_key=True)
    faq_entry_id: Mapped[str] = mapped_column(ForeignKey("faq_entries.id"), index=True)
    message_id: Mapped[str] = mapped_column(String(36))
    score: Mapped[float] = mapped_column(Float)
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    rejected_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


# The worker's automatic-answer job reads the inquiries nobody checked yet: few, among many.
Index(
    "ix_inquiries_auto_answer_unchecked",
    Inquiry.created_at,
    postgresql_where=Inquiry.auto_answer_checked_at.is_(None),
    sqlite_where=Inquiry.auto_answer_checked_at.is_(None),
)


class FaqSynonymGroup(Base):
    """One group of the synonym and short-form dictionary: words of one language that mean one thing to a customer,
    the first standing for the others (support.domain.faq_synonyms). Admins keep the dictionary."""

    __tablename__ = "faq_synonyms"
    __table_args__ = (CheckConstraint(f"language IN ({_listed(LANGUAGES)})", name="ck_faq_synonyms_language"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    language: Mapped[str] = mapped_column(String(2))
    words: Mapped[list[str]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class FaqModelVersion(Base):
    """A model of automatic answers trained from use (`python -m support.faq_training --store`): the newest is the
    one every web and worker uses; without any, the shipped one. `document` holds its coefficients, threshold,
    margin, what training measured, and the examples it knows (support.domain.faq_model)."""

    __tablename__ = "faq_models"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    trained_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    document: Mapped[dict] = mapped_column(JSON)
