"""The cart (kept in the browser: the API has none) and checkout across sellers, with coupons and points."""
from __future__ import annotations

from flask import Blueprint, render_template

from web.pages.storefront_words import with_words
from web.public_api import public_api
from web.viewers import CUSTOMER, current_viewer, required_viewer

blp = Blueprint("cart", __name__)
with_words(blp)


@blp.get("/cart")
def cart():
    """The lines come from this browser's storage; static/js/cart-page.js prices them from the API's products."""
    viewer = current_viewer()
    return render_template("storefront/cart.html", can_check_out=viewer is None or viewer.is_a(CUSTOMER))


@blp.get("/checkout")
def checkout():
    """Where it goes, which coupons and points to use, and the card; the quote and the order are the API's."""
    required_viewer(CUSTOMER)
    coupons = public_api().get("/api/coupons/mine", {"page_size": 50}).body
    points = public_api().get("/api/points").body
    account = public_api().get("/api/accounts/me").body
    return render_template("storefront/checkout.html", coupons=coupons, points=points, account=account)
