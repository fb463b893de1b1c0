"""Notices go out once per event, person and kind, by mail and SMS as each person chose, in their language; a
mail that fails is retried while the inbox already has the notice; people and sellers known late still hear."""
import socket
from datetime import datetime, timedelta, timezone

import pytest
from prometheus_client import REGISTRY
from sqlalchemy import select, update

import sample_events as events
from notifications import delivery
from notifications.domain import notices
from notifications.models import Recipient
from servicekit.notifications import deliver_notifications, outgoing_notifications
from servicekit.runtime import Runtime
from servicekit.testing.events import deliver
from .people import customer, inbox, known, kinds_in, messages_to, seller


def test_a_redelivered_event_notifies_and_mails_once(notifications_client, notifications_consumer,
                                                     notifications_runtime, sign_identity):
    buyer, shop = customer(notifications_consumer), seller(notifications_consumer)
    shipped = events.order_shipped(buyer.account_id, shop.seller_id)
    event_id = events.new_id()

    assert deliver(notifications_consumer, "OrderShipped", shipped, event_id=event_id) is True
    assert deliver(notifications_consumer, "OrderShipped", shipped, event_id=event_id) is False

    assert kinds_in(notifications_client, sign_identity, buyer) == ["order_shipped"]
    assert len(messages_to(notifications_runtime, buyer.email)) == 1
    assert len(messages_to(notifications_runtime, buyer.phone)) == 1


def test_a_notice_delivered_again_for_the_same_event_is_neither_posted_nor_mailed_again(
    notifications_client, notifications_consumer, notifications_runtime, sign_identity
):
    buyer, shop = customer(notifications_consumer), seller(notifications_consumer)
    notices_of_payment = order_paid_notices(buyer, shop)
    event_id = events.new_id()

    for _ in range(2):
        with notifications_runtime.unit_of_work() as uow:
            delivery.deliver(uow, event_id, notices_of_payment)
            uow.commit()

    assert kinds_in(notifications_client, sign_identity, buyer) == ["order_paid"]
    assert kinds_in(notifications_client, sign_identity, shop) == ["new_order"]
    assert len(messages_to(notifications_runtime, buyer.email)) == 1
    assert len(messages_to(notifications_runtime, shop.email)) == 1


def order_paid_notices(buyer, shop):
    return notices.order_paid(events.order_paid(buyer.account_id, [events.line(shop.seller_id)]))


def test_the_seller_is_mailed_a_new_order_in_korean_with_a_link_to_it(notifications_consumer, notifications_runtime):
    buyer, shop = customer(notifications_consumer), seller(notifications_consumer)
    paid = events.order_paid(buyer.account_id, [events.line(shop.seller_id, quantity=1, unit_price=15000)])

    deliver(notifications_consumer, "OrderPaid", paid)

    [mail] = messages_to(notifications_runtime, shop.email)
    assert mail["channel"] == "email"
    assert mail["subject"] == f"새 주문이 들어왔습니다 ({paid['order_number']})"
    assert "제주 녹차 · 수량 1개 · 15,000원" in mail["body"]
    assert f"바로 가기: http://127.0.0.1:8000/seller/orders/{paid['order_id']}" in mail["body"]
    assert messages_to(notifications_runtime, shop.phone) == [], "no SMS for a new order unless chosen"


def test_a_shipped_order_is_texted_as_well_as_mailed_in_the_customers_language(
    notifications_consumer, notifications_runtime
):
    buyer, shop = customer(notifications_consumer, language="en"), seller(notifications_consumer)

    deliver(notifications_consumer, "OrderShipped", events.order_shipped(buyer.account_id, shop.seller_id))

    [mail] = messages_to(notifications_runtime, buyer.email)
    [sms] = messages_to(notifications_runtime, buyer.phone)
    assert mail["subject"] == "Your order 20260105-000001 has shipped"
    assert "Open it: https://trace.cjlogistics.com/next/tracking.html?wblNo=601234567890" in mail["body"]
    assert sms["channel"] == "sms"
    assert sms["body"] == ("[Marketplace] Your order 20260105-000001 has shipped "
                           "https://trace.cjlogistics.com/next/tracking.html?wblNo=601234567890")


