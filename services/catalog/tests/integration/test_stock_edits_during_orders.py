"""A seller's change of a product while orders reserve its stock: based on the version the seller read (If-Match),
or made as an adjustment, it never gives back units that orders took after the seller's read."""
import pytest

from servicekit.testing.events import recorded
from servicekit.testing.identities import as_admin, as_seller

from .shop import approve_seller, list_product, place, place_lines, put_variants

SIZES = ["Color", "Size"]


def read(client, sign_identity, product, seller_id):
    """The product as its seller's form shows it, with the ETag of what it shows."""
    response = client.get(f"/api/products/{product['id']}", headers=as_seller(sign_identity, seller_id))
    assert response.status_code == 200, response.json
    return response


def edit(client, sign_identity, product, seller_id, changes, **headers):
    return client.patch(
        f"/api/products/{product['id']}", json=changes, headers={**as_seller(sign_identity, seller_id), **headers}
    )


def variant(color, size, stock=None, **fields):
    given = {"option_values": [color, size], "price_difference": 0, **fields}
    return given if stock is None else {**given, "stock": stock}


def varied_product(client, sign_identity, consumer):
    """A product of a new seller with a red M (2 in stock) and a blue L (3 in stock)."""
    seller_id = approve_seller(consumer)
    product = list_product(client, sign_identity, seller_id, price=20000, stock=0)
    response = put_variants(
        client, sign_identity, product, seller_id, SIZES, [variant("Red", "M", 2), variant("Blue", "L", 3)]
    )
    assert response.status_code == 200, response.json
    return seller_id, response.json


def order_of(consumer, product, chosen, quantity):
    return place_lines(consumer, [{
        "product_id": product["id"], "variant_id": chosen["id"], "seller_id": product["seller_id"],
        "quantity": quantity, "unit_price": chosen["price"],
    }])


def assert_stale(response, version):
    assert response.status_code == 412, response.json
    assert response.mimetype == "application/problem+json"
    assert response.json["type"].endswith(":stale-product")
    assert "새로 불러온" in response.json["detail"]
    assert response.json["version"] == version


def test_a_product_answer_carries_its_version_which_an_order_moves_on(
    catalog_client, catalog_consumer, sign_identity
):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, stock=10)
    before = read(catalog_client, sign_identity, product, seller_id)
    assert before.headers["ETag"] == f'"{before.json["version"]}"' == f'"{product["version"]}"'

    place(catalog_consumer, product, 3)

    after = read(catalog_client, sign_identity, product, seller_id)
    assert after.json["version"] > before.json["version"]
    assert after.headers["ETag"] == f'"{after.json["version"]}"'
    listed = catalog_client.get("/api/products", query_string={"seller_id": seller_id}, headers=sign_identity())
    assert [p["version"] for p in listed.json] == [after.json["version"]]


def test_an_edit_based_on_a_read_from_before_an_order_is_refused_412_and_gives_back_nothing(
    catalog_runtime, catalog_client, catalog_consumer, sign_identity
):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, price=12000, stock=10)
    form = read(catalog_client, sign_identity, product, seller_id)
    place(catalog_consumer, product, 3)

    response = edit(
        catalog_client, sign_identity, product, seller_id,
        {"name": "Jeju green tea", "price": 13000, "stock": form.json["stock"]}, **{"If-Match": form.headers["ETag"]},
    )

    now = read(catalog_client, sign_identity, product, seller_id).json
    assert_stale(response, now["version"])
    assert (now["name"], now["price"], now["stock"]) == ("Green tea", 12000, 7)
    assert recorded(catalog_runtime, "ProductChanged", product_id=product["id"]) == []


def test_an_edit_based_on_the_current_version_is_applied_and_its_answer_tags_the_next(
    catalog_client, catalog_consumer, sign_identity
):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, stock=10)
    place(catalog_consumer, product, 3)
    form = read(catalog_client, sign_identity, product, seller_id)

    first = edit(catalog_client, sign_identity, product, seller_id, {"stock": 20}, **{"If-Match": form.headers["ETag"]})
    assert first.status_code == 200, first.json
    assert first.json["stock"] == 20
    assert first.headers["ETag"] == f'"{first.json["version"]}"' != form.headers["ETag"]

    again = edit(catalog_client, sign_identity, product, seller_id, {"stock": 5}, **{"If-Match": form.headers["ETag"]})
    assert_stale(again, first.json["version"])
    following = edit(
        catalog_client, sign_identity, product, seller_id, {"stock": 5}, **{"If-Match": first.headers["ETag"]}
    )
    assert (following.status_code, following.json["stock"]) == (200, 5)


