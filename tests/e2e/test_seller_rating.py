"""The seller's rating through the gateway (R4): reviews of any of a seller's products make their rating, shown
to anyone, signed in or not, on the seller's shop page and on each of their products' pages."""
from e2e.journey import list_product
from e2e.test_reviews import delivered_order, posted_review, review
from servicekit.testing import wait_for


def test_a_sellers_rating_over_all_their_products_shows_on_their_shop_and_product_pages(
    new_seller, new_customer, new_client
):
    seller, first, second, visitor = new_seller(), new_customer(), new_customer(), new_client()
    tea = list_product(seller, price=15000, name="Jeju green tea")
    jam = list_product(seller, price=9800, name="Hallabong marmalade")
    shop_path = f"/api/shops/{seller.seller_id}"
    unrated = visitor.get(shop_path)

    posted_review(first, review(delivered_order(seller, first, tea), rating=5))
    posted_review(second, review(delivered_order(seller, second, jam), rating=2))

    def rating_on(path):
        shown = visitor.get(path).json()
        return shown["rating_average"], shown["rating_count"]

    wait_for(lambda: rating_on(shop_path) == (3.5, 2), what="catalog to show the seller's rating over both products")
    page = visitor.get(f"/api/products/{tea['id']}").json()
    assert unrated.status_code == 200, unrated.text
    assert (unrated.json()["display_name"], unrated.json()["rating_average"]) == ("Park Jisoo", None)
    assert visitor.get(shop_path).json()["products_on_sale"] == 2
    assert page["seller"] == {
        "seller_id": seller.seller_id, "display_name": "Park Jisoo", "rating_average": 3.5, "rating_count": 2
    }
    assert visitor.get("/api/shops/00000000-0000-4000-8000-000000000000").status_code == 404
