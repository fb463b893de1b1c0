"""Accounts: their roles and statuses, and the contact details people sign in with."""
from __future__ import annotations

from dataclasses import dataclass

from contracts.logins import is_email, normalize_email, normalize_phone

CUSTOMER, SELLER, ADMIN, AGENT = "customer", "seller", "admin", "agent"
ACTIVE, DEACTIVATED = "active", "deactivated"


@dataclass(frozen=True)
class Login:
    """What someone typed as their id, read as the email or the phone number it must be."""

    email: str | None = None
    phone: str | None = None


def parse_login(login: str) -> Login:
    if is_email(login):
        return Login(email=normalize_email(login))
    return Login(phone=normalize_phone(login))
