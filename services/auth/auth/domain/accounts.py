"""Accounts: their roles and statuses, and the contact details people sign in with."""
from __future__ import annotations

import re
from dataclasses import dataclass

CUSTOMER, SELLER, ADMIN, AGENT = "customer", "seller", "admin", "agent"
ACTIVE, DEACTIVATED = "active", "deactivated"

# Korean mobile numbers: 010 (and the legacy 011, 016-019) then 7 or 8 digits.
_KOREAN_MOBILE = re.compile(r"^01[016789]\d{7,8}$")
_PHONE_SEPARATORS = re.compile(r"[\s-]")


def normalize_email(email: str) -> str:
    return email.strip().lower()


def normalize_phone(phone: str) -> str | None:
    """The digits of a Korean mobile number written with or without dashes; None if it is not one."""
    digits = _PHONE_SEPARATORS.sub("", phone)
    return digits if _KOREAN_MOBILE.match(digits) else None


@dataclass(frozen=True)
class Login:
    """What someone typed as their id, read as the email or the phone number it must be."""

    email: str | None = None
    phone: str | None = None


def parse_login(login: str) -> Login:
    if "@" in login:
        return Login(email=normalize_email(login))
    return Login(phone=normalize_phone(login))
