"""Sales statistics read from the daily and monthly rollups, against the same figures scanned from order lines.

One seller with 1,000,000 order lines over three years (2,000 products in 50 categories) among
other sellers' sales. The rollups are filled in bulk as record_sale would have filled them, the
raw lines stay for the baseline: a million sales cannot be placed through the API in a bench run, so the
fill and the baseline are SQL on the tables orders' migrations make, the one place this bench reads below
the API. Each report is asked through the HTTP API of the app orders.app.create_app makes (Flask test
client); the baseline runs the equivalent GROUP BY over order_lines joined to shipments, in the same run.
Target: p95 < 100 ms through the API.
Run: .venv/bin/python -m bench.sales_statistics [--lines 1000000 --repeats 30 --baseline-repeats 3]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import create_engine, text

from bench.common import local_infrastructure, percentile
from orders.app import create_app
from servicekit.config import ServiceConfig
from servicekit.db import sqlalchemy_url
from servicekit.identity import Identity, TokenSigner, generate_keypair
from servicekit.korean_calendar import KOREA, korean_day
from servicekit.migrations import upgrade

ORDERS_DIR = Path(__file__).resolve().parents[1] / "services" / "orders"
SELLER = "5e11e700-0000-4000-8000-000000000001"
DAYS = 3 * 365
PRODUCTS = 2000
CATEGORIES = 50
OTHER_SELLERS = 20

# Shipment g has 1 + g % 4 lines (2.5 on average), paid on day (g * 7919) % DAYS before today, at a
# time of day spread over 24 hours. One line in 33 has one unit returned and refunded, on the sale day.
SHIPMENTS = "generate_series(CAST(:first AS bigint), CAST(:last AS bigint)) g"
FILL_SALES = """
INSERT INTO orders (id, order_number, customer_id, status, items_amount, shipping_fee, discount, points_used,
                    total_amount, refunded_amount, payment_provider, created_at, updated_at, paid_at)
SELECT 'o' || g, 'N' || g, 'c' || g % 50000, 'paid', 0, 0, 0, 0, 0, 0, 'test', paid, paid, paid FROM {paid};
INSERT INTO shipments (id, order_id, seller_id, status, items_amount, shipping_fee, discount, created_at,
                       updated_at, paid_at)
SELECT 's' || g, 'o' || g, :seller, 'paid', 0, 0, 0, paid, paid, paid FROM {paid};
INSERT INTO order_lines (order_id, line_no, shipment_id, product_id, quantity, unit_price, seller_id, category_id,
                         cancelled_quantity, returned_quantity, refunded_amount)
SELECT 'o' || g, line_no, 's' || g, :product_prefix || product, quantity, price, :seller,
       'category-' || product % :categories, 0, returned, returned * price
FROM (SELECT g, line_no, (g * 31 + line_no * 17) % :products AS product, 1 + (g + line_no) % 3 AS quantity,
             1000 * (5 + (g * 31 + line_no * 17) % :products % 95) AS price,
             CASE WHEN (g * line_no) % 33 = 0 THEN 1 ELSE 0 END AS returned
      FROM {shipments}, generate_series(1, 1 + g % 4) line_no) generated;
""".format(
    shipments=SHIPMENTS,
    paid=f"(SELECT g, :midnight - ((g * 7919) % :days) * interval '1 day' + ((g * 37) % 86400) * interval '1 second'"
         f" AS paid FROM {SHIPMENTS}) generated",
)
# What record_sale and record_refund would have added up, sale by sale. The monthly and category
# rollups add up the daily product one, which holds every line once: the same sums, read from 1/3 as many rows.
FILL_ROLLUPS = """
INSERT INTO sales_daily (seller_id, day, orders, units, revenue, refunds, refunded_units)
SELECT s.seller_id, (s.paid_at AT TIME ZONE 'Asia/Seoul')::date, count(DISTINCT s.id), sum(l.quantity),
       sum(l.quantity::bigint * l.unit_price), sum(l.refunded_amount), sum(l.returned_quantity)
FROM shipments s JOIN order_lines l ON l.shipment_id = s.id GROUP BY 1, 2;
INSERT INTO sales_daily_products (seller_id, day, product_id, category_id, units, revenue, refunds, refunded_units)
SELECT s.seller_id, (s.paid_at AT TIME ZONE 'Asia/Seoul')::date, l.product_id, max(l.category_id), sum(l.quantity),
       sum(l.quantity::bigint * l.unit_price), sum(l.refunded_amount), sum(l.returned_quantity)
