"""Sales statistics: sales and refunds recorded in their transactions, read by sellers and admins per period."""
import csv
import io
import threading
from datetime import date, datetime, timedelta, timezone

import pytest

from servicekit.korean_calendar import korean_day, period_start
from orders.models import Order, OrderLine, Shipment
from orders.sales_statistics import record_refund, record_sale

from servicekit.testing.identities import as_admin, as_customer, as_seller
from .journey import checkout, items, new_id, paid_order


def at_noon_in_korea(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 3, 0, tzinfo=timezone.utc)


def sell(runtime, seller_id, at, *lines):
    """A paid shipment of `lines` (product_id, category_id, quantity, unit_price), recorded as a sale at `at`."""
    order_id, shipment_id = new_id(), new_id()
    items = sum(quantity * unit_price for _, _, quantity, unit_price in lines)
    with runtime.unit_of_work() as uow:
        order = Order(id=order_id, order_number=order_id.replace("-", "")[:20], customer_id=new_id(), status="paid",
                      items_amount=items, shipping_fee=3000, total_amount=items + 3000, created_at=at,
                      updated_at=at, paid_at=at, payment_provider="test")
        shipment = Shipment(id=shipment_id, order=order, seller_id=seller_id, status="paid", items_amount=items,
                            shipping_fee=3000, created_at=at, updated_at=at, paid_at=at)
        uow.session.add_all([order, shipment])
        uow.session.flush()
        sold = [
            OrderLine(order_id=order_id, line_no=number, shipment_id=shipment_id, product_id=product_id,
                      category_id=category_id, quantity=quantity, unit_price=unit_price, seller_id=seller_id)
            for number, (product_id, category_id, quantity, unit_price) in enumerate(lines, start=1)
        ]
        uow.session.add_all(sold)
        uow.session.flush()
        record_sale(uow.session, shipment, sold, at, counts_the_order=True)
        uow.commit()
    return sold


def refund(runtime, seller_id, at, *refunded):
    with runtime.unit_of_work() as uow:
        record_refund(uow.session, seller_id, list(refunded), at)
        uow.commit()


def statistics(client, headers, **query):
    return client.get("/api/sales-statistics", query_string=query, headers=headers)


def test_a_seller_sees_their_own_sales_per_korean_day_with_empty_days_as_zeros(
    orders_client, orders_runtime, sign_identity
):
    seller, other = new_id(), new_id()
    product = new_id()
    # 15:30 UTC on 2 March is already 3 March in Korea.
    sell(orders_runtime, seller, datetime(2021, 3, 2, 15, 30, tzinfo=timezone.utc), (product, None, 2, 12_000))
    sell(orders_runtime, seller, datetime(2021, 3, 3, 1, 0, tzinfo=timezone.utc), (product, None, 1, 12_000),
         (new_id(), None, 3, 1_000))
    sell(orders_runtime, other, at_noon_in_korea(date(2021, 3, 3)), (new_id(), None, 5, 50_000))

    response = statistics(orders_client, as_seller(sign_identity, seller), **{"from": "2021-03-02", "to": "2021-03-04"})

    assert response.status_code == 200
    assert response.json["period"] == "day"
    assert (response.json["from"], response.json["to"]) == ("2021-03-02", "2021-03-04")
    assert [(row["period_start"], row["orders"], row["units"], row["revenue"]) for row in response.json["rows"]] == [
        ("2021-03-02", 0, 0, 0),
        ("2021-03-03", 2, 6, 39_000),
        ("2021-03-04", 0, 0, 0),
    ]
    assert response.json["totals"] == {
        "orders": 2, "units": 6, "revenue": 39_000, "refunds": 0, "refunded_units": 0, "net_revenue": 39_000,
        "average_order_value": 19_500,
    }


