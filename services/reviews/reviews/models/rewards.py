"""Review rewards granted (once per order line) and review requests sent (once per delivered line)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from reviews.models.base import Base
from servicekit.types import UtcDateTime


class ReviewReward(Base):
    """The points a review of this order line earned; keyed by the line so no path grants twice."""

    __tablename__ = "review_rewards"
    __table_args__ = (
        CheckConstraint("points > 0", name="ck_review_rewards_points_positive"),
        CheckConstraint("kind IN ('text', 'photo')", name="ck_review_rewards_kind"),
    )

    order_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id"), index=True)
    points: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ReviewRequest(Base):
    """A delivered line whose customer was asked to review it; its presence means never ask again."""

    __tablename__ = "review_requests"

    order_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime())
