"""The server-side sessions of signed-in browsers."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from gateway.domain.session_lifetimes import ends_at, is_active
from gateway.models.base import Base
from servicekit.types import UtcDateTime


class UserSession(Base):
    """A signed-in browser. The id is the SHA-256 of the cookie token: a leaked table opens no session.

    The handle names the session where its owner sees it (the device list): the id never leaves the gateway.
    A pending session has passed the password but not yet the second factor; it can do nothing but finish.
    """

    __tablename__ = "sessions"
    __table_args__ = (Index("ix_sessions_idle_expires_at", "idle_expires_at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    handle: Mapped[str] = mapped_column(String(36), unique=True, index=True)
    account_id: Mapped[str] = mapped_column(String(36), index=True)
    name: Mapped[str] = mapped_column(String(200))
    roles: Mapped[list[str]] = mapped_column(JSON)
    seller_id: Mapped[str | None] = mapped_column(String(36))
    csrf_token: Mapped[str] = mapped_column(String(64))
    # When it signed in, with the password it proved then (a pending session's time is kept when it
    # finishes): a password change or deactivation after that ends it.
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)
    idle_expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    absolute_expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    user_agent: Mapped[str | None] = mapped_column(String(500))
    ip: Mapped[str | None] = mapped_column(String(45))
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    second_factor_pending: Mapped[bool] = mapped_column(Boolean, default=False)
    second_factor_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    second_factor_failures: Mapped[int] = mapped_column(Integer, default=0)
    # SHA-256 of the browser's device cookie, as auth was told at login.
    device_id: Mapped[str | None] = mapped_column(String(64))

    def is_active(self, now: datetime) -> bool:
        return is_active(now, self.revoked_at, self.idle_expires_at, self.absolute_expires_at)

    @property
    def expires_at(self) -> datetime:
        return ends_at(self.idle_expires_at, self.absolute_expires_at)
