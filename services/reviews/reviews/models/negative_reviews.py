"""Negative-review causes counted per seller, cause and Korean day, and sellers' follow-up settings."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from reviews.models.base import Base
from servicekit.types import UtcDateTime


class NegativeCauseDay(Base):
    """How many reviews rated 1 or 2 a seller got on a Korean day for one likely cause."""

    __tablename__ = "negative_cause_days"

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    cause: Mapped[str] = mapped_column(String(20), primary_key=True)
    reviews: Mapped[int] = mapped_column(Integer)


class SellerReviewSettings(Base):
    """What a seller chose for their negative reviews; a seller without a row has the defaults."""

    __tablename__ = "seller_review_settings"

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # Whether support opens a case with the customer for each negative review.
    auto_follow_up: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
