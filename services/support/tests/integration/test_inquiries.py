"""1:1 inquiries through the API: routed to their owner, a thread with notes only staff see, states
with a reason to resolve, reopening within a week and a linked inquiry after it, history, rating.
"""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from servicekit.testing.events import recorded
from servicekit.testing.identities import as_agent, as_customer, as_seller
from support.inquiries import close_resolved_inquiries
from support.models import Inquiry
from .people import known_order, known_product, new_id, opened

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def events_about(runtime, inquiry_id, event_type):
    """The data of each `event_type` event support recorded about one inquiry, oldest first."""
    return recorded(runtime, event_type, inquiry_id=inquiry_id)


def write(client, headers, inquiry_id, body, internal=False):
    return client.post(f"/api/inquiries/{inquiry_id}/messages", json={"body": body, "internal": internal}, headers=headers)


def set_status(client, headers, inquiry_id, status, reason_code=None):
    body = {"status": status} | ({"reason_code": reason_code} if reason_code else {})
    return client.post(f"/api/inquiries/{inquiry_id}/status", json=body, headers=headers)


def test_an_inquiry_about_an_order_goes_to_its_seller_and_shows_the_live_order(
    support_runtime, support_client, sign_identity
):
    customer_id, seller_id = new_id(), new_id()
    customer = as_customer(sign_identity, customer_id)
    order = known_order(support_runtime, customer_id, seller_id)

    inquiry = opened(support_client, customer, inquiry_type="shipping", subject="배송이 안 와요", **order)

    assert (inquiry["owner"], inquiry["seller_id"], inquiry["status"]) == ("seller", seller_id, "open")
    assert inquiry["order"]["shipments"][0]["tracking_number"] == "601234567890"
    due = datetime.fromisoformat(inquiry["first_response_due_at"])
    assert timedelta(hours=11) < due - datetime.fromisoformat(inquiry["created_at"]) <= timedelta(hours=24)
    opened_events = events_about(support_runtime, inquiry["id"], "InquiryOpened")
    assert [e["owner"] for e in opened_events] == ["seller"]
    listed = support_client.get("/api/inquiries", headers=as_seller(sign_identity, seller_id)).json
    assert inquiry["id"] in [i["id"] for i in listed]
    assert support_client.get(f"/api/inquiries/{inquiry['id']}", headers=as_seller(sign_identity, new_id())).status_code == 404


def test_the_customers_name_the_gateway_signs_is_what_an_answer_template_calls_them(support_client, sign_identity):
    customer_id = new_id()
    inquiry = opened(support_client, as_customer(sign_identity, customer_id, name="김민지"), inquiry_type="account")
    agent = as_agent(sign_identity)
    template = support_client.post("/api/answer-templates", json={"title": "인사", "body": "{customer_name}님, 안녕하세요."},
                                   headers=agent).json

    rendered = support_client.post(f"/api/answer-templates/{template['id']}/rendering",
                                   json={"inquiry_id": inquiry["id"]}, headers=agent)

    assert rendered.json == {"body": "김민지님, 안녕하세요.", "missing": []}


def test_an_account_question_goes_to_the_platform(support_client, sign_identity):
    inquiry = opened(support_client, as_customer(sign_identity), inquiry_type="account")

    assert (inquiry["owner"], inquiry["seller_id"]) == ("platform", None)


def test_an_order_of_someone_else_or_an_unknown_product_is_refused(support_runtime, support_client, sign_identity):
    order = known_order(support_runtime, new_id(), new_id())
    customer = as_customer(sign_identity)

    foreign = support_client.post(
        "/api/inquiries", json={"inquiry_type": "order", "subject": "x", "body": "y", **order}, headers=customer
    )
    unknown = support_client.post(
        "/api/inquiries", json={"inquiry_type": "product", "subject": "x", "body": "y", "product_id": new_id()},
        headers=customer,
    )

    assert foreign.status_code == unknown.status_code == 422
    assert "order_id" in foreign.json["errors"] and "product_id" in unknown.json["errors"]


