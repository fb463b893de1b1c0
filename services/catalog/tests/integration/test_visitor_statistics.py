"""Visitor statistics: a shop's product page views and visitors per Korean day, week, month or year, for its
seller and for admins (one shop or the whole platform)."""
import csv
import io
import threading
from datetime import datetime, timezone

import pytest

from catalog.domain.people import Viewer
from catalog.product_views import count_view
from servicekit.testing.identities import as_admin, as_customer, as_seller

from .shop import approve_seller, list_product

BROWSER = {"User-Agent": "Mozilla/5.0 (test)", "X-Forwarded-For": "203.0.113.7"}


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


def view(client, sign_identity, product, visitor="203.0.113.7"):
    response = client.post(
        f"/api/products/{product['id']}/views",
        headers={**sign_identity(), **BROWSER, "X-Forwarded-For": visitor},
    )
    assert response.status_code == 202, response.json


def statistics(client, headers, **query):
    return client.get("/api/visitor-statistics", query_string=query, headers=headers)


def rows_of(response) -> list[tuple]:
    assert response.status_code == 200, response.json
    return [(row["period_start"], row["views"], row["visitors"]) for row in response.json["rows"]]


@pytest.fixture
def shop(catalog_client, catalog_consumer, sign_identity):
    """A seller with two products on sale."""
    seller_id = approve_seller(catalog_consumer)
    products = [list_product(catalog_client, sign_identity, seller_id, name=name) for name in ("Tea", "Cups")]
    return seller_id, products


def test_a_shops_views_across_its_products_land_on_the_korean_day_they_happened(
    catalog_client, sign_identity, shop, clock_at
):
    seller_id, (tea, cups) = shop
    # 14:59:59 UTC is still 2 March in Korea; 15:00 UTC is 3 March.
    clock_at(utc(2019, 3, 2, 14, 59, 59))
    view(catalog_client, sign_identity, tea)
    view(catalog_client, sign_identity, tea)
    view(catalog_client, sign_identity, cups)
    clock_at(utc(2019, 3, 2, 15, 0))
    view(catalog_client, sign_identity, tea, visitor="198.51.100.1")

    response = statistics(
        catalog_client, as_seller(sign_identity, seller_id), **{"from": "2019-03-01", "to": "2019-03-03"}
    )

    # The shop's distinct visitors of each day: one person who saw both products is one visitor.
    assert rows_of(response) == [("2019-03-01", 0, 0), ("2019-03-02", 3, 1), ("2019-03-03", 1, 1)]
    assert response.json["totals"] == {"views": 4, "visitors": 2}
    assert (response.json["period"], response.json["from"], response.json["to"]) == ("day", "2019-03-01", "2019-03-03")
    assert response.json["seller_id"] == seller_id


def test_one_person_on_three_of_a_shops_products_is_one_visitor_of_the_shop_that_korean_day(
    catalog_client, sign_identity, shop, clock_at
):
    seller_id, (tea, cups) = shop
    kettle = list_product(catalog_client, sign_identity, seller_id, name="Kettle")
    clock_at(utc(2019, 5, 1, 3, 0))
    for product in (tea, cups, kettle, tea):
        view(catalog_client, sign_identity, product)
    view(catalog_client, sign_identity, cups, visitor="198.51.100.1")
    # 15:00 UTC is the next day in Korea: the same person is the shop's visitor again.
    clock_at(utc(2019, 5, 1, 15, 0))
    view(catalog_client, sign_identity, kettle)
    view(catalog_client, sign_identity, tea)

    seller = as_seller(sign_identity, seller_id)
    days = statistics(catalog_client, seller, **{"from": "2019-05-01", "to": "2019-05-02"})
    week = statistics(catalog_client, seller, **{"from": "2019-04-29", "to": "2019-05-05", "period": "week"})

    assert rows_of(days) == [("2019-05-01", 5, 2), ("2019-05-02", 2, 1)]
    # A week's visitors are its days' distinct visitors added up.
    assert rows_of(week) == [("2019-04-29", 7, 3)]


def test_one_person_on_several_of_a_shops_products_at_once_is_still_one_visitor(
    catalog_runtime, catalog_client, sign_identity, shop, clock_at
):
    seller_id, (tea, cups) = shop
    products = [tea, cups, list_product(catalog_client, sign_identity, seller_id, name="Kettle")] * 2
    clock_at(utc(2019, 5, 8, 3, 0))
    start = threading.Barrier(len(products))

    def view_at_once(product):
        start.wait()
        count_view(catalog_runtime, Viewer(), product["id"], "203.0.113.7", "Mozilla/5.0 (test)")

    threads = [threading.Thread(target=view_at_once, args=(product,)) for product in products]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    response = statistics(
        catalog_client, as_seller(sign_identity, seller_id), **{"from": "2019-05-08", "to": "2019-05-08"}
    )
    assert rows_of(response) == [("2019-05-08", 6, 1)]


