"""`python -m deploy.reconciliation --from 2026-12-01 --to 2026-12-07`: compare, for each seller and Korean day,
what orders' sales statistics count as sold and refunded with what settlement's ledger recorded, through the
public API as an admin, and report every difference.

Both answer the seller-days report of contracts.reconciliation (orders at /api/sales-statistics/seller-days,
settlements at /api/settlements/seller-days), a month at a time. A difference is a sale or a refund that one of
them missed, counted twice or counted on another day: an event dead-lettered and not replayed, say.

The admin signs in with MARKETPLACE_ADMIN_LOGIN, MARKETPLACE_ADMIN_PASSWORD and the secret of their authenticator
app, MARKETPLACE_ADMIN_TOTP_SECRET (`make run` prints the demo admin's); MARKETPLACE_URL names the gateway
(http://127.0.0.1:8000 by default). Exit status: 0 no difference, 1 differences (listed), 2 could not compare.
"""
from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from datetime import date, timedelta

import pyotp

from contracts.reconciliation import MAX_DAYS
from deploy.client import GatewayClient

ORDERS, LEDGER = "/api/sales-statistics/seller-days", "/api/settlements/seller-days"


@dataclass(frozen=True)
class Difference:
    day: date
    seller_id: str
    orders: tuple[int, int]  # (sales, refunds) as orders counts them
    ledger: tuple[int, int]  # the same as the ledger recorded them

    def __str__(self) -> str:
        return (f"{self.day} {self.seller_id}: orders sold {self.orders[0]:,} and refunded {self.orders[1]:,} won; "
                f"the ledger {self.ledger[0]:,} and {self.ledger[1]:,}")


def differences(orders: list[dict], ledger: list[dict]) -> list[Difference]:
    """Every seller-day whose sales or refunds differ between the two reports (a day missing from one is zero)."""
    def by_day(rows: list[dict]) -> dict[tuple[date, str], tuple[int, int]]:
        return {(date.fromisoformat(row["day"]), row["seller_id"]): (row["sales"], row["refunds"]) for row in rows}

    counted, recorded = by_day(orders), by_day(ledger)
    return [Difference(day, seller_id, counted.get((day, seller_id), (0, 0)), recorded.get((day, seller_id), (0, 0)))
            for day, seller_id in sorted(counted.keys() | recorded.keys())
            if counted.get((day, seller_id), (0, 0)) != recorded.get((day, seller_id), (0, 0))]


def _months(first: date, last: date):
    start = first
    while start <= last:
        end = min(start + timedelta(days=MAX_DAYS - 1), last)
        yield start, end
        start = end + timedelta(days=1)


def seller_days(client: GatewayClient, path: str, first: date, last: date) -> list[dict]:
    rows: list[dict] = []
    for start, end in _months(first, last):
        response = client.get(path, params={"from": start.isoformat(), "to": end.isoformat()})
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} answered {response.status_code}: {response.text[:500]}")
        rows += response.json()
    return rows


def reconcile(client: GatewayClient, first: date, last: date) -> list[Difference]:
    """The differences over `first`..`last`, asked with `client` signed in as an admin with a second factor."""
    return differences(seller_days(client, ORDERS, first, last), seller_days(client, LEDGER, first, last))


def signed_in_admin(base_url: str, login: str, password: str, totp_secret: str) -> GatewayClient:
    client = GatewayClient(base_url)
    if client.login(login, password).status_code != 201:
        raise RuntimeError("the admin's login was refused")
    if client.second_factor("totp", pyotp.TOTP(totp_secret).now()).status_code != 200:
        raise RuntimeError("the admin's second factor was refused")
    return client


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--from", dest="first", type=date.fromisoformat, required=True)
    parser.add_argument("--to", dest="last", type=date.fromisoformat, required=True)
    args = parser.parse_args(argv)
    if args.first > args.last:
        parser.error("--from is after --to")
    try:
        client = signed_in_admin(os.environ.get("MARKETPLACE_URL", "http://127.0.0.1:8000"),
                                 os.environ["MARKETPLACE_ADMIN_LOGIN"], os.environ["MARKETPLACE_ADMIN_PASSWORD"],
                                 os.environ["MARKETPLACE_ADMIN_TOTP_SECRET"])
        found = reconcile(client, args.first, args.last)
    except (KeyError, RuntimeError, OSError) as failure:
        print(f"could not compare: {failure}", file=sys.stderr)
        return 2
    for difference in found:
        print(difference)
    print(f"{len(found)} seller-days differ between orders and the ledger, {args.first} to {args.last}",
          file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
