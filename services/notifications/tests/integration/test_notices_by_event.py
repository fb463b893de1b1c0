"""Each event reaches the right people's inboxes as the right kind of notification, in their language."""
import sample_events as events
from servicekit.testing.events import deliver
from .people import agent, customer, inbox, kinds_in, seller


def test_a_paid_order_tells_each_of_its_sellers_their_part_and_its_customer_the_payment(
    notifications_client, notifications_consumer, sign_identity
):
    buyer, tea, cups = customer(notifications_consumer), seller(notifications_consumer), seller(notifications_consumer)
    paid = events.order_paid(buyer.account_id, [
        events.line(tea.seller_id, product_name="녹차", quantity=2, unit_price=12000),
        events.line(cups.seller_id, line_no=2, product_name="찻잔", quantity=1, unit_price=30000),
    ])

    deliver(notifications_consumer, "OrderPaid", paid)

    [tea_notice] = inbox(notifications_client, sign_identity, tea)
    assert tea_notice["kind"] == "new_order"
    assert tea_notice["title"] == f"새 주문이 들어왔습니다 ({paid['order_number']})"
    assert tea_notice["body"].startswith("녹차 · 수량 2개 · 24,000원")
    assert tea_notice["link"] == f"/seller/orders/{paid['order_id']}"
    assert tea_notice["read_at"] is None
    assert inbox(notifications_client, sign_identity, cups)[0]["body"].startswith("찻잔 · 수량 1개 · 30,000원")
    [paid_notice] = inbox(notifications_client, sign_identity, buyer)
    assert (paid_notice["kind"], paid_notice["body"]) == ("order_paid", "녹차, 찻잔 · 결제 금액 54,000원")


def test_a_customer_who_chose_english_is_told_in_english(notifications_client, notifications_consumer, sign_identity):
    buyer, shop = customer(notifications_consumer, language="en"), seller(notifications_consumer)

    deliver(notifications_consumer, "OrderShipped", events.order_shipped(buyer.account_id, shop.seller_id,
                                                                         carrier="hanjin", tracking_number="1234567890"))

    [shipped] = inbox(notifications_client, sign_identity, buyer)
    assert shipped["title"] == "Your order 20260105-000001 has shipped"
    assert shipped["body"] == "Hanjin, tracking number 1234567890"
    assert shipped["link"].startswith("https://www.hanjin.com/") and shipped["link"].endswith("1234567890")


def test_customers_hear_of_delivery_claim_outcomes_answers_and_review_requests(
    notifications_client, notifications_consumer, sign_identity
):
    buyer, shop = customer(notifications_consumer), seller(notifications_consumer)

    deliver(notifications_consumer, "OrderDelivered", events.order_delivered(buyer.account_id, shop.seller_id))
    deliver(notifications_consumer, "ClaimApproved", {**events.claim(buyer.account_id, shop.seller_id, kind="return"),
                                                      "approved_at": events.now()})
    deliver(notifications_consumer, "ClaimRejected", {**events.claim(buyer.account_id, shop.seller_id, kind="exchange"),
                                                      "reason": "사용 흔적이 있습니다", "rejected_at": events.now()})
    deliver(notifications_consumer, "ClaimCompleted", {**events.claim(buyer.account_id, shop.seller_id, kind="cancel"),
                                                       "refunded_amount": 12000, "completed_at": events.now()})
    deliver(notifications_consumer, "InquiryAnswered", events.inquiry_answered(buyer.account_id))
    deliver(notifications_consumer, "ReviewRequested", events.review_requested(buyer.account_id))

    told = inbox(notifications_client, sign_identity, buyer)
    assert [notification["kind"] for notification in told] == [
        "review_requested", "inquiry_answered", "claim_completed", "claim_rejected", "claim_approved", "order_delivered",
    ]
    assert told[2]["title"] == "취소 처리가 완료되었습니다" and told[2]["body"] == "환불 금액: 12,000원"
    assert told[3]["body"] == "사유: 사용 흔적이 있습니다"
    assert kinds_in(notifications_client, sign_identity, shop) == []


def test_an_approved_cancellation_is_told_once_when_it_completes(notifications_client, notifications_consumer,
                                                                 sign_identity):
    buyer, shop = customer(notifications_consumer), seller(notifications_consumer)
    cancellation = events.claim(buyer.account_id, shop.seller_id, kind="cancel")

    deliver(notifications_consumer, "ClaimApproved", {**cancellation, "approved_at": events.now()})
    deliver(notifications_consumer, "ClaimCompleted", {**cancellation, "refunded_amount": 9000,
                                                       "completed_at": events.now()})

    assert kinds_in(notifications_client, sign_identity, buyer) == ["claim_completed"]


def test_a_refund_refused_before_any_claim_tells_the_customer_of_the_paid_order(
    notifications_client, notifications_consumer, sign_identity
):
    buyer, shop = customer(notifications_consumer), seller(notifications_consumer)
    paid = events.order_paid(buyer.account_id, [events.line(shop.seller_id)])
    deliver(notifications_consumer, "OrderPaid", paid)

    deliver(notifications_consumer, "RefundRejected", {**events.refund_answer(paid["order_id"]),
                                                       "reason": "기간이 지났습니다", "rejected_at": events.now()})
    deliver(notifications_consumer, "RefundApproved", {**events.refund_answer(paid["order_id"], claim_id=events.new_id()),
                                                       "amount": 12000, "approved_at": events.now()})
    deliver(notifications_consumer, "RefundCompleted", {**events.refund_answer(events.new_id()),
                                                        "amount": 12000, "completed_at": events.now()})

    assert kinds_in(notifications_client, sign_identity, buyer) == ["refund_rejected", "order_paid"]