def test_refunds_count_on_the_day_given_and_lower_net_revenue(orders_client, orders_runtime, sign_identity):
    seller, product = new_id(), new_id()
    line, = sell(orders_runtime, seller, at_noon_in_korea(date(2021, 5, 10)), (product, new_id(), 3, 10_000))
    refund(orders_runtime, seller, at_noon_in_korea(date(2021, 5, 12)), (line, 1, 10_000))

    rows = statistics(
        orders_client, as_seller(sign_identity, seller), **{"from": "2021-05-10", "to": "2021-05-12"}
    ).json["rows"]

    assert [(row["revenue"], row["refunds"], row["refunded_units"], row["net_revenue"]) for row in rows] == [
        (30_000, 0, 0, 30_000),
        (0, 0, 0, 0),
        (0, 10_000, 1, -10_000),
    ]


def test_sales_recorded_at_the_same_moment_are_all_counted(orders_client, orders_runtime, sign_identity):
    seller, product = new_id(), new_id()
    at = at_noon_in_korea(date(2021, 9, 1))
    start = threading.Barrier(8)
    failures = []

    def sell_together():
        start.wait()
        try:
            sell(orders_runtime, seller, at, (product, None, 1, 1_000))
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=sell_together) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    totals = statistics(
        orders_client, as_seller(sign_identity, seller), **{"from": "2021-09-01", "to": "2021-09-01"}
    ).json["totals"]
    assert failures == []
    assert (totals["orders"], totals["units"], totals["revenue"]) == (8, 8, 8_000)


def test_weeks_months_and_years_add_up_their_days(orders_client, orders_runtime, sign_identity):
    seller, product = new_id(), new_id()
    days = {date(2021, 12, 26): 1, date(2021, 12, 27): 2, date(2022, 1, 2): 4, date(2022, 1, 3): 8}
    for day, quantity in days.items():
        sell(orders_runtime, seller, at_noon_in_korea(day), (product, None, quantity, 1_000))
    headers = as_seller(sign_identity, seller)
    span = {"from": "2021-12-20", "to": "2022-01-09"}

    def revenue_by(period):
        rows = statistics(orders_client, headers, period=period, **span).json["rows"]
        return [(row["period_start"], row["revenue"]) for row in rows]

    assert revenue_by("week") == [("2021-12-20", 1_000), ("2021-12-27", 6_000), ("2022-01-03", 8_000)]
    assert revenue_by("month") == [("2021-12-01", 3_000), ("2022-01-01", 12_000)]
    assert revenue_by("year") == [("2021-01-01", 3_000), ("2022-01-01", 12_000)]


def test_sales_by_product_and_by_category_list_only_what_sold(orders_client, orders_runtime, sign_identity):
    seller = new_id()
    shoes, socks, hats = new_id(), new_id(), new_id()
    wear, accessories = new_id(), new_id()
    line, _ = sell(orders_runtime, seller, at_noon_in_korea(date(2021, 7, 1)),
                   (shoes, wear, 1, 80_000), (socks, wear, 4, 2_000))
    sell(orders_runtime, seller, at_noon_in_korea(date(2021, 7, 20)), (hats, accessories, 1, 30_000),
         (shoes, wear, 1, 80_000))
    refund(orders_runtime, seller, at_noon_in_korea(date(2021, 7, 21)), (line, 1, 80_000))
    headers = as_seller(sign_identity, seller)
    span = {"from": "2021-06-01", "to": "2021-07-31", "period": "month"}

    by_product = statistics(orders_client, headers, by="product", **span).json
    by_category = statistics(orders_client, headers, by="category", **span).json

    assert by_product["rows"] == [
        {"period_start": "2021-07-01", "product_id": shoes, "category_id": wear, "units": 2, "revenue": 160_000,
         "refunds": 80_000, "refunded_units": 1, "net_revenue": 80_000},
        {"period_start": "2021-07-01", "product_id": hats, "category_id": accessories, "units": 1,
         "revenue": 30_000, "refunds": 0, "refunded_units": 0, "net_revenue": 30_000},
        {"period_start": "2021-07-01", "product_id": socks, "category_id": wear, "units": 4, "revenue": 8_000,
         "refunds": 0, "refunded_units": 0, "net_revenue": 8_000},
    ]
    assert [(row["category_id"], row["units"], row["net_revenue"]) for row in by_category["rows"]] == [
        (wear, 6, 88_000), (accessories, 1, 30_000),
    ]
    assert by_product["totals"]["orders"] == by_category["totals"]["orders"] == 2
    assert by_category["totals"]["net_revenue"] == 118_000


