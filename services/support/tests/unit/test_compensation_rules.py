"""The compensation rules: who, when, once, and how many points a case; what a refusal tells the customer."""
import pytest

from contracts.events.orders import COMPENSATION_REFUSALS
from support.domain.compensation_rules import KINDS, compensation_refusal, refusal_notice


def refusal(role="seller", status="resolved", already=False, kind="points", amount=1000, coupon_id=None):
    found = compensation_refusal(role, status, already, kind, amount, coupon_id)
    return None if found is None else found.reason


@pytest.mark.parametrize("role, amount", [("seller", 5000), ("agent", 30000)])
def test_points_up_to_the_roles_limit_are_granted(role, amount):
    assert refusal(role=role, amount=amount) is None


@pytest.mark.parametrize("role, amount", [("seller", 5001), ("agent", 30001)])
def test_points_over_the_roles_limit_are_refused(role, amount):
    assert refusal(role=role, amount=amount) == "over-limit"


@pytest.mark.parametrize("status", ["open", "assigned", "answered", "waiting_on_customer"])
def test_a_case_not_yet_resolved_is_not_compensated(status):
    assert refusal(status=status) == "not-settled"


def test_a_closed_case_may_still_be_compensated():
    assert refusal(status="closed") is None


def test_a_case_is_compensated_once():
    assert refusal(already=True) == "already-compensated"


@pytest.mark.parametrize("role", ["customer", None])
def test_only_the_seller_or_an_agent_compensates(role):
    assert refusal(role=role) == "not-staff"


def test_points_need_an_amount_and_a_coupon_needs_its_id():
    assert refusal(amount=None) == "amount-required"
    assert refusal(kind="coupon", amount=None) == "coupon-required"
    assert refusal(kind="coupon", amount=None, coupon_id="c0ffee00-0000-4000-8000-000000000000") is None


@pytest.mark.parametrize("reason", COMPENSATION_REFUSALS)
@pytest.mark.parametrize("kind", KINDS)
def test_the_customer_is_told_in_both_languages_why_orders_refused_and_that_a_person_takes_over(kind, reason):
    notice = refusal_notice(kind, reason)

    assert "담당자가 다른 방법으로 보상해 드리겠습니다" in notice
    assert "A person will compensate you another way." in notice