def test_sellers_hear_of_inquiries_targets_claims_negative_reviews_low_stock_and_their_registration(
    notifications_client, notifications_consumer, sign_identity
):
    buyer, shop = customer(notifications_consumer), seller(notifications_consumer)
    shop_id = shop.seller_id

    deliver(notifications_consumer, "InquiryOpened", events.inquiry_opened(buyer.account_id, seller_id=shop_id))
    deliver(notifications_consumer, "ResponseTargetNear", events.response_target_near(seller_id=shop_id))
    deliver(notifications_consumer, "SLABreached", events.sla_breached(seller_id=shop_id))
    deliver(notifications_consumer, "ClaimRequested", events.claim_requested(buyer.account_id, shop_id, kind="refund"))
    deliver(notifications_consumer, "NegativeReviewPosted", events.negative_review_posted(buyer.account_id, shop_id))
    deliver(notifications_consumer, "StockLow", events.stock_low(shop_id))
    deliver(notifications_consumer, "SellerApproved", events.seller_approved(shop_id, shop.account_id))

    told = {notification["kind"]: notification for notification in inbox(notifications_client, sign_identity, shop)}
    assert list(told) == ["seller_approved", "low_stock", "negative_review", "claim_requested",
                          "response_target_breached", "response_target_near", "new_inquiry"]
    assert told["negative_review"]["body"] == "예상 원인: 배송. 리뷰를 확인하고 답글을 남겨 주세요."
    assert told["claim_requested"]["title"] == "환불 요청이 들어왔습니다"
    assert told["low_stock"]["body"] == "남은 재고 2개 (알림 기준 5개). 재고를 채워 주세요."
    assert told["response_target_breached"]["title"] == "문의 해결 기한이 지났습니다"
    assert kinds_in(notifications_client, sign_identity, buyer) == []


def test_a_rejected_registration_is_told_to_its_applicant(notifications_client, notifications_consumer, sign_identity):
    applicant = seller(notifications_consumer)

    deliver(notifications_consumer, "SellerRejected", events.seller_rejected(applicant.seller_id, applicant.account_id))

    [rejected] = inbox(notifications_client, sign_identity, applicant)
    assert (rejected["kind"], rejected["body"]) == ("seller_rejected", "사유: 사업자등록증이 흐립니다.")


def test_an_escalation_reaches_every_active_agent_and_a_breach_its_assignee_alone(
    notifications_client, notifications_consumer, sign_identity
):
    first, second = agent(notifications_consumer), agent(notifications_consumer, language="en")
    away = agent(notifications_consumer, active=False)

    deliver(notifications_consumer, "InquiryEscalated", events.inquiry_escalated())
    deliver(notifications_consumer, "SLABreached", events.sla_breached(owner="platform", assignee_id=first.account_id))

    assert kinds_in(notifications_client, sign_identity, first) == ["response_target_breached", "inquiry_escalated"]
    assert kinds_in(notifications_client, sign_identity, second) == ["inquiry_escalated"]
    assert inbox(notifications_client, sign_identity, second)[0]["title"] == "A case was escalated to the agents"
    assert kinds_in(notifications_client, sign_identity, away) == []


def test_a_breach_of_a_case_nobody_holds_reaches_every_active_agent(
    notifications_client, notifications_consumer, sign_identity
):
    first, second = agent(notifications_consumer), agent(notifications_consumer)

    deliver(notifications_consumer, "SLABreached", events.sla_breached(owner="platform"))

    assert kinds_in(notifications_client, sign_identity, first) == ["response_target_breached"]
    assert kinds_in(notifications_client, sign_identity, second) == ["response_target_breached"]


def test_a_seller_hears_their_payout_held_with_the_reason_and_then_paid_linked_to_its_statement(
    notifications_client, notifications_consumer, sign_identity
):
    shop = seller(notifications_consumer)
    held = events.payout_held(shop.seller_id, reason="no_bank_account", amount=18_840)
    paid = events.payout_paid(shop.seller_id, amount=18_840)
    paid["payout_id"] = held["payout_id"]

    deliver(notifications_consumer, "PayoutHeld", held)
    deliver(notifications_consumer, "PayoutPaid", paid)

    told_paid, told_held = inbox(notifications_client, sign_identity, shop)
    assert (told_held["kind"], told_held["title"]) == ("payout_held", "정산금 지급이 보류되었습니다")
    assert told_held["body"] == ("1월 5일 (월) 지급 예정 금액 18,840원 · 등록된 정산 계좌가 없습니다. "
                                 "정산 계좌를 등록하시면 관리자 확인 후 지급됩니다.")
    assert (told_paid["kind"], told_paid["title"]) == ("payout_paid", "정산금이 지급되었습니다")
    assert told_paid["body"] == "1월 5일 (월) 지급분 18,840원이 KB국민은행 ****5678 계좌로 입금되었습니다."
    assert told_held["link"] == told_paid["link"] == f"/seller/settlement/payouts/{held['payout_id']}"


def test_a_seller_who_chose_english_hears_of_a_refused_transfer_in_english(
    notifications_client, notifications_consumer, sign_identity
):
    shop = seller(notifications_consumer, language="en")

    deliver(notifications_consumer, "PayoutHeld", events.payout_held(shop.seller_id, reason="transfer_refused"))

    [held] = inbox(notifications_client, sign_identity, shop)
    assert held["title"] == "Your payout is on hold"
    assert held["body"] == ("₩1,234,500 due Jan 5 (Mon) · The bank refused the transfer (a closed account, for "
                            "example). Check your payout bank account; an administrator sends the payout again once "
                            "it is checked.")
