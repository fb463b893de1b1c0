"""The response clock: the worker warns on inquiries whose target is near and records breached ones,
each target of an inquiry once, escalating a seller's breached inquiry to the platform.

A warning is ResponseTargetNear, which the notifications service turns into an alert to the owner
(support does not know their contacts), and an internal note from the system on the inquiry, which
its seller and the agents read in their queue.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Select, and_, exists, or_, select, true

from servicekit import clock
from servicekit.batch_jobs import change_each_due
from servicekit.db import UnitOfWork
from servicekit.runtime import Runtime
from support.domain.inquiry_states import ANSWERED, ASSIGNED, OPEN
from support.domain.ownership import SELLER
from support.domain.response_targets import (
    BREACH,
    FIRST_RESPONSE,
    RESOLUTION,
    WARNING,
    WARNING_LEAD,
    alert_for,
    watched_targets,
)
from support.escalation import escalate
from support.models import Inquiry, Message
from support.models.response_targets import TargetAlert

# Waiting on the customer stops the clocks; resolved and closed inquiries have met their targets.
TICKING = (OPEN, ASSIGNED, ANSWERED)
WARNING_NOTE = "Due in less than {lead}: the {target} target is due at {due_at:%Y-%m-%d %H:%M} UTC."


def _in_words(lead: timedelta) -> str:
    minutes = round(lead.total_seconds() / 60)
    if minutes and minutes % 60 == 0:
        return "1 hour" if minutes == 60 else f"{minutes // 60} hours"
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def warn(uow: UnitOfWork, inquiry: Inquiry, alert: TargetAlert, due_at: datetime, at: datetime,
         lead: timedelta) -> None:
    alert.warned_at = at
    inquiry.warned_at = inquiry.warned_at or at
    inquiry.messages.append(
        Message(
            id=str(uuid.uuid4()),
            inquiry_id=inquiry.id,
            author_id=None,
            author_role="system",
            body=WARNING_NOTE.format(lead=_in_words(lead), target=alert.target.replace("_", " "), due_at=due_at),
            internal=True,
            created_at=at,
        )
    )
    uow.record(
        "ResponseTargetNear",
        {
            "inquiry_id": inquiry.id,
            "target": alert.target,
            "owner": inquiry.owner,
            "seller_id": inquiry.seller_id,
            "assignee_id": inquiry.assignee_id,
            "subject": inquiry.subject,
            "due_at": due_at,
            "warned_at": at,
        },
    )


def breach(uow: UnitOfWork, inquiry: Inquiry, alert: TargetAlert, due_at: datetime, at: datetime) -> None:
    alert.breached_at = at
    inquiry.breached_at = inquiry.breached_at or at
    uow.record(
        "SLABreached",
        {
            "inquiry_id": inquiry.id,
            "target": alert.target,
            "owner": inquiry.owner,
            "seller_id": inquiry.seller_id,
            "assignee_id": inquiry.assignee_id,
            "due_at": due_at,
            "breached_at": at,
        },
    )
    if inquiry.owner == SELLER and not inquiry.escalated:
        escalate(uow, inquiry, None, f"The seller missed the {alert.target.replace('_', ' ')} target.", True, at)


def _calls_for_alert(target: str, due_at, watched: ColumnElement[bool], at: datetime,
                     lead: timedelta) -> ColumnElement[bool]:
    """SQL for alert_for: the target is watched and missed but not recorded breached, or near and
    neither warned nor breached."""
    alerted = select(TargetAlert).where(TargetAlert.inquiry_id == Inquiry.id, TargetAlert.target == target)
    return and_(
        watched,
        or_(
            and_(due_at <= at, ~exists(alerted.where(TargetAlert.breached_at.is_not(None)))),
            and_(due_at <= at + lead, ~exists(alerted)),
        ),
    )


def _due_for_alerts(at: datetime, lead: timedelta) -> Select:
    return (
        select(Inquiry)
        .where(
            Inquiry.status.in_(TICKING),
            or_(
                _calls_for_alert(FIRST_RESPONSE, Inquiry.first_response_due_at, Inquiry.first_responded_at.is_(None),
                                 at, lead),
                _calls_for_alert(RESOLUTION, Inquiry.resolution_due_at, true(), at, lead),
            ),
        )
        .order_by(Inquiry.created_at, Inquiry.id)
    )


def watch_response_targets(runtime: Runtime, now: datetime | None = None, lead: timedelta = WARNING_LEAD) -> int:
    """The worker's job: warn once when a target is due within `lead`, record a breach once when it is missed.

    Several workers may run it at once: each inquiry is changed by the one that holds its row
    (change_each_due), which reads what was recorded of its targets only then, and a target's alert row
    is keyed by the inquiry and the target, so no warning or breach is recorded twice.
    Returns how many inquiries were warned or found breached.
    """
    at = now or clock.now()

    def alert(uow: UnitOfWork, inquiry: Inquiry, _: datetime) -> None:
        for target, due_at in watched_targets(
            inquiry.first_response_due_at, inquiry.resolution_due_at, inquiry.first_responded_at
        ):
            recorded = uow.session.get(TargetAlert, (inquiry.id, target))
            called = alert_for(due_at, at, warned=recorded is not None and recorded.warned_at is not None,
                               breached=recorded is not None and recorded.breached_at is not None, lead=lead)
            if called is None:
                continue
            if recorded is None:
                recorded = TargetAlert(inquiry_id=inquiry.id, target=target)
                uow.session.add(recorded)
            if called == BREACH:
                breach(uow, inquiry, recorded, due_at, at)
            elif called == WARNING:
                warn(uow, inquiry, recorded, due_at, at, lead)

    return change_each_due(runtime, lambda _: _due_for_alerts(at, lead), alert)
