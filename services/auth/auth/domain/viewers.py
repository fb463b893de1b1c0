"""Who is asking, and what of auth's they may see: their own seller registration and audit events; admins
every one."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Viewer:
    account_id: str
    is_admin: bool = False
    # The seller registration the account made, if it made one.
    seller_id: str | None = None
    # Whether a second factor was proved in the last few minutes (a step-up).
    stepped_up: bool = False
    # The gateway's session the request comes from: it is the one kept when the password changes.
    session_id: str | None = None

    def is_seller(self, seller_id: str) -> bool:
        return self.seller_id == seller_id

    def sees_seller(self, seller_id: str) -> bool:
        """A registration and its documents are for the seller themself and admins; others are told it is missing,
        so ids cannot be probed."""
        return self.is_admin or self.is_seller(seller_id)

    def may_read_audit_events_of(self, account_id: str | None) -> bool:
        """Admins read any account's audit events, or everyone's (None); anyone else only their own."""
        return self.is_admin or account_id in (None, self.account_id)

    def audit_events_shown(self, account_id: str | None) -> str | None:
        """Whose audit events a request for `account_id`'s shows: as asked for admins, always their own for others."""
        return account_id if self.is_admin else self.account_id