def test_variants_saved_from_a_read_from_before_an_order_are_refused_412_and_give_back_nothing(
    catalog_client, catalog_consumer, sign_identity
):
    seller_id, product = varied_product(catalog_client, sign_identity, catalog_consumer)
    form = read(catalog_client, sign_identity, product, seller_id)
    red, blue = form.json["variants"]
    order_of(catalog_consumer, product, red, 1)

    response = catalog_client.put(
        f"/api/products/{product['id']}/variants",
        json={"options": SIZES, "variants": [
            variant("Red", "M", red["stock"], id=red["id"], sku="TEA-RED-M"),
            variant("Blue", "L", blue["stock"], id=blue["id"]),
        ]},
        headers={**as_seller(sign_identity, seller_id), "If-Match": form.headers["ETag"]},
    )

    now = read(catalog_client, sign_identity, product, seller_id).json
    assert_stale(response, now["version"])
    assert [(v["stock"], v["sku"]) for v in now["variants"]] == [(1, None), (3, None)]
    assert now["stock"] == 4


def test_variants_saved_from_the_current_version_are_applied(catalog_client, catalog_consumer, sign_identity):
    seller_id, product = varied_product(catalog_client, sign_identity, catalog_consumer)
    order_of(catalog_consumer, product, product["variants"][0], 1)
    form = read(catalog_client, sign_identity, product, seller_id)
    red, blue = form.json["variants"]

    response = catalog_client.put(
        f"/api/products/{product['id']}/variants",
        json={"options": SIZES, "variants": [
            variant("Red", "M", 6, id=red["id"]), variant("Blue", "L", 3, id=blue["id"]),
        ]},
        headers={**as_seller(sign_identity, seller_id), "If-Match": form.headers["ETag"]},
    )

    assert response.status_code == 200, response.json
    assert ([v["stock"] for v in response.json["variants"]], response.json["stock"]) == ([6, 3], 9)
    assert response.headers["ETag"] == f'"{response.json["version"]}"'


def test_a_stock_adjustment_keeps_the_units_orders_reserved_after_the_sellers_read(
    catalog_client, catalog_consumer, sign_identity
):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, stock=10)
    read(catalog_client, sign_identity, product, seller_id)
    place(catalog_consumer, product, 3)

    response = edit(catalog_client, sign_identity, product, seller_id, {"stock_adjustment": 5})

    assert response.status_code == 200, response.json
    assert response.json["stock"] == 12
    assert "stock_adjustment" not in response.json


def test_a_variants_stock_adjustment_keeps_the_units_orders_reserved_after_the_sellers_read(
    catalog_client, catalog_consumer, sign_identity
):
    seller_id, product = varied_product(catalog_client, sign_identity, catalog_consumer)
    red, blue = read(catalog_client, sign_identity, product, seller_id).json["variants"]
    order_of(catalog_consumer, product, red, 1)

    response = put_variants(catalog_client, sign_identity, product, seller_id, SIZES, [
        variant("Red", "M", id=red["id"], stock_adjustment=4),
        variant("Blue", "L", id=blue["id"], stock_adjustment=0),
        variant("Green", "S", stock_adjustment=2),
    ])

    assert response.status_code == 200, response.json
    assert [v["stock"] for v in response.json["variants"]] == [5, 3, 2]
    assert response.json["stock"] == 10


@pytest.mark.parametrize("changes", [{"stock_adjustment": -3}, {"stock_adjustment": 999_999}])
def test_an_adjustment_taking_the_stock_out_of_its_bounds_is_refused_and_changes_nothing(
    catalog_client, catalog_consumer, sign_identity, changes
):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, stock=2)

    response = edit(catalog_client, sign_identity, product, seller_id, {"price": 9000, **changes})

    assert response.status_code == 422, response.json
    assert "stock_adjustment" in response.json["errors"]
    now = read(catalog_client, sign_identity, product, seller_id).json
    assert (now["price"], now["stock"], now["version"]) == (product["price"], 2, product["version"])


