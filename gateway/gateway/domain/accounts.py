"""Who auth says signed in: the account a session is opened for and carries on every request."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Account:
    account_id: str
    name: str
    roles: tuple[str, ...]
    seller_id: str | None
