"""Second factors (A4): authenticator apps, codes by SMS or email, security keys and their ceremonies,
recovery codes."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from auth.models.base import Base
from servicekit.types import UtcDateTime


class TotpFactor(Base):
    """An authenticator app. Active once confirmed by a first valid code."""

    __tablename__ = "totp_factors"

    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    # Sealed with auth.second_factors.secret_box: the base32 secret encrypted and authenticated.
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


class RecoveryCode(Base):
    """One of the ten one-time recovery codes, shown once; only its hash is kept."""

    __tablename__ = "recovery_codes"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
