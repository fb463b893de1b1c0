"""The load mix of issue 18 as locust users: shoppers who browse, search and open product pages without signing in,
and signed-in customers who do the same and place orders, all through the gateway as a browser would.

bench.load_run starts a platform, stocks its shop and runs this file; by hand, against a stocked platform:
  .venv/bin/python -m locust -f bench/load_mix.py --headless -u 20 -r 5 -t 60s --host http://127.0.0.1:8000 \
      --shop shop.json
The shop file (--shop) is JSON: {"products": [{"id", "seller_id", "price"}, ...], "sessions": [{"cookies",
"csrf_token"}, ...]}: the products listed and customers' sessions signed in beforehand, one after another (signing
up needs a mailed code, and a burst of sign-ins at the start would measure password hashing, not shopping).
Each request is named for its endpoint, so locust's figures come per endpoint; an answer other than the one
expected (200, or 202 for an order) counts as an error.
"""
from __future__ import annotations

import itertools
import json
import random

from locust import HttpUser, between, events, task

from bench.order_placement import order_body

PAGE_SIZE = 20
# search.SORTS but relevance, which ranks keyword matches and is the default of a search.
SORTS = ("newest", "price_asc", "price_desc", "popularity", "rating")
# Words found in the names and descriptions bench.load_run lists, in the two languages shoppers type.
KEYWORDS = ("녹차", "홍차", "한라봉", "찻잔", "제주", "tea", "green", "marmalade", "cup", "Jeju")
# A person reads a page for a moment before the next click; short, so that 20 users make a real load.
THINK_TIME = between(0.1, 0.5)
# Customers take the shop's sessions in turn (several users may share one).
_next_session = itertools.count()


@events.init_command_line_parser.add_listener
def _shop_option(parser) -> None:
    parser.add_argument("--shop", default="", help="JSON file of the listed products and customers' sessions")


@events.init.add_listener
def _read_shop(environment, **_) -> None:
    options = environment.parsed_options
    environment.shop = json.loads(open(options.shop, encoding="utf-8").read()) if options and options.shop else None


class Shopper(HttpUser):
    """Someone not signed in: pages of products in some order, keyword searches, product pages."""

    weight = 3
    wait_time = THINK_TIME

    def on_start(self) -> None:
        if not self.environment.shop:
            raise RuntimeError("no shop: run with --shop <file> (bench.load_run writes it)")
        self.products = self.environment.shop["products"]

    @task(3)
    def browse(self) -> None:
        pages = -(-len(self.products) // PAGE_SIZE)
        self.client.get("/api/products", name="GET /api/products?page&sort", params={
            "page": random.randint(1, pages), "page_size": PAGE_SIZE, "sort": random.choice(SORTS)})

    @task(2)
    def search(self) -> None:
        self.client.get("/api/products", name="GET /api/products?q", params={"q": random.choice(KEYWORDS)})

    @task(4)
    def product_page(self) -> None:
        self.client.get(f"/api/products/{random.choice(self.products)['id']}", name="GET /api/products/<id>")


class Customer(Shopper):
    """A signed-in customer: shops as above and places orders (one or two products, card tok_ok)."""

    weight = 1

    def on_start(self) -> None:
        super().on_start()
        sessions = self.environment.shop["sessions"]
        session = sessions[next(_next_session) % len(sessions)]
        self.client.cookies.update(session["cookies"])
        # The gateway asks every state-changing request of a session for its CSRF token.
        self.client.headers["X-CSRF-Token"] = session["csrf_token"]

    @task(3)
    def place_order(self) -> None:
        with self.client.post("/api/orders", name="POST /api/orders", json=order_body(self.products),
                              catch_response=True) as response:
            if response.status_code != 202:
                response.failure(f"answered {response.status_code}: {response.text[:200]}")