def test_internal_notes_are_seen_by_staff_never_by_the_customer(support_runtime, support_client, sign_identity):
    customer_id, seller_id = new_id(), new_id()
    customer, seller = as_customer(sign_identity, customer_id), as_seller(sign_identity, seller_id)
    product_id = known_product(support_runtime, seller_id)
    inquiry = opened(support_client, customer, inquiry_type="product", product_id=product_id)

    assert write(support_client, seller, inquiry["id"], "고객 재구매 이력 있음", internal=True).status_code == 201
    answered = write(support_client, seller, inquiry["id"], "내일 재입고됩니다.")
    by_customer = write(support_client, customer, inquiry["id"], "메모", internal=True)

    seen_by_customer = support_client.get(f"/api/inquiries/{inquiry['id']}", headers=customer).json
    seen_by_seller = support_client.get(f"/api/inquiries/{inquiry['id']}", headers=seller).json
    assert [m["body"] for m in seen_by_customer["messages"]] == ["안녕하세요", "내일 재입고됩니다."]
    assert len(seen_by_seller["messages"]) == 3
    assert seen_by_customer["history"] == [] and seen_by_seller["history"]
    assert answered.json["status"] == "answered" and answered.json["first_responded_at"] is not None
    assert by_customer.status_code == 403
    answered_events = events_about(support_runtime, inquiry["id"], "InquiryAnswered")
    assert [(e["by_role"], e["first_response"]) for e in answered_events] == [("seller", True)]


def test_resolving_needs_a_reason_and_a_customer_reply_within_a_week_reopens(
    support_runtime, support_client, sign_identity
):
    customer, agent = as_customer(sign_identity), as_agent(sign_identity)
    inquiry = opened(support_client, customer, inquiry_type="payment")
    write(support_client, agent, inquiry["id"], "결제가 확인되었습니다.")

    without_reason = set_status(support_client, agent, inquiry["id"], "resolved")
    resolved = set_status(support_client, agent, inquiry["id"], "resolved", "answered_question")
    reopened = write(support_client, customer, inquiry["id"], "아직 문제가 있어요")

    assert without_reason.status_code == 422 and "reason_code" in without_reason.json["errors"]
    assert resolved.json["status"] == "resolved" and resolved.json["resolution_reason"] == "answered_question"
    assert reopened.json["id"] == inquiry["id"]
    assert reopened.json["status"] in ("open", "assigned") and reopened.json["resolved_at"] is None
    assert [e["reason_code"] for e in events_about(support_runtime, inquiry["id"], "InquiryResolved")] == [
        "answered_question"
    ]
    statuses = [h["to_value"] for h in support_client.get(
        f"/api/inquiries/{inquiry['id']}", headers=agent).json["history"] if h["kind"] == "status"]
    assert statuses[0] == "open" and "resolved" in statuses and statuses[-1] in ("open", "assigned")


def test_after_the_reopen_window_a_reply_opens_a_new_linked_inquiry(support_runtime, support_client, sign_identity):
    customer, agent = as_customer(sign_identity), as_agent(sign_identity)
    inquiry = opened(support_client, customer, inquiry_type="payment")
    write(support_client, agent, inquiry["id"], "처리되었습니다.")
    set_status(support_client, agent, inquiry["id"], "resolved", "order_issue_fixed")
    with support_runtime.engine.begin() as connection:
        connection.execute(
            update(Inquiry).where(Inquiry.id == inquiry["id"])
            .values(resolved_at=datetime.now(timezone.utc) - timedelta(days=8))
        )

    follow_up = write(support_client, customer, inquiry["id"], "같은 문제가 또 생겼어요")
    close_resolved_inquiries(support_runtime)

    assert follow_up.status_code == 201
    assert follow_up.json["id"] != inquiry["id"]
    assert follow_up.json["follows_inquiry_id"] == inquiry["id"]
    assert follow_up.json["messages"][0]["body"] == "같은 문제가 또 생겼어요"
    old = support_client.get(f"/api/inquiries/{inquiry['id']}", headers=customer).json
    assert old["status"] == "closed"


def test_waiting_on_the_customer_stops_the_clock_until_they_reply(support_client, sign_identity):
    customer, agent = as_customer(sign_identity), as_agent(sign_identity)
    inquiry = opened(support_client, customer, inquiry_type="payment")
    write(support_client, agent, inquiry["id"], "주문번호를 알려주세요.")

    waiting = set_status(support_client, agent, inquiry["id"], "waiting_on_customer")
    replied = write(support_client, customer, inquiry["id"], "202611250000000001 입니다")

    assert waiting.json["waiting_since"] is not None
    assert replied.json["waiting_since"] is None
    before = datetime.fromisoformat(inquiry["resolution_due_at"])
    assert datetime.fromisoformat(replied.json["resolution_due_at"]) >= before


