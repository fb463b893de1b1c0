"""Reaching an account's owner: through their registered email, or their phone when they have no email."""
from __future__ import annotations

from sqlalchemy.orm import Session

from auth.models import Account
from servicekit.notifications import queue_notification


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def mask_phone(phone: str) -> str:
    return f"{phone[:3]}-****-{phone[-4:]}"


def notify_owner(session: Session, account: Account, subject: str, body: str) -> None:
    """Queue a notice to the owner in the caller's transaction: email if they have one, else SMS."""
    if account.email:
        queue_notification(session, channel="email", to=account.email, subject=subject, body=body)
    else:
        queue_notification(session, channel="sms", to=account.phone, subject=subject, body=f"[Marketplace] {body}")
