"""Writing a review of a delivered order line, with photos (the path the review_requested notification links to)."""
from __future__ import annotations

from flask import Blueprint, render_template
from werkzeug.exceptions import NotFound

from web.public_api import public_api
from web.viewers import CUSTOMER, required_viewer

blp = Blueprint("review_writing", __name__)
MAX_PHOTOS = 5


@blp.get("/orders/<order_id>/lines/<int:line_no>/review")
def write_review(order_id, line_no):
    required_viewer(CUSTOMER)
    order = public_api().get(f"/api/orders/{order_id}").body
    line = next((line for line in order.get("lines") or () if line.get("line_no") == line_no), None)
    if line is None:
        raise NotFound()
    reviewable = any(found.get("order_id") == order["id"] and found.get("line_no") == line_no
                     for found in public_api().get("/api/reviews/reviewable-lines").body)
    return render_template("storefront/review_form.html", order=order, line=line, reviewable=reviewable,
                           max_photos=MAX_PHOTOS)
