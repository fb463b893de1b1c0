"""Accounts: their roles, statuses and languages, and the contact details people sign in with."""
from __future__ import annotations

from dataclasses import dataclass

# An account speaks one of the languages AccountContactsChanged carries.
from contracts.events.auth import LANGUAGES  # noqa: F401
from contracts.logins import is_email, normalize_email, normalize_phone

CUSTOMER, SELLER, ADMIN, AGENT = "customer", "seller", "admin", "agent"
ACTIVE, DEACTIVATED = "active", "deactivated"
# What the platform writes to people in (L1, N5): Korean unless they choose English.
KOREAN = "ko"


@dataclass(frozen=True)
class Login:
    """What someone typed as their id, read as the email or the phone number it must be."""

    email: str | None = None
    phone: str | None = None


def parse_login(login: str) -> Login:
    if is_email(login):
        return Login(email=normalize_email(login))
    return Login(phone=normalize_phone(login))