def test_a_kind_switched_off_by_email_still_reaches_the_inbox(notifications_client, notifications_consumer,
                                                              notifications_runtime, sign_identity):
    buyer = customer(notifications_consumer)
    chosen = notifications_client.put("/api/notifications/preferences", headers=buyer.headers(sign_identity),
                                      json={"preferences": [{"kind": "review_requested", "email": False}]})
    assert chosen.status_code == 200, chosen.json

    deliver(notifications_consumer, "ReviewRequested", events.review_requested(buyer.account_id))

    assert kinds_in(notifications_client, sign_identity, buyer) == ["review_requested"]
    assert messages_to(notifications_runtime, buyer.email) == []


def test_a_deactivated_account_is_no_longer_mailed(notifications_client, notifications_consumer,
                                                   notifications_runtime, sign_identity):
    buyer = customer(notifications_consumer, active=False)

    deliver(notifications_consumer, "InquiryAnswered", events.inquiry_answered(buyer.account_id))

    assert kinds_in(notifications_client, sign_identity, buyer) == ["inquiry_answered"]
    assert messages_to(notifications_runtime, buyer.email) == []


@pytest.fixture
def closed_smtp_url():
    # Bound but not listening: connections are refused, and no other socket can take the port meanwhile.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"smtp://127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture
def worker_runtime(service_config, notifications_runtime):
    """A worker's Runtime on the service's database, sending mail to the given SMTP URL."""
    made: list[Runtime] = []

    def make(email_url: str) -> Runtime:
        made.append(Runtime(service_config("notifications", notify_email_url=email_url)))
        return made[-1]

    # What earlier tests queued goes first, so only this test's mail meets the failing server.
    deliver_notifications(notifications_runtime)
    yield make
    for runtime in made:
        runtime.dispose()


def _queued_to(runtime: Runtime, address: str) -> list:
    with runtime.engine.connect() as connection:
        return connection.execute(
            select(outgoing_notifications).where(outgoing_notifications.c.recipient == address)
        ).all()


def test_a_failing_mail_is_retried_with_back_off_while_the_notice_is_in_the_inbox_at_once(
    notifications_client, notifications_consumer, sign_identity, worker_runtime, closed_smtp_url, smtp_mailbox
):
    buyer, shop = customer(notifications_consumer), seller(notifications_consumer)
    paid = events.order_paid(buyer.account_id, [events.line(shop.seller_id)])
    deliver(notifications_consumer, "OrderPaid", paid)
    down = worker_runtime(closed_smtp_url)

    assert deliver_notifications(down) == 0

    assert kinds_in(notifications_client, sign_identity, buyer) == ["order_paid"]
    [queued] = _queued_to(down, buyer.email)
    assert queued.attempts == 1 and "ConnectionRefusedError" in queued.last_error
    assert queued.next_attempt_at > datetime.now(timezone.utc)
    with down.engine.begin() as connection:
        connection.execute(update(outgoing_notifications).values(
            next_attempt_at=datetime.now(timezone.utc) - timedelta(seconds=1)))
    deliver_notifications(worker_runtime(smtp_mailbox.url))
    mail = smtp_mailbox.wait_for_message(buyer.email)
    assert mail["Subject"] == f"결제가 완료되었습니다 ({paid['order_number']})"
    assert _queued_to(down, buyer.email) == []


