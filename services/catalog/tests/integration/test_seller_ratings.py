"""Sellers' ratings from reviews' SellerRatingChanged (R4): shown on the seller's shop page and on their
products' pages; a late, older change never overwrites a newer one."""
import uuid
from datetime import datetime, timezone

from servicekit.testing.events import deliver
from .shop import approve_seller, list_product, seller_approved


def seller_rated(consumer, seller_id, average_centi, review_count, version):
    """reviews' SellerRatingChanged for the seller, as it arrives off the wire."""
    deliver(consumer, "SellerRatingChanged", {
        "seller_id": seller_id,
        "review_count": review_count,
        "average_centi": average_centi,
        "distribution": {"1": 0, "2": 0, "3": 0, "4": 0, "5": review_count},
        "version": version,
        "changed_at": datetime.now(timezone.utc).isoformat(),
    })


def shop_of(client, sign_identity, seller_id):
    return client.get(f"/api/shops/{seller_id}", headers=sign_identity())


def test_a_sellers_shop_shows_their_name_rating_and_how_many_products_are_on_sale(
    catalog_client, catalog_consumer, sign_identity
):
    seller_id = approve_seller(catalog_consumer)
    list_product(catalog_client, sign_identity, seller_id, name="green tea")
    list_product(catalog_client, sign_identity, seller_id, name="black tea")
    list_product(catalog_client, sign_identity, seller_id, name="sold out", stock=0)
    list_product(catalog_client, sign_identity, seller_id, name="not yet", status="draft")

    seller_rated(catalog_consumer, seller_id, average_centi=437, review_count=12, version=3)
    shop = shop_of(catalog_client, sign_identity, seller_id)

    assert shop.status_code == 200, shop.json
    assert shop.json == {
        "seller_id": seller_id,
        "display_name": "Seoul Goods",
        "rating_average": 4.37,
        "rating_count": 12,
        "products_on_sale": 2,
    }


def test_a_product_page_shows_its_sellers_rating(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, name="tea")
    unrated = catalog_client.get(f"/api/products/{product['id']}", headers=sign_identity()).json

    seller_rated(catalog_consumer, seller_id, average_centi=480, review_count=5, version=1)
    rated = catalog_client.get(f"/api/products/{product['id']}", headers=sign_identity()).json

    assert unrated["seller"] == {
        "seller_id": seller_id, "display_name": "Seoul Goods", "rating_average": None, "rating_count": 0
    }
    assert rated["seller"] == {
        "seller_id": seller_id, "display_name": "Seoul Goods", "rating_average": 4.8, "rating_count": 5
    }


def test_an_older_seller_rating_arriving_late_is_ignored(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)

    seller_rated(catalog_consumer, seller_id, average_centi=450, review_count=4, version=4)
    seller_rated(catalog_consumer, seller_id, average_centi=200, review_count=3, version=3)
    seller_rated(catalog_consumer, seller_id, average_centi=100, review_count=1, version=4)

    shop = shop_of(catalog_client, sign_identity, seller_id).json
    assert (shop["rating_average"], shop["rating_count"]) == (4.5, 4)


def test_a_rating_that_arrives_before_the_sellers_approval_shows_once_they_are_approved(
    catalog_client, catalog_consumer, sign_identity
):
    seller_id = str(uuid.uuid4())

    seller_rated(catalog_consumer, seller_id, average_centi=500, review_count=1, version=1)
    before = shop_of(catalog_client, sign_identity, seller_id)
    deliver(catalog_consumer, "SellerApproved",
            seller_approved(seller_id, display_name="Busan Crafts", seller_type="corporation"))
    after = shop_of(catalog_client, sign_identity, seller_id)

    assert before.status_code == 404 and before.json["type"].endswith(":seller-not-found")
    assert after.status_code == 200
    assert (after.json["display_name"], after.json["rating_average"], after.json["products_on_sale"]) == (
        "Busan Crafts", 5.0, 0
    )


def test_a_seller_whose_last_review_is_gone_is_unrated_again(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)

    seller_rated(catalog_consumer, seller_id, average_centi=500, review_count=1, version=1)
    seller_rated(catalog_consumer, seller_id, average_centi=0, review_count=0, version=2)

    shop = shop_of(catalog_client, sign_identity, seller_id).json
    assert (shop["rating_average"], shop["rating_count"]) == (None, 0)


def test_there_is_no_shop_for_an_unknown_seller_or_an_id_that_is_none(catalog_client, sign_identity):
    unknown = shop_of(catalog_client, sign_identity, str(uuid.uuid4()))
    malformed = shop_of(catalog_client, sign_identity, "not-a-seller")

    assert unknown.status_code == malformed.status_code == 404
