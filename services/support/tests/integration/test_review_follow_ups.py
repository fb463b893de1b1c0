"""Review follow-ups: a negative review whose seller asked for follow-ups opens one product inquiry the
seller owns, for the review's customer, with a system message; a seller who did not ask gets none.
"""
from datetime import datetime, timezone

from servicekit.testing.events import deliver
from servicekit.testing.identities import as_customer, as_seller
from .people import new_id


def negative_review(customer_id, seller_id, follow_up_requested=True):
    return {
        "review_id": new_id(), "customer_id": customer_id, "seller_id": seller_id, "product_id": new_id(),
        "order_id": new_id(), "line_no": 1, "rating": 1, "cause": "delivery",
        "follow_up_requested": follow_up_requested, "posted_at": datetime.now(timezone.utc),
    }


def inquiries_of(client, headers):
    return client.get("/api/inquiries", headers=headers).json


def test_a_negative_review_opens_one_product_inquiry_the_seller_owns_however_often_it_arrives(
    support_client, support_consumer, sign_identity
):
    customer_id, seller_id = new_id(), new_id()
    review = negative_review(customer_id, seller_id)

    deliver(support_consumer, "NegativeReviewPosted", review)
    deliver(support_consumer, "NegativeReviewPosted", {**review, "posted_at": datetime.now(timezone.utc)})

    [case] = inquiries_of(support_client, as_customer(sign_identity, customer_id))
    assert (case["inquiry_type"], case["owner"]) == ("product", "seller")
    assert case["subject"] == "리뷰 관련 문의 / About your review"
    assert (case["product_id"], case["order_id"]) == (review["product_id"], review["order_id"])
    seller = as_seller(sign_identity, seller_id)
    assert [c["id"] for c in inquiries_of(support_client, seller)] == [case["id"]]
    [first] = support_client.get(f"/api/inquiries/{case['id']}", headers=seller).json["messages"]
    assert first["author_role"] == "system"
    assert "1-star review" in first["body"] and "delivery" in first["body"]


def test_a_negative_review_of_a_seller_who_did_not_ask_for_follow_ups_opens_nothing(
    support_client, support_consumer, sign_identity
):
    customer_id = new_id()

    deliver(support_consumer, "NegativeReviewPosted", negative_review(customer_id, new_id(), follow_up_requested=False))

    assert inquiries_of(support_client, as_customer(sign_identity, customer_id)) == []
