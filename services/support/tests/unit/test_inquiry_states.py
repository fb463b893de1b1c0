"""An inquiry's states, the reopen window and the response clock that stops while waiting on the customer:
around the clock a wait moves the due times by the time waited, in business hours by the business time."""
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest

from servicekit.korean_calendar import KOREA
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
    targets_in_business_hours: bool = False


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


def korean(*fields):
    return datetime(*fields, tzinfo=KOREA)


def due_after_waiting(due_at, paused_at, resumed_at, *, business_hours=True):
    """The first-response and resolution due times, both once `due_at`, after a wait on the customer."""
    clock = Clock(due_at, due_at, targets_in_business_hours=business_hours)
    pause_clock(clock, paused_at)
    resume_clock(clock, resumed_at)
    assert clock.waiting_since is None
    return clock.first_response_due_at, clock.resolution_due_at


@pytest.mark.parametrize(
    "paused_at, resumed_at, due_at, moved_to",
    [
        # 3 hours of a Wednesday; one is left before six, the other two count the next morning.
        pytest.param(korean(2024, 6, 12, 10), korean(2024, 6, 12, 13), korean(2024, 6, 12, 17),
                     korean(2024, 6, 13, 11), id="within-a-business-day"),
        # One hour, not the 64 of the weekend.
        pytest.param(korean(2024, 6, 14, 17), korean(2024, 6, 17, 9), korean(2024, 6, 17, 12),
                     korean(2024, 6, 17, 13), id="friday-five-to-monday-nine"),
        # 2024: Friday the 13th of September, then the weekend and Chuseok (Monday to Wednesday).
        pytest.param(korean(2024, 9, 13, 17), korean(2024, 9, 19, 9), korean(2024, 9, 19, 12),
                     korean(2024, 9, 19, 13), id="over-chuseok"),
        # Two hours, up to six.
        pytest.param(korean(2024, 6, 12, 16), korean(2024, 6, 12, 22), korean(2024, 6, 13, 10),
                     korean(2024, 6, 13, 12), id="resumed-at-night"),
        # An hour and a half, from nine the next morning.
        pytest.param(korean(2024, 6, 11, 20), korean(2024, 6, 12, 10, 30), korean(2024, 6, 12, 17),
                     korean(2024, 6, 13, 9, 30), id="paused-at-night"),
        # No business time: a due time at six stays there, not the next business morning.
        pytest.param(korean(2024, 6, 15, 10), korean(2024, 6, 16, 20), korean(2024, 6, 14, 18),
                     korean(2024, 6, 14, 18), id="wholly-in-a-weekend"),
    ],
)
def test_a_wait_moves_business_hours_due_times_by_the_business_time_it_took(paused_at, resumed_at, due_at, moved_to):
    assert due_after_waiting(due_at, paused_at, resumed_at) == (moved_to, moved_to)


def test_a_weekend_wait_moves_an_around_the_clock_due_time_by_every_hour_waited():
    moved = due_after_waiting(
        korean(2024, 6, 17, 12), korean(2024, 6, 14, 17), korean(2024, 6, 17, 9), business_hours=False
    )

    assert moved == (korean(2024, 6, 17, 12) + timedelta(hours=64),) * 2


@pytest.mark.parametrize(
    "inquiry_type, seller_id, owner",
    [("product", "s", "seller"), ("shipping", "s", "seller"), ("product", None, "platform"),
     ("account", "s", "platform"), ("payment", "s", "platform"), ("complaint", "s", "platform")],
)
def test_sellers_own_questions_on_their_products_and_orders_the_platform_the_rest(inquiry_type, seller_id, owner):
    assert owner_of(inquiry_type, seller_id) == owner
