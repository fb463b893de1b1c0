"""The response clock: the worker warns on inquiries whose target is near and records breached ones,
escalating a seller's breached inquiry to the platform.

The warning is an internal note from the system on the inquiry, which its seller and the agents
read in their queue: support does not know their email addresses.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import and_, or_, select

from servicekit.db import UnitOfWork
from support.domain.inquiry_states import ANSWERED, ASSIGNED, OPEN
from support.domain.ownership import SELLER
from support.domain.response_targets import WARNING_MARGIN, PendingTarget, pending_target
from support.escalation import escalate
from support.models import Inquiry, Message
from support.sweeps import sweep

# Waiting on the customer stops the clocks; resolved and closed inquiries have met their targets.
TICKING = (OPEN, ASSIGNED, ANSWERED)
WARNING = "Due in less than 2 hours: the {target} target is due at {due_at:%Y-%m-%d %H:%M} UTC."


def warn(inquiry: Inquiry, pending: PendingTarget, at: datetime) -> None:
    inquiry.warned_at = at
    inquiry.messages.append(
        Message(
            id=str(uuid.uuid4()),
            inquiry_id=inquiry.id,
            author_id=None,
            author_role="system",
            body=WARNING.format(target=pending.target.replace("_", " "), due_at=pending.due_at),
            internal=True,
            created_at=at,
        )
    )


def breach(uow: UnitOfWork, inquiry: Inquiry, pending: PendingTarget, at: datetime) -> None:
    inquiry.breached_at = at
    uow.record(
        "SLABreached",
        {
            "inquiry_id": inquiry.id,
            "target": pending.target,
            "owner": inquiry.owner,
            "seller_id": inquiry.seller_id,
            "assignee_id": inquiry.assignee_id,
            "due_at": pending.due_at,
            "breached_at": at,
        },
    )
    if inquiry.owner == SELLER and not inquiry.escalated:
        escalate(uow, inquiry, None, f"The seller missed the {pending.target.replace('_', ' ')} target.", True, at)


def watch_response_targets(runtime, now: datetime | None = None) -> int:
    """The worker's job: warn once when a target is near, record a breach once when it is missed.

    Returns how many inquiries were warned or found breached.
    """
    at = now or datetime.now(timezone.utc)
    horizon = at + WARNING_MARGIN

    def check(uow: UnitOfWork, inquiry: Inquiry) -> bool:
        pending = pending_target(inquiry.first_response_due_at, inquiry.resolution_due_at, inquiry.first_responded_at)
        if pending.is_missed(at):
            breach(uow, inquiry, pending, at)
            return True
        if pending.is_near(at) and inquiry.warned_at is None:
            warn(inquiry, pending, at)
            return True
        return False

    near = select(Inquiry).where(
        Inquiry.status.in_(TICKING),
        Inquiry.breached_at.is_(None),
        or_(
            and_(Inquiry.first_responded_at.is_(None), Inquiry.first_response_due_at <= horizon),
            Inquiry.resolution_due_at <= horizon,
        ),
    )
    return sweep(runtime, near, check)
