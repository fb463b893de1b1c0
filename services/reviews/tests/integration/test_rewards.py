"""Review rewards: points for a long enough text, more for photos, and never twice for one order line."""
import io

from PIL import Image

from reviews.domain.rewards import PHOTO_REWARD_POINTS, TEXT_REWARD_POINTS
from servicekit.testing.events import recorded
from servicekit.testing.identities import as_customer
from .shoppers import delivered, new_id, posted, review_body

LONG_TEXT = "녹차 향이 진하고 쓴맛이 적어서 매일 아침 마시기 좋아요. 포장도 꼼꼼했고 배송도 이틀 만에 왔어요."
SHORT_TEXT = "향이 좋고 배송도 빨랐어요."


def test_a_long_text_review_earns_points_once_even_after_it_is_deleted(
    reviews_runtime, reviews_client, reviews_consumer, sign_identity
):
    customer_id = new_id()
    customer = as_customer(sign_identity, customer_id)
    order_id, _ = delivered(reviews_consumer, customer_id, new_id())
    review = posted(reviews_client, customer, order_id, text=LONG_TEXT)

    deleted = reviews_client.delete(f"/api/reviews/{review['id']}", headers=customer)
    again = reviews_client.post("/api/reviews", json=review_body(order_id, text=LONG_TEXT), headers=customer)

    assert deleted.status_code == 204
    assert again.status_code == 409
    earned = recorded(reviews_runtime, "ReviewRewardEarned", order_id=order_id)
    assert [(e["review_id"], e["customer_id"], e["line_no"], e["points"]) for e in earned] == [
        (review["id"], customer_id, 1, TEXT_REWARD_POINTS)
    ]


def test_a_short_review_earns_nothing(reviews_runtime, reviews_client, reviews_consumer, sign_identity):
    customer_id = new_id()
    order_id, _ = delivered(reviews_consumer, customer_id, new_id())

    posted(reviews_client, as_customer(sign_identity, customer_id), order_id, text=SHORT_TEXT)

    assert recorded(reviews_runtime, "ReviewRewardEarned", order_id=order_id) == []


def png_photo():
    image = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(image, format="PNG")
    image.seek(0)
    return image


def test_a_review_posted_with_photos_earns_more_than_a_text_review(
    reviews_runtime, reviews_client, reviews_consumer, sign_identity
):
    customer_id = new_id()
    order_id, _ = delivered(reviews_consumer, customer_id, new_id())

    response = reviews_client.post(
        "/api/reviews",
        data={**review_body(order_id, text=SHORT_TEXT, line_no="1", rating="5"), "photos": [(png_photo(), "tea.png")]},
        content_type="multipart/form-data",
        headers=as_customer(sign_identity, customer_id),
    )

    assert response.status_code == 201, response.json
    assert len(response.json["photos"]) == 1
    earned = recorded(reviews_runtime, "ReviewRewardEarned", order_id=order_id)
    assert [(e["review_id"], e["points"]) for e in earned] == [(response.json["id"], PHOTO_REWARD_POINTS)]
    assert PHOTO_REWARD_POINTS > TEXT_REWARD_POINTS
