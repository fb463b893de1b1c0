"""Authenticator-app codes (RFC 6238): 30-second steps, 6 digits, one step of clock drift either way."""
from __future__ import annotations

from datetime import datetime

import pyotp
from pyotp.exceptions import OTPVerificationError

ISSUER = "Marketplace"
STEP_SECONDS = 30
DIGITS = 6
# Phones' clocks drift and people type slowly: the steps just before and after now count too.
DRIFT_STEPS = 1


def _totp(secret: str) -> pyotp.TOTP:
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)


def new_secret() -> str:
    """160 random bits in base32, the key length RFC 4226 recommends."""
    return pyotp.random_base32()


def provisioning_uri(secret: str, account_label: str) -> str:
    """The otpauth:// URI an authenticator app reads (from its QR code) to enrol the secret."""
    return _totp(secret).provisioning_uri(name=account_label, issuer_name=ISSUER)


def accepted_step(secret: str, code: str, now: datetime, last_used_step: int | None) -> int | None:
    """The step `code` belongs to when it may be accepted now; None when it may not.

    Only steps after `last_used_step` count, so a code, once accepted, is never accepted again,
    and neither is any older one.
    """
    try:
        step = _totp(secret).verify_and_get_timecode(code.strip(), for_time=now, valid_window=DRIFT_STEPS)
    except OTPVerificationError:
        return None
    if last_used_step is not None and step <= last_used_step:
        return None
    return step
