"""A customer's 1:1 inquiries: the list, a new one (with FAQ entries suggested while typing, and an automatic answer
from the FAQ that the customer may say did not help), and one inquiry's thread."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from web.pages.storefront_words import INQUIRY_STATUSES, INQUIRY_TYPES, customers_only, with_words
from web.public_api import ApiProblem, public_api

blp = Blueprint("my_inquiries", __name__)
with_words(blp)
customers_only(blp)
ACTIVE = ("open", "assigned", "answered", "waiting_on_customer")


@blp.get("/inquiries")
def inquiries():
    status = request.args.get("status") if request.args.get("status") in INQUIRY_STATUSES else ""
    answer = public_api().get("/api/inquiries", {"status": status, "page": request.args.get("page"), "page_size": 20})
    return render_template("storefront/inquiries.html", inquiries=answer.body, pagination=answer.pagination,
                           status=status)


@blp.get("/inquiries/new")
def new_inquiry():
    """About an order (from its page), a product, or anything; the order's lines to choose from when named."""
    order = None
    if request.args.get("order_id"):
        try:
            order = public_api().get(f"/api/orders/{request.args['order_id']}").body
        except ApiProblem as problem:
            if problem.status != 404:
                raise
    product = None
    if request.args.get("product_id"):
        try:
            product = public_api().get(f"/api/products/{request.args['product_id']}").body
        except ApiProblem as problem:
            if problem.status not in (404, 422):
                raise
    inquiry_type = request.args.get("inquiry_type")
    if inquiry_type not in INQUIRY_TYPES:
        inquiry_type = "order" if order else "product" if product else "other"
    return render_template("storefront/inquiry_new.html", order=order, product=product, inquiry_type=inquiry_type)


@blp.get("/inquiries/<inquiry_id>")
def inquiry(inquiry_id):
    inquiry = public_api().get(f"/api/inquiries/{inquiry_id}").body
    messages = [message for message in inquiry.get("messages") or () if not message.get("internal")]
    automatic = [message for message in messages if message.get("automatic")]
    rejected = any(entry.get("kind") == "automatic_answer" and entry.get("to_value") == "rejected"
                   for entry in inquiry.get("history") or ())
    # The automatic answer may be turned down while it is the inquiry's answer: no person has written since, and
    # the inquiry still stands answered (turning it down sends it back to the queue of a person).
    last_automatic = automatic[-1] if automatic else None
    person_after = last_automatic is not None and any(
        not message.get("automatic") and message.get("author_role") != "customer"
        for message in messages[messages.index(last_automatic) + 1:])
    return render_template(
        "storefront/inquiry.html", inquiry=inquiry, messages=messages, active=inquiry["status"] in ACTIVE,
        can_reject=bool(last_automatic) and not rejected and not person_after and inquiry["status"] == "answered",
    )
