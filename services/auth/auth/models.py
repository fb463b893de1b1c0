"""Auth tables: accounts, sign-ups awaiting their code, credentials, second factors, codes, devices, sellers, audit."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, CheckConstraint, Date, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from servicekit.types import UtcDateTime


class Base(DeclarativeBase):
    pass


class Account(Base):
    """Someone who signs in: by email or phone, whichever they registered (at least one)."""

    __tablename__ = "accounts"
    __table_args__ = (CheckConstraint("email IS NOT NULL OR phone IS NOT NULL", name="ck_accounts_email_or_phone"),)

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


class Seller(Base):
    """A seller's registration: who they are, their business if any, and the admin's decision."""

    __tablename__ = "sellers"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), unique=True)
    seller_type: Mapped[str] = mapped_column(String(20))
    display_name: Mapped[str] = mapped_column(String(100))
    business_name: Mapped[str | None] = mapped_column(String(100))
    representative_name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(11))
    email: Mapped[str] = mapped_column(String(254))
    birth_date: Mapped[date] = mapped_column(Date)
    business_registration_number: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), index=True)
    decision_reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(36))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class SellerDocument(Base):
    """A file a seller uploaded for review (the business registration certificate); the bytes live on disk."""

    __tablename__ = "seller_documents"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seller_id: Mapped[str] = mapped_column(ForeignKey("sellers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(50))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(255))
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime())


class TotpFactor(Base):
    """An authenticator app. Active once confirmed by a first valid code."""

    __tablename__ = "totp_factors"

    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    # Sealed with auth.secret_box: the base32 secret encrypted and authenticated.
    secret: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # The 30-second step of the last accepted code: a code of that step or earlier is never taken again.
    last_used_step: Mapped[int | None] = mapped_column(BigInteger)


class ContactFactor(Base):
    """A code by SMS or email as a second factor, sent to the account's registered phone or email."""

    __tablename__ = "contact_factors"

    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    method: Mapped[str] = mapped_column(String(10), primary_key=True)
    enabled_at: Mapped[datetime] = mapped_column(UtcDateTime())


class WebAuthnCredential(Base):
    """A security key or passkey registered through the WebAuthn registration ceremony."""

    __tablename__ = "webauthn_credentials"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), index=True)
    # base64url of the authenticator's credential id (at most 1023 bytes before encoding).
    credential_id: Mapped[str] = mapped_column(String(1400), unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    sign_count: Mapped[int] = mapped_column(BigInteger)
    name: Mapped[str] = mapped_column(String(100))
    transports: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class WebAuthnChallenge(Base):
    """The challenge of a ceremony in progress; single use and short-lived."""

    __tablename__ = "webauthn_challenges"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))
    challenge: Mapped[str] = mapped_column(String(200))
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


class RecoveryCode(Base):
    """One of the ten one-time recovery codes, shown once; only its hash is kept."""

    __tablename__ = "recovery_codes"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
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
