"""The dashboard parts' contract: the gateway takes what a service dumps with the same schema, leaves out fields it
does not know yet, and refuses an answer that does not fit."""
from datetime import date, datetime, timezone

import pytest
from marshmallow import ValidationError

from contracts.dashboard import (
    DashboardInquiriesSchema,
    DashboardSellerApprovalsSchema,
    DashboardSettlementsSchema,
    DashboardUnreadNotificationsSchema,
)


def approvals() -> dict:
    return DashboardSellerApprovalsSchema().dump({
        "pending": 1,
        "oldest": [{"id": "0b7a4f4e-8a1c-4d5e-9f00-1234567890ab", "display_name": "Jeju Tea House",
                    "seller_type": "sole_proprietor", "registered_at": datetime(2026, 3, 1, tzinfo=timezone.utc)}],
    })


def test_what_a_service_dumps_the_gateway_loads_back_the_same():
    dumped = approvals()

    assert DashboardSellerApprovalsSchema().dump(DashboardSellerApprovalsSchema().load(dumped)) == dumped


def test_a_field_the_gateway_does_not_know_yet_is_left_out_not_refused():
    loaded = DashboardSellerApprovalsSchema().load({**approvals(), "rejected_today": 3})

    assert "rejected_today" not in loaded


def test_an_answer_that_does_not_fit_is_refused():
    with pytest.raises(ValidationError) as refused:
        DashboardInquiriesSchema().load({"scope": "shop", "open": -1, "breaches_this_month": {
            "first": date(2026, 3, 1).isoformat(), "last": "2026-03-02", "inquiries": 0}})

    assert {"scope", "open", "statuses", "overdue", "due_soonest"} <= set(refused.value.messages)


@pytest.mark.parametrize("count", [-1, "4", 1.5, None])
def test_an_unread_count_that_is_not_a_count_is_refused(count):
    with pytest.raises(ValidationError):
        DashboardUnreadNotificationsSchema().load({"unread": count})

    assert DashboardUnreadNotificationsSchema().load({"unread": 4, "urgent": 1}) == {"unread": 4}


def test_a_next_payout_of_money_owed_is_refused_while_money_not_payable_yet_may_be_owed():
    part = {"scope": "seller", "next_payout": {"payout_day": "2026-12-08", "amount": -500, "entry_count": 3},
            "not_payable_yet": -12_000, "held": 0}

    with pytest.raises(ValidationError) as refused:
        DashboardSettlementsSchema().load(part)

    assert set(refused.value.messages) == {"next_payout"}
    assert DashboardSettlementsSchema().load({**part, "next_payout": None})["not_payable_yet"] == -12_000
