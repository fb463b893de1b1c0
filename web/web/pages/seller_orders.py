"""A seller's orders and claims: status tabs with counts, search, confirming one or many, dispatching with a carrier
and tracking number (one by one, or many from a CSV sheet), the packing list; each order; claims to decide."""
from __future__ import annotations

from flask import render_template, request
from flask_babel import lazy_gettext as _

from contracts.carriers import CARRIERS
from web.pages.seller import seller_pages
from web.public_api import public_api

blp = seller_pages("seller_orders", __name__)

# The tabs of the orders page: a shipment's statuses once paid (GET /api/shipments/counts counts them).
TABS = ("paid", "preparing", "shipping", "delivered", "purchase_confirmed", "cancelled")
CLAIM_STATUSES = ("requested", "approved", "completed", "rejected", "withdrawn")
CLAIM_KINDS = ("cancel", "return", "exchange", "refund")
# A claim the seller still acts on: approving or rejecting it, or completing it.
DECIDABLE = ("requested", "approved")
PAGE_SIZE = 20
# Carriers' names in English; in Korean they are the names contracts.carriers gives.
CARRIER_NAMES = {"cj": _("CJ Logistics"), "hanjin": _("Hanjin"), "lotte": _("Lotte Global Logistics"),
                 "logen": _("Logen"), "epost": _("Korea Post"), "kdexp": _("Kyungdong Express"),
                 "direct": _("Own delivery")}


def carriers() -> list[tuple[str, str]]:
    """(code, name) of each carrier a shipment may leave with, in the page's language."""
    return [(code, str(CARRIER_NAMES.get(code, carrier.name))) for code, carrier in CARRIERS.items()]


@blp.get("/orders")
def orders():
    status = request.args.get("status", "paid")
    wanted = {"status": status if status in TABS else None, "q": request.args.get("q"), "page": request.args.get("page")}
    counts = public_api().get("/api/shipments/counts").body
    answer = public_api().get("/api/shipments", {**wanted, "page_size": PAGE_SIZE})
    return render_template("seller/orders.html", shipments=answer.body, pagination=answer.pagination, counts=counts,
                           tabs=TABS, tab=status if status in TABS else "all", wanted=wanted, carriers=carriers())


@blp.get("/orders/<order_id>")
def order(order_id):
    order = public_api().get(f"/api/orders/{order_id}").body
    return render_template("seller/order.html", order=order, carriers=carriers())


@blp.get("/claims")
def claims():
    wanted = {"status": request.args.get("status"), "kind": request.args.get("kind"), "page": request.args.get("page")}
    answer = public_api().get("/api/claims", {**wanted, "page_size": PAGE_SIZE})
    return render_template("seller/claims.html", claims=answer.body, pagination=answer.pagination, wanted=wanted,
                           statuses=CLAIM_STATUSES, kinds=CLAIM_KINDS)


@blp.get("/claims/<claim_id>")
def claim(claim_id):
    claim = public_api().get(f"/api/claims/{claim_id}").body
    # A decision that pays money back may ask for a step-up: the page offers the seller's own second factors.
    methods = None
    if claim["status"] in DECIDABLE:
        methods = public_api().get("/api/accounts/me").body.get("second_factors") or []
    return render_template("seller/claim.html", claim=claim, carriers=carriers(), methods=methods)
