"""Negative reviews through the API: a review rated 1 or 2 gets its likely cause once, is counted for
its seller and announced to support with the seller's follow-up choice; the seller reads the report.
"""
import threading
from datetime import datetime, timedelta

from sqlalchemy import select

from reviews.models import Review
from servicekit import clock
from servicekit.korean_calendar import korean_day
from servicekit.testing.events import recorded
from servicekit.testing.identities import as_admin, as_customer, as_seller
from .shoppers import delivered, new_id, posted

DELIVERY_COMPLAINT = "주문한 지 열흘 만에 도착했어요. 택배 상자도 다 찌그러져 있었고요."
QUALITY_COMPLAINT = "Stopped working after two days, cheap material and the hinge cracked."
TODAY = korean_day(clock.now())


def cause_of(runtime, review_id):
    with runtime.engine.connect() as connection:
        return connection.execute(select(Review.negative_cause).where(Review.id == review_id)).scalar_one()


def negative_review(client, consumer, sign_identity, seller_id, rating=1, text=DELIVERY_COMPLAINT):
    customer_id = new_id()
    order_id, _ = delivered(consumer, customer_id, seller_id)
    return posted(client, as_customer(sign_identity, customer_id), order_id, rating=rating, text=text)


def report(client, headers, **query):
    response = client.get("/api/reviews/negative-causes", query_string=query, headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def test_a_one_star_korean_delivery_complaint_is_classified_counted_and_announced_without_follow_up(
    reviews_runtime, reviews_client, reviews_consumer, sign_identity
):
    seller_id = new_id()

    review = negative_review(reviews_client, reviews_consumer, sign_identity, seller_id)

    assert cause_of(reviews_runtime, review["id"]) == "delivery"
    [announced] = recorded(reviews_runtime, "NegativeReviewPosted", review_id=review["id"])
    assert (announced["seller_id"], announced["rating"], announced["cause"]) == (seller_id, 1, "delivery")
    assert announced["follow_up_requested"] is False
    counted = report(reviews_client, as_seller(sign_identity, seller_id))
    assert counted["by_cause"]["delivery"] == counted["total"] == 1
    assert counted["trend"][-1] == {"start": TODAY.isoformat(), "total": 1, "by_cause": counted["by_cause"]}


def test_once_the_seller_turns_follow_ups_on_negative_reviews_ask_support_for_one(
    reviews_runtime, reviews_client, reviews_consumer, sign_identity
):
    seller_id = new_id()
    seller = as_seller(sign_identity, seller_id)
    before = reviews_client.get(f"/api/review-settings/{seller_id}", headers=seller)

    turned_on = reviews_client.put(f"/api/review-settings/{seller_id}", json={"auto_follow_up": True}, headers=seller)
    review = negative_review(reviews_client, reviews_consumer, sign_identity, seller_id, rating=2)

    assert before.json == {"auto_follow_up": False}
    assert turned_on.status_code == 200 and turned_on.json == {"auto_follow_up": True}
    assert reviews_client.get(f"/api/review-settings/{seller_id}", headers=seller).json == {"auto_follow_up": True}
    [announced] = recorded(reviews_runtime, "NegativeReviewPosted", review_id=review["id"])
    assert announced["follow_up_requested"] is True


def test_only_the_seller_themself_with_a_second_factor_changes_their_settings(reviews_client, sign_identity):
    seller_id = new_id()
    without_second_factor = as_seller(sign_identity, seller_id, second_factor_age=None)

    other_seller = reviews_client.put(
        f"/api/review-settings/{seller_id}", json={"auto_follow_up": True}, headers=as_seller(sign_identity, new_id())
    )
    unverified = reviews_client.put(
        f"/api/review-settings/{seller_id}", json={"auto_follow_up": True}, headers=without_second_factor
    )

    assert other_seller.status_code == unverified.status_code == 403
    assert unverified.json["type"].endswith(":second-factor-required")
    shown = reviews_client.get(f"/api/review-settings/{seller_id}", headers=as_seller(sign_identity, seller_id))
    assert shown.json == {"auto_follow_up": False}


def test_reviews_rated_three_or_more_are_not_classified(
    reviews_runtime, reviews_client, reviews_consumer, sign_identity
):
    seller_id = new_id()

    review = negative_review(reviews_client, reviews_consumer, sign_identity, seller_id, rating=4)

    assert cause_of(reviews_runtime, review["id"]) is None
    assert recorded(reviews_runtime, "NegativeReviewPosted", review_id=review["id"]) == []
    assert report(reviews_client, as_seller(sign_identity, seller_id))["total"] == 0


def test_a_review_edited_down_to_one_star_is_classified_once_however_often_it_is_edited(
    reviews_runtime, reviews_client, reviews_consumer, sign_identity
):
    seller_id, customer_id = new_id(), new_id()
    customer = as_customer(sign_identity, customer_id)
    order_id, _ = delivered(reviews_consumer, customer_id, seller_id)
    review = posted(reviews_client, customer, order_id, rating=4, text=QUALITY_COMPLAINT)

    for rating in (1, 2, 5, 1):
        edited = reviews_client.patch(f"/api/reviews/{review['id']}", json={"rating": rating}, headers=customer)
        assert edited.status_code == 200, edited.json

    assert cause_of(reviews_runtime, review["id"]) == "product_quality"
    [announced] = recorded(reviews_runtime, "NegativeReviewPosted", review_id=review["id"])
    assert announced["rating"] == 1
    assert report(reviews_client, as_seller(sign_identity, seller_id))["by_cause"]["product_quality"] == 1


def test_the_report_counts_each_cause_per_day_and_per_week_for_the_seller_or_an_admin(
    reviews_client, reviews_consumer, sign_identity
):
    seller_id = new_id()
    price_complaint, vague_complaint = "가격 대비 너무 비싸요. 돈 아까워요.", "그냥 별로예요. 제 스타일이 아니네요."
    for text in (DELIVERY_COMPLAINT, DELIVERY_COMPLAINT, QUALITY_COMPLAINT, price_complaint, vague_complaint):
        negative_review(reviews_client, reviews_consumer, sign_identity, seller_id, text=text)
    negative_review(reviews_client, reviews_consumer, sign_identity, new_id())
    week_ago = (TODAY - timedelta(days=6)).isoformat()

    own = report(reviews_client, as_seller(sign_identity, seller_id), **{"from": week_ago})
    weekly = report(reviews_client, as_admin(sign_identity), seller_id=seller_id, period="week", **{"from": week_ago})

    expected = {"product_quality": 1, "delivery": 2, "service": 0, "price_value": 1, "other": 1}
    assert own["by_cause"] == weekly["by_cause"] == expected
    assert [day["total"] for day in own["trend"]] == [0, 0, 0, 0, 0, 0, 5]
    assert sum(week["total"] for week in weekly["trend"]) == 5
    assert all(datetime.fromisoformat(week["start"]).weekday() == 0 for week in weekly["trend"])


def test_a_seller_sees_only_their_own_report(reviews_client, sign_identity):
    theirs = reviews_client.get(
        "/api/reviews/negative-causes", query_string={"seller_id": new_id()}, headers=as_seller(sign_identity, new_id())
    )
    customer = reviews_client.get("/api/reviews/negative-causes", headers=as_customer(sign_identity))

    assert theirs.status_code == customer.status_code == 403


def test_a_sellers_first_choice_sent_twice_at_once_is_taken(reviews_app, sign_identity):
    # A race needs luck to show: a few sellers give it a few chances.
    for _ in range(8):
        seller_id = new_id()
        seller = as_seller(sign_identity, seller_id)
        start, answers = threading.Barrier(2), {}

        def choose(auto_follow_up):
            start.wait()
            answers[auto_follow_up] = reviews_app.test_client().put(
                f"/api/review-settings/{seller_id}", json={"auto_follow_up": auto_follow_up}, headers=seller
            ).status_code

        choosers = [threading.Thread(target=choose, args=(choice,)) for choice in (True, False)]
        for chooser in choosers:
            chooser.start()
        for chooser in choosers:
            chooser.join()

        assert answers == {True: 200, False: 200}
