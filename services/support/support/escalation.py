"""Escalation: an inquiry goes up to the platform's agents, by hand with a reason or when a seller
missed a response target.
"""
from __future__ import annotations

from datetime import datetime

from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from support import inquiries, routing
from support.domain.inquiry_states import ACTIVE
from support.domain.ownership import PLATFORM
from support.domain.people import Viewer
from support.models import Inquiry
from support.visible_inquiries import SeenInquiry, change_inquiry, staff_role


def escalate(uow: UnitOfWork, inquiry: Inquiry, actor_id: str | None, reason: str, automatic: bool, at: datetime) -> None:
    """The platform takes the inquiry over (from the seller, if they held it) and an agent is found for it."""
    if inquiry.escalated:
        raise Problem(409, "already-escalated", _("Already escalated"), _("This inquiry was escalated already."))
    if inquiry.status not in ACTIVE:
        raise Problem(409, "inquiry-not-active", _("Inquiry not active"),
                      _("A resolved or closed inquiry is not escalated."))
    if inquiry.owner != PLATFORM:
        inquiries.note_change(uow, inquiry, "owner", inquiry.owner, PLATFORM, actor_id, at, reason)
        inquiry.owner = PLATFORM
    inquiries.note_change(uow, inquiry, "escalated", False, True, actor_id, at, reason)
    inquiry.escalated = True
    inquiry.updated_at = at
    if inquiry.assignee_id is None:
        routing.assign_new_inquiry(uow, inquiry, at)
    uow.record(
        "InquiryEscalated",
        {
            "inquiry_id": inquiry.id,
            "seller_id": inquiry.seller_id,
            "reason": reason,
            "automatic": automatic,
            "escalated_at": at,
        },
    )


def escalate_by_hand(runtime: Runtime, viewer: Viewer, inquiry_id: str, reason: str) -> SeenInquiry:
    """The seller of the inquiry or an agent hands it up to the platform's agents, saying why."""

    def change(uow: UnitOfWork, inquiry: Inquiry) -> None:
        staff_role(viewer, inquiry)
        escalate(uow, inquiry, viewer.subject, reason, False, clock.now())

    return change_inquiry(runtime, viewer, inquiry_id, change)
