"""An inquiry's states, the reopen window and the response clock that stops while waiting on the customer."""
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest

from support.domain.inquiry_states import (
    CLOSED,
    RESOLVED,
    STATUSES,
    TRANSITIONS,
    IllegalTransition,
    check_move,
    customer_reply_reopens,
    pause_clock,
    resume_clock,
    status_after_customer_reply,
)
from support.domain.ownership import owner_of

AT = datetime(2026, 11, 25, 9, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "current, target", [(c, t) for c in STATUSES for t in STATUSES if t not in TRANSITIONS[c]]
)
def test_moves_outside_the_table_are_refused(current, target):
    with pytest.raises(IllegalTransition):
        check_move(current, target)


def test_a_closed_inquiry_never_moves_again():
    assert TRANSITIONS[CLOSED] == frozenset()


def test_a_reply_reopens_a_resolved_inquiry_only_within_seven_days():
    assert customer_reply_reopens(RESOLVED, AT - timedelta(days=7), AT)
    assert not customer_reply_reopens(RESOLVED, AT - timedelta(days=7, seconds=1), AT)
    assert not customer_reply_reopens(CLOSED, AT - timedelta(days=1), AT)


def test_a_reply_goes_back_to_whoever_holds_the_inquiry():
    assert status_after_customer_reply("answered", "agent-1") == "assigned"
    assert status_after_customer_reply("answered", None) == "open"


@dataclass
class Clock:
    first_response_due_at: datetime
    resolution_due_at: datetime
    first_responded_at: datetime | None = None
    waiting_since: datetime | None = None


def test_time_spent_waiting_on_the_customer_moves_the_due_times_not_yet_met():
    clock = Clock(AT + timedelta(hours=24), AT + timedelta(hours=72))
    pause_clock(clock, AT)
    pause_clock(clock, AT + timedelta(hours=1))  # a second pause does not restart the wait
    resume_clock(clock, AT + timedelta(hours=5))
    assert clock.first_response_due_at == AT + timedelta(hours=29)
    assert clock.resolution_due_at == AT + timedelta(hours=77)
    answered = Clock(AT, AT + timedelta(hours=72), first_responded_at=AT, waiting_since=AT)
    resume_clock(answered, AT + timedelta(hours=2))
    assert answered.first_response_due_at == AT


@pytest.mark.parametrize(
    "inquiry_type, seller_id, owner",
    [("product", "s", "seller"), ("shipping", "s", "seller"), ("product", None, "platform"),
     ("account", "s", "platform"), ("payment", "s", "platform"), ("complaint", "s", "platform")],
)
def test_sellers_own_questions_on_their_products_and_orders_the_platform_the_rest(inquiry_type, seller_id, owner):
    assert owner_of(inquiry_type, seller_id) == owner
