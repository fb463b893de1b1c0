"""Follow-up cases opened for negative reviews: one per review, so a repeated event opens nothing more."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from servicekit.types import UtcDateTime
from support.models.base import Base


class ReviewFollowUp(Base):
    __tablename__ = "review_follow_ups"

    review_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    inquiry_id: Mapped[str] = mapped_column(ForeignKey("inquiries.id"), unique=True)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime())
