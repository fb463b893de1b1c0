"""The security events auth keeps (A10)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from auth.models.base import Base
from servicekit.types import UtcDateTime


class AuditEvent(Base):
    """A security event (A10): who it concerns, who did it, from where, and what happened."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_account_occurred", "account_id", "occurred_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[str | None] = mapped_column(String(36))
    actor_id: Mapped[str | None] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(50), index=True)
    ip: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(500))
    detail: Mapped[dict] = mapped_column(JSON)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
