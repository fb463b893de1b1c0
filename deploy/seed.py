"""Demo data for `make run`, made through the public API as real users would, and safe to repeat.

Sign-up codes are read from the file auth's worker writes mail to when no SMTP server is set
(NOTIFY_FILE, by default var/notifications/auth.jsonl), as a person would read their inbox.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pyotp

from deploy.client import GatewayClient
from deploy.layout import ROOT
from servicekit.config import ServiceConfig

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
    {"name": "Celadon tea cup", "price": 32000, "stock": 3, "low_stock_threshold": 2,
     "description": "Hand-thrown; only a few left."},
]
DEMO_CHECKOUT = {
    "shipping_address": {"recipient_name": "Kim Minji", "phone": "01012345678", "postcode": "06236",
                         "address1": "152 Teheran-ro, Gangnam-gu, Seoul", "address2": "12F"},
    "payment": {"method": "card", "token": "tok_demo"},
}
# What the demo customer asks about their second order, and says of the lines of their first (line_no, rating, text).
INQUIRY = {"inquiry_type": "order", "subject": "Gift wrapping for the cup?",
           "body": "It is a present for my mother: could you wrap the cup and leave the receipt out?"}
REVIEWS = (
    (1, 5, "Fresh and fragrant, just like the tea we drank in Jeju."),
    (2, 2, "The marmalade tastes fine, but it arrived late: a week after I ordered, and the box was crushed."),
)
# The smallest well-formed PDF: the demo seller's business registration certificate.
CERTIFICATE = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _expect(response, *statuses):
    if response.status_code not in statuses:
        raise SystemExit(f"seeding failed: {response.request.method} {response.url} -> {response.status_code} {response.text}")
    return response


def _once_accepted(send, refused_with: int, timeout: float = 30):
    """The answer of `send()`, sent again while it is refused with `refused_with` because another service has
    not learnt yet, from an event, what makes it acceptable."""
    deadline = time.monotonic() + timeout
    while (response := send()).status_code == refused_with and time.monotonic() < deadline:
        time.sleep(0.3)
    return response


def _waited(look, what: str, timeout: float = 30):
    """What `look()` finds, asked again while it finds nothing (None)."""
    deadline = time.monotonic() + timeout
    while (found := look()) is None:
        if time.monotonic() > deadline:
            raise SystemExit(f"seeding failed: waited {timeout:.0f} s for {what}")
        time.sleep(0.3)
    return found


# Not \b: in Korean a syllable follows the code at once ("123456입니다"), and \b sees no boundary there.
_CODE = re.compile(r"(?<!\d)(\d{6})(?!\d)")
# The sign-up mail's words in each language auth writes it in (the account's language, Korean by default).
_SIGN_UP_WORDS = ("sign-up code", "회원가입 인증번호")


def _mailed_code(mail_file: Path, to: str, after: datetime, timeout: float = 30) -> str:
    """The sign-up code mailed to `to` since `after`, once auth's worker has written it out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if mail_file.exists():
            for line in reversed(mail_file.read_text().splitlines()):
                message = json.loads(line)
                sent_at = datetime.fromisoformat(message["sent_at"])
                found = _CODE.search(message["body"])
                signing_up = any(words in message["body"] for words in _SIGN_UP_WORDS)
                if message["to"] == to and signing_up and sent_at >= after and found:
                    return found.group(1)
        time.sleep(0.3)
    raise SystemExit(f"seeding failed: no sign-up code for {to} in {mail_file}")


def sign_up(base_url: str, path: str, details: dict, mail_file: Path) -> dict:
    """Sign up at `path` (/api/accounts or /api/sellers) with the code mailed to `mail_file`, as a person
    would; the verified account."""
    asked_at = datetime.now(timezone.utc)
    client = GatewayClient(base_url)
    _expect(client.post(path, json=details), 202)
    code = _mailed_code(mail_file, details["email"], asked_at)
    return _expect(client.post("/api/accounts/verification", json={"login": details["email"], "code": code}), 201).json()