def test_a_variants_adjustment_below_zero_is_refused_and_changes_nothing(
    catalog_client, catalog_consumer, sign_identity
):
    seller_id, product = varied_product(catalog_client, sign_identity, catalog_consumer)
    red, blue = product["variants"]

    response = put_variants(catalog_client, sign_identity, product, seller_id, SIZES, [
        variant("Red", "M", id=red["id"], stock_adjustment=-3),
        variant("Blue", "L", 9, id=blue["id"]),
    ])

    assert response.status_code == 422, response.json
    assert "variants.0.stock_adjustment" in response.json["errors"]
    now = read(catalog_client, sign_identity, product, seller_id).json
    assert [v["stock"] for v in now["variants"]] == [2, 3]


@pytest.mark.parametrize("changes", [{}, {"stock": 3, "stock_adjustment": 1}])
def test_a_variant_gives_its_stock_or_an_adjustment_of_it(
    catalog_client, catalog_consumer, sign_identity, changes
):
    seller_id, product = varied_product(catalog_client, sign_identity, catalog_consumer)

    response = put_variants(
        catalog_client, sign_identity, product, seller_id, SIZES, [variant("Red", "M", **changes)]
    )

    assert response.status_code == 422, response.json


def test_an_edit_gives_the_stock_or_an_adjustment_of_it_not_both(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, stock=2)

    response = edit(catalog_client, sign_identity, product, seller_id, {"stock": 4, "stock_adjustment": 1})

    assert response.status_code == 422, response.json
    assert read(catalog_client, sign_identity, product, seller_id).json["stock"] == 2


def test_an_edit_without_if_match_sets_the_stock_as_before(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, stock=10)
    place(catalog_consumer, product, 3)

    response = edit(catalog_client, sign_identity, product, seller_id, {"stock": 10})

    assert (response.status_code, response.json["stock"]) == (200, 10)


def test_if_match_any_version_or_a_list_holding_the_current_one_is_applied(
    catalog_client, catalog_consumer, sign_identity
):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, stock=10)
    current = read(catalog_client, sign_identity, product, seller_id).headers["ETag"]

    anything = edit(catalog_client, sign_identity, product, seller_id, {"stock": 11}, **{"If-Match": "*"})
    assert anything.status_code == 200, anything.json
    listed = edit(
        catalog_client, sign_identity, product, seller_id, {"stock": 12},
        **{"If-Match": f'"0", {anything.headers["ETag"]}'},
    )
    assert listed.status_code == 200, listed.json
    for tag in (current, f"W/{listed.headers['ETag']}", "not-a-tag", '""'):
        refused = edit(catalog_client, sign_identity, product, seller_id, {"stock": 13}, **{"If-Match": tag})
        assert_stale(refused, listed.json["version"])


@pytest.mark.parametrize("method, path, body, admin", [
    ("delete", "", None, False),
    ("put", "/sale", {"sale_price": 1000, "starts_at": "2030-01-01T00:00:00+09:00",
                      "ends_at": "2030-02-01T00:00:00+09:00"}, False),
    ("delete", "/sale", None, False),
    ("post", "/suspension", {"reason": "Counterfeit report"}, True),
])
def test_every_change_of_a_product_refuses_a_stale_if_match_and_changes_nothing(
    catalog_client, catalog_consumer, sign_identity, method, path, body, admin
):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, stock=10)
    place(catalog_consumer, product, 1)
    headers = as_admin(sign_identity) if admin else as_seller(sign_identity, seller_id)

    response = getattr(catalog_client, method)(
        f"/api/products/{product['id']}{path}", json=body, headers={**headers, "If-Match": f'"{product["version"]}"'}
    )

    now = read(catalog_client, sign_identity, product, seller_id).json
    assert_stale(response, now["version"])
    assert (now["status"], now["sale_price"]) == ("on_sale", None)
