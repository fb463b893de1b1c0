"""Admins' fee rates, kept by the lines sold under them; a seller's monthly summary with the commission invoice,
and their ledger as CSV; the platform's totals."""
import csv
import io
from datetime import timedelta

from servicekit.testing.identities import as_admin, as_seller
from .sales import confirmed, korean, line, new_id, paid_order, refunded


def test_a_new_category_rate_applies_to_sales_from_its_start_and_earlier_sales_keep_theirs(
    settlements_client, settlements_consumer, sign_identity, clock_at
):
    admin, seller, category = as_admin(sign_identity), new_id(), new_id()
    before = paid_order(settlements_consumer, [line(1, seller, 10_000, category_id=category)], {seller: (0, 0, 0)},
                        korean(2026, 12, 1, 10))
    clock_at(korean(2026, 12, 2, 9))
    past = settlements_client.post("/api/settlements/fee-rates", json={
        "kind": "commission", "category_id": category, "rate": 500,
        "effective_from": (korean(2026, 12, 1, 0)).isoformat()}, headers=admin)
    added = settlements_client.post("/api/settlements/fee-rates", json={
        "kind": "commission", "category_id": category, "rate": 500,
        "effective_from": (korean(2026, 12, 2, 9) + timedelta(minutes=1)).isoformat()}, headers=admin)
    after = paid_order(settlements_consumer, [line(1, seller, 10_000, category_id=category)], {seller: (0, 0, 0)},
                       korean(2026, 12, 3, 10))

    entries = settlements_client.get("/api/settlements/ledger-entries", query_string={"page_size": 50},
                                     headers=as_seller(sign_identity, seller)).json
    commission = {entry["order_id"]: (entry["rate"], entry["amount"]) for entry in entries
                  if entry["kind"] == "commission"}
    assert past.status_code == 422
    assert added.status_code == 201, added.json
    assert commission == {before["order_id"]: (1080, -1080), after["order_id"]: (500, -500)}


def test_the_payment_fee_is_one_rate_for_every_category(settlements_client, sign_identity):
    response = settlements_client.post("/api/settlements/fee-rates", json={
        "kind": "payment_fee", "category_id": new_id(), "rate": 250}, headers=as_admin(sign_identity))

    assert response.status_code == 422 and response.json["type"].endswith("payment-fee-for-every-category")


def test_a_sellers_monthly_summary_adds_up_their_month_and_carries_the_commission_invoice(
    settlements_client, settlements_consumer, sign_identity
):
    seller = new_id()
    order = paid_order(settlements_consumer, [line(1, seller, 20_000, quantity=2)], {seller: (3000, 0, 0)},
                       korean(2026, 10, 30, 10))
    refunded(settlements_consumer, order, seller, {1: (1, 20_000)}, korean(2026, 11, 2, 10), return_fee=3000)
    confirmed(settlements_consumer, order, seller, korean(2026, 11, 5, 10))
    headers = as_seller(sign_identity, seller)

    october = settlements_client.get("/api/settlements/monthly-summaries/2026-10", headers=headers).json
    november = settlements_client.get("/api/settlements/monthly-summaries/2026-11", headers=headers).json
    bad = settlements_client.get("/api/settlements/monthly-summaries/2026-13", headers=headers)

    assert october["totals"]["sale"] == 40_000 and october["totals"]["commission"] == -4320
    assert october["commission_invoice"] == {"supply_value": 3928, "tax": 392, "total": 4320}
    assert november["totals"]["refund"] == -20_000 and november["totals"]["commission"] == 2160
    assert november["commission_invoice"]["total"] == 0
    assert october["net"] + november["net"] == 20_000 - 2160 - 600 + 3000 - 90 + 3000
    assert bad.status_code == 422


def test_a_sellers_ledger_exports_as_csv_a_spreadsheet_opens(settlements_client, settlements_consumer, sign_identity):
    seller = new_id()
    paid_order(settlements_consumer, [line(1, seller, 12_000, name="=HYPERLINK(\"x\")")], {seller: (0, 0, 0)},
               korean(2026, 12, 1, 10))

    response = settlements_client.get("/api/settlements/ledger-entries/export",
                                      query_string={"from": "2026-12-01", "to": "2026-12-31"},
                                      headers=as_seller(sign_identity, seller))
    reversed_range = settlements_client.get("/api/settlements/ledger-entries/export",
                                            query_string={"from": "2026-12-31", "to": "2026-12-01"},
                                            headers=as_seller(sign_identity, seller))

    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert rows[0][:5] == ["recorded_at", "order_number", "line_no", "kind", "amount"]
    assert sorted(row[3] for row in rows[1:]) == ["commission", "payment_fee", "sale"]
    assert sum(int(row[4]) for row in rows[1:]) == 12_000 - 1296 - 360
    assert reversed_range.status_code == 422


def test_admins_see_the_platforms_totals_and_sellers_do_not(settlements_client, settlements_consumer, sign_identity):
    seller = new_id()
    paid_order(settlements_consumer, [line(1, seller, 50_000)], {seller: (0, 0, 0)}, korean(2025, 1, 15, 10))

    totals = settlements_client.get("/api/settlements/totals", query_string={"from": "2025-01-15", "to": "2025-01-15"},
                                    headers=as_admin(sign_identity))
    refused = settlements_client.get("/api/settlements/totals", query_string={"from": "2025-01-15", "to": "2025-01-15"},
                                     headers=as_seller(sign_identity, seller))

    assert totals.status_code == 200
    assert totals.json["totals"]["sale"] == 50_000 and totals.json["totals"]["commission"] == -5400
    assert refused.status_code == 403


def test_the_ledgers_sales_and_refunds_per_seller_and_day_are_what_orders_counts_for_the_reconciliation(
    settlements_client, settlements_consumer, sign_identity
):
    seller = new_id()
    order = paid_order(settlements_consumer, [line(1, seller, 12_000, quantity=3)], {seller: (3000, 2000, 2000)},
                       korean(2019, 6, 3, 23, 30))
    refunded(settlements_consumer, order, seller, {1: (1, 12_000)}, korean(2019, 6, 5, 0, 10),
             discount_share=666, seller_discount_share=666, return_fee=3000)

    rows = settlements_client.get("/api/settlements/seller-days", query_string={"from": "2019-06-01",
                                  "to": "2019-06-30"}, headers=as_admin(sign_identity)).json

    # Products at their price: no shipping, no coupon, no fee; each on its Korean day.
    assert [(row["day"], row["sales"], row["refunds"]) for row in rows if row["seller_id"] == seller] == [
        ("2019-06-03", 36_000, 0), ("2019-06-05", 0, 12_000)]
