"""Gateway tables: the server-side sessions of signed-in browsers."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from servicekit.types import UtcDateTime


class Base(DeclarativeBase):
    pass


class UserSession(Base):
    """A signed-in browser. The id is the SHA-256 of the cookie token: a leaked table opens no session."""

    __tablename__ = "sessions"
    __table_args__ = (Index("ix_sessions_idle_expires_at", "idle_expires_at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[str] = mapped_column(String(36), index=True)
    name: Mapped[str] = mapped_column(String(200))
    roles: Mapped[list[str]] = mapped_column(JSON)
    seller_id: Mapped[str | None] = mapped_column(String(36))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)
    idle_expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    absolute_expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    user_agent: Mapped[str | None] = mapped_column(String(500))
    ip: Mapped[str | None] = mapped_column(String(45))
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    def is_active(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.idle_expires_at and now < self.absolute_expires_at

    @property
    def expires_at(self) -> datetime:
        """When this session ends if not used again: idle expiry, capped by the absolute one."""
        return min(self.idle_expires_at, self.absolute_expires_at)
