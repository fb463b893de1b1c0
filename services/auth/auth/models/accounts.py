"""Accounts people sign in to, sign-ups waiting for their code, one-time codes sent to a contact, and
the browsers an account has signed in from."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from auth.domain.accounts import KOREAN, LANGUAGES
from auth.models.base import Base
from servicekit.types import UtcDateTime


class Account(Base):
    """Someone who signs in: by email or phone, whichever they registered (at least one)."""

    __tablename__ = "accounts"
    __table_args__ = (
        CheckConstraint("email IS NOT NULL OR phone IS NOT NULL", name="ck_accounts_email_or_phone"),
        CheckConstraint(f"language IN ({', '.join(repr(language) for language in LANGUAGES)})",
                        name="ck_accounts_language"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(String(11), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(255))
    roles: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))
    password_changed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # Consecutive failed sign-ins (password or second factor) since the last success or lock.
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # How many times the account was locked in a row: each lock lasts longer than the one before.
    lock_count: Mapped[int] = mapped_column(Integer, default=0)
    deactivated_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # What the platform writes to the owner in: mails, notices and notifications.
    language: Mapped[str] = mapped_column(String(2), default=KOREAN)
    # The revision of the last AccountContactsChanged about the account: moved on by one with each, in the
    # transaction of the change (0: never announced, an account made before they were).
    contacts_revision: Mapped[int] = mapped_column(Integer, default=0)


class SignUpRequest(Base):
    """A sign-up waiting for the code sent to its contact: the account is made only once the code comes back.

    `details` holds what the account (and a seller's registration) is made from; its password is
    already hashed. Like a one-time code, only the code's hash is kept.
    """

    __tablename__ = "sign_up_requests"
    __table_args__ = (
        CheckConstraint("email IS NOT NULL OR phone IS NOT NULL", name="ck_sign_up_requests_email_or_phone"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # The role the account will have: customer or seller.
    kind: Mapped[str] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    phone: Mapped[str | None] = mapped_column(String(11), index=True)
    details: Mapped[dict] = mapped_column(JSON)
    code_hash: Mapped[str] = mapped_column(String(255))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class OneTimeCode(Base):
    """A short code sent to a contact (sign-in by SMS or email, password reset, recovery). Only its hash is kept."""

    __tablename__ = "one_time_codes"
    __table_args__ = (Index("ix_one_time_codes_account_purpose", "account_id", "purpose"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"))
    purpose: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(10))
    code_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class KnownDevice(Base):
    """A browser that has signed in to an account before; a new one makes auth tell the owner."""

    __tablename__ = "known_devices"

    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_agent: Mapped[str | None] = mapped_column(String(500))
    ip: Mapped[str | None] = mapped_column(String(45))
    first_seen_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime())