def test_products_come_a_page_at_a_time_best_selling_first(orders_client, orders_runtime, sign_identity):
    seller = new_id()
    cheap, dear, middle = new_id(), new_id(), new_id()
    sell(orders_runtime, seller, at_noon_in_korea(date(2021, 8, 2)),
         (cheap, None, 1, 1_000), (dear, None, 1, 9_000), (middle, None, 1, 5_000))
    headers = as_seller(sign_identity, seller)
    span = {"from": "2021-08-01", "to": "2021-08-31", "period": "month", "by": "product", "page_size": 2}

    first = statistics(orders_client, headers, **span).json
    second = statistics(orders_client, headers, page=2, **span).json

    assert ([row["product_id"] for row in first["rows"]], first["has_more"]) == ([dear, middle], True)
    assert ([row["product_id"] for row in second["rows"]], second["has_more"]) == ([cheap], False)
    assert first["totals"]["revenue"] == second["totals"]["revenue"] == 15_000


MEASURED = ("units", "revenue", "refunds", "refunded_units", "net_revenue")


def figures_by_period(rows, by, period):
    """Rows by product or category, keyed by (period, product or category), their days' figures added up."""
    summed = {}
    for row in rows:
        key = (period_start(date.fromisoformat(row["period_start"]), period).isoformat(), row[by + "_id"])
        earlier = summed.get(key, {"category_id": row["category_id"], **dict.fromkeys(MEASURED, 0)})
        summed[key] = {"category_id": row["category_id"], **{name: earlier[name] + row[name] for name in MEASURED}}
    return summed


@pytest.mark.parametrize(
    "span",
    [
        {"from": "2021-01-05", "to": "2021-04-25"},  # whole first and last months less the days outside
        {"from": "2021-01-20", "to": "2021-04-10"},  # the days inside the first and last months
        {"from": "2021-02-03", "to": "2021-02-26"},  # one month less days on both sides
    ],
)
@pytest.mark.parametrize("by", ["product", "category"])
@pytest.mark.parametrize("period", ["month", "year"])
def test_months_and_years_by_product_or_category_add_up_exactly_the_days_of_the_range(
    orders_client, orders_runtime, sign_identity, span, by, period
):
    seller = new_id()
    shoes, socks, hat, bag = new_id(), new_id(), new_id(), new_id()
    wear, accessories = new_id(), new_id()
    sales = {
        date(2021, 1, 2): [(shoes, wear, 1, 80_000)],
        date(2021, 1, 3): [(hat, accessories, 1, 30_000)],
        date(2021, 1, 5): [(shoes, wear, 2, 80_000), (socks, wear, 3, 2_000)],
        date(2021, 1, 20): [(socks, wear, 5, 2_000)],
        date(2021, 1, 31): [(shoes, wear, 1, 80_000)],
        date(2021, 2, 2): [(bag, None, 1, 50_000)],
        date(2021, 2, 15): [(shoes, wear, 1, 80_000), (bag, None, 2, 50_000)],
        date(2021, 2, 27): [(socks, wear, 1, 2_000)],
        date(2021, 3, 3): [(socks, wear, 4, 2_000)],
        date(2021, 4, 10): [(shoes, wear, 1, 80_000)],
        date(2021, 4, 25): [(bag, None, 1, 50_000)],
        date(2021, 4, 27): [(hat, accessories, 2, 30_000)],
        date(2021, 4, 28): [(shoes, wear, 3, 80_000)],
    }
    sold = {day: sell(orders_runtime, seller, at_noon_in_korea(day), *lines) for day, lines in sales.items()}
    refund(orders_runtime, seller, at_noon_in_korea(date(2021, 2, 1)), (sold[date(2021, 1, 5)][0], 1, 80_000))
    refund(orders_runtime, seller, at_noon_in_korea(date(2021, 4, 26)), (sold[date(2021, 4, 25)][0], 1, 50_000))
    headers = as_seller(sign_identity, seller)
    everything = {"by": by, "page_size": 1000, **span}

    by_day = statistics(orders_client, headers, period="day", **everything).json["rows"]
    by_period = statistics(orders_client, headers, period=period, **everything).json["rows"]

    assert figures_by_period(by_period, by, period) == figures_by_period(by_day, by, period)
    assert len(by_period) == len(figures_by_period(by_day, by, period))  # one row per period and key
    sold_only_outside = hat if by == "product" else accessories
    assert sold_only_outside not in {row[by + "_id"] for row in by_period}


