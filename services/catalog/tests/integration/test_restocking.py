"""Units cancelled before shipping or returned go back in stock once, never beyond what the order held."""
import uuid

from sqlalchemy import select

from catalog.models import Product

from .shop import (
    approve_seller, cancel, complete_return, list_product, place, place_lines, put_variants, cancel_units,
)


def shown(client, sign_identity, product):
    after = client.get(f"/api/products/{product['id']}", headers=sign_identity()).json
    return after["stock"], after["status"]


def units_sold(runtime, product):
    with runtime.engine.connect() as connection:
        return connection.scalar(select(Product.units_sold).where(Product.id == product["id"]))


def test_units_cancelled_before_shipping_go_back_in_stock_once_per_cancellation(
    catalog_runtime, catalog_client, catalog_consumer, sign_identity
):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, stock=3)
    order_id, _ = place(catalog_consumer, product, 3)
    assert shown(catalog_client, sign_identity, product) == (0, "sold_out")
    shipment_id, cancellation_id = str(uuid.uuid4()), str(uuid.uuid4())
    units = [{"line_no": 1, "product_id": product["id"], "variant_id": None, "quantity": 2}]

    cancel_units(catalog_consumer, order_id, shipment_id, seller_id, units, cancellation_id)
    assert shown(catalog_client, sign_identity, product) == (2, "on_sale")
    assert units_sold(catalog_runtime, product) == 1

    # Another event about the same cancellation (a new event id) does not restock again...
    assert cancel_units(catalog_consumer, order_id, shipment_id, seller_id, units, cancellation_id) is True
    assert shown(catalog_client, sign_identity, product) == (2, "on_sale")
    # ...but a second cancellation of the shipment's last unit does.
    cancel_units(catalog_consumer, order_id, shipment_id, seller_id, [{**units[0], "quantity": 1}])
    assert shown(catalog_client, sign_identity, product) == (3, "on_sale")


def test_cancelling_the_order_after_some_units_gives_back_only_the_rest(
    catalog_runtime, catalog_client, catalog_consumer, sign_identity
):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, stock=5)
    order_id, _ = place(catalog_consumer, product, 4)
    cancel_units(catalog_consumer, order_id, str(uuid.uuid4()), seller_id,
                 [{"line_no": 1, "product_id": product["id"], "variant_id": None, "quantity": 1}])
    assert shown(catalog_client, sign_identity, product) == (2, "on_sale")

    cancel(catalog_consumer, order_id)

    assert shown(catalog_client, sign_identity, product) == (5, "on_sale")
    assert units_sold(catalog_runtime, product) == 0


def test_returned_units_of_a_variant_go_back_in_its_stock_once(
    catalog_runtime, catalog_client, catalog_consumer, sign_identity
):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, price=20000, stock=0)
    varied = put_variants(catalog_client, sign_identity, product, seller_id, ["Size"], [
        {"option_values": ["M"], "price_difference": 0, "stock": 1},
        {"option_values": ["L"], "price_difference": 1000, "stock": 2},
    ]).json
    large = varied["variants"][1]
    order_id, _ = place_lines(catalog_consumer, [
        {"product_id": product["id"], "variant_id": large["id"], "quantity": 2, "unit_price": 21000},
    ])
    claim_id = str(uuid.uuid4())
    units = [{"line_no": 1, "product_id": product["id"], "variant_id": large["id"], "quantity": 2}]

    complete_return(catalog_consumer, order_id, claim_id, seller_id, units)
    complete_return(catalog_consumer, order_id, claim_id, seller_id, units)

    after = catalog_client.get(f"/api/products/{product['id']}", headers=sign_identity()).json
    assert [v["stock"] for v in after["variants"]] == [1, 2]
    assert after["stock"] == 3
    assert units_sold(catalog_runtime, product) == 0


def test_units_beyond_what_a_line_still_holds_are_not_restocked(
    catalog_client, catalog_consumer, sign_identity
):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, stock=5)
    order_id, _ = place(catalog_consumer, product, 2)
    cancel_units(catalog_consumer, order_id, str(uuid.uuid4()), seller_id,
                 [{"line_no": 1, "product_id": product["id"], "variant_id": None, "quantity": 1}])

    complete_return(catalog_consumer, order_id, str(uuid.uuid4()), seller_id,
                    [{"line_no": 1, "product_id": product["id"], "variant_id": None, "quantity": 2}])

    assert shown(catalog_client, sign_identity, product) == (5, "on_sale")