def test_someone_notified_before_their_contacts_arrived_is_mailed_once_they_do(
    notifications_client, notifications_consumer, notifications_runtime, sign_identity
):
    buyer = known(notifications_consumer, known_to_service=False, language="en")
    answered = events.inquiry_answered(buyer.account_id)

    deliver(notifications_consumer, "InquiryAnswered", answered)
    assert inbox(notifications_client, sign_identity, buyer)[0]["title"] == "문의에 답변이 등록되었습니다"
    assert messages_to(notifications_runtime, buyer.email) == []
    deliver(notifications_consumer, "AccountContactsChanged",
            events.contacts(buyer.account_id, email=buyer.email, language="en"))
    deliver(notifications_consumer, "AccountContactsChanged",
            events.contacts(buyer.account_id, revision=2, email=buyer.email, language="en"))

    [mail] = messages_to(notifications_runtime, buyer.email)
    assert mail["subject"] == "Your inquiry has an answer"


def test_mail_owed_for_more_than_three_days_is_not_sent_when_the_contacts_finally_arrive(
    notifications_consumer, notifications_runtime, monkeypatch
):
    buyer = known(notifications_consumer, known_to_service=False)
    deliver(notifications_consumer, "ReviewRequested", events.review_requested(buyer.account_id))
    later = datetime.now(timezone.utc) + timedelta(days=3, minutes=1)
    monkeypatch.setattr("servicekit.clock.now", lambda: later)

    deliver(notifications_consumer, "AccountContactsChanged", events.contacts(buyer.account_id, email=buyer.email))

    assert messages_to(notifications_runtime, buyer.email) == []


def test_a_seller_not_known_yet_hears_of_their_orders_once_their_account_is(
    notifications_client, notifications_consumer, notifications_runtime, sign_identity
):
    buyer = customer(notifications_consumer)
    shop = known(notifications_consumer, roles=("seller",), known_to_service=False)
    first = events.order_paid(buyer.account_id, [events.line(shop.seller_id)], order_number="20260105-000007")
    second = events.order_paid(buyer.account_id, [events.line(shop.seller_id)], order_number="20260105-000008")
    deliver(notifications_consumer, "OrderPaid", first)
    deliver(notifications_consumer, "StockLow", events.stock_low(shop.seller_id))

    deliver(notifications_consumer, "SellerApproved", events.seller_approved(shop.seller_id, shop.account_id))
    deliver(notifications_consumer, "OrderPaid", second)

    told = inbox(notifications_client, sign_identity, shop)
    assert [notification["kind"] for notification in told] == ["new_order", "seller_approved", "low_stock", "new_order"]
    assert [notification["title"] for notification in told if notification["kind"] == "new_order"] == [
        "새 주문이 들어왔습니다 (20260105-000008)", "새 주문이 들어왔습니다 (20260105-000007)",
    ]
    deliver(notifications_consumer, "AccountContactsChanged",
            events.contacts(shop.account_id, email=shop.email, roles=("seller",), seller_id=shop.seller_id))
    assert [mail["subject"] for mail in messages_to(notifications_runtime, shop.email)] == [
        "새 주문이 들어왔습니다 (20260105-000007)", "재고가 부족합니다: 제주 녹차", "판매자 등록이 승인되었습니다",
        "새 주문이 들어왔습니다 (20260105-000008)",
    ]


def test_an_older_picture_of_an_account_arriving_late_changes_nothing(notifications_consumer, notifications_runtime):
    buyer = customer(notifications_consumer, revision=3, language="en")

    deliver(notifications_consumer, "AccountContactsChanged",
            events.contacts(buyer.account_id, revision=2, email="old@example.com", language="ko"))
    deliver(notifications_consumer, "AccountContactsChanged",
            events.contacts(buyer.account_id, revision=4, email=buyer.email, language="en", name="Kim Minji Lee"))

    with notifications_runtime.unit_of_work() as uow:
        recipient = uow.session.get(Recipient, buyer.account_id)
        assert (recipient.revision, recipient.email, recipient.language) == (4, buyer.email, "en")


