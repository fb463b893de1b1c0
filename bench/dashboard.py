"""The seller dashboard through the gateway for a seller with a year of data, against each of its parts alone.

Every service runs under gunicorn on the local servers. A seller is approved and lists products through the API;
then a year of their shop is written straight into each service's database (SQL on the tables the services'
migrations make, as bench.sales_statistics fills orders: a year cannot be placed through the API in a bench run):
--orders a day paid (most delivered and confirmed long ago, the last days' still waiting, some claimed) with the
daily sales rollup they make, product page views of every product every day, --inquiries a day (the last days'
still open, some breached), --reviews a day with their rating and negative-cause rollups, and the seller's
notifications; 20 other shops get a fifth as much of everything beside them. GET /api/dashboard is then asked as
the seller, and each part's time is read from its Server-Timing header. The anchor, in the same run and in
alternating rounds: each part asked alone through the gateway (its /api/dashboard/<part>), one after another.
Target: dashboard p95 < 150 ms.
Run: .venv/bin/python -m bench.dashboard [--repeats 200 --rounds 4 --orders 150 --inquiries 25 --reviews 40]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import create_engine, text

from bench.common import local_infrastructure, percentile
from bench.marketplace import approved_seller, bench_platform, listed_by
from deploy.client import GatewayClient
from servicekit.db import sqlalchemy_url
from servicekit.korean_calendar import KOREA, korean_day

DAYS = 365
OTHER_SHOPS = 20
LISTED_PRODUCTS = 20
SHOP_PRODUCTS = 500
# Each part of the seller's dashboard and where it is asked alone through the gateway.
PARTS = {
    "orders": "/api/dashboard/orders",
    "products": "/api/dashboard/products",
    "inquiries": "/api/dashboard/inquiries",
    "reviews": "/api/dashboard/reviews",
    "notifications": "/api/notifications/unread-count",
}

# `n` rows spread evenly over the year up to now: row g is `age` old. A shop is the bench seller ('') or another.
SPREAD = """(SELECT g, :now - (g * :days * 86400.0 / :n) * interval '1 second' AS at,
                    g * :days * 86400.0 / :n AS age FROM generate_series(1, :n) g) spread"""
# Orders: the last day's are new or preparing, then shipping (3 days), delivered (8 days), confirmed after; one in
# 50 was cancelled. One in 30 has a return claim, still open while it is under 8 days old.
FILL_ORDERS = """
CREATE TEMP TABLE bench_sales AS
SELECT g, at, :tag || '-' || g AS order_id, 's' || :tag || '-' || g AS shipment_id,
       CASE WHEN g % 50 = 0 THEN 'cancelled' WHEN age < 86400 THEN (ARRAY['paid', 'preparing'])[1 + g % 2]
            WHEN age < 3 * 86400 THEN 'shipping' WHEN age < 8 * 86400 THEN 'delivered'
            ELSE 'purchase_confirmed' END AS status,
       age, 1 + g % 3 AS quantity, 1000 * (5 + g % 40) AS unit_price
FROM {spread};
INSERT INTO orders (id, order_number, customer_id, status, items_amount, shipping_fee, discount, points_used,
                    total_amount, refunded_amount, payment_provider, created_at, updated_at, paid_at)
SELECT order_id, order_id, 'customer-' || g % 5000, status, quantity * unit_price, 0, 0, 0, quantity * unit_price,
       0, 'test', at, at, at FROM bench_sales;
INSERT INTO shipments (id, order_id, seller_id, status, items_amount, shipping_fee, discount, created_at, updated_at,
                       paid_at)
SELECT shipment_id, order_id, CAST(:seller AS varchar), status, quantity * unit_price, 0, 0, at, at, at FROM bench_sales;
INSERT INTO order_lines (order_id, line_no, shipment_id, product_id, quantity, unit_price, seller_id, product_name,
                         cancelled_quantity, returned_quantity, refunded_amount)
SELECT order_id, 1, shipment_id, 'p' || :tag || '-' || g % 500, quantity, unit_price, CAST(:seller AS varchar), 'Tea', 0, 0, 0
FROM bench_sales;
INSERT INTO claims (id, order_id, shipment_id, seller_id, customer_id, kind, status, reason_code, reason_text,
                    source, refunded_amount, fee_owed, requested_at, updated_at)