def test_the_customer_rates_a_resolved_inquiry_once(support_client, sign_identity):
    customer, agent = as_customer(sign_identity), as_agent(sign_identity)
    inquiry = opened(support_client, customer, inquiry_type="payment")
    early = support_client.post(f"/api/inquiries/{inquiry['id']}/rating", json={"rating": 5}, headers=customer)
    write(support_client, agent, inquiry["id"], "완료")
    set_status(support_client, agent, inquiry["id"], "resolved", "answered_question")

    rated = support_client.post(
        f"/api/inquiries/{inquiry['id']}/rating", json={"rating": 4, "comment": "빨랐어요"}, headers=customer
    )
    again = support_client.post(f"/api/inquiries/{inquiry['id']}/rating", json={"rating": 1}, headers=customer)
    by_agent = support_client.post(f"/api/inquiries/{inquiry['id']}/rating", json={"rating": 5}, headers=agent)

    assert early.status_code == 409
    assert (rated.status_code, rated.json["satisfaction"]) == (200, 4)
    assert again.status_code == 409
    assert by_agent.status_code == 403


def test_attachments_are_checked_by_their_bytes_and_downloaded_by_those_who_see_them(
    support_client, sign_identity
):
    customer = as_customer(sign_identity)
    inquiry = opened(support_client, customer, inquiry_type="other")

    sent = support_client.post(
        f"/api/inquiries/{inquiry['id']}/messages",
        data={"body": "영수증 첨부합니다", "files": [(__import__("io").BytesIO(PDF), "receipt.pdf")]},
        headers=customer,
        content_type="multipart/form-data",
    )
    disguised = support_client.post(
        f"/api/inquiries/{inquiry['id']}/messages",
        data={"body": "사진", "files": [(__import__("io").BytesIO(b"<script>alert(1)</script>"), "photo.png")]},
        headers=customer,
        content_type="multipart/form-data",
    )

    assert sent.status_code == 201, sent.json
    attachment = sent.json["messages"][-1]["attachments"][0]
    assert (attachment["content_type"], attachment["filename"]) == ("application/pdf", "receipt.pdf")
    download = support_client.get(f"/api/inquiries/{inquiry['id']}/attachments/{attachment['id']}", headers=customer)
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    stranger = as_customer(sign_identity)
    assert support_client.get(
        f"/api/inquiries/{inquiry['id']}/attachments/{attachment['id']}", headers=stranger
    ).status_code == 404
    assert disguised.status_code == 422
    assert len(support_client.get(f"/api/inquiries/{inquiry['id']}", headers=customer).json["messages"]) == 2


def test_refused_attachments_are_told_by_their_problem_type_and_write_nothing(support_client, sign_identity):
    customer = as_customer(sign_identity)
    inquiry = opened(support_client, customer, inquiry_type="other")

    def send(*files):
        return support_client.post(
            f"/api/inquiries/{inquiry['id']}/messages",
            data={"body": "첨부", "files": [(__import__("io").BytesIO(content), name) for content, name in files]},
            headers=customer, content_type="multipart/form-data",
        )

    too_large = send((PDF + b"0" * (3 * 1024 * 1024), "scan.pdf"))
    disguised = send((PDF, "receipt.pdf"), (b"<script>alert(1)</script>", "photo.png"))
    too_many = send(*[(PDF, f"receipt-{number}.pdf") for number in range(4)])
    long_named = send((PDF, "영" * 250 + ".pdf"))

    refused = [(r.status_code, r.json["type"].rpartition(":")[2]) for r in (too_large, disguised, too_many)]
    assert refused == [(413, "attachment-too-large"), (422, "attachment-type-refused"), (422, "too-many-attachments")]
    assert long_named.status_code == 201, long_named.json
    assert long_named.json["messages"][-1]["attachments"][0]["filename"] == "영" * 200
    assert len(support_client.get(f"/api/inquiries/{inquiry['id']}", headers=customer).json["messages"]) == 2


@pytest.mark.parametrize(
    "body, field",
    [
        ({"inquiry_type": "refund", "subject": "x", "body": "y"}, "inquiry_type"),
        ({"inquiry_type": "other", "subject": "", "body": "y"}, "subject"),
        ({"inquiry_type": "other", "subject": "x", "body": "y" * 5001}, "body"),
        ({"inquiry_type": "other", "subject": "x", "body": "y", "order_id": "nope"}, "order_id"),
        ({"inquiry_type": "other", "subject": "x"}, "body"),
    ],
)
def test_bad_input_is_refused_and_opens_nothing(support_client, sign_identity, body, field):
    customer = as_customer(sign_identity)

    response = support_client.post("/api/inquiries", json=body, headers=customer)

    assert response.status_code == 422
    assert field in response.json["errors"]
    assert support_client.get("/api/inquiries", headers=customer).json == []


def test_sellers_and_agents_need_a_second_factor(support_client, sign_identity):
    seller = as_seller(sign_identity, new_id(), second_factor_age=None)
    agent = as_agent(sign_identity, second_factor_age=None)

    assert support_client.get("/api/inquiries", headers=seller).status_code == 403
    assert support_client.get("/api/inquiries", headers=agent).status_code == 403


