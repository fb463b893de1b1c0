"""A customer's orders: the list by status, one order with its shipments' tracking, cancelling, claims (return or
exchange, with a reason), purchase confirmation, and where to review each delivered line."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from web.pages.storefront_words import CUSTOMER_CLAIM_KINDS, SHIPMENT_STATUSES, customers_only, with_words
from web.public_api import public_api

blp = Blueprint("my_orders", __name__)
with_words(blp)
customers_only(blp)
# Before a seller confirms it the customer cancels a shipment at once; once it has come, they may claim.
CANCELLABLE = ("paid",)
CLAIMABLE = ("delivered",)
CONFIRMABLE = ("delivered",)


@blp.get("/orders")
def orders():
    status = request.args.get("status") if request.args.get("status") in SHIPMENT_STATUSES else ""
    answer = public_api().get("/api/orders", {"status": status, "page": request.args.get("page"), "page_size": 20})
    return render_template("storefront/orders.html", orders=answer.body, pagination=answer.pagination,
                           status=status, statuses=SHIPMENT_STATUSES)


@blp.get("/orders/<order_id>")
def order(order_id):
    order = public_api().get(f"/api/orders/{order_id}").body
    claims = [claim for claim in public_api().get("/api/claims", {"page_size": 100}).body
              if claim.get("order_id") == order["id"]]
    reviewable = {line["line_no"] for line in public_api().get("/api/reviews/reviewable-lines").body
                  if line.get("order_id") == order["id"]}
    lines_by_shipment: dict[str, list[dict]] = {}
    for line in order.get("lines") or ():
        lines_by_shipment.setdefault(line.get("shipment_id") or "", []).append(line)
    return render_template(
        "storefront/order.html", order=order, claims=claims, reviewable=reviewable,
        lines_by_shipment=lines_by_shipment, claim_kinds=CUSTOMER_CLAIM_KINDS, cancellable=CANCELLABLE,
        claimable=CLAIMABLE, confirmable=CONFIRMABLE, placed=request.args.get("placed") == "1",
        whole_order_cancellable=bool(order.get("shipments"))
        and all(s["status"] in ("pending", "paid") for s in order["shipments"]),
    )
