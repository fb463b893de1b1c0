"""Notices auth sends for other services, as the only one that can reach an account's owner."""
import uuid
from datetime import datetime, timezone

from servicekit.testing.events import deliver
from .customers import messages_after_sign_up, runtime_of, sign_up


def test_a_customer_is_asked_to_review_and_told_of_an_answer_by_email(auth_client, auth_consumer, sign_identity):
    email = f"notice-{uuid.uuid4().hex[:8]}@example.com"
    account = sign_up(auth_client, sign_identity, email=email)
    runtime = runtime_of(auth_client)
    now = datetime.now(timezone.utc).isoformat()

    deliver(auth_consumer, "ReviewRequested", {
        "customer_id": account["id"], "order_id": str(uuid.uuid4()), "line_no": 1,
        "product_id": str(uuid.uuid4()), "product_name": "Jeju green tea", "requested_at": now,
    })
    deliver(auth_consumer, "InquiryAnswered", {
        "inquiry_id": str(uuid.uuid4()), "customer_id": account["id"], "answered_by": None, "by_role": "system",
        "automatic": True, "first_response": True, "answered_at": now,
    })

    sent = messages_after_sign_up(runtime, email)
    assert [m["subject"] for m in sent] == [
        "상품은 어떠셨나요? / How was your order?",
        "문의에 답변이 등록되었습니다 / Your inquiry has an answer",
    ]
    assert "Jeju green tea" in sent[0]["body"]


def test_no_notice_goes_to_an_unknown_account(auth_consumer):
    handled = deliver(auth_consumer, "ReviewRequested", {
        "customer_id": str(uuid.uuid4()), "order_id": str(uuid.uuid4()), "line_no": 1,
        "product_id": str(uuid.uuid4()), "product_name": "Tea", "requested_at": datetime.now(timezone.utc).isoformat(),
    })

    assert handled is True
