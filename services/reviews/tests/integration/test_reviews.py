"""Verified reviews through the API: only the customer of a delivered line, once; the author edits
within the window and nobody else ever does; anonymous names are masked; the seller replies once.
"""
import threading
from datetime import datetime, timedelta, timezone

from sqlalchemy import select, update

from reviews.models import Review
from reviews.models.ratings import ProductRating, SellerRating
from servicekit.testing.events import recorded
from servicekit.testing.identities import as_customer, as_seller
from .shoppers import delivered, new_id, posted, review_body


def test_a_review_before_delivery_or_of_someone_elses_line_is_refused(reviews_client, reviews_consumer, sign_identity):
    customer_id, seller_id = new_id(), new_id()
    order_id, _ = delivered(reviews_consumer, customer_id, seller_id)

    undelivered = reviews_client.post(
        "/api/reviews", json=review_body(new_id()), headers=as_customer(sign_identity, customer_id)
    )
    not_theirs = reviews_client.post("/api/reviews", json=review_body(order_id), headers=as_customer(sign_identity))

    assert undelivered.status_code == not_theirs.status_code == 403
    assert undelivered.json["type"].endswith(":not-reviewable")


def test_a_line_is_reviewed_once_and_counts_in_the_products_rating(
    reviews_runtime, reviews_client, reviews_consumer, sign_identity
):
    customer_id, seller_id = new_id(), new_id()
    customer = as_customer(sign_identity, customer_id)
    order_id, product_id = delivered(reviews_consumer, customer_id, seller_id, lines=2)

    first = posted(reviews_client, customer, order_id, rating=5)
    again = reviews_client.post("/api/reviews", json=review_body(order_id, rating=1), headers=customer)
    posted(reviews_client, customer, order_id, line_no=2, rating=2)

    assert again.status_code == 409
    assert first["author"] == "김민지" and first["mine"] is True
    with reviews_runtime.engine.connect() as connection:
        product = connection.execute(select(ProductRating).where(ProductRating.product_id == product_id)).one()
        seller = connection.execute(select(SellerRating).where(SellerRating.seller_id == seller_id)).one()
    assert (product.review_count, product.rating_sum, product.fives, product.twos) == (2, 7, 1, 1)
    assert (seller.review_count, seller.rating_sum) == (2, 7)
    announced = recorded(reviews_runtime, "ProductRatingChanged", product_id=product_id)
    assert [(e["review_count"], e["average_centi"], e["version"]) for e in announced] == [(1, 500, 1), (2, 350, 2)]


def test_an_anonymous_reviewers_name_is_masked_everywhere(reviews_client, reviews_consumer, sign_identity):
    customer_id = new_id()
    customer = as_customer(sign_identity, customer_id)
    order_id, _ = delivered(reviews_consumer, customer_id, new_id())

    review = posted(reviews_client, customer, order_id, anonymous=True, display_name="Kim Minji")
    read = reviews_client.get(f"/api/reviews/{review['id']}", headers=sign_identity())

    assert review["author"] == read.json["author"] == "K*******i"
    assert "Kim Minji" not in read.get_data(as_text=True)
    assert "Kim Minji" not in str(review)


def without_display_name(order_id, **fields):
    return {name: value for name, value in review_body(order_id, **fields).items() if name != "display_name"}


def test_a_review_shows_the_accounts_name_and_a_name_in_the_form_cannot_impersonate_anyone(
    reviews_client, reviews_consumer, sign_identity
):
    customer_id = new_id()
    customer = as_customer(sign_identity, customer_id, name="김민지")
    first_order, _ = delivered(reviews_consumer, customer_id, new_id())
    second_order, _ = delivered(reviews_consumer, customer_id, new_id())

    impersonating = posted(reviews_client, customer, first_order, display_name="Park Jisoo")
    anonymous = reviews_client.post(
        "/api/reviews", json=without_display_name(second_order, anonymous=True), headers=customer
    )

    assert impersonating["author"] == "김민지"
    assert anonymous.status_code == 201, anonymous.json
    assert anonymous.json["author"] == "김*지"


def test_a_token_from_a_gateway_that_sends_no_name_needs_the_forms_display_name(
    reviews_client, reviews_consumer, sign_identity
):
    customer_id = new_id()
    customer = as_customer(sign_identity, customer_id)
    order_id, _ = delivered(reviews_consumer, customer_id, new_id())

    nameless = reviews_client.post("/api/reviews", json=without_display_name(order_id), headers=customer)
    named = posted(reviews_client, customer, order_id, display_name="Kim Minji")

    assert nameless.status_code == 422 and "display_name" in nameless.json["errors"]
    assert named["author"] == "Kim Minji"


