"""An inquiry's history: every change of its status, owner, assignee or type, kept with who made it,
when and why; its status moves only as the state machine allows, stopping or restarting its clocks."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from servicekit.db import UnitOfWork
from servicekit.languages import _
from servicekit.problems import Problem
from support.domain.inquiry_states import WAITING_ON_CUSTOMER, IllegalTransition, check_move, pause_clock, resume_clock
from support.models import HistoryEntry, Inquiry


def note_change(
    uow: UnitOfWork,
    inquiry: Inquiry,
    kind: str,
    before: Any,
    after: Any,
    actor_id: str | None,
    at: datetime,
    reason: str | None = None,
) -> None:
    """Keep a change of state, owner, assignee or type in the inquiry's history."""
    uow.session.add(
        HistoryEntry(
            inquiry_id=inquiry.id,
            kind=kind,
            from_value=None if before is None else str(before),
            to_value=None if after is None else str(after),
            reason=reason,
            actor_id=actor_id,
            at=at,
        )
    )


def move_inquiry(uow: UnitOfWork, inquiry: Inquiry, target: str, actor_id: str | None, at: datetime, reason=None) -> None:
    """Change an inquiry's status by the state machine, stopping or restarting its clocks, and note it."""
    try:
        check_move(inquiry.status, target)
    except IllegalTransition as illegal:
        raise Problem(
            409,
            "illegal-transition",
            _("Illegal transition"),
            _("This inquiry is %(current)s; it cannot become %(target)s.",
              current=illegal.current, target=illegal.target),
        ) from None
    if target == WAITING_ON_CUSTOMER:
        pause_clock(inquiry, at)
    else:
        resume_clock(inquiry, at)
    note_change(uow, inquiry, "status", inquiry.status, target, actor_id, at, reason)
    inquiry.status = target
    inquiry.updated_at = at
