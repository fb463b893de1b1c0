"""Response targets: when an inquiry must first be answered and when resolved."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from support.domain.response_targets import first_response_due, resolution_due
from support.models.agents import CampaignWindow


@dataclass(frozen=True)
class ResponseTargets:
    first_response_due_at: datetime
    resolution_due_at: datetime


def campaign_hours_at(session: Session, at: datetime) -> int | None:
    """The first-response hours of the campaign window on at `at` (the strictest if several overlap)."""
    return session.scalars(
        select(CampaignWindow.first_response_hours)
        .where(CampaignWindow.starts_at <= at, CampaignWindow.ends_at > at)
        .order_by(CampaignWindow.first_response_hours)
        .limit(1)
    ).first()


def response_targets(session: Session, inquiry_type: str, owner: str, at: datetime) -> ResponseTargets:
    """The due times of an inquiry opened at `at`; sellers and agents are held to the same targets."""
    return ResponseTargets(first_response_due(at, campaign_hours_at(session, at)), resolution_due(inquiry_type, at))