def test_a_seller_sees_only_their_own_part_of_a_several_seller_order(support_runtime, support_client, sign_identity):
    from datetime import datetime, timezone

    from support.models.order_view import KnownOrderLine, KnownShipment

    customer_id, seller_id, other_seller = new_id(), new_id(), new_id()
    order = known_order(support_runtime, customer_id, seller_id)
    with support_runtime.unit_of_work() as uow:
        uow.session.add(KnownOrderLine(order_id=order["order_id"], line_no=2, product_id=new_id(), seller_id=other_seller,
                                       product_name="Other shop's cup", quantity=1, unit_price=30000))
        uow.session.add(KnownShipment(shipment_id=new_id(), order_id=order["order_id"], seller_id=other_seller,
                                      status="paid", updated_at=datetime.now(timezone.utc)))
        uow.commit()
    inquiry = opened(support_client, as_customer(sign_identity, customer_id), inquiry_type="order",
                     order_id=order["order_id"], order_line_no=1)

    seen_by_seller = support_client.get(f"/api/inquiries/{inquiry['id']}", headers=as_seller(sign_identity, seller_id))

    assert [line["seller_id"] for line in seen_by_seller.json["order"]["lines"]] == [seller_id]
    assert [s["seller_id"] for s in seen_by_seller.json["order"]["shipments"]] == [seller_id]
    assert len(inquiry["order"]["lines"]) == 2


def test_an_attachment_is_shown_by_its_filename_without_folders_or_control_characters(support_client, sign_identity):
    customer = as_customer(sign_identity)
    inquiry = opened(support_client, customer, inquiry_type="other")
    # A NUL (raw, or percent-encoded as RFC 2231 allows) is text PostgreSQL cannot store.
    boundary = "attachment-boundary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\nreceipts\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename*=UTF-8\'\'rec%00eipt.pdf\r\n'
        f"Content-Type: application/pdf\r\n\r\n"
    ).encode() + PDF + f"\r\n--{boundary}--\r\n".encode()

    sent = support_client.post(
        f"/api/inquiries/{inquiry['id']}/messages", data=body, headers=customer,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    raw = support_client.post(
        f"/api/inquiries/{inquiry['id']}/messages",
        data={"body": "again", "files": [(__import__("io").BytesIO(PDF), "scans/re\x00ceipt\x07.pdf")]},
        headers=customer, content_type="multipart/form-data",
    )

    assert sent.status_code == 201, sent.json
    assert sent.json["messages"][-1]["attachments"][0]["filename"] == "receipt.pdf"
    assert raw.status_code == 201, raw.json
    assert raw.json["messages"][-1]["attachments"][0]["filename"] == "receipt.pdf"


def test_a_seller_finds_breached_and_soon_due_inquiries_and_searches_subjects(
    support_runtime, support_client, sign_identity
):
    customer_id, seller_id = new_id(), new_id()
    customer = as_customer(sign_identity, customer_id)
    seller = as_seller(sign_identity, seller_id)
    late = opened(support_client, customer, inquiry_type="shipping", subject="배송 지연 문의",
                  **known_order(support_runtime, customer_id, seller_id))
    calm = opened(support_client, customer, inquiry_type="order", subject="영수증 요청",
                  **known_order(support_runtime, customer_id, seller_id))
    now = datetime.now(timezone.utc)
    with support_runtime.unit_of_work() as uow:
        uow.session.execute(update(Inquiry).where(Inquiry.id == late["id"]).values(
            first_response_due_at=now - timedelta(hours=1), breached_at=now - timedelta(minutes=50)))
        uow.commit()

    def listed(**query):
        answer = support_client.get("/api/inquiries", query_string=query, headers=seller)
        assert answer.status_code == 200, answer.json
        return [i["id"] for i in answer.json if i["id"] in (late["id"], calm["id"])]

    assert listed(breached="true") == [late["id"]]
    assert listed(breached="false") == [calm["id"]]
    assert listed(due_before=(now + timedelta(minutes=5)).isoformat()) == [late["id"]]
    assert listed(q="배송") == [late["id"]]
    assert listed(q="영수증 요청") == [calm["id"]]
    assert listed(q="없는말") == []
    shown = support_client.get(f"/api/inquiries/{late['id']}", headers=seller).json
    assert shown["breached_at"] is not None
    refused = support_client.get("/api/inquiries", query_string={"due_before": "soon"}, headers=seller)
    assert refused.status_code == 422 and "due_before" in str(refused.json["errors"])
