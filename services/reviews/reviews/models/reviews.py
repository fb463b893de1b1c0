"""Reviews and what hangs on them: the delivered lines that may be reviewed, photos, the seller's
reply, helpful votes and reports.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reviews.models.base import Base
from servicekit.types import UtcDateTime


class ReviewableLine(Base):
    """An order line delivered to its customer, from orders' events: only its customer may review it."""

    __tablename__ = "reviewable_lines"

    order_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(36), index=True)
    product_id: Mapped[str] = mapped_column(String(36))
    seller_id: Mapped[str] = mapped_column(String(36))
    product_name: Mapped[str] = mapped_column(String(200))
    delivered_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class Review(Base):
    __tablename__ = "reviews"
    __table_args__ = (
        UniqueConstraint("order_id", "line_no", name="uq_reviews_order_line"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="ck_reviews_rating"),
        CheckConstraint("status IN ('visible', 'hidden', 'deleted')", name="ck_reviews_status"),
        Index("ix_reviews_product_listing", "product_id", "status", "created_at"),
        # Rating statistics by posting time, a seller's or the marketplace's, read from the index alone.
        Index("ix_reviews_seller_posted", "seller_id", "created_at", postgresql_include=["status", "rating"]),
        Index("ix_reviews_posted", "created_at", postgresql_include=["status", "rating"]),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    order_id: Mapped[str] = mapped_column(String(36))
    line_no: Mapped[int] = mapped_column(Integer)
    customer_id: Mapped[str] = mapped_column(String(36), index=True)
    product_id: Mapped[str] = mapped_column(String(36))
    seller_id: Mapped[str] = mapped_column(String(36), index=True)
    product_name: Mapped[str] = mapped_column(String(200))
    rating: Mapped[int] = mapped_column(SmallInteger)
    # Stored as the customer wrote it; escaped wherever it is rendered.
    text: Mapped[str] = mapped_column(Text)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    # The full name is kept for moderation and shown masked when the review is anonymous.
    author_name: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(10), default="visible")
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    helpful_count: Mapped[int] = mapped_column(Integer, default=0)
    negative_cause: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    edited_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    photos: Mapped[list["ReviewPhoto"]] = relationship(
        lazy="selectin", order_by="ReviewPhoto.position", cascade="all, delete-orphan"
    )
    reply: Mapped["SellerReply | None"] = relationship(lazy="selectin", cascade="all, delete-orphan")


class ReviewPhoto(Base):
    __tablename__ = "review_photos"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    storage_key: Mapped[str] = mapped_column(String(100))
    thumbnail_key: Mapped[str] = mapped_column(String(100))
    content_type: Mapped[str] = mapped_column(String(50))
    # JPEG, or WebP when the photo has transparency.
    thumbnail_content_type: Mapped[str] = mapped_column(String(50))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SellerReply(Base):
    """The seller's one reply to a review; editable and deletable by them, never the review itself."""

    __tablename__ = "seller_replies"

    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), primary_key=True)
    seller_id: Mapped[str] = mapped_column(String(36))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class HelpfulVote(Base):
    __tablename__ = "helpful_votes"

    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ReviewReport(Base):
    __tablename__ = "review_reports"
    __table_args__ = (UniqueConstraint("review_id", "reporter_id", name="uq_review_reports_once"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), index=True)
    reporter_id: Mapped[str] = mapped_column(String(36))
    reason: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    handled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class ReviewModeration(Base):
    """An admin hid or restored a review, and why: kept for every change, not only the last."""

    __tablename__ = "review_moderations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), index=True)
    action: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text)
    admin_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