def test_an_admin_sees_the_whole_platform_or_one_seller(orders_client, orders_runtime, sign_identity):
    first, second = new_id(), new_id()
    sell(orders_runtime, first, at_noon_in_korea(date(2019, 4, 1)), (new_id(), None, 1, 10_000))
    sell(orders_runtime, second, at_noon_in_korea(date(2019, 4, 2)), (new_id(), None, 2, 25_000))
    span = {"from": "2019-04-01", "to": "2019-04-30", "period": "month"}

    platform = statistics(orders_client, as_admin(sign_identity), **span)
    one_seller = statistics(orders_client, as_admin(sign_identity), seller_id=second, **span)

    assert platform.status_code == 200
    assert (platform.json["totals"]["orders"], platform.json["totals"]["revenue"]) == (2, 60_000)
    assert (one_seller.json["totals"]["orders"], one_seller.json["totals"]["revenue"]) == (1, 50_000)


def test_a_seller_cannot_read_another_sellers_sales(orders_client, sign_identity):
    response = statistics(orders_client, as_seller(sign_identity, new_id()), seller_id=new_id())

    assert response.status_code == 403


def test_a_seller_without_a_second_factor_is_refused(orders_client, sign_identity):
    headers = as_seller(sign_identity, new_id(), second_factor_age=None)

    response = statistics(orders_client, headers)

    assert response.status_code == 403
    assert response.json["type"].endswith(":second-factor-required")


def test_a_customer_cannot_read_sales_statistics(orders_client, sign_identity):
    response = statistics(orders_client, as_customer(sign_identity))

    assert response.status_code == 403


def test_without_dates_the_report_covers_the_last_thirty_korean_days(orders_client, sign_identity):
    before = korean_day(datetime.now(timezone.utc))
    response = statistics(orders_client, as_seller(sign_identity, new_id()))
    after = korean_day(datetime.now(timezone.utc))

    last = date.fromisoformat(response.json["to"])
    assert last in (before, after)  # midnight in Korea may pass during the request
    assert response.json["from"] == (last - timedelta(days=29)).isoformat()
    assert len(response.json["rows"]) == 30


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2021-02-30"}, "from"),
        ({"to": "yesterday"}, "to"),
        ({"from": "2021-03-10", "to": "2021-03-09"}, "from"),
        ({"from": "2020-01-01", "to": "2023-01-01"}, "to"),
        ({"period": "quarter"}, "period"),
        ({"by": "customer"}, "by"),
    ],
)
def test_a_bad_range_period_or_breakdown_is_refused(orders_client, sign_identity, query, field):
    response = statistics(orders_client, as_seller(sign_identity, new_id()), **query)

    assert response.status_code == 422
    assert field in response.json["errors"]