SELECT 'c' || :tag || '-' || g, order_id, shipment_id, CAST(:seller AS varchar), 'customer-' || g % 5000, 'return',
       CASE WHEN age < 8 * 86400 THEN 'requested' ELSE 'completed' END, 'changed_mind', '', 'customer', 0, 0, at, at
FROM bench_sales WHERE g % 30 = 0 AND status <> 'cancelled';
INSERT INTO sales_daily (seller_id, day, orders, platform_orders, units, revenue, refunds, refunded_units)
SELECT CAST(:seller AS varchar), (at AT TIME ZONE 'Asia/Seoul')::date, count(*), count(*), sum(quantity),
       sum(quantity::bigint * unit_price), 0, 0
FROM bench_sales WHERE status <> 'cancelled' GROUP BY 2;
DROP TABLE bench_sales;
""".format(spread=SPREAD)
# The shop's products beyond those it listed, ten of them low on stock; each product's views every day (visitors
# a product's day: 3 to 12), and the shop's days as catalog adds them up.
FILL_CATALOG = """
INSERT INTO products (id, seller_id, name, description, price, stock, status, low_stock_threshold, created_at,
                      updated_at)
SELECT md5(:tag || '-product-' || g)::uuid::text, CAST(:seller AS varchar), 'Tea ' || g, '', 10000,
       CASE WHEN g <= 10 THEN g ELSE 500 END, 'on_sale', CASE WHEN g <= 20 THEN 15 ELSE 0 END, :now, :now
FROM generate_series(1, :products) g;
INSERT INTO product_daily_views (product_id, day, views, visitors)
SELECT p.id, :today - d, 5 + (d + length(p.id)) % 15, 3 + (d + length(p.name)) % 10
FROM products p, generate_series(0, :days - 1) d WHERE p.seller_id = CAST(:seller AS varchar);
INSERT INTO shop_daily_views (seller_id, day, views, visitors)
SELECT CAST(:seller AS varchar), v.day, sum(v.views), sum(v.visitors)
FROM product_daily_views v JOIN products p ON p.id = v.product_id WHERE p.seller_id = CAST(:seller AS varchar) GROUP BY v.day;
"""
# Inquiries about the shop: answered within a day, resolved within three, closed after ten; the last days' still
# open; one in 20 missed its first response target and went to the platform's agents.
FILL_INQUIRIES = """
INSERT INTO inquiries (id, customer_id, customer_name, inquiry_type, subject, status, owner, seller_id, escalated,
                       first_response_due_at, resolution_due_at, first_responded_at, breached_at, resolved_at,
                       first_resolved_at, closed_at, targets_in_business_hours, created_at, updated_at)
SELECT md5(:tag || '-inquiry-' || g)::uuid::text, 'customer-' || g % 5000, 'Kim Minji', 'product', 'Inquiry ' || g,
       CASE WHEN age > 10 * 86400 THEN 'closed' WHEN age > 3 * 86400 THEN 'resolved'
            ELSE (ARRAY['open', 'assigned', 'answered', 'waiting_on_customer'])[1 + g % 4] END,
       CASE WHEN g % 20 = 0 THEN 'platform' ELSE 'seller' END, CAST(:seller AS varchar), g % 20 = 0,
       at + interval '24 hours', at + interval '72 hours',
       CASE WHEN age > 3 * 86400 OR g % 4 IN (2, 3) THEN at + interval '5 hours' END,
       CASE WHEN g % 20 = 0 AND age > 86400 THEN at + interval '24 hours' END,
       CASE WHEN age > 3 * 86400 THEN at + interval '2 days' END, CASE WHEN age > 3 * 86400 THEN at + interval '2 days' END,
       CASE WHEN age > 10 * 86400 THEN at + interval '9 days' END, false, at, at
FROM {spread};
""".format(spread=SPREAD)
# Reviews of the shop's products (ratings 1 to 5, one in ten negative with a cause, one in three anonymous, half
# replied to), their seller's rating row and the negative causes per day as reviews keeps them.
FILL_REVIEWS = """
INSERT INTO reviews (id, order_id, line_no, customer_id, product_id, seller_id, product_name, rating, text,
                     anonymous, author_name, status, helpful_count, negative_cause, created_at, updated_at)
