"""The security audit log (A10): recording what happened to an account, from where, and by whom; reading it back."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auth.models import AuditEvent
from servicekit import clock
from servicekit.app import unit_of_work
from servicekit.pagination import page_of

SIGNED_UP = "signed_up"
LOGIN_SUCCEEDED = "login_succeeded"
LOGIN_FAILED = "login_failed"
NEW_DEVICE = "new_device"
SECOND_FACTOR_SUCCEEDED = "second_factor_succeeded"
SECOND_FACTOR_FAILED = "second_factor_failed"
SECOND_FACTOR_ENROLLED = "second_factor_enrolled"
SECOND_FACTOR_DISABLED = "second_factor_disabled"
RECOVERY_CODES_GENERATED = "recovery_codes_generated"
RECOVERY_CODE_USED = "recovery_code_used"
PASSWORD_CHANGED = "password_changed"
PASSWORD_RESET_REQUESTED = "password_reset_requested"
PASSWORD_RESET = "password_reset"
CONTACT_CHANGED = "contact_changed"
ACCOUNT_LOCKED = "account_locked"
ACCOUNT_DEACTIVATED = "account_deactivated"
RECOVERY_REQUESTED = "recovery_requested"
ACCOUNT_REACTIVATED = "account_reactivated"
SELLER_DECIDED = "seller_decided"
SELLER_DOCUMENT_UPLOADED = "seller_document_uploaded"

KINDS = (
    SIGNED_UP, LOGIN_SUCCEEDED, LOGIN_FAILED, NEW_DEVICE, SECOND_FACTOR_SUCCEEDED, SECOND_FACTOR_FAILED,
    SECOND_FACTOR_ENROLLED, SECOND_FACTOR_DISABLED, RECOVERY_CODES_GENERATED, RECOVERY_CODE_USED, PASSWORD_CHANGED,
    PASSWORD_RESET_REQUESTED, PASSWORD_RESET, CONTACT_CHANGED, ACCOUNT_LOCKED, ACCOUNT_DEACTIVATED, RECOVERY_REQUESTED,
    ACCOUNT_REACTIVATED, SELLER_DECIDED, SELLER_DOCUMENT_UPLOADED,
)


@dataclass(frozen=True)
class Origin:
    """Where a request came from, as the gateway saw it."""

    ip: str | None = None
    user_agent: str | None = None


def record_audit(
    session: Session,
    kind: str,
    *,
    account_id: str | None,
    origin: Origin = Origin(),
    actor_id: str | None = None,
    **detail: Any,
) -> None:
    """Add an audit event to the caller's transaction; it commits, or not, with the change it describes."""
    session.add(
        AuditEvent(
            id=str(uuid.uuid4()),
            account_id=account_id,
            actor_id=actor_id if actor_id is not None else account_id,
            kind=kind,
            ip=origin.ip,
            user_agent=(origin.user_agent or "")[:500] or None,
            detail=detail,
            occurred_at=clock.now(),
        )
    )


def audit_events(account_id: str | None, kind: str | None, since: datetime | None, pagination_parameters) -> list:
    """A page of audit events, newest first: of one account, or of every account when `account_id` is None."""
    statement = select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    if account_id is not None:
        statement = statement.where(AuditEvent.account_id == account_id)
    if kind is not None:
        statement = statement.where(AuditEvent.kind == kind)
    if since is not None:
        statement = statement.where(AuditEvent.occurred_at >= since)
    with unit_of_work() as uow:
        return page_of(uow.session, statement, pagination_parameters)