def _with_authenticator(client: GatewayClient, authenticator_file: Path) -> None:
    """Finish a sign-in with the account's authenticator app, enrolling one (its secret kept in the file) the first time."""
    if client.account["second_factor_required"]:
        authenticator = pyotp.TOTP(authenticator_file.read_text().strip())
        # One step ahead is inside the accepted window and cannot be a code used a moment ago.
        _expect(client.second_factor("totp", authenticator.at(time.time() + 30)), 200)
    else:
        authenticator = client.enrol_authenticator()
        authenticator_file.parent.mkdir(parents=True, exist_ok=True)
        authenticator_file.write_text(authenticator.secret)


def _seller_session(base_url: str, authenticator_file: Path, mail_file: Path, admin: GatewayClient) -> GatewayClient:
    """The demo seller signed in with their authenticator app, registered and approved if they were not yet."""
    seller = GatewayClient(base_url)
    if seller.login(SELLER["email"], SELLER["password"]).status_code != 201:
        account = sign_up(base_url, "/api/sellers", SELLER, mail_file)
        _expect(seller.login(SELLER["email"], SELLER["password"]), 201)
        _expect(
            seller.request("POST", f"/api/sellers/{account['seller_id']}/documents",
                           files={"file": ("certificate.pdf", CERTIFICATE, "application/pdf")},
                           data={"kind": "business_registration_certificate"}),
            201,
        )
    _with_authenticator(seller, authenticator_file)
    registration = _expect(seller.get(f"/api/sellers/{seller.account['seller_id']}"), 200).json()
    if registration["status"] != "approved":
        _expect(admin.post(f"/api/sellers/{registration['id']}/decision", json={"decision": "approve"}), 200)
    return seller


def _customer_story(base_url: str, seller: GatewayClient, products: list[dict]) -> None:
    """What the demo customer has done by the time anyone looks, so that the seller's dashboard has figures and
    both have notifications: they looked at the shop's pages (as did a passer-by), ordered tea and marmalade,
    which came and which they reviewed (the marmalade badly, for its late delivery), then a cup, which takes it
    to its low-stock threshold, waits to be shipped, and which they asked about."""
    customer = GatewayClient(base_url)
    _expect(customer.login(CUSTOMER["email"], CUSTOMER["password"]), 201)
    if _expect(customer.get("/api/orders"), 200).json():
        return
    tea, marmalade, cup = (next(p for p in products if p["name"] == listed["name"]) for listed in PRODUCTS)
    passer_by = GatewayClient(base_url)
    views = ((passer_by, tea), (passer_by, cup), (customer, tea), (customer, marmalade), (customer, cup))
    for visitor, product in views:
        _expect(visitor.post(f"/api/products/{product['id']}/views"), 202)
    delivered = _paid_order(customer, [tea, marmalade])
    waiting = _paid_order(customer, [cup])
    _deliver(seller, delivered["shipments"][0]["id"])
    inquiry = {**INQUIRY, "order_id": waiting["id"]}
    # Support learns of the order from an event; until then it is unknown there.
    _expect(_once_accepted(lambda: customer.post("/api/inquiries", json=inquiry), 422), 201)
    _waited(lambda: _reviewable(customer, delivered["id"]), "the delivered order's lines to be reviewable")
    for line_no, rating, text in REVIEWS:
        review = {"order_id": delivered["id"], "line_no": line_no, "rating": rating, "text": text}
        _expect(customer.post("/api/reviews", json=review), 201)


def _paid_order(customer: GatewayClient, products: list[dict]) -> dict:
    """The customer's order of one of each product, once it is paid."""
    items = [
        {"product_id": p["id"], "seller_id": p["seller_id"], "quantity": 1, "unit_price": p["price"]}
        for p in products
    ]
    placed = _expect(customer.post("/api/orders", json={**DEMO_CHECKOUT, "items": items}), 202).json()
    order = _waited(lambda: _settled(customer, placed["id"]), "the order to be paid")
    if order["status"] != "paid":
        raise SystemExit(f"seeding failed: the demo order was not paid: {order}")
    return order


def _settled(customer: GatewayClient, order_id: str) -> dict | None:
    order = _expect(customer.get(f"/api/orders/{order_id}"), 200).json()
    return None if order["status"] == "pending" else order


def _reviewable(customer: GatewayClient, order_id: str) -> list[dict] | None:
    """The order's lines the customer may review; reviews learns of a delivery from an event."""
    lines = _expect(customer.get("/api/reviews/reviewable-lines"), 200).json()
    return [line for line in lines if line["order_id"] == order_id] or None


