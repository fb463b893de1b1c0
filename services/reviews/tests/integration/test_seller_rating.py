"""The seller's rating (R4): every change of a seller's visible reviews, on any of their products, is
announced to catalog as SellerRatingChanged, in the transaction that changes the aggregate."""
from servicekit.testing.events import recorded
from servicekit.testing.identities import as_admin, as_customer
from .shoppers import delivered, new_id, posted


def announced(runtime, seller_id):
    return [
        (e["review_count"], e["average_centi"], e["distribution"]["5"], e["version"])
        for e in recorded(runtime, "SellerRatingChanged", seller_id=seller_id)
    ]


def test_reviews_of_each_of_the_sellers_products_change_the_announced_seller_rating(
    reviews_runtime, reviews_client, reviews_consumer, sign_identity
):
    seller_id = new_id()
    first_customer, second_customer = new_id(), new_id()
    tea_order, _ = delivered(reviews_consumer, first_customer, seller_id)
    cup_order, _ = delivered(reviews_consumer, second_customer, seller_id)

    posted(reviews_client, as_customer(sign_identity, first_customer), tea_order, rating=5)
    cup = posted(reviews_client, as_customer(sign_identity, second_customer), cup_order, rating=2)
    hidden = reviews_client.post(
        f"/api/reviews/{cup['id']}/hiding", json={"reason": "abusive"}, headers=as_admin(sign_identity)
    )

    assert hidden.status_code == 200
    assert announced(reviews_runtime, seller_id) == [(1, 500, 1, 1), (2, 350, 1, 2), (1, 500, 1, 3)]


def test_an_edit_that_leaves_the_sellers_rating_as_it_was_announces_nothing(
    reviews_runtime, reviews_client, reviews_consumer, sign_identity
):
    customer_id, seller_id = new_id(), new_id()
    customer = as_customer(sign_identity, customer_id)
    order_id, _ = delivered(reviews_consumer, customer_id, seller_id)
    review = posted(reviews_client, customer, order_id, rating=4)

    reworded = reviews_client.patch(
        f"/api/reviews/{review['id']}", json={"text": "두 번째 주문도 좋았어요. 추천합니다."}, headers=customer
    )
    rerated = reviews_client.patch(f"/api/reviews/{review['id']}", json={"rating": 3}, headers=customer)

    assert reworded.status_code == rerated.status_code == 200
    assert announced(reviews_runtime, seller_id) == [(1, 400, 0, 1), (1, 300, 0, 2)]
