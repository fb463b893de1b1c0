"""When an inquiry must first be answered and when resolved, by its type's targets at that moment."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from support.domain.response_targets import TargetHours, default_hours, first_response_due, resolution_due
from support.models import Inquiry
from support.models.agents import CampaignWindow
from support.models.response_targets import ResponseTarget


@dataclass(frozen=True)
class ResponseTargets:
    first_response_due_at: datetime
    resolution_due_at: datetime
    business_hours: bool


def campaign_hours_at(session: Session, at: datetime) -> int | None:
    """The first-response hours of the campaign window on at `at` (the strictest if several overlap)."""
    return session.scalars(
        select(CampaignWindow.first_response_hours)
        .where(CampaignWindow.starts_at <= at, CampaignWindow.ends_at > at)
        .order_by(CampaignWindow.first_response_hours)
        .limit(1)
    ).first()


def target_hours_of(session: Session, inquiry_type: str) -> TargetHours:
    """The type's targets as an admin last set them, or the defaults."""
    row = session.get(ResponseTarget, inquiry_type)
    if row is None:
        return default_hours(inquiry_type)
    return TargetHours(row.first_response_hours, row.resolution_hours, row.business_hours)


def first_response_due_at(session: Session, inquiry: Inquiry, at: datetime) -> datetime:
    """When a first answer is due for `inquiry` if its clock starts again at `at`: in its type's hours,
    counted the way its due times were counted when it opened (an admin's later switch between business
    hours and around the clock is for inquiries opened after it, and a wait moves these due times by
    that same count).
    """
    hours = replace(target_hours_of(session, inquiry.inquiry_type), business_hours=inquiry.targets_in_business_hours)
    return first_response_due(at, hours, campaign_hours_at(session, at))


def response_targets(session: Session, inquiry_type: str, owner: str, at: datetime) -> ResponseTargets:
    """The due times of an inquiry opened at `at`; sellers and agents are held to the same targets."""
    hours = target_hours_of(session, inquiry_type)
    return ResponseTargets(
        first_response_due(at, hours, campaign_hours_at(session, at)), resolution_due(at, hours), hours.business_hours
    )