def _deliver(seller: GatewayClient, shipment_id: str) -> None:
    """The seller confirms the shipment, hands it to CJ and marks it delivered."""
    for step, body in (("confirmation", None), ("dispatch", {"carrier": "cj", "tracking_number": "630012345670"}),
                       ("delivery", None)):
        _expect(seller.post(f"/api/shipments/{shipment_id}/{step}", json=body), 200)


def seed(env: dict[str, str], base_url: str) -> str:
    """Make the demo accounts, products, and the customer's orders, inquiry and reviews; returns what a person
    needs to use them, also written to var/demo-accounts.txt."""
    var_dir = Path(env["MARKETPLACE_VAR_DIR"])
    mail_file = ServiceConfig.from_env("auth", env).notify_file
    authenticator_file = var_dir / "demo" / "seller-authenticator-secret"
    created = subprocess.run(
        [sys.executable, "-m", "auth.cli", "create-admin", "--if-missing", "--email", ADMIN["email"],
         "--password", ADMIN["password"], "--name", "Platform Admin"],
        env=env, cwd=ROOT, capture_output=True, text=True,
    )
    if created.returncode != 0:
        raise SystemExit(f"seeding failed: auth.cli create-admin: {created.stderr}")
    if GatewayClient(base_url).login(CUSTOMER["email"], CUSTOMER["password"]).status_code != 201:
        sign_up(base_url, "/api/accounts", CUSTOMER, mail_file)

    admin = GatewayClient(base_url)
    _expect(admin.login(ADMIN["email"], ADMIN["password"]), 201)
    # Staff see the console's cases and figures only with a second factor, as the seller sees the dashboard.
    _with_authenticator(admin, var_dir / "demo" / "admin-authenticator-secret")
    seller = _seller_session(base_url, authenticator_file, mail_file, admin)
    listed = _expect(seller.get("/api/products", params={"seller_id": seller.account["seller_id"]}), 200).json()
    if not listed:
        for product in PRODUCTS:
            # Catalog learns of the approval from an event; until then it refuses the listing.
            _expect(_once_accepted(lambda: seller.post("/api/products", json=product), 403), 201)
        listed = _expect(seller.get("/api/products", params={"seller_id": seller.account["seller_id"]}), 200).json()
    _customer_story(base_url, seller, listed)
    accounts = demo_accounts(base_url, var_dir / "demo", mail_file,
                             ServiceConfig.from_env("notifications", env).notify_file)
    accounts_file = var_dir / "demo-accounts.txt"
    accounts_file.write_text(accounts)
    return f"{accounts}(This is also in {accounts_file}.)\n"


def demo_accounts(base_url: str, secrets_dir: Path, mail_file: Path, notices_file: Path) -> str:
    """The demo accounts and how to sign in with them, as `make run` prints them last."""
    seller_secret = (secrets_dir / "seller-authenticator-secret").read_text().strip()
    admin_secret = (secrets_dir / "admin-authenticator-secret").read_text().strip()
    return (
        f"Open {base_url} in a browser (the storefront; sellers land in /seller, staff in /console), or use the\n"
        "API: POST /api/session {\"login\": ..., \"password\": ...}, then POST /api/session/2fa\n"
        "{\"method\": \"totp\", \"code\": ...} for the seller and the admin. Demo accounts:\n"
        f"  admin     {ADMIN['email']:<24} {ADMIN['password']}   authenticator secret {admin_secret}\n"
        f"  seller    {SELLER['email']:<24} {SELLER['password']}   authenticator secret {seller_secret}\n"
        f"  customer  {CUSTOMER['email']:<24} {CUSTOMER['password']}\n"
        f"Add a secret to an authenticator app (they are also in {secrets_dir}), or print its current code with:\n"
        f"  .venv/bin/python -c 'import pyotp; print(pyotp.TOTP(\"{seller_secret}\").now())'\n"
        f"Mail and texts the platform sends are lines in {mail_file} (sign-up codes, password resets)\n"
        f"and {notices_file} (orders, inquiries, reviews and the rest people are told of).\n"
        "The customer has an order delivered and reviewed, and one the seller sees waiting at\n"
        "GET /api/shipments?status=paid. The seller's figures are at GET /api/dashboard, and both have\n"
        "notifications at GET /api/notifications.\n"
    )
