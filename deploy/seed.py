"""Demo data for `make run`, made through the public API as real users would, and safe to repeat."""
from __future__ import annotations

import subprocess
import sys
import time

from deploy.client import GatewayClient
from deploy.layout import ROOT

ADMIN = {"email": "admin@example.com", "password": "Console-Keeper-2026!"}
SELLER = {
    "email": "seller@example.com",
    "phone": "01055550101",
    "password": "Tea-Counter-2026!",
    "name": "Park Jisoo",
    "birth_date": "1988-05-17",
    "seller_type": "sole_proprietor",
    "business_name": "Jeju Tea House",
    "business_registration_number": "220-81-62517",
}
CUSTOMER = {"email": "customer@example.com", "name": "Kim Minji", "password": "Green-Basket-2026!"}
PRODUCTS = [
    {"name": "Jeju green tea 100g", "price": 15000, "stock": 50, "description": "First flush, Seogwipo."},
    {"name": "Hallabong marmalade", "price": 9800, "stock": 30, "description": "Made with Jeju citrus."},
    {"name": "Celadon tea cup", "price": 32000, "stock": 2, "description": "Hand-thrown; only a few left."},
]


def _expect(response, *statuses):
    if response.status_code not in statuses:
        raise SystemExit(f"seeding failed: {response.request.method} {response.url} -> {response.status_code} {response.text}")
    return response


def seed(env: dict[str, str], base_url: str = "http://127.0.0.1:8000") -> None:
    subprocess.run(
        [sys.executable, "-m", "auth.cli", "create-admin", "--if-missing", "--email", ADMIN["email"],
         "--password", ADMIN["password"], "--name", "Platform Admin"],
        env=env, cwd=ROOT, check=True,
    )
    _expect(GatewayClient(base_url).post("/api/accounts", json=CUSTOMER), 201, 409)
    _expect(GatewayClient(base_url).post("/api/sellers", json=SELLER), 201, 409)

    admin = GatewayClient(base_url)
    _expect(admin.login(ADMIN["email"], ADMIN["password"]), 201)
    for status in ("pending", "documents_requested"):
        for seller in _expect(admin.get("/api/sellers", params={"status": status, "page_size": 100}), 200).json():
            if seller["email"] == SELLER["email"]:
                _expect(admin.post(f"/api/sellers/{seller['id']}/decision", json={"decision": "approve"}), 200)

    seller = GatewayClient(base_url)
    _expect(seller.login(SELLER["email"], SELLER["password"]), 201)
    seller_id = seller.account["seller_id"]
    listed = _expect(seller.get("/api/products", params={"seller_id": seller_id}), 200).json()
    if not listed:
        for product in PRODUCTS:
            deadline = time.monotonic() + 30
            while True:
                # Catalog learns of the approval from an event; until then it refuses the listing.
                response = seller.post("/api/products", json=product)
                if response.status_code != 403 or time.monotonic() > deadline:
                    break
                time.sleep(0.3)
            _expect(response, 201)
    print(
        "\nDemo accounts (log in with POST /api/session {\"login\": ..., \"password\": ...}):\n"
        f"  admin     {ADMIN['email']:<24} {ADMIN['password']}\n"
        f"  seller    {SELLER['email']:<24} {SELLER['password']}\n"
        f"  customer  {CUSTOMER['email']:<24} {CUSTOMER['password']}"
    )
