"""Product Q&A in the seller center: one of the shop's products at a time, its customers' questions (secret ones
too) newest first, each answered once and the answer edited after."""
from __future__ import annotations

from flask import render_template, request

from web.pages.seller import seller_pages
from web.public_api import public_api
from web.viewers import SELLER, required_viewer

blp = seller_pages("seller_questions", __name__)

PAGE_SIZE = 20
# The products offered in the chooser: a shop's most recent ones, as many as one page of the API holds.
PRODUCTS_SHOWN = 100


def shop_products(seller_id: str) -> list[dict]:
    """The shop's products for a chooser, newest first: every status, since a hidden product keeps its questions."""
    return public_api().get("/api/products", {"seller_id": seller_id, "sort": "newest",
                                              "page_size": PRODUCTS_SHOWN}).body


@blp.get("/questions")
def questions():
    seller = required_viewer(SELLER)
    products = shop_products(seller.seller_id)
    product_id = request.args.get("product_id") or (products[0]["id"] if products else None)
    listed, pagination = [], {}
    if product_id:
        answer = public_api().get("/api/product-questions", {"product_id": product_id, "page": request.args.get("page"),
                                                             "page_size": PAGE_SIZE})
        listed, pagination = answer.body, answer.pagination
    product = next((p for p in products if p["id"] == product_id), None)
    return render_template("seller/questions.html", products=products, product=product, product_id=product_id,
                           questions=listed, pagination=pagination)
