"""A product's reviews listed for anyone: by stars and photos, sorted, paged; helpful votes counted once each."""
import io
import json

from PIL import Image

from servicekit.testing.identities import as_customer, as_seller
from .shoppers import delivered, new_id, posted, review_body


def reviews_of_a_product(client, consumer, sign_identity, ratings):
    """One customer per review of one product, posted in the order of `ratings`; returns product and reviews."""
    seller_id, product_id, reviews = new_id(), new_id(), []
    for rating in ratings:
        customer_id = new_id()
        order_id, _ = delivered(consumer, customer_id, seller_id, product_id=product_id)
        reviews.append(posted(client, as_customer(sign_identity, customer_id), order_id, rating=rating))
    return seller_id, product_id, reviews


def listed(client, sign_identity, **query):
    response = client.get("/api/reviews", query_string=query, headers=sign_identity())
    assert response.status_code == 200, response.json
    return response


def ids(response):
    return [review["id"] for review in response.json]


def test_a_products_reviews_are_filtered_by_stars_and_sorted(reviews_client, reviews_consumer, sign_identity):
    _, product_id, (three, five, one, other_five) = reviews_of_a_product(
        reviews_client, reviews_consumer, sign_identity, [3, 5, 1, 5]
    )

    assert ids(listed(reviews_client, sign_identity, product_id=product_id)) == [
        other_five["id"], one["id"], five["id"], three["id"]
    ]
    assert ids(listed(reviews_client, sign_identity, product_id=product_id, sort="highest")) == [
        other_five["id"], five["id"], three["id"], one["id"]
    ]
    assert ids(listed(reviews_client, sign_identity, product_id=product_id, sort="lowest")) == [
        one["id"], three["id"], other_five["id"], five["id"]
    ]
    assert ids(listed(reviews_client, sign_identity, product_id=product_id, rating=5)) == [
        other_five["id"], five["id"]
    ]


def test_only_reviews_with_photos_are_listed_when_asked(reviews_client, reviews_consumer, sign_identity):
    seller_id, product_id, (plain,) = reviews_of_a_product(reviews_client, reviews_consumer, sign_identity, [4])
    customer_id = new_id()
    order_id, _ = delivered(reviews_consumer, customer_id, seller_id, product_id=product_id)
    photo = io.BytesIO()
    Image.new("RGB", (50, 50), "blue").save(photo, format="WEBP")
    form = {name: str(value) for name, value in review_body(order_id).items()}
    with_photo = reviews_client.post(
        "/api/reviews", data={**form, "photos": [(io.BytesIO(photo.getvalue()), "p.webp")]},
        content_type="multipart/form-data", headers=as_customer(sign_identity, customer_id),
    ).json

    only_photos = listed(reviews_client, sign_identity, product_id=product_id, photo_only="true")

    assert ids(only_photos) == [with_photo["id"]]
    assert only_photos.json[0]["photos"][0]["url"].endswith(with_photo["photos"][0]["id"])
    assert set(ids(listed(reviews_client, sign_identity, product_id=product_id))) == {plain["id"], with_photo["id"]}


def test_reviews_come_in_pages_and_anonymous_authors_stay_masked(reviews_client, reviews_consumer, sign_identity):
    seller_id, product_id = new_id(), new_id()
    for display_name in ("Kim Minji", "Lee Jiwoo", "Park Seoyeon"):
        customer_id = new_id()
        order_id, _ = delivered(reviews_consumer, customer_id, seller_id, product_id=product_id)
        posted(reviews_client, as_customer(sign_identity, customer_id), order_id, anonymous=True,
               display_name=display_name)

    first = listed(reviews_client, sign_identity, product_id=product_id, page=1, page_size=2)
    second = listed(reviews_client, sign_identity, product_id=product_id, page=2, page_size=2)

    assert json.loads(first.headers["X-Pagination"])["total"] == 3
    assert [review["author"] for review in first.json + second.json] == ["P**********n", "L*******o", "K*******i"]
    assert "Kim Minji" not in second.get_data(as_text=True)


