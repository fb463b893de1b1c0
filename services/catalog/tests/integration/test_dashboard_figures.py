"""Catalog's part of the seller dashboard: visitors of a shop's product pages today and this week in Korean days
against the same days before, and its products running low; the seller's own shop, the platform for admins."""
from datetime import datetime, timezone

import pytest

from servicekit import clock
from servicekit.testing.identities import as_admin, as_customer, as_seller

from .shop import approve_seller, list_product

# 00:30 on Tuesday 1 April 2031 in Korea.
NOW = datetime(2031, 3, 31, 15, 30, tzinfo=timezone.utc)


@pytest.fixture
def viewed(catalog_client, sign_identity, monkeypatch):
    """Counts a view of a product by a visitor (a client address) at an instant."""

    def view(product, visitor, at):
        monkeypatch.setattr(clock, "now", lambda: at)
        response = catalog_client.post(
            f"/api/products/{product['id']}/views",
            headers={**sign_identity(), "User-Agent": "Mozilla/5.0 (test)", "X-Forwarded-For": visitor},
        )
        assert response.status_code == 202, response.json

    return view


def figures(client, headers):
    response = client.get("/api/dashboard/products", headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def test_a_seller_sees_visitors_today_and_this_week_against_the_same_days_before_in_korean_days(
    catalog_client, catalog_consumer, sign_identity, viewed, monkeypatch
):
    seller, other = approve_seller(catalog_consumer), approve_seller(catalog_consumer)
    tea, cups = (list_product(catalog_client, sign_identity, seller, name=name) for name in ("Tea", "Cups"))
    elsewhere = list_product(catalog_client, sign_identity, other)
    midnight = datetime(2031, 3, 31, 15, 0, tzinfo=timezone.utc)  # 1 April begins in Korea
    viewed(tea, "203.0.113.1", midnight)
    viewed(tea, "203.0.113.1", NOW)
    viewed(cups, "203.0.113.1", NOW)  # the same person on another product: still one visitor of the shop today
    viewed(elsewhere, "203.0.113.1", NOW)
    viewed(tea, "203.0.113.2", datetime(2031, 3, 31, 14, 59, 59, tzinfo=timezone.utc))  # still 31 March
    viewed(tea, "203.0.113.3", datetime(2031, 3, 24, 3, 0, tzinfo=timezone.utc))  # last week's Monday
    viewed(tea, "203.0.113.4", datetime(2031, 3, 26, 3, 0, tzinfo=timezone.utc))  # after last week's same days
    monkeypatch.setattr(clock, "now", lambda: NOW)

    shown = figures(catalog_client, as_seller(sign_identity, seller))

    assert shown["scope"] == "seller"
    assert shown["visits"] == {
        "today": {"first": "2031-04-01", "last": "2031-04-01", "visitors": 1, "views": 3,
                  "previous": {"first": "2031-03-31", "last": "2031-03-31", "visitors": 1, "views": 1}},
        "this_week": {"first": "2031-03-31", "last": "2031-04-01", "visitors": 2, "views": 4,
                      "previous": {"first": "2031-03-24", "last": "2031-03-25", "visitors": 1, "views": 1}},
    }


def test_a_seller_sees_their_products_at_or_below_their_threshold_fewest_first(
    catalog_client, catalog_consumer, sign_identity
):
    seller, other = approve_seller(catalog_consumer), approve_seller(catalog_consumer)
    listed = {
        name: list_product(catalog_client, sign_identity, seller, name=name, stock=stock, low_stock_threshold=threshold,
                           status=status)
        for name, stock, threshold, status in [
            ("Kettle", 5, 5, "on_sale"), ("Cup", 2, 3, "on_sale"), ("Tray", 10, 3, "on_sale"),
            ("Whisk", 0, 0, "on_sale"), ("Draft teapot", 1, 3, "draft"), ("Deleted bowl", 1, 3, "on_sale"),
        ]
    }
    list_product(catalog_client, sign_identity, other, stock=1, low_stock_threshold=3)
    deleted = catalog_client.delete(
        f"/api/products/{listed['Deleted bowl']['id']}", headers=as_seller(sign_identity, seller)
    )
    assert deleted.status_code == 204, deleted.json

    low_stock = figures(catalog_client, as_seller(sign_identity, seller))["low_stock"]

    assert low_stock == {"count": 2, "products": [
        {"id": listed["Cup"]["id"], "name": "Cup", "stock": 2, "threshold": 3},
        {"id": listed["Kettle"]["id"], "name": "Kettle", "stock": 5, "threshold": 5},
    ]}


def test_an_admin_sees_every_shop(catalog_client, catalog_consumer, sign_identity, viewed, monkeypatch):
    shops = [approve_seller(catalog_consumer) for _ in range(2)]
    for number, seller in enumerate(shops):
        product = list_product(catalog_client, sign_identity, seller, stock=1, low_stock_threshold=2)
        viewed(product, f"198.51.100.{number}", datetime(2033, 5, 2, 3, 0, tzinfo=timezone.utc))

    shown = figures(catalog_client, as_admin(sign_identity))

    assert shown["scope"] == "platform"
    assert (shown["visits"]["today"]["first"], shown["visits"]["today"]["visitors"]) == ("2033-05-02", 2)
    assert shown["low_stock"]["count"] >= 2


def test_only_sellers_with_a_second_factor_and_admins_read_the_figures(catalog_client, sign_identity):
    def asked(headers):
        return catalog_client.get("/api/dashboard/products", headers=headers).status_code

    assert asked(as_customer(sign_identity)) == 403
    assert asked(as_seller(sign_identity, "5e11e400-0000-4000-8000-00000000000a", second_factor_age=None)) == 403
    assert asked(as_admin(sign_identity, second_factor_age=None)) == 403
    assert asked(sign_identity()) == 401
