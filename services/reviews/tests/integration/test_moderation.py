"""Moderation: a customer reports a review once; admins see open reports, hide a review out of the listings
and the rating, and restore it.
"""
from sqlalchemy import select

from reviews.models.ratings import ProductRating
from servicekit.testing.identities import as_admin, as_customer, as_seller
from .shoppers import delivered, new_id, posted


def product_rating(runtime, product_id):
    with runtime.engine.connect() as connection:
        row = connection.execute(select(ProductRating).where(ProductRating.product_id == product_id)).one()
    return row.review_count, row.rating_sum


def listed_ids(client, sign_identity, product_id):
    response = client.get("/api/reviews", query_string={"product_id": product_id}, headers=sign_identity())
    return [review["id"] for review in response.json]


def two_reviews(client, consumer, sign_identity):
    """Two reviews (5 and 1 stars) of one product; returns the product, the reviews and the second's author."""
    seller_id, product_id, reviews, authors = new_id(), new_id(), [], []
    for rating in (5, 1):
        customer_id = new_id()
        authors.append(as_customer(sign_identity, customer_id))
        order_id, _ = delivered(consumer, customer_id, seller_id, product_id=product_id)
        reviews.append(posted(client, authors[-1], order_id, rating=rating))
    return product_id, reviews, authors[1]


def test_a_customer_reports_a_review_once_and_admins_see_it_open(reviews_client, reviews_consumer, sign_identity):
    _, (_, abusive), _ = two_reviews(reviews_client, reviews_consumer, sign_identity)
    reporter = as_customer(sign_identity)
    path = f"/api/reviews/{abusive['id']}/reports"

    filed = reviews_client.post(path, json={"reason": "abusive", "detail": "욕설이 있어요"}, headers=reporter)
    twice = reviews_client.post(path, json={"reason": "spam"}, headers=reporter)
    unknown_reason = reviews_client.post(path, json={"reason": "boring"}, headers=as_customer(sign_identity))
    open_reports = reviews_client.get("/api/reviews/reports", query_string={"page_size": 100},
                                      headers=as_admin(sign_identity))

    assert filed.status_code == 201 and twice.status_code == 409
    assert unknown_reason.status_code == 422
    mine = [report for report in open_reports.json if report["id"] == filed.json["id"]]
    assert [(r["reason"], r["detail"], r["review"]["id"]) for r in mine] == [("abusive", "욕설이 있어요", abusive["id"])]
    assert reviews_client.get("/api/reviews/reports", headers=reporter).status_code == 403


def test_a_hidden_review_leaves_listing_and_rating_and_a_restored_one_returns(
    reviews_runtime, reviews_client, reviews_consumer, sign_identity
):
    product_id, (kept, abusive), author = two_reviews(reviews_client, reviews_consumer, sign_identity)
    reviews_client.post(f"/api/reviews/{abusive['id']}/reports", json={"reason": "abusive"},
                        headers=as_customer(sign_identity))
    admin = as_admin(sign_identity)

    hidden = reviews_client.post(f"/api/reviews/{abusive['id']}/hiding", json={"reason": "욕설"}, headers=admin)

    assert (hidden.status_code, hidden.json["status"], hidden.json["hidden_reason"]) == (200, "hidden", "욕설")
    assert listed_ids(reviews_client, sign_identity, product_id) == [kept["id"]]
    assert product_rating(reviews_runtime, product_id) == (1, 5)
    assert reviews_client.get(f"/api/reviews/{abusive['id']}", headers=sign_identity()).status_code == 404
    assert reviews_client.get(f"/api/reviews/{abusive['id']}", headers=author).json["status"] == "hidden"
    assert reviews_client.get(f"/api/reviews/{abusive['id']}", headers=admin).json["status"] == "hidden"
    reports = reviews_client.get("/api/reviews/reports", query_string={"page_size": 100}, headers=admin).json
    assert abusive["id"] not in [report["review"]["id"] for report in reports]

    restored = reviews_client.post(f"/api/reviews/{abusive['id']}/restoration", json={"reason": "오신고"}, headers=admin)

    assert (restored.status_code, restored.json["status"]) == (200, "visible")
    assert listed_ids(reviews_client, sign_identity, product_id) == [abusive["id"], kept["id"]]
    assert product_rating(reviews_runtime, product_id) == (2, 6)


def test_only_admins_with_a_second_factor_hide_reviews(reviews_client, reviews_consumer, sign_identity):
    product_id, (review, _), _ = two_reviews(reviews_client, reviews_consumer, sign_identity)
    path = f"/api/reviews/{review['id']}/hiding"

    by_customer = reviews_client.post(path, json={"reason": "x"}, headers=as_customer(sign_identity))
    by_seller = reviews_client.post(path, json={"reason": "x"}, headers=as_seller(sign_identity, new_id()))
    without_second_factor = reviews_client.post(
        path, json={"reason": "x"}, headers=as_admin(sign_identity, second_factor_age=None)
    )

    assert by_customer.status_code == by_seller.status_code == 403
    assert without_second_factor.json["type"].endswith(":second-factor-required")
    assert review["id"] in listed_ids(reviews_client, sign_identity, product_id)


def test_a_hidden_review_is_not_hidden_twice_nor_voted_for(reviews_client, reviews_consumer, sign_identity):
    _, (review, _), _ = two_reviews(reviews_client, reviews_consumer, sign_identity)
    admin = as_admin(sign_identity)
    reviews_client.post(f"/api/reviews/{review['id']}/hiding", json={"reason": "개인정보"}, headers=admin)

    twice = reviews_client.post(f"/api/reviews/{review['id']}/hiding", json={"reason": "again"}, headers=admin)
    helpful = reviews_client.put(f"/api/reviews/{review['id']}/helpful", headers=as_customer(sign_identity))

    assert twice.status_code == 409
    assert helpful.status_code == 404