def test_only_the_author_edits_within_the_window_and_sellers_never_do(
    reviews_runtime, reviews_client, reviews_consumer, sign_identity
):
    customer_id, seller_id = new_id(), new_id()
    customer = as_customer(sign_identity, customer_id)
    order_id, product_id = delivered(reviews_consumer, customer_id, seller_id)
    review = posted(reviews_client, customer, order_id, rating=2)

    edited = reviews_client.patch(f"/api/reviews/{review['id']}", json={"rating": 4}, headers=customer)
    by_seller = reviews_client.patch(
        f"/api/reviews/{review['id']}", json={"rating": 5}, headers=as_seller(sign_identity, seller_id)
    )
    by_stranger = reviews_client.patch(f"/api/reviews/{review['id']}", json={"rating": 1}, headers=as_customer(sign_identity))
    with reviews_runtime.engine.begin() as connection:
        connection.execute(
            update(Review).where(Review.id == review["id"])
            .values(created_at=datetime.now(timezone.utc) - timedelta(days=31))
        )
    too_late = reviews_client.patch(f"/api/reviews/{review['id']}", json={"rating": 5}, headers=customer)

    assert (edited.status_code, edited.json["rating"]) == (200, 4) and edited.json["edited_at"]
    assert by_seller.status_code == by_stranger.status_code == 403
    assert too_late.status_code == 409
    assert recorded(reviews_runtime, "ProductRatingChanged", product_id=product_id)[-1]["average_centi"] == 400


def test_a_deleted_review_leaves_the_rating_and_the_line_cannot_be_reviewed_again(
    reviews_runtime, reviews_client, reviews_consumer, sign_identity
):
    customer_id = new_id()
    customer = as_customer(sign_identity, customer_id)
    order_id, product_id = delivered(reviews_consumer, customer_id, new_id())
    review = posted(reviews_client, customer, order_id)

    deleted = reviews_client.delete(f"/api/reviews/{review['id']}", headers=customer)
    again = reviews_client.post("/api/reviews", json=review_body(order_id), headers=customer)

    assert deleted.status_code == 204
    assert reviews_client.get(f"/api/reviews/{review['id']}", headers=sign_identity()).status_code == 404
    assert again.status_code == 409
    assert recorded(reviews_runtime, "ProductRatingChanged", product_id=product_id)[-1]["review_count"] == 0


def test_the_seller_replies_once_edits_and_deletes_the_reply(reviews_client, reviews_consumer, sign_identity):
    customer_id, seller_id = new_id(), new_id()
    order_id, _ = delivered(reviews_consumer, customer_id, seller_id)
    review = posted(reviews_client, as_customer(sign_identity, customer_id), order_id)
    seller = as_seller(sign_identity, seller_id)
    path = f"/api/reviews/{review['id']}/reply"

    replied = reviews_client.post(path, json={"text": "감사합니다 <b>고객님</b>"}, headers=seller)
    twice = reviews_client.post(path, json={"text": "또 감사합니다"}, headers=seller)
    edited = reviews_client.put(path, json={"text": "다시 한번 감사드립니다"}, headers=seller)
    rival = reviews_client.post(path, json={"text": "x"}, headers=as_seller(sign_identity, new_id()))
    removed = reviews_client.delete(path, headers=seller)

    assert replied.status_code == 201 and replied.json["reply"]["text"] == "감사합니다 <b>고객님</b>"
    assert twice.status_code == 409
    assert edited.json["reply"]["text"] == "다시 한번 감사드립니다"
    assert rival.status_code == 403
    assert removed.status_code == 200 and removed.json["reply"] is None


def test_lines_waiting_for_a_review_are_listed_for_their_customer(reviews_client, reviews_consumer, sign_identity):
    customer_id = new_id()
    customer = as_customer(sign_identity, customer_id)
    order_id, _ = delivered(reviews_consumer, customer_id, new_id(), lines=2)
    posted(reviews_client, customer, order_id, line_no=1)

    waiting = reviews_client.get("/api/reviews/reviewable-lines", headers=customer).json

    assert [(line["order_id"], line["line_no"]) for line in waiting] == [(order_id, 2)]


def test_bad_input_is_refused_and_posts_nothing(reviews_client, reviews_consumer, sign_identity):
    customer_id = new_id()
    customer = as_customer(sign_identity, customer_id)
    order_id, _ = delivered(reviews_consumer, customer_id, new_id())

    for body, field in (
        (review_body(order_id, rating=6), "rating"),
        (review_body(order_id, rating=4.5), "rating"),
        (review_body(order_id, text="짧아요"), "text"),
        (review_body(order_id, text="x" * 3001), "text"),
        ({**review_body(order_id), "display_name": ""}, "display_name"),
        ({**review_body(order_id), "order_id": "nope"}, "order_id"),
    ):
        response = reviews_client.post("/api/reviews", json=body, headers=customer)
        assert response.status_code == 422 and field in response.json["errors"], (body, response.json)
    assert reviews_client.get("/api/reviews/reviewable-lines", headers=customer).json[0]["order_id"] == order_id


def test_reviews_posted_at_once_for_a_new_product_are_all_counted(
    reviews_runtime, reviews_app, reviews_consumer, sign_identity
):
    seller_id, product_id = new_id(), new_id()
    reviewers = []
    for _ in range(4):
        customer_id = new_id()
        order_id, _ = delivered(reviews_consumer, customer_id, seller_id, product_id=product_id)
        reviewers.append((as_customer(sign_identity, customer_id), order_id))
    start, answers = threading.Barrier(len(reviewers)), []

    def post(headers, order_id):
        client = reviews_app.test_client()
        start.wait()
        answers.append(client.post("/api/reviews", json=review_body(order_id, rating=4), headers=headers).status_code)

    threads = [threading.Thread(target=post, args=reviewer) for reviewer in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert answers == [201] * 4
    with reviews_runtime.engine.connect() as connection:
        product = connection.execute(select(ProductRating).where(ProductRating.product_id == product_id)).one()
    assert (product.review_count, product.rating_sum) == (4, 16)
