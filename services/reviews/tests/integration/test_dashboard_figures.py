"""Reviews' part of the seller dashboard: a seller's rating, newest reviews and the likely causes of negative
ones over the last 30 Korean days; the whole marketplace's for admins."""
from datetime import datetime, timezone

import pytest

from servicekit import clock
from servicekit.testing.identities import as_admin, as_customer, as_seller
from .shoppers import delivered, new_id, posted

DELIVERY_COMPLAINT = "주문한 지 열흘 만에 도착했어요. 택배 상자도 다 찌그러져 있었고요."
# 00:30 on 1 April 2031 in Korea: the last 30 days are 3 March to 1 April.
NOW = datetime(2031, 3, 31, 15, 30, tzinfo=timezone.utc)


@pytest.fixture
def review(reviews_client, reviews_consumer, sign_identity, monkeypatch):
    """Posts, at an instant, a customer's review of a new delivery of the seller's."""

    def post(seller_id, at, rating=5, **fields):
        monkeypatch.setattr(clock, "now", lambda: at)
        customer_id = new_id()
        order_id, _ = delivered(reviews_consumer, customer_id, seller_id)
        return posted(reviews_client, as_customer(sign_identity, customer_id), order_id, rating=rating, **fields)

    return post


def figures(client, headers):
    response = client.get("/api/dashboard/reviews", headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def utc(*parts):
    return datetime(*parts, tzinfo=timezone.utc)


def test_a_seller_sees_their_rating_their_newest_reviews_and_why_unhappy_customers_were(
    reviews_client, sign_identity, review, monkeypatch
):
    seller_id = new_id()
    seller = as_seller(sign_identity, seller_id)
    review(seller_id, utc(2031, 3, 2, 14, 59), rating=2, text=DELIVERY_COMPLAINT)  # 2 March in Korea: 31 days ago
    oldest = review(seller_id, utc(2031, 3, 2, 15, 0), rating=1, text=DELIVERY_COMPLAINT)  # 3 March: 30 days ago
    for hour in range(4):
        review(seller_id, utc(2031, 3, 20, hour), rating=4)
    newest = review(seller_id, utc(2031, 3, 31, 15, 10), rating=5, anonymous=True)
    review(new_id(), utc(2031, 3, 31, 15, 20), rating=1, text=DELIVERY_COMPLAINT)
    replied = reviews_client.post(f"/api/reviews/{newest['id']}/reply", json={"text": "감사합니다!"}, headers=seller)
    assert replied.status_code == 201, replied.json
    monkeypatch.setattr(clock, "now", lambda: NOW)

    shown = figures(reviews_client, seller)

    assert shown["scope"] == "seller"
    assert shown["rating"] == {"count": 7, "average": 3.43,
                               "distribution": {"1": 1, "2": 1, "3": 0, "4": 4, "5": 1}}
    assert [(row["rating"], row["replied"]) for row in shown["recent"]] == [(5, True)] + [(4, False)] * 4
    assert shown["recent"][0]["id"] == newest["id"]
    assert shown["recent"][0]["display_name"] == "김*지"
    assert oldest["id"] not in [row["id"] for row in shown["recent"]]
    assert shown["negative_causes"] == {
        "first": "2031-03-03", "last": "2031-04-01", "total": 1,
        "by_cause": {"product_quality": 0, "delivery": 1, "service": 0, "price_value": 0, "other": 0},
    }


def test_an_admin_sees_the_whole_marketplace(reviews_client, sign_identity, review, monkeypatch):
    latest = [review(new_id(), utc(2034, 6, 1, 3, minute), rating=3) for minute in range(2)]
    monkeypatch.setattr(clock, "now", lambda: utc(2034, 6, 1, 4, 0))

    shown = figures(reviews_client, as_admin(sign_identity))

    assert shown["scope"] == "platform"
    assert [row["id"] for row in shown["recent"][:2]] == [latest[1]["id"], latest[0]["id"]]
    assert shown["rating"]["count"] >= 2


def test_only_sellers_with_a_second_factor_and_admins_read_the_figures(reviews_client, sign_identity):
    def asked(headers):
        return reviews_client.get("/api/dashboard/reviews", headers=headers).status_code

    assert asked(as_customer(sign_identity)) == 403
    assert asked(as_seller(sign_identity, new_id(), second_factor_age=None)) == 403
    assert asked(sign_identity()) == 401
