"""Response targets: how long the first answer and the resolution may take, and when a pending
target is near (a warning) or missed (a breach).

First response: 24 hours, or a campaign window's hours (12 by default) while one is on, since
campaigns bring more questions about the same things and customers expect quick answers then.
Resolution: 48 hours for payment and account inquiries (money or access is blocked), 72 for the rest.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

FIRST_RESPONSE, RESOLUTION = "first_response", "resolution"
FIRST_RESPONSE_HOURS = 24
CAMPAIGN_FIRST_RESPONSE_HOURS = 12
RESOLUTION_HOURS = 72
RESOLUTION_HOURS_OF_TYPE = {"payment": 48, "account": 48}
WARNING_MARGIN = timedelta(hours=2)


def first_response_due(at: datetime, campaign_hours: int | None) -> datetime:
    """Due `campaign_hours` after opening while a campaign window is on, 24 hours otherwise."""
    return at + timedelta(hours=FIRST_RESPONSE_HOURS if campaign_hours is None else campaign_hours)


def resolution_due(inquiry_type: str, at: datetime) -> datetime:
    return at + timedelta(hours=RESOLUTION_HOURS_OF_TYPE.get(inquiry_type, RESOLUTION_HOURS))


@dataclass(frozen=True)
class PendingTarget:
    target: str
    due_at: datetime

    def is_missed(self, now: datetime) -> bool:
        return now >= self.due_at

    def is_near(self, now: datetime) -> bool:
        return now >= self.due_at - WARNING_MARGIN


def pending_target(
    first_response_due_at: datetime, resolution_due_at: datetime, first_responded_at: datetime | None
) -> PendingTarget:
    """The target due first among those not met: the first response until someone answered, then resolution."""
    if first_responded_at is None and first_response_due_at <= resolution_due_at:
        return PendingTarget(FIRST_RESPONSE, first_response_due_at)
    return PendingTarget(RESOLUTION, resolution_due_at)
