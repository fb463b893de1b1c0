"""Support sends a return or exchange to orders within a week of delivery, or later when the seller is at fault."""
from datetime import datetime, timedelta, timezone

import pytest

from support.domain.return_period import past_return_period

DELIVERED = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)


@pytest.mark.parametrize("kind", ["return", "exchange"])
def test_goods_go_back_for_a_change_of_mind_within_seven_days_of_delivery_and_no_later(kind):
    assert not past_return_period(kind, "changed_mind", DELIVERED, DELIVERED + timedelta(days=7))
    assert past_return_period(kind, "changed_mind", DELIVERED, DELIVERED + timedelta(days=7, seconds=1))


@pytest.mark.parametrize("reason", ["defective", "damaged", "wrong_item", "not_delivered"])
def test_goods_the_seller_is_at_fault_for_go_back_after_the_week_too(reason):
    assert not past_return_period("return", reason, DELIVERED, DELIVERED + timedelta(days=60))


def test_a_refund_and_goods_not_known_delivered_have_no_week_to_run_out():
    assert not past_return_period("refund", "changed_mind", DELIVERED, DELIVERED + timedelta(days=60))
    assert not past_return_period("return", "changed_mind", None, DELIVERED + timedelta(days=60))