def test_a_listing_needs_a_product_or_the_callers_own_shop(reviews_client, reviews_consumer, sign_identity):
    seller_id, _, reviews = reviews_of_a_product(reviews_client, reviews_consumer, sign_identity, [2])

    nothing = reviews_client.get("/api/reviews", headers=sign_identity())
    own_shop = reviews_client.get(
        "/api/reviews", query_string={"seller_id": seller_id}, headers=as_seller(sign_identity, seller_id)
    )
    rivals_shop = reviews_client.get(
        "/api/reviews", query_string={"seller_id": seller_id}, headers=as_seller(sign_identity, new_id())
    )

    assert nothing.status_code == 422 and "product_id" in nothing.json["errors"]
    assert ids(own_shop) == [reviews[0]["id"]]
    assert rivals_shop.status_code == 403


def test_a_seller_lists_the_reviews_they_have_not_replied_to_of_one_product(
    reviews_client, reviews_consumer, sign_identity
):
    seller_id, product_id, (answered, waiting) = reviews_of_a_product(
        reviews_client, reviews_consumer, sign_identity, [2, 4]
    )
    customer_id = new_id()
    order_id, _ = delivered(reviews_consumer, customer_id, seller_id, product_id=new_id())
    other_product = posted(reviews_client, as_customer(sign_identity, customer_id), order_id)
    seller = as_seller(sign_identity, seller_id)
    replied = reviews_client.post(f"/api/reviews/{answered['id']}/reply", json={"text": "감사합니다"}, headers=seller)
    assert replied.status_code == 201

    def listed_to_seller(**query):
        answer = reviews_client.get("/api/reviews", query_string={"seller_id": seller_id, **query}, headers=seller)
        assert answer.status_code == 200, answer.json
        return ids(answer)

    assert listed_to_seller(unanswered="true") == [other_product["id"], waiting["id"]]
    assert listed_to_seller(product_id=product_id) == [waiting["id"], answered["id"]]
    assert listed_to_seller(product_id=product_id, unanswered="true") == [waiting["id"]]


def test_a_helpful_vote_counts_once_per_customer_and_can_be_taken_back(
    reviews_client, reviews_consumer, sign_identity
):
    _, product_id, (older, newer) = reviews_of_a_product(reviews_client, reviews_consumer, sign_identity, [4, 4])
    voter, other_voter = as_customer(sign_identity), as_customer(sign_identity)
    path = f"/api/reviews/{older['id']}/helpful"

    first = reviews_client.put(path, headers=voter)
    again = reviews_client.put(path, headers=voter)
    reviews_client.put(path, headers=other_voter)
    by_helpfulness = listed(reviews_client, sign_identity, product_id=product_id, sort="helpful")
    taken_back = reviews_client.delete(path, headers=voter)

    assert (first.status_code, first.json["helpful_count"]) == (200, 1)
    assert again.json["helpful_count"] == 1
    assert ids(by_helpfulness) == [older["id"], newer["id"]]
    assert by_helpfulness.json[0]["helpful_count"] == 2
    assert taken_back.json["helpful_count"] == 1


def test_nobody_votes_for_their_own_review(reviews_client, reviews_consumer, sign_identity):
    customer_id = new_id()
    customer = as_customer(sign_identity, customer_id)
    order_id, _ = delivered(reviews_consumer, customer_id, new_id())
    review = posted(reviews_client, customer, order_id)

    own = reviews_client.put(f"/api/reviews/{review['id']}/helpful", headers=customer)

    assert own.status_code == 409 and own.json["type"].endswith(":own-review")
    assert reviews_client.get(f"/api/reviews/{review['id']}", headers=customer).json["helpful_count"] == 0


def test_a_refusal_is_explained_in_korean_by_default_and_in_english_when_asked(
    reviews_client, reviews_consumer, sign_identity
):
    customer_id = new_id()
    customer = as_customer(sign_identity, customer_id)
    order_id, _ = delivered(reviews_consumer, customer_id, new_id())
    review = posted(reviews_client, customer, order_id)

    korean = reviews_client.put(f"/api/reviews/{review['id']}/helpful", headers=customer)
    english = reviews_client.put(f"/api/reviews/{review['id']}/helpful", headers={**customer, "Accept-Language": "en"})
    no_subject = reviews_client.get("/api/reviews", headers={**sign_identity(), "Accept-Language": "en"})

    assert (korean.json["title"], korean.json["detail"]) == ("본인 리뷰", "본인이 작성한 리뷰에는 도움돼요를 누를 수 없습니다.")
    assert korean.headers["Content-Language"] == "ko"
    assert (english.json["title"], english.json["detail"]) == ("Your own review", "You cannot vote for your own review.")
    assert no_subject.json["errors"]["product_id"] == ["Give either product_id or seller_id."]
