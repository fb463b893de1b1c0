"""A month of settlement for 1,000 sellers and 1,000,000 ledger lines: making the payout day's payouts (each with
its statement), then reading statements and monthly summaries, timed and with the process's peak memory.

The ledger is filled in bulk with SQL on the tables settlements' migrations make (a million lines cannot come
through orders' events in a bench run): each seller's November 2026, a sale, its commission and its payment fee per
order line, all payable and not yet paid. Then settlements.payouts.schedule_payouts makes the payouts of
1 December (a Tuesday) as the worker would, one transaction per seller, and the reads go through the HTTP API of
the app settlements.app.create_app makes (Flask test client). Anchor, in the same run: the least work the same
result needs, one GROUP BY of the payable lines per seller and one UPDATE of all of them, in one statement each
(rolled back), so the figures read as a ratio on a noisy machine.
Run: .venv/bin/python -m bench.settlement_statements [--sellers 1000 --lines 1000000]
"""
from __future__ import annotations

import argparse
import resource
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import text

from bench.common import local_infrastructure, percentile
from servicekit.config import ServiceConfig
from servicekit.identity import Identity, TokenSigner, generate_keypair
from servicekit.migrations import upgrade
from servicekit.runtime import Runtime
from settlements.app import create_app
from settlements.payouts import schedule_payouts

