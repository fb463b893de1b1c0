"""Reviews through the gateway: only after delivery, once per line, under the account's name (masked in
every answer when anonymous), the seller's reply, the reward granted once, and the storefront's rating.
"""
from e2e.journey import list_product, place_order, settled
from servicekit.testing import wait_for


def delivered_order(seller, customer, product):
    order = settled(customer, place_order(customer, product, 1).json()["id"])
    shipment_id = order["shipments"][0]["id"]
    for step, body in (("confirmation", None), ("dispatch", {"carrier": "cj", "tracking_number": "601234567890"}),
                       ("delivery", None)):
        assert seller.post(f"/api/shipments/{shipment_id}/{step}", json=body).status_code == 200
    return order


def review(order, **fields):
    return {"order_id": order["id"], "line_no": 1, "rating": 5, "anonymous": True, "display_name": "Kim Minji",
            "text": "Lovely tea, fragrant and fresh. Arrived the day after I ordered it.", **fields}


def posted_review(customer, body):
    return wait_for(
        lambda: (r := customer.post("/api/reviews", json=body)).status_code == 201 and r.json(),
        what="reviews to learn of the delivery",
    )


def test_a_delivered_line_is_reviewed_once_with_the_name_masked_and_the_reward_granted_once(new_seller, new_customer):
    seller, customer = new_seller(), new_customer()
    product = list_product(seller, price=15000)
    undelivered = settled(customer, place_order(customer, product, 1).json()["id"])
    assert customer.post("/api/reviews", json=review(undelivered)).status_code == 403

    order = delivered_order(seller, customer, product)
    posted = posted_review(customer, review(order))
    assert posted["author"] == "K*******i"
    assert customer.post("/api/reviews", json=review(order, rating=1)).status_code == 409
    assert seller.patch(f"/api/reviews/{posted['id']}", json={"rating": 1}).status_code == 403
    replied = seller.post(f"/api/reviews/{posted['id']}/reply", json={"text": "감사합니다!"})
    assert replied.status_code == 201, replied.text

    for answer in (replied, customer.get(f"/api/reviews/{posted['id']}"), seller.get(f"/api/reviews/{posted['id']}")):
        assert "Kim Minji" not in answer.text
    # The review reward reaches orders' points ledger once, as an event.
    wait_for(lambda: customer.get("/api/points").json()["balance"] >= 100, what="the review reward")
    assert customer.delete(f"/api/reviews/{posted['id']}").status_code == 204
    assert customer.post("/api/reviews", json=review(order)).status_code == 409
    entries = customer.get("/api/points/entries").json()
    assert [e["kind"] for e in entries].count("review_reward") == 1


def test_a_review_carries_the_accounts_name_not_the_forms_and_a_new_name_from_the_next_review_on(
    new_seller, new_customer
):
    seller, customer = new_seller(), new_customer()
    product = list_product(seller, price=12000, name="Omija tea")

    first = posted_review(customer, review(delivered_order(seller, customer, product), anonymous=False,
                                           display_name="Park Jisoo"))
    renamed = customer.patch("/api/accounts/me", json={"name": "이준호"})
    second_order = delivered_order(seller, customer, product)
    second = posted_review(customer, {name: value for name, value in review(second_order).items()
                                      if name != "display_name"})

    assert first["author"] == "Kim Minji"
    assert renamed.status_code == 200, renamed.text
    assert "X-Session-Account-Name" not in renamed.headers
    assert customer.get("/api/session").json()["name"] == "이준호"
    assert second["author"] == "이*호"


def test_the_storefront_rating_follows_edits_and_hiding_and_strangers_cannot_edit(
    new_seller, new_customer, staff_admin
):
    seller, first, second = new_seller(), new_customer(), new_customer()
    product = list_product(seller, price=9800, name="Hallabong marmalade")
    reviews = []
    for customer, rating in ((first, 5), (second, 3)):
        order = delivered_order(seller, customer, product)
        reviews.append(posted_review(customer, review(order, rating=rating)))

    def storefront_rating():
        shown = first.get(f"/api/products/{product['id']}").json()
        return shown["rating_average"], shown["rating_count"]

    wait_for(lambda: storefront_rating() == (4.0, 2), what="catalog to show the average of both reviews")
    assert second.patch(f"/api/reviews/{reviews[0]['id']}", json={"rating": 1}).status_code == 403
    assert second.patch(f"/api/reviews/{reviews[1]['id']}", json={"rating": 4}).status_code == 200
    wait_for(lambda: storefront_rating() == (4.5, 2), what="the edit to reach the storefront")
    hidden = staff_admin.post(f"/api/reviews/{reviews[0]['id']}/hiding", json={"reason": "개인정보 포함"})
    assert hidden.status_code == 200, hidden.text
    wait_for(lambda: storefront_rating() == (4.0, 1), what="the hidden review to leave the rating")
    listed = first.get("/api/reviews", params={"product_id": product["id"]}).json()
    assert [r["id"] for r in listed] == [reviews[1]["id"]]
