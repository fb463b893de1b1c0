"""Orders' part of the seller dashboard: sales of today, this week and this month in Korean days against the same
days before, and what waits on the seller; their own shop only, the whole platform for admins."""
from datetime import datetime, timezone

from servicekit import clock
from servicekit.testing.identities import as_admin, as_customer, as_seller
from .claim_fixtures import claim, move_to, shipment_in
from .desk_fixtures import paid_order, shipment_of
from .journey import new_id

# 00:30 on Tuesday 1 April 2031 in Korea: the day, the week's second and the month's first.
NOW = datetime(2031, 3, 31, 15, 30, tzinfo=timezone.utc)


def paid_at(monkeypatch, at, client, consumer, sign_identity, *sellers):
    """An order of two units at 12000 won from each of `sellers`, paid at `at`."""
    monkeypatch.setattr(clock, "now", lambda: at)
    return paid_order(client, consumer, sign_identity, *sellers)


def figures(client, headers):
    response = client.get("/api/dashboard/orders", headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def test_a_seller_sees_today_this_week_and_this_month_against_the_same_days_before_in_korean_days(
    orders_client, orders_consumer, sign_identity, monkeypatch
):
    seller, other = new_id(), new_id()
    sold = lambda at, *sellers: paid_at(monkeypatch, at, orders_client, orders_consumer, sign_identity, *sellers)  # noqa: E731
    sold(datetime(2031, 3, 31, 15, 10, tzinfo=timezone.utc), seller, other)  # 00:10 on 1 April in Korea: today
    sold(datetime(2031, 3, 31, 14, 50, tzinfo=timezone.utc), seller)  # 23:50 on 31 March: yesterday, this week
    sold(datetime(2031, 3, 25, 3, 0, tzinfo=timezone.utc), seller)  # last week's Tuesday
    sold(datetime(2031, 3, 24, 3, 0, tzinfo=timezone.utc), seller)  # last week's Monday
    sold(datetime(2031, 3, 1, 3, 0, tzinfo=timezone.utc), seller)  # last month's first day
    sold(datetime(2031, 3, 2, 3, 0, tzinfo=timezone.utc), seller)  # in no span compared
    monkeypatch.setattr(clock, "now", lambda: NOW)

    shown = figures(orders_client, as_seller(sign_identity, seller))

    assert shown["scope"] == "seller"
    assert shown["today"] == {
        "first": "2031-04-01", "last": "2031-04-01", "orders": 1, "revenue": 24000,
        "previous": {"first": "2031-03-31", "last": "2031-03-31", "orders": 1, "revenue": 24000},
    }
    assert shown["this_week"] == {
        "first": "2031-03-31", "last": "2031-04-01", "orders": 2, "revenue": 48000,
        "previous": {"first": "2031-03-24", "last": "2031-03-25", "orders": 2, "revenue": 48000},
    }
    assert shown["this_month"] == {
        "first": "2031-04-01", "last": "2031-04-01", "orders": 1, "revenue": 24000,
        "previous": {"first": "2031-03-01", "last": "2031-03-01", "orders": 1, "revenue": 24000},
    }


def test_a_seller_sees_their_own_shipments_waiting_in_each_state_and_their_open_claims(
    orders_client, orders_consumer, sign_identity
):
    seller, other = new_id(), new_id()
    headers = as_seller(sign_identity, seller)
    for status in ("paid", "preparing", "preparing", "shipping", "delivered", "delivered"):
        order = paid_order(orders_client, orders_consumer, sign_identity, seller, other)
        move_to(orders_client, headers, shipment_of(order, seller), status)
    customer = as_customer(sign_identity)
    _, claimed = shipment_in(orders_client, orders_consumer, customer, headers, seller, "preparing")
    assert claim(orders_client, customer, claimed, "cancel").status_code == 201

    statuses = figures(orders_client, headers)["statuses"]

    assert statuses == {"new": 1, "preparing": 3, "shipping": 1, "delivered": 2, "claims_open": 1}


def test_an_admin_sees_the_platform_where_an_order_of_two_sellers_is_one(
    orders_client, orders_consumer, sign_identity, monkeypatch
):
    at = datetime(2032, 6, 1, 3, 0, tzinfo=timezone.utc)
    paid_at(monkeypatch, at, orders_client, orders_consumer, sign_identity, new_id(), new_id())

    shown = figures(orders_client, as_admin(sign_identity))

    assert shown["scope"] == "platform"
    assert (shown["today"]["first"], shown["today"]["orders"], shown["today"]["revenue"]) == ("2032-06-01", 1, 48000)
    assert set(shown["statuses"]) == {"new", "preparing", "shipping", "delivered", "claims_open"}


def test_only_sellers_with_a_second_factor_and_admins_read_the_figures(orders_client, sign_identity):
    refused = {
        "customer": orders_client.get("/api/dashboard/orders", headers=as_customer(sign_identity)),
        "seller without a second factor": orders_client.get(
            "/api/dashboard/orders", headers=as_seller(sign_identity, new_id(), second_factor_age=None)
        ),
        "anonymous": orders_client.get("/api/dashboard/orders", headers=sign_identity(subject=None, roles=[])),
    }

    assert {who: response.status_code for who, response in refused.items()} == {
        "customer": 403, "seller without a second factor": 403, "anonymous": 401,
    }
    assert refused["seller without a second factor"].json["type"].endswith("second-factor-required")
