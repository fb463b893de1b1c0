"""An inquiry's states and the moves between them, the reopen window, and the paused response clock.

open -> assigned -> answered -> waiting_on_customer -> resolved -> closed. A customer's reply
brings an answered or waiting inquiry back to the person who holds it, and reopens a resolved
one within seven days; after that (or once closed) it starts a new inquiry linked to the old.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from support.domain.response_targets import business_time_between, later_by

OPEN = "open"
ASSIGNED = "assigned"
ANSWERED = "answered"
WAITING_ON_CUSTOMER = "waiting_on_customer"
RESOLVED = "resolved"
CLOSED = "closed"
STATUSES = (OPEN, ASSIGNED, ANSWERED, WAITING_ON_CUSTOMER, RESOLVED, CLOSED)
ACTIVE = (OPEN, ASSIGNED, ANSWERED, WAITING_ON_CUSTOMER)

TRANSITIONS: dict[str, frozenset[str]] = {
    OPEN: frozenset({ASSIGNED, ANSWERED, RESOLVED}),
    ASSIGNED: frozenset({OPEN, ANSWERED, WAITING_ON_CUSTOMER, RESOLVED}),
    ANSWERED: frozenset({OPEN, ASSIGNED, WAITING_ON_CUSTOMER, RESOLVED}),
    WAITING_ON_CUSTOMER: frozenset({OPEN, ASSIGNED, ANSWERED, RESOLVED}),
    RESOLVED: frozenset({OPEN, ASSIGNED, CLOSED}),
    CLOSED: frozenset(),
}
REOPEN_WINDOW = timedelta(days=7)
# A resolved inquiry nobody reopened is closed after the reopen window.
CLOSE_AFTER = REOPEN_WINDOW
RESOLUTION_REASONS = (
    "answered_question",
    "order_issue_fixed",
    "refunded",
    "returned",
    "exchanged",
    "delivery_delay",
    "product_defect",
    "wrong_item",
    "account_restored",
    "policy_explained",
    "duplicate",
    "no_response",
    "other",
)


class IllegalTransition(ValueError):
    def __init__(self, current: str, target: str):
        super().__init__(f"an inquiry that is {current} cannot become {target}")
        self.current = current
        self.target = target


def check_move(current: str, target: str) -> None:
    if target not in TRANSITIONS[current]:
        raise IllegalTransition(current, target)


def customer_reply_reopens(status: str, resolved_at: datetime | None, now: datetime) -> bool:
    """A reply to a resolved inquiry reopens it within the window; a closed one never reopens."""
    return status == RESOLVED and resolved_at is not None and now - resolved_at <= REOPEN_WINDOW


def status_after_customer_reply(status: str, assignee_id: str | None) -> str:
    """The inquiry goes back to whoever holds it: assigned if someone does, open otherwise."""
    return ASSIGNED if assignee_id is not None else OPEN


class Clocked(Protocol):
    first_response_due_at: datetime
    resolution_due_at: datetime
    first_responded_at: datetime | None
    waiting_since: datetime | None
    # How the inquiry's due times were counted when it took them: in Korean business hours or around the clock.
    targets_in_business_hours: bool


def pause_clock(inquiry: Clocked, at: datetime) -> None:
    """Waiting on the customer: the response clocks stop."""
    if inquiry.waiting_since is None:
        inquiry.waiting_since = at


def resume_clock(inquiry: Clocked, at: datetime) -> None:
    """The wait is over: every due time not yet met moves by the time spent waiting, counted the way the
    inquiry's targets count: around the clock every hour waited, in business hours only the business
    time of the wait (none for a wait wholly outside business hours)."""
    if inquiry.waiting_since is None:
        return
    business_hours = inquiry.targets_in_business_hours
    paused = business_time_between(inquiry.waiting_since, at) if business_hours else at - inquiry.waiting_since
    if inquiry.first_responded_at is None:
        inquiry.first_response_due_at = later_by(inquiry.first_response_due_at, paused, business_hours=business_hours)
    inquiry.resolution_due_at = later_by(inquiry.resolution_due_at, paused, business_hours=business_hours)
    inquiry.waiting_since = None