SETTLEMENTS_DIR = Path(__file__).resolve().parents[1] / "services" / "settlements"
PAYOUT_DAY = date(2026, 12, 1)
# Seller s is 5e77..., line g of seller s is paid on day 1 + g % 30 of November; every third line of the ledger is
# a sale of 1,000 to 100,000 won, then its commission (10.80%) and payment fee (3.00%).
FILL = """
INSERT INTO ledger_entries (seller_id, shipment_id, order_id, order_number, line_no, kind, amount, base, rate,
                            source, recorded_at, recorded_on, payable_on)
SELECT seller, 'shipment-' || s || '-' || g, 'order-' || s || '-' || g, 'N' || s || '-' || g, 1, kind,
       CASE kind WHEN 'sale' THEN price WHEN 'commission' THEN -((price * 1080 + 5000) / 10000)
                 ELSE -((price * 300 + 5000) / 10000) END,
       CASE kind WHEN 'sale' THEN NULL ELSE price END, CASE kind WHEN 'sale' THEN NULL WHEN 'commission' THEN 1080
                 ELSE 300 END,
       'sale:shipment-' || s || '-' || g, day + interval '10 hours', day, day
FROM (SELECT s, g, '5e770000-0000-4000-8000-' || lpad(s::text, 12, '0') AS seller,
             1000 * (1 + (s * 7 + g * 13) % 100) AS price, DATE '2026-11-01' + (g % 30) AS day
      FROM generate_series(1, :sellers) s, generate_series(1, :lines_per_seller) g) sold,
     (VALUES ('sale'), ('commission'), ('payment_fee')) kinds(kind)
"""
ANCHOR = """
SELECT seller_id, count(*), sum(amount) FROM ledger_entries WHERE payout_id IS NULL AND payable_on <= :up_to
GROUP BY seller_id;
UPDATE ledger_entries SET payout_id = seller_id WHERE payout_id IS NULL AND payable_on <= :up_to;
"""


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fill(runtime: Runtime, sellers: int, lines: int) -> None:
    with runtime.engine.begin() as connection:
        connection.execute(text("SET LOCAL work_mem = '256MB'"))
        connection.execute(text(FILL), {"sellers": sellers, "lines_per_seller": -(-lines // sellers // 3)})
    with runtime.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE ledger_entries"))


def anchor_seconds(runtime: Runtime) -> float:
    with runtime.engine.connect() as connection:
        transaction = connection.begin()
        started = time.perf_counter()
        for statement in ANCHOR.split(";")[:-1]:
            connection.execute(text(statement), {"up_to": PAYOUT_DAY})
        seconds = time.perf_counter() - started
        transaction.rollback()
    return seconds


def timed_reads(client, headers, paths: list[str]) -> list[float]:
    seconds = []
    for path in paths:
        started = time.perf_counter()
        response = client.get(path, headers=headers)
        seconds.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code, response.get_data(as_text=True)[:300])
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sellers", type=int, default=1000)
    parser.add_argument("--lines", type=int, default=1_000_000, help="ledger lines in all (a third of them sales)")
    parser.add_argument("--reads", type=int, default=100, help="statements and summaries read through the API")
    args = parser.parse_args()
    with local_infrastructure() as infrastructure, tempfile.TemporaryDirectory() as keys:
        generate_keypair(Path(keys) / "identity-private.pem", Path(keys) / "identity-public.pem")
        config = ServiceConfig.from_env("settlements", {
            "SETTLEMENTS_DATABASE_URL": infrastructure.database("bench_settlements"),
            "BROKER_URL": infrastructure.rabbitmq_url, "BUS_NAMESPACE": infrastructure.bus_namespace,
            "IDENTITY_KEY_DIR": keys, "LOG_FORMAT": "text", "LOG_LEVEL": "WARNING",
        })
        upgrade(SETTLEMENTS_DIR, config.database_url)
        runtime = Runtime(config)
        started = time.perf_counter()
        fill(runtime, args.sellers, args.lines)
        with runtime.engine.connect() as connection:
            filled = connection.execute(text("SELECT count(*), count(DISTINCT seller_id) FROM ledger_entries")).one()
        print(f"filled {filled[0]:,} ledger lines of {filled[1]:,} sellers in {time.perf_counter() - started:.1f} s")
        anchor = anchor_seconds(runtime)
        before = peak_mib()
        started = time.perf_counter()
        made = schedule_payouts(runtime, PAYOUT_DAY, "daily")
        making = time.perf_counter() - started
        with runtime.engine.connect() as connection:
            unpaid, payouts_total, lines_total = connection.execute(text(
                "SELECT (SELECT count(*) FROM ledger_entries WHERE payout_id IS NULL), "
                "(SELECT sum(amount) FROM payouts), (SELECT sum(amount) FROM ledger_entries)")).one()
        assert made == args.sellers and unpaid == 0 and payouts_total == lines_total, (made, unpaid)
        print(f"payouts of {PAYOUT_DAY}: {made:,} made in {making:.1f} s ({making / made * 1000:.1f} ms a seller); "
              f"anchor (one GROUP BY and one UPDATE) {anchor:.1f} s: {making / anchor:.1f}x the anchor; "
              f"peak memory {peak_mib():.0f} MiB (before making them {before:.0f} MiB)")
        print(f"every payout adds up to its statement: {payouts_total:,} won in payouts = {lines_total:,} in lines")

        app = create_app(config)
        client = app.test_client()
        signer = TokenSigner((Path(keys) / "identity-private.pem").read_bytes(), ttl_seconds=3600)
        with runtime.engine.connect() as connection:
            payouts = connection.execute(text(
                "SELECT id, seller_id FROM payouts ORDER BY seller_id LIMIT :reads"), {"reads": args.reads}).all()
        statements, summaries = [], []
        for payout_id, seller_id in payouts:
            headers = {"X-Identity-Token": signer.sign(Identity(subject=seller_id, roles=frozenset({"seller"}),
                                                                seller_id=seller_id,
                                                                second_factor_at=int(time.time())))}
            statements += timed_reads(client, headers, [f"/api/settlements/payouts/{payout_id}"])
            summaries += timed_reads(client, headers, ["/api/settlements/monthly-summaries/2026-11"])
        for name, seconds in (("a statement (1,000 lines)", statements), ("a monthly summary", summaries)):
            print(f"{name:<28} p50 {percentile(seconds, 0.5) * 1000:.0f} ms, p95 {percentile(seconds, 0.95) * 1000:.0f} ms"
                  f" ({len(seconds)} through the API)")
        print(f"peak memory after the reads {peak_mib():.0f} MiB")
        runtime.dispose()


if __name__ == "__main__":
    main()