def test_an_escalation_while_no_agent_is_known_is_logged_and_counted(notifications_consumer, monkeypatch, caplog):
    monkeypatch.setattr("notifications.delivery._active_agents", lambda session: [])
    before = REGISTRY.get_sample_value("notifications_agent_notices_unaddressed_total", {"kind": "inquiry_escalated"})

    with caplog.at_level("WARNING", logger="notifications.delivery"):
        deliver(notifications_consumer, "InquiryEscalated", events.inquiry_escalated())

    after = REGISTRY.get_sample_value("notifications_agent_notices_unaddressed_total", {"kind": "inquiry_escalated"})
    assert after == (before or 0) + 1
    assert "no active agent" in caplog.text


def test_the_decision_on_a_seller_registration_is_mailed_in_the_applicants_language(
    notifications_consumer, notifications_runtime
):
    approved, rejected = seller(notifications_consumer, language="en"), seller(notifications_consumer)

    deliver(notifications_consumer, "SellerApproved", events.seller_approved(approved.seller_id, approved.account_id))
    deliver(notifications_consumer, "SellerRejected", events.seller_rejected(rejected.seller_id, rejected.account_id))

    [approval] = messages_to(notifications_runtime, approved.email)
    assert approval["subject"] == "Your seller registration is approved"
    [rejection] = messages_to(notifications_runtime, rejected.email)
    assert "사유: 사업자등록증이 흐립니다." in rejection["body"]


def test_a_seller_is_mailed_their_paid_payout_unless_they_switched_payout_mail_off(
    notifications_client, notifications_consumer, notifications_runtime, sign_identity
):
    mailed, quiet = seller(notifications_consumer), seller(notifications_consumer)
    chosen = notifications_client.put("/api/notifications/preferences", headers=quiet.headers(sign_identity),
                                      json={"preferences": [{"kind": "payout_paid", "email": False},
                                                            {"kind": "payout_held", "email": False}]})
    assert chosen.status_code == 200, chosen.json

    for shop in (mailed, quiet):
        paid = events.payout_paid(shop.seller_id, amount=20_150)
        deliver(notifications_consumer, "PayoutPaid", paid)
        deliver(notifications_consumer, "PayoutHeld", events.payout_held(shop.seller_id, reason="seller_held"))

    assert kinds_in(notifications_client, sign_identity, quiet) == ["payout_held", "payout_paid"]
    assert messages_to(notifications_runtime, quiet.email) == []
    paid_mail, held_mail = messages_to(notifications_runtime, mailed.email)
    assert paid_mail["subject"] == "정산금이 지급되었습니다"
    assert "1월 5일 (월) 지급분 20,150원이 KB국민은행 ****5678 계좌로 입금되었습니다." in paid_mail["body"]
    assert "바로 가기: http://127.0.0.1:8000/seller/settlement/payouts/" in paid_mail["body"]
    assert held_mail["subject"] == "정산금 지급이 보류되었습니다"
    assert "관리자가 정산금 지급을 보류했습니다." in held_mail["body"]
    assert messages_to(notifications_runtime, mailed.phone) == [], "no SMS for a payout unless chosen"


def test_an_event_from_days_ago_goes_into_the_inbox_but_is_mailed_to_nobody(
    notifications_client, notifications_consumer, notifications_runtime, sign_identity
):
    """A backlog worked off late, or settlement's past payouts resent to a newly subscribed notifications
    (`past-events resend`): the seller can read them, but a mail about a payout of last week is no news."""
    shop = seller(notifications_consumer)
    long_ago = datetime.now(timezone.utc) - timedelta(days=4)
    deliver(notifications_consumer, "PayoutPaid", events.payout_paid(shop.seller_id), occurred_at=long_ago)
    deliver(notifications_consumer, "PayoutHeld", events.payout_held(shop.seller_id),
            occurred_at=datetime.now(timezone.utc) - timedelta(days=2))

    assert kinds_in(notifications_client, sign_identity, shop) == ["payout_held", "payout_paid"]
    assert [mail["subject"] for mail in messages_to(notifications_runtime, shop.email)] == ["정산금 지급이 보류되었습니다"]
