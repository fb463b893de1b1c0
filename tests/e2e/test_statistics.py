"""Statistics for charts through the gateway: a seller's paid order and the views of their product page show up
in their series, conversion is orders over visitors, and the export is the same as a CSV."""
import csv
import io

from .journey import list_product, place_order, settled

MEASURES = ["revenue", "orders", "visitors", "conversion", "inquiries", "reviews", "rating"]


def test_a_sellers_order_and_product_views_show_up_in_their_statistics(new_seller, new_customer, new_client,
                                                                      staff_admin):
    seller = new_seller()
    product = list_product(seller, price=12_000)
    customer = new_customer()
    # Two visitors: the customer (signed in) and someone browsing from another address, who looks twice.
    browser = new_client()
    for visitor in (customer, browser, browser):
        assert visitor.post(f"/api/products/{product['id']}/views").status_code == 202
    placed = place_order(customer, product, 2)
    assert placed.status_code == 202, placed.text
    assert settled(customer, placed.json()["id"])["status"] == "paid"

    response = seller.get("/api/statistics")

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["period"], body["partial"], body["measures"]) == ("day", False, MEASURES)
    assert len(body["period_starts"]) == 30
    totals = {measure: series["total"] for measure, series in body["series"].items()}
    assert totals == {"revenue": 24_000, "orders": 1, "visitors": 2, "conversion": 0.5, "inquiries": 0,
                      "reviews": 0, "rating": None}
    # One day (today, unless Korea's midnight passed meanwhile) holds the order and the visitors.
    days = body["series"]
    assert [value for value in days["orders"]["values"] if value] == [1]
    assert days["orders"]["values"].index(1) == days["visitors"]["values"].index(2)

    for_admin = staff_admin.get("/api/statistics", params={"seller_id": seller.seller_id, "measure": "conversion"})
    assert for_admin.status_code == 200, for_admin.text
    assert for_admin.json()["series"]["conversion"]["total"] == 0.5

    exported = seller.get("/api/statistics/export", params={"measure": ["orders", "visitors", "conversion"]})
    assert exported.status_code == 200, exported.text
    assert exported.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0] == ["period_start", "orders", "visitors", "conversion"]
    assert len(rows) == 31
    assert [row[1:] for row in rows[1:] if row[1] != "0"] == [["1", "2", "0.5"]]


def test_customers_get_no_statistics(new_customer):
    assert new_customer().get("/api/statistics").status_code == 403