def test_the_export_is_a_csv_download_of_the_same_rows_with_formulas_defused(
    orders_client, orders_runtime, sign_identity
):
    seller = new_id()
    sell(orders_runtime, seller, at_noon_in_korea(date(2020, 9, 15)), ("=HYPERLINK(1)", "@cat", 2, 5_000))
    query = {"from": "2020-09-14", "to": "2020-09-15"}
    headers = as_seller(sign_identity, seller)

    by_day = orders_client.get("/api/sales-statistics/export", query_string=query, headers=headers)
    by_product = orders_client.get(
        "/api/sales-statistics/export", query_string={**query, "by": "product"}, headers=headers
    )

    assert by_day.status_code == 200
    assert by_day.mimetype == "text/csv"
    assert by_day.headers["Content-Disposition"] == "attachment; filename=sales-2020-09-14-2020-09-15.csv"
    assert list(csv.reader(io.StringIO(by_day.get_data(as_text=True).removeprefix("\ufeff")))) == [
        ["period_start", "orders", "units", "revenue", "refunds", "refunded_units", "net_revenue",
         "average_order_value"],
        ["2020-09-14", "0", "0", "0", "0", "0", "0", "0"],
        ["2020-09-15", "1", "2", "10000", "0", "0", "10000", "10000"],
    ]
    assert list(csv.reader(io.StringIO(by_product.get_data(as_text=True).removeprefix("\ufeff"))))[1] == [
        "2020-09-15", "'=HYPERLINK(1)", "'@cat", "2", "10000", "0", "0", "10000",
    ]


def test_the_export_refuses_a_range_over_three_years(orders_client, sign_identity):
    response = orders_client.get(
        "/api/sales-statistics/export",
        query_string={"from": "2020-01-01", "to": "2023-06-30"},
        headers=as_seller(sign_identity, new_id()),
    )

    assert response.status_code == 422


def test_an_order_from_two_sellers_counts_once_in_the_platforms_orders_and_once_in_each_sellers(
    orders_client, orders_consumer, sign_identity
):
    first, second = new_id(), new_id()
    admin = as_admin(sign_identity)
    today = korean_day(datetime.now(timezone.utc)).isoformat()

    def totals(**query):
        response = statistics(orders_client, admin, **{"from": today, "to": today, **query})
        assert response.status_code == 200, response.json
        return response.json["totals"]

    before = totals()
    body = checkout(*items(new_id(), quantity=1, unit_price=10_000, seller=first),
                    *items(new_id(), quantity=1, unit_price=30_000, seller=second))
    paid_order(orders_client, orders_consumer, as_customer(sign_identity), body)
    after = totals()

    assert (after["orders"] - before["orders"], after["revenue"] - before["revenue"]) == (1, 40_000)
    assert [totals(seller_id=seller)["orders"] for seller in (first, second)] == [1, 1]


def test_admins_read_every_sellers_sales_and_refunds_per_day_for_the_reconciliation_and_sellers_cannot(
    orders_client, orders_runtime, sign_identity
):
    seller, other = new_id(), new_id()
    line, = sell(orders_runtime, seller, at_noon_in_korea(date(2019, 4, 1)), (new_id(), None, 2, 10_000))
    sell(orders_runtime, other, at_noon_in_korea(date(2019, 4, 1)), (new_id(), None, 1, 7_000))
    refund(orders_runtime, seller, at_noon_in_korea(date(2019, 4, 3)), (line, 1, 10_000))
    query = {"from": "2019-04-01", "to": "2019-04-30"}

    response = orders_client.get("/api/sales-statistics/seller-days", query_string=query,
                                 headers=as_admin(sign_identity))
    too_long = orders_client.get("/api/sales-statistics/seller-days", query_string={**query, "to": "2019-05-02"},
                                 headers=as_admin(sign_identity))
    seller_asks = orders_client.get("/api/sales-statistics/seller-days", query_string=query,
                                    headers=as_seller(sign_identity, seller))

    assert response.status_code == 200
    rows = {(row["day"], row["seller_id"]): (row["sales"], row["refunds"]) for row in response.json
            if row["seller_id"] in (seller, other)}
    assert rows == {("2019-04-01", seller): (20_000, 0), ("2019-04-01", other): (7_000, 0),
                    ("2019-04-03", seller): (0, 10_000)}
    assert too_long.status_code == 422 and "to" in too_long.json["errors"]
    assert seller_asks.status_code == 403