@pytest.mark.parametrize(
    ("period", "before", "after", "expected"),
    [
        # Sunday 23:59 and Monday 00:00 in Korea: two weeks.
        ("week", utc(2019, 6, 9, 14, 59), utc(2019, 6, 9, 15, 0), [("2019-06-03", 1, 1), ("2019-06-10", 1, 1)]),
        # The last minute of June and the first of July in Korea.
        ("month", utc(2019, 6, 30, 14, 59), utc(2019, 6, 30, 15, 0), [("2019-06-01", 1, 1), ("2019-07-01", 1, 1)]),
        # New Year's Eve and New Year's Day in Korea, though both are 31 December in UTC.
        ("year", utc(2019, 12, 31, 14, 59), utc(2019, 12, 31, 15, 0), [("2019-01-01", 1, 1), ("2020-01-01", 1, 1)]),
    ],
)
def test_periods_turn_at_midnight_in_korea(
    catalog_client, sign_identity, shop, clock_at, period, before, after, expected
):
    seller_id, (tea, _) = shop
    clock_at(before)
    view(catalog_client, sign_identity, tea)
    clock_at(after)
    view(catalog_client, sign_identity, tea)

    response = statistics(
        catalog_client, as_seller(sign_identity, seller_id),
        **{"from": expected[0][0], "to": expected[-1][0], "period": period},
    )

    assert rows_of(response) == expected


def test_a_seller_sees_only_their_own_shop(catalog_client, catalog_consumer, sign_identity, shop, clock_at):
    seller_id, (tea, _) = shop
    other = approve_seller(catalog_consumer)
    clock_at(utc(2019, 8, 1, 3, 0))
    view(catalog_client, sign_identity, tea)
    view(catalog_client, sign_identity, list_product(catalog_client, sign_identity, other))

    response = statistics(
        catalog_client, as_seller(sign_identity, seller_id), **{"from": "2019-08-01", "to": "2019-08-01"}
    )
    assert rows_of(response) == [("2019-08-01", 1, 1)]

    refused = statistics(catalog_client, as_seller(sign_identity, seller_id), seller_id=other)
    assert refused.status_code == 403
    assert refused.content_type == "application/problem+json"


def test_an_admin_sees_the_whole_platform_or_one_shop(catalog_client, catalog_consumer, sign_identity, shop, clock_at):
    seller_id, (tea, cups) = shop
    other = approve_seller(catalog_consumer)
    clock_at(utc(2018, 2, 10, 3, 0))
    view(catalog_client, sign_identity, tea)
    view(catalog_client, sign_identity, cups)
    view(catalog_client, sign_identity, list_product(catalog_client, sign_identity, other))
    admin = as_admin(sign_identity)

    platform = statistics(catalog_client, admin, **{"from": "2018-02-01", "to": "2018-02-28", "period": "month"})
    one_shop = statistics(
        catalog_client, admin, **{"from": "2018-02-01", "to": "2018-02-28", "period": "month", "seller_id": other}
    )

    # One person on two shops is each shop's visitor: the platform adds up its shops' visitors.
    assert rows_of(platform) == [("2018-02-01", 3, 2)]
    assert platform.json["seller_id"] is None
    assert rows_of(one_shop) == [("2018-02-01", 1, 1)]


def test_customers_do_not_read_visitor_statistics(catalog_client, sign_identity):
    assert statistics(catalog_client, as_customer(sign_identity)).status_code == 403


@pytest.mark.parametrize("path", ["/api/visitor-statistics", "/api/visitor-statistics/export"])
def test_sellers_and_admins_read_visitor_statistics_only_signed_in_with_a_second_factor(
    catalog_client, sign_identity, shop, path
):
    seller_id, _ = shop
    for caller in (as_seller(sign_identity, seller_id, second_factor_age=None),
                   as_admin(sign_identity, second_factor_age=None)):
        response = catalog_client.get(path, headers=caller)
        assert response.status_code == 403
        assert response.json["type"].endswith(":second-factor-required")
    assert catalog_client.get(path, headers=as_seller(sign_identity, seller_id)).status_code == 200


def test_the_api_document_tells_the_visitor_statistics_need_a_second_factor(catalog_client):
    paths = catalog_client.get("/openapi.json").json["paths"]

    for path in ("/api/visitor-statistics", "/api/visitor-statistics/export"):
        operation = paths[path]["get"]
        assert operation["x-caller"] == {"roles": ["seller", "admin"], "second-factor": "at-sign-in"}
        assert "403" in operation["responses"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2019-03-10", "to": "2019-03-09"}, "from"),
        ({"from": "2015-01-01", "to": "2019-01-01"}, "to"),
        ({"period": "quarter"}, "period"),
        ({"from": "yesterday"}, "from"),
    ],
)
def test_a_bad_range_or_period_is_a_problem_naming_the_field(catalog_client, sign_identity, shop, query, field):
    seller_id, _ = shop
    response = statistics(catalog_client, as_seller(sign_identity, seller_id), **query)

    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert field in response.json["errors"]


def test_the_export_is_a_csv_of_every_period(catalog_client, sign_identity, shop, clock_at):
    seller_id, (tea, _) = shop
    clock_at(utc(2019, 10, 14, 3, 0))
    view(catalog_client, sign_identity, tea)

    response = catalog_client.get(
        "/api/visitor-statistics/export", query_string={"from": "2019-10-07", "to": "2019-10-20", "period": "week"},
        headers=as_seller(sign_identity, seller_id),
    )

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "visitors-2019-10-07-2019-10-20.csv" in response.headers["Content-Disposition"]
    assert list(csv.reader(io.StringIO(response.get_data(as_text=True).removeprefix("\ufeff")))) == [
        ["period_start", "views", "visitors"],
        ["2019-10-07", "0", "0"],
        ["2019-10-14", "1", "1"],
    ]
