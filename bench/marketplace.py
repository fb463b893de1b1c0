"""The platform the HTTP benchmarks run, and accounts and products made on it through the gateway as people
would make them."""
from __future__ import annotations

import time
from pathlib import Path

from deploy.client import GatewayClient
from deploy.launcher import Platform
from deploy.seed import sign_up
from servicekit.identity import generate_keypair

PASSWORD = "Bench-Order-2026!"


def bench_platform(infrastructure, workdir: Path, extra_env: dict[str, str] | None = None) -> Platform:
    """Every service on the local servers, web processes with 2 gunicorn workers of 4 threads, every process
    straight to RabbitMQ (no test proxy between); mail (the sign-up codes) goes to a file in `workdir`. Not started
    yet."""
    keys = workdir / "keys"
    generate_keypair(keys / "identity-private.pem", keys / "identity-public.pem")
    platform = Platform(infrastructure, keys, workdir, extra_env={
        "NOTIFY_FILE": str(workdir / "notifications.jsonl"), "WEB_CONCURRENCY": "2", "WEB_THREADS": "4",
        **(extra_env or {})}, broker_proxy=False)
    # Each process's own pool, as deployed (10 connections; a gevent web waits for them rather than opening more),
    # not the launcher's 3 for tests, which fit beside a test suite: with 4 threads a web process would open a
    # connection for a request and close it after, a new PostgreSQL backend every few requests.
    for name in POOL_SETTINGS:
        if name not in (extra_env or {}):
            platform.env.pop(name, None)
    return platform


POOL_SETTINGS = ("DATABASE_POOL_SIZE", "DATABASE_MAX_OVERFLOW")


def signed_in(platform: Platform, path: str, details: dict) -> GatewayClient:
    """Sign up through the API with the mailed code, then log in."""
    sign_up(platform.gateway_url, path, details, Path(platform.env["NOTIFY_FILE"]))
    client = GatewayClient(platform.gateway_url)
    assert client.login(details["email"], PASSWORD).status_code == 201
    return client


def approved_seller(platform: Platform) -> GatewayClient:
    """A new seller an admin (from auth's CLI) approved, signed in with an authenticator app."""
    created = platform.run_cli("-m", "auth.cli", "create-admin", "--email", "admin@example.com", "--password", PASSWORD)
    assert created.returncode == 0, created.stderr
    admin = GatewayClient(platform.gateway_url)
    assert admin.login("admin@example.com", PASSWORD).status_code == 201
    seller = signed_in(platform, "/api/sellers", {
        "email": "seller@example.com", "phone": "01055550101", "password": PASSWORD, "name": "Park Jisoo",
        "birth_date": "1988-05-17", "seller_type": "individual"})
    seller.enrol_authenticator()
    decided = admin.post(f"/api/sellers/{seller.account['seller_id']}/decision", json={"decision": "approve"})
    assert decided.status_code == 200, decided.text
    return seller


def listed_by(seller: GatewayClient, count: int) -> list[dict]:
    """`count` products the seller lists once catalog allows it (it hears of the approval as an event)."""
    products, deadline = [], time.monotonic() + 30
    while len(products) < count:
        response = seller.post("/api/products", json={"name": f"Tea {len(products)}", "price": 10000, "stock": 1_000_000})
        if response.status_code == 403 and time.monotonic() < deadline:
            time.sleep(0.3)  # catalog has not heard of the approval yet: it comes as an event
            continue
        assert response.status_code == 201, response.text
        products.append(response.json())
    return products


def list_products(platform: Platform, count: int) -> list[dict]:
    """An admin (from auth's CLI) approves a new seller, who lists `count` products once catalog allows it."""
    return listed_by(approved_seller(platform), count)
