"""How a login (the email or Korean mobile number someone signs in with) is read.

Auth finds the account by it and the gateway counts sign-in attempts against it, so both must read
every way of writing one login alike: an email whatever its case and surrounding spaces, a mobile
number whatever dashes and spaces it is written with.
"""
from __future__ import annotations

import re

# Korean mobile numbers: 010 (and the legacy 011, 016-019) then 7 or 8 digits.
_KOREAN_MOBILE = re.compile(r"^01[016789]\d{7,8}$")
_PHONE_SEPARATORS = re.compile(r"[\s-]")


def is_email(login: str) -> bool:
    return "@" in login


def normalize_email(email: str) -> str:
    return email.strip().lower()


def phone_digits(phone: str) -> str:
    """A phone number without its separators, whether or not it is a mobile number."""
    return _PHONE_SEPARATORS.sub("", phone)


def normalize_phone(phone: str) -> str | None:
    """The digits of a Korean mobile number written with or without dashes; None if it is not one."""
    digits = phone_digits(phone)
    return digits if _KOREAN_MOBILE.match(digits) else None


def login_spelling(login: str) -> str:
    """The one way of writing `login` that every way of writing it comes to, valid or not."""
    return normalize_email(login) if is_email(login) else phone_digits(login)
