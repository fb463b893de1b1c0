"""The response targets an admin set for an inquiry type, the record of every change to them, and the
warning and breach of each inquiry's targets."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from servicekit.types import UtcDateTime
from support.domain.response_targets import FIRST_RESPONSE, RESOLUTION
from support.models.base import Base

class ResponseTarget(Base):
    """The targets of one inquiry type as an admin last set them; a type without a row keeps the defaults
    (domain.response_targets.default_hours). Inquiries take their due times when opened, so a change
    counts for inquiries opened after it.
    """

    __tablename__ = "response_targets"
    __table_args__ = (
        CheckConstraint("first_response_hours > 0", name="ck_response_targets_first_response_hours"),
        CheckConstraint("resolution_hours >= first_response_hours", name="ck_response_targets_resolution_hours"),
    )

    inquiry_type: Mapped[str] = mapped_column(String(20), primary_key=True)
    first_response_hours: Mapped[int] = mapped_column(SmallInteger)
    resolution_hours: Mapped[int] = mapped_column(SmallInteger)
    # Counted 09:00-18:00 in Korea on working days (no weekends, no public holidays) rather than around the clock.
    business_hours: Mapped[bool] = mapped_column(Boolean)
    updated_by: Mapped[str] = mapped_column(String(36))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ResponseTargetChange(Base):
    """One change an admin made to a type's targets: the targets from then on, who set them, when and why."""

    __tablename__ = "response_target_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    inquiry_type: Mapped[str] = mapped_column(String(20), index=True)
    first_response_hours: Mapped[int] = mapped_column(SmallInteger)
    resolution_hours: Mapped[int] = mapped_column(SmallInteger)
    business_hours: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str | None] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(36))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class TargetAlert(Base):
    """What the response clock did about one target of one inquiry: warned staff it was near, recorded
    its breach; each once. A first-response target started again (after a rejected automatic answer)
    loses its row, and is watched anew.
    """

    __tablename__ = "target_alerts"
    __table_args__ = (
        CheckConstraint(f"target IN ('{FIRST_RESPONSE}', '{RESOLUTION}')", name="ck_target_alerts_target"),
    )

    inquiry_id: Mapped[str] = mapped_column(ForeignKey("inquiries.id"), primary_key=True)
    target: Mapped[str] = mapped_column(String(20), primary_key=True)
    warned_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    breached_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
