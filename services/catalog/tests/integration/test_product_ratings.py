"""Products' ratings from reviews' ProductRatingChanged: the storefront sorts by them, and a late, older
change never overwrites a newer one."""
from datetime import datetime, timezone

from servicekit.testing.events import deliver
from .shop import approve_seller, list_product
from .test_storefront_search import names, search


def rated(consumer, product, average_centi, review_count, version):
    """reviews' ProductRatingChanged for the product, as it arrives off the wire."""
    stars = {"1": 0, "2": 0, "3": 0, "4": 0, "5": review_count}
    deliver(consumer, "ProductRatingChanged", {
        "product_id": product["id"],
        "seller_id": product["seller_id"],
        "review_count": review_count,
        "average_centi": average_centi,
        "distribution": stars,
        "version": version,
        "changed_at": datetime.now(timezone.utc).isoformat(),
    })


def product_page(client, sign_identity, product):
    response = client.get(f"/api/products/{product['id']}", headers=sign_identity())
    assert response.status_code == 200, response.json
    return response.json


def test_rating_sort_puts_the_best_rated_first_and_the_unrated_last(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    unrated = list_product(catalog_client, sign_identity, seller_id, name="unrated")
    fair = list_product(catalog_client, sign_identity, seller_id, name="fair")
    best = list_product(catalog_client, sign_identity, seller_id, name="best")

    rated(catalog_consumer, fair, average_centi=350, review_count=2, version=2)
    rated(catalog_consumer, best, average_centi=480, review_count=5, version=7)

    found = search(catalog_client, sign_identity, seller_id, sort="rating")
    assert names(found) == ["best", "fair", "unrated"]
    assert [(p["rating_average"], p["rating_count"]) for p in found.json] == [(4.8, 5), (3.5, 2), (None, 0)]
    assert unrated["rating_count"] == 0


def test_an_older_rating_arriving_late_is_ignored(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, name="tea")

    rated(catalog_consumer, product, average_centi=450, review_count=4, version=4)
    rated(catalog_consumer, product, average_centi=200, review_count=3, version=3)
    rated(catalog_consumer, product, average_centi=100, review_count=1, version=4)

    shown = product_page(catalog_client, sign_identity, product)
    assert (shown["rating_average"], shown["rating_count"]) == (4.5, 4)


def test_a_product_whose_last_review_is_gone_is_unrated_again(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, name="tea")

    rated(catalog_consumer, product, average_centi=500, review_count=1, version=1)
    rated(catalog_consumer, product, average_centi=0, review_count=0, version=2)

    shown = product_page(catalog_client, sign_identity, product)
    assert (shown["rating_average"], shown["rating_count"]) == (None, 0)