FROM shipments s JOIN order_lines l ON l.shipment_id = s.id GROUP BY 1, 2, 3;
INSERT INTO sales_monthly_products (seller_id, month, product_id, category_id, units, revenue, refunds, refunded_units)
SELECT seller_id, date_trunc('month', day)::date, product_id, max(category_id), sum(units), sum(revenue),
       sum(refunds), sum(refunded_units)
FROM sales_daily_products GROUP BY 1, 2, 3;
INSERT INTO sales_daily_categories (seller_id, day, category_id, units, revenue, refunds, refunded_units)
SELECT seller_id, day, coalesce(category_id, ''), sum(units), sum(revenue), sum(refunds), sum(refunded_units)
FROM sales_daily_products GROUP BY 1, 2, 3;
INSERT INTO sales_monthly_categories (seller_id, month, category_id, units, revenue, refunds, refunded_units)
SELECT seller_id, date_trunc('month', day)::date, category_id, sum(units), sum(revenue), sum(refunds),
       sum(refunded_units)
FROM sales_daily_categories GROUP BY 1, 2, 3;
"""
FILLED_TABLES = ("orders", "shipments", "order_lines", "sales_daily", "sales_daily_products", "sales_monthly_products",
                 "sales_daily_categories", "sales_monthly_categories")
# Secondary indexes and foreign keys of the filled tables, each as how to drop it and how to build it again:
# built once over the loaded rows instead of updated row by row, they make the load several times faster.
DEFERRED_SCHEMA = """
SELECT format('ALTER TABLE %I DROP CONSTRAINT %I', conrelid::regclass, conname),
       format('ALTER TABLE %I ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(:tables)
UNION ALL
SELECT format('DROP INDEX %I', indexname), indexdef
FROM pg_indexes
WHERE schemaname = current_schema() AND tablename = ANY(:tables)
  AND indexname NOT IN (SELECT conname FROM pg_constraint)
"""


def baseline_sql(period: str, by: str) -> str:
    """The report computed from the raw lines; `period` and `by` come from the fixed cases below."""
    day = "(s.paid_at AT TIME ZONE 'Asia/Seoul')::date"
    start = day if period == "day" else f"date_trunc('{period}', {day})::date"
    key = f", l.{by}_id" if by != "none" else ""
    return (
        f"SELECT {start} AS period_start{key}, count(DISTINCT s.id), sum(l.quantity), "
        "sum(l.quantity::bigint * l.unit_price), sum(l.refunded_amount), sum(l.returned_quantity) "
        "FROM order_lines l JOIN shipments s ON s.id = l.shipment_id "
        "WHERE l.seller_id = :seller AND s.paid_at >= :since AND s.paid_at < :until "
        f"GROUP BY 1{key} ORDER BY 1"
    )


def fill(engine, lines: int, today: date) -> None:
    midnight = datetime(today.year, today.month, today.day, tzinfo=KOREA)
    # 2.5 lines per shipment: the seller's shipments, then the other sellers' (a fifth as many lines).
    seller_shipments = lines * 2 // 5
    batches = [(SELLER, "p-", 1, seller_shipments)]
    noise = seller_shipments // 5 // OTHER_SELLERS
    for number in range(OTHER_SELLERS):
        first = seller_shipments + 1 + number * noise
        batches.append((f"5e11e700-0000-4000-8000-{number + 2:012d}", f"q{number}-", first, first + noise - 1))
    with engine.begin() as connection:
        # Hash the big GROUP BYs and build the indexes in memory rather than in sorted runs on disk.
        connection.execute(text("SET LOCAL work_mem = '256MB'"))
        connection.execute(text("SET LOCAL maintenance_work_mem = '512MB'"))
        deferred = connection.execute(text(DEFERRED_SCHEMA), {"tables": list(FILLED_TABLES)}).all()
        for drop, _ in deferred:
            connection.execute(text(drop))
        for seller, prefix, first, last in batches:
            for statement in FILL_SALES.split(";")[:-1]:
                connection.execute(text(statement), {
                    "seller": seller, "product_prefix": prefix, "first": first, "last": last, "midnight": midnight,
                    "days": DAYS, "products": PRODUCTS, "categories": CATEGORIES,
                })
        for statement in FILL_ROLLUPS.split(";")[:-1]:
            connection.execute(text(statement))
        # Indexes before the foreign keys, which check through them.
        for _, build in sorted(deferred, key=lambda drop_and_build: drop_and_build[1].startswith("ALTER")):
            connection.execute(text(build))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def timed(ask, repeats: int) -> tuple[list[float], object]:
    answer = ask()  # warm caches and plans before the clock
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        answer = ask()
        seconds.append(time.perf_counter() - started)
    return seconds, answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=1_000_000, help="order lines of the measured seller")
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--baseline-repeats", type=int, default=3)
    args = parser.parse_args()
    today = korean_day(datetime.now(timezone.utc))
    cases = [
        ("last 30 days by day", today - timedelta(days=29), "day", "none"),
        ("last year by month", today - timedelta(days=364), "month", "none"),
        ("3 years by year", date(today.year - 2, 1, 1), "year", "none"),
        ("last 90 days by product", today - timedelta(days=89), "month", "product"),
        ("last year by product (month)", today - timedelta(days=364), "month", "product"),
        ("last 90 days by category", today - timedelta(days=89), "month", "category"),
    ]
    with local_infrastructure() as infrastructure, tempfile.TemporaryDirectory() as keys:
        generate_keypair(Path(keys) / "identity-private.pem", Path(keys) / "identity-public.pem")
        config = ServiceConfig.from_env("orders", {
            "ORDERS_DATABASE_URL": infrastructure.database("bench_sales"),
            "BROKER_URL": infrastructure.rabbitmq_url,
            "BUS_NAMESPACE": infrastructure.bus_namespace,
            "IDENTITY_KEY_DIR": keys,
            "LOG_FORMAT": "text",
            "LOG_LEVEL": "WARNING",
        })
        upgrade(ORDERS_DIR, config.database_url)
        app = create_app(config)
        engine = create_engine(sqlalchemy_url(config.database_url))
        started = time.perf_counter()
        fill(engine, args.lines, today)
        print(f"filled {args.lines:,} lines of one seller and {args.lines // 5:,} of {OTHER_SELLERS} others "
              f"in {time.perf_counter() - started:.0f} s")
        client = app.test_client()
        signer = TokenSigner(config.identity_private_key_file.read_bytes(), ttl_seconds=3600)
        seller = {"X-Identity-Token": signer.sign(
            Identity(subject="bench", roles=frozenset({"seller"}), seller_id=SELLER, second_factor_at=int(time.time()))
        )}
        print(f"{'report':<30}{'API p50':>10}{'API p95':>10}{'scan p50':>11}{'scan p95':>11}{'ratio p95':>11}  rows")
        for name, first, period, by in cases:
            query = {"from": first.isoformat(), "to": today.isoformat(), "period": period, "by": by}
            api, response = timed(lambda: client.get("/api/sales-statistics", query_string=query, headers=seller),
                                  args.repeats)
            assert response.status_code == 200, response.json
            since = datetime(first.year, first.month, first.day, tzinfo=KOREA)
            until = datetime(today.year, today.month, today.day, tzinfo=KOREA) + timedelta(days=1)
            with engine.connect() as connection:
                scan, scanned = timed(lambda: connection.execute(
                    text(baseline_sql(period, by)), {"seller": SELLER, "since": since, "until": until}).all(),
                    args.baseline_repeats)
            totals = response.json["totals"]
            scanned_totals = [sum(row[-3] for row in scanned), sum(row[-2] for row in scanned)]
            assert [totals["revenue"], totals["refunds"]] == scanned_totals, f"{name}: rollups and lines disagree"
            p95 = percentile(api, 0.95)
            print(f"{name:<30}{percentile(api, 0.5) * 1000:>8.1f}ms{p95 * 1000:>8.1f}ms"
                  f"{percentile(scan, 0.5) * 1000:>9.0f}ms{percentile(scan, 0.95) * 1000:>9.0f}ms"
                  f"{percentile(scan, 0.95) / p95:>10.0f}x  {len(response.json['rows'])}")
            print(f"{'':<30}target p95 < 100 ms: {'met' if p95 < 0.1 else 'MISSED'}")
        engine.dispose()


if __name__ == "__main__":
    main()