SELECT md5(:tag || '-review-' || g)::uuid::text, :tag || '-' || g, 1, 'customer-' || g % 5000,
       'p' || :tag || '-' || g % 500, CAST(:seller AS varchar), 'Tea', (ARRAY[1, 3, 4, 4, 5, 5, 5, 5, 5, 4])[1 + g % 10],
       'Arrived well packed, tastes as described. ' || g, g % 3 = 0, 'Kim Minji',
       CASE WHEN g % 50 = 0 THEN 'hidden' ELSE 'visible' END, 0,
       CASE WHEN g % 10 = 0 THEN (ARRAY['product_quality', 'delivery', 'service', 'price_value', 'other'])[1 + g / 10 % 5]
       END, at, at
FROM {spread};
INSERT INTO seller_replies (review_id, seller_id, text, created_at, updated_at)
SELECT id, seller_id, 'Thank you!', created_at, created_at FROM reviews
WHERE seller_id = CAST(:seller AS varchar) AND length(id) = 36 AND ascii(id) % 2 = 0;
INSERT INTO seller_ratings (seller_id, review_count, rating_sum, ones, twos, threes, fours, fives, updated_at, version)
SELECT CAST(:seller AS varchar), count(*), sum(rating), count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2),
       count(*) FILTER (WHERE rating = 3), count(*) FILTER (WHERE rating = 4), count(*) FILTER (WHERE rating = 5),
       :now, 1
FROM reviews WHERE seller_id = CAST(:seller AS varchar) AND status = 'visible';
INSERT INTO negative_cause_days (seller_id, day, cause, reviews)
SELECT CAST(:seller AS varchar), (created_at AT TIME ZONE 'Asia/Seoul')::date, negative_cause, count(*)
FROM reviews WHERE seller_id = CAST(:seller AS varchar) AND negative_cause IS NOT NULL GROUP BY 2, 3;
""".format(spread=SPREAD)
# The seller's notifications: those of the last two days unread.
FILL_NOTIFICATIONS = """
INSERT INTO notifications (account_id, kind, title, body, params, source_event_id, created_at, read_at, email_owed,
                           sms_owed)
SELECT :account, 'new_order', 'New order', 'A new order was paid.', '{{}}', md5(:tag || '-event-' || g)::uuid::text,
       at, CASE WHEN age > 2 * 86400 THEN at + interval '1 hour' END, false, false
FROM {spread};
""".format(spread=SPREAD)


def fill(platform, seller_id: str, account_id: str, daily: dict[str, int]) -> float:
    """A year of the seller's shop and of OTHER_SHOPS others (a fifth as busy) in each service's database."""
    started = time.perf_counter()
    now = datetime.now(timezone.utc)
    shops = [("", seller_id, 1.0)] + [
        (f"o{number}", f"5e11e700-0000-4000-8000-{number + 2:012d}", 0.2) for number in range(OTHER_SHOPS)
    ]
    fills = {"orders": [(FILL_ORDERS, "orders")], "catalog": [(FILL_CATALOG, None)],
             "support": [(FILL_INQUIRIES, "inquiries")], "reviews": [(FILL_REVIEWS, "reviews")]}
    for service, statements in fills.items():
        engine = create_engine(sqlalchemy_url(platform.database_url(service)))
        with engine.begin() as connection:
            connection.execute(text("SET LOCAL work_mem = '64MB'"))
            for tag, seller, share in shops:
                for script, per_day in statements:
                    rows = int(daily.get(per_day, 0) * DAYS * share)
                    parameters = {"tag": tag or "b", "seller": seller, "now": now, "today": korean_day(now),
                                  "days": DAYS, "n": max(rows, 1), "products": int(SHOP_PRODUCTS * share)}
                    for statement in script.split(";")[:-1]:
                        connection.execute(text(statement), parameters)
        _analyze(engine)
    engine = create_engine(sqlalchemy_url(platform.database_url("notifications")))
    with engine.begin() as connection:
        connection.execute(text(FILL_NOTIFICATIONS.split(";")[0]), {
            "account": account_id, "tag": "b", "now": now, "days": DAYS, "n": daily["orders"] * DAYS})
    _analyze(engine)
    return time.perf_counter() - started


def _analyze(engine) -> None:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))
    engine.dispose()


def timed_dashboards(seller: GatewayClient, repeats: int) -> tuple[list[float], dict[str, list[float]]]:
    """The dashboard asked `repeats` times: its latencies, and each part's as Server-Timing gave them."""
    latencies, parts = [], {name: [] for name in PARTS}
    for _ in range(repeats):
        started = time.perf_counter()
        response = seller.get("/api/dashboard")
        latencies.append(time.perf_counter() - started)
        assert response.status_code == 200, response.text
        board = response.json()
        assert set(board["parts"].values()) == {"ok"}, board["unavailable_because"]
        for metric in response.headers["Server-Timing"].split(", "):
            name, duration = metric.split(";dur=")
            parts[name].append(float(duration) / 1000)
    return latencies, parts


