"""Who hears of each event, of which kind, with which details and link."""
import pytest

import sample_events as events
from contracts.events.settlements import PAYOUT_HOLD_REASONS
from notifications.domain import notices
from notifications.domain.notices import ToAccount, ToAgents, ToSeller


def test_each_seller_of_a_paid_order_hears_of_their_own_part_and_the_customer_of_the_payment():
    customer, tea, cups = events.new_id(), events.new_id(), events.new_id()
    paid = events.order_paid(customer, [
        events.line(tea, product_name="녹차", quantity=2, unit_price=12000),
        events.line(tea, line_no=2, product_name="홍차", quantity=1, unit_price=8000),
        events.line(cups, line_no=3, product_name="찻잔", quantity=1, unit_price=30000),
    ])

    told = notices.order_paid(paid)

    by_seller = {notice.to: notice for notice in told if notice.kind == "new_order"}
    assert by_seller[ToSeller(tea)].params == {
        "order_number": paid["order_number"], "quantity": 3, "amount_won": 32000, "products": "녹차, 홍차", "more": 0,
    }
    assert by_seller[ToSeller(cups)].params["amount_won"] == 30000
    assert by_seller[ToSeller(tea)].link == f"/seller/orders/{paid['order_id']}"
    [customer_notice] = [notice for notice in told if notice.kind == "order_paid"]
    assert customer_notice.to == ToAccount(customer)
    assert customer_notice.params["amount_won"] == 62000
    assert customer_notice.params["more"] == 1


def test_a_shipped_order_links_to_its_carriers_tracking_page_and_to_the_order_without_one():
    customer, seller = events.new_id(), events.new_id()
    [by_cj] = notices.order_shipped(events.order_shipped(customer, seller, carrier="cj", tracking_number="601234567890"))
    direct = events.order_shipped(customer, seller, carrier="direct", tracking_number="VAN-7")
    [by_hand] = notices.order_shipped(direct)

    assert by_cj.link == "https://trace.cjlogistics.com/next/tracking.html?wblNo=601234567890"
    assert by_cj.params["carrier"] == "cj"
    assert by_hand.link == f"/orders/{direct['order_id']}"


def test_an_approved_cancellation_is_told_once_by_its_completion_while_an_approved_return_is_told_at_once():
    customer, seller = events.new_id(), events.new_id()

    assert notices.claim_approved(events.claim(customer, seller, kind="cancel")) == []
    assert notices.claim_approved(events.claim(customer, seller, kind="refund")) == []
    [approved] = notices.claim_approved(events.claim(customer, seller, kind="return"))
    assert (approved.kind, approved.to) == ("claim_approved", ToAccount(customer))


def test_a_refund_answer_about_a_claim_is_left_to_the_claims_events_and_one_without_a_claim_tells_the_customer():
    customer, order_id = events.new_id(), events.new_id()
    rejected = {**events.refund_answer(order_id), "reason": "This customer has no such order.",
                "rejected_at": events.now()}

    assert notices.refund_answered("refund_rejected", {**rejected, "claim_id": events.new_id()}, customer) == []
    assert notices.refund_answered("refund_rejected", rejected, None) == []
    [told] = notices.refund_answered("refund_rejected", rejected, customer)
    assert (told.kind, told.to, told.params) == ("refund_rejected", ToAccount(customer), {"reason": rejected["reason"]})


def test_a_seller_hears_of_inquiries_routed_to_them_and_nobody_here_of_the_platforms():
    customer, seller = events.new_id(), events.new_id()

    [told] = notices.inquiry_opened(events.inquiry_opened(customer, seller_id=seller))
    assert (told.kind, told.to) == ("new_inquiry", ToSeller(seller))
    assert notices.inquiry_opened(events.inquiry_opened(customer, owner="platform")) == []


def test_a_breached_case_goes_to_its_seller_or_to_its_agent_or_to_every_agent_while_nobody_has_it():
    seller, agent = events.new_id(), events.new_id()

    [to_seller] = notices.response_target_breached(events.sla_breached(seller_id=seller))
    [to_agent] = notices.response_target_breached(events.sla_breached(owner="platform", assignee_id=agent))
    [to_all] = notices.response_target_breached(events.sla_breached(owner="platform"))

    assert to_seller.to == ToSeller(seller) and to_seller.link.startswith("/seller/inquiries/")
    assert to_agent.to == ToAgents(agent) and to_agent.link.startswith("/agent/inquiries/")
    assert to_all.to == ToAgents(None)


def test_a_near_response_target_warns_the_same_people_as_its_breach_would():
    seller, agent = events.new_id(), events.new_id()

    [to_seller] = notices.response_target_near(events.response_target_near(seller_id=seller))
    [to_agent] = notices.response_target_near(events.response_target_near(owner="platform", assignee_id=agent))

    assert (to_seller.kind, to_seller.to) == ("response_target_near", ToSeller(seller))
    assert to_agent.to == ToAgents(agent)


def test_an_escalation_goes_to_every_agent():
    [told] = notices.inquiry_escalated(events.inquiry_escalated())

    assert (told.kind, told.to) == ("inquiry_escalated", ToAgents(None))


def test_the_decision_on_a_registration_goes_to_the_applicants_account():
    seller, account = events.new_id(), events.new_id()

    [approved] = notices.seller_approved(events.seller_approved(seller, account))
    [rejected] = notices.seller_rejected(events.seller_rejected(seller, account))

    assert approved.to == rejected.to == ToAccount(account)
    assert rejected.params == {"reason": "사업자등록증이 흐립니다."}


def test_a_paid_payout_tells_its_seller_the_amount_and_day_with_a_link_to_its_statement():
    seller = events.new_id()
    paid = events.payout_paid(seller, amount=18_840)

    [told] = notices.payout_paid(paid)

    assert (told.kind, told.to) == ("payout_paid", ToSeller(seller))
    assert told.params == {"amount_won": 18_840, "payout_day": "2026-01-05", "bank": "004", "account_ending": "5678"}
    assert told.link == f"/seller/settlement/payouts/{paid['payout_id']}"


@pytest.mark.parametrize("reason", PAYOUT_HOLD_REASONS)
def test_a_held_payout_tells_its_seller_the_amount_and_the_reason_with_a_link_to_its_statement(reason):
    seller = events.new_id()
    held = events.payout_held(seller, reason=reason, amount=20_150)

    [told] = notices.payout_held(held)

    assert (told.kind, told.to) == ("payout_held", ToSeller(seller))
    assert told.params == {"amount_won": 20_150, "payout_day": "2026-01-05", "hold_reason": reason}
    assert told.link == f"/seller/settlement/payouts/{held['payout_id']}"
