"""Support's part of the seller dashboard (G6): the open inquiries, those whose response target comes soonest,
and the targets missed this month; a seller's own shop, or the whole platform's for admins.

Counted in the database: open inquiries through the owner-and-status and status indexes, this month's breaches
through a partial index holding only breached inquiries.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import and_, case, func, select

from contracts.dashboard import LISTED_ROWS, PLATFORM_SCOPE, SELLER_SCOPE
from servicekit import clock
from servicekit.korean_calendar import korean_day, korean_midnight, period_so_far
from servicekit.runtime import Runtime
from support.domain.inquiry_states import ACTIVE
from support.domain.ownership import SELLER
from support.domain.response_targets import FIRST_RESPONSE, RESOLUTION
from support.models import Inquiry
from support.response_clock import TICKING

# The target an open inquiry meets next (domain.response_targets.watched_targets): the first response while nobody
# answered, unless its resolution is due even sooner; the resolution after that.
_FIRST_RESPONSE_NEXT = and_(
    Inquiry.first_responded_at.is_(None), Inquiry.first_response_due_at <= Inquiry.resolution_due_at
)
NEXT_TARGET = case((_FIRST_RESPONSE_NEXT, FIRST_RESPONSE), else_=RESOLUTION)
NEXT_DUE_AT = case((_FIRST_RESPONSE_NEXT, Inquiry.first_response_due_at), else_=Inquiry.resolution_due_at)


def dashboard_figures(runtime: Runtime, seller_id: str | None) -> dict:
    """The figures of the seller's shop, or of the whole platform when `seller_id` is None.

    A seller's open inquiries are those they hold: one escalated to the platform is the agents' now, but its
    missed target still counts among the seller's breaches.
    """
    now = clock.now()
    first_day, today = period_so_far(korean_day(now), "month")
    held = [Inquiry.owner == SELLER, Inquiry.seller_id == seller_id] if seller_id is not None else []
    about = [Inquiry.seller_id == seller_id] if seller_id is not None else []
    with runtime.unit_of_work() as uow:
        session = uow.session
        statuses = dict(session.execute(
            select(Inquiry.status, func.count()).where(Inquiry.status.in_(ACTIVE), *held).group_by(Inquiry.status)
        ).all())
        ticking = [Inquiry.status.in_(TICKING), *held]
        overdue = session.scalar(select(func.count()).select_from(Inquiry).where(*ticking, NEXT_DUE_AT <= now))
        soonest = session.execute(
            select(Inquiry.id, Inquiry.subject, Inquiry.inquiry_type, Inquiry.status,
                   NEXT_TARGET.label("target"), NEXT_DUE_AT.label("due_at"))
            .where(*ticking).order_by(NEXT_DUE_AT, Inquiry.id).limit(LISTED_ROWS)
        ).all()
        breaches = session.scalar(select(func.count()).select_from(Inquiry).where(
            Inquiry.breached_at.is_not(None), *about, Inquiry.breached_at >= korean_midnight(first_day),
            Inquiry.breached_at < korean_midnight(today + timedelta(days=1)),
        ))
    return {
        "scope": SELLER_SCOPE if seller_id is not None else PLATFORM_SCOPE,
        "open": sum(statuses.values()),
        "statuses": {status: statuses.get(status, 0) for status in ACTIVE},
        "overdue": overdue,
        "due_soonest": [
            {"id": row.id, "subject": row.subject, "inquiry_type": row.inquiry_type, "status": row.status,
             "target": row.target, "due_at": row.due_at, "overdue": row.due_at <= now}
            for row in soonest
        ],
        "breaches_this_month": {"first": first_day, "last": today, "inquiries": breaches},
    }