def timed_parts_alone(seller: GatewayClient, repeats: int) -> dict[str, list[float]]:
    """Each part asked alone through the gateway, `repeats` times."""
    alone = {name: [] for name in PARTS}
    for _ in range(repeats):
        for name, path in PARTS.items():
            started = time.perf_counter()
            response = seller.get(path)
            alone[name].append(time.perf_counter() - started)
            assert response.status_code == 200, response.text
    return alone


def ms(values: list[float], fraction: float) -> str:
    return f"{percentile(values, fraction) * 1000:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=200, help="dashboards asked in all")
    parser.add_argument("--rounds", type=int, default=4, help="alternating rounds of dashboards and parts alone")
    parser.add_argument("--orders", type=int, default=150, help="the seller's orders a day")
    parser.add_argument("--inquiries", type=int, default=25, help="the seller's inquiries a day")
    parser.add_argument("--reviews", type=int, default=40, help="the seller's reviews a day")
    args = parser.parse_args()
    daily = {"orders": args.orders, "inquiries": args.inquiries, "reviews": args.reviews}
    with local_infrastructure() as infrastructure, tempfile.TemporaryDirectory() as workdir:
        # The workers look for due work (the response clock, purchase confirmations) every second, as in production,
        # not every 0.2 s as the test launcher has them.
        platform = bench_platform(infrastructure, Path(workdir), extra_env={"SCHEDULER_INTERVAL_SECONDS": "1"})
        try:
            platform.start()
            seller = approved_seller(platform)
            listed_by(seller, LISTED_PRODUCTS)
            seconds = fill(platform, seller.account["seller_id"], seller.account["account_id"], daily)
            print(f"filled a year of one shop ({args.orders} orders, {args.inquiries} inquiries, {args.reviews} "
                  f"reviews a day, {SHOP_PRODUCTS} products viewed daily) and {OTHER_SHOPS} shops a fifth as busy "
                  f"in {seconds:.0f} s")
            timed_dashboards(seller, 10)  # warm connections, caches and plans before the clock
            timed_parts_alone(seller, 2)
            latencies, in_dashboard = [], {name: [] for name in PARTS}
            alone = {name: [] for name in PARTS}
            per_round = max(args.repeats // args.rounds, 1)
            # Alternate the two, so a burst of load from elsewhere on the machine hits both alike.
            for _ in range(args.rounds):
                round_latencies, round_parts = timed_dashboards(seller, per_round)
                latencies += round_latencies
                for name, values in round_parts.items():
                    in_dashboard[name] += values
                for name, values in timed_parts_alone(seller, per_round).items():
                    alone[name] += values
        finally:
            platform.stop()
    p95 = percentile(latencies, 0.95)
    print(f"GET /api/dashboard through the gateway: p50 {ms(latencies, 0.5)} ms, p95 {ms(latencies, 0.95)} ms "
          f"over {len(latencies)}; target p95 < 150 ms: {'met' if p95 < 0.15 else 'MISSED'}")
    print(f"{'part':<15}{'in the dashboard p50':>23}{'p95':>11}{'alone through the gateway p50':>32}{'p95':>11}")
    for name in PARTS:
        print(f"{name:<15}{ms(in_dashboard[name], 0.5):>20} ms{ms(in_dashboard[name], 0.95):>8} ms"
              f"{ms(alone[name], 0.5):>29} ms{ms(alone[name], 0.95):>8} ms")
    slowest = max(percentile(values, 0.95) for values in alone.values())
    one_after_another = sum(percentile(values, 0.5) for values in alone.values())
    print(f"dashboard p95 / slowest part alone p95: {p95 / slowest:.2f}; dashboard p50 / the parts asked one after "
          f"another (sum of p50s, {one_after_another * 1000:.1f} ms): {percentile(latencies, 0.5) / one_after_another:.2f}")


if __name__ == "__main__":
    main()
