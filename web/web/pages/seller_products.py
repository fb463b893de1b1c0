"""A seller's products: the list with status and stock, registering one, and editing it (images, options and
variants, a sale price for a period, the low-stock alert, on sale or hidden); and the shop's shipping settings."""
from __future__ import annotations

from flask import render_template, request

from web.pages.seller import seller_pages
from web.public_api import public_api
from web.viewers import SELLER, required_viewer

blp = seller_pages("seller_products", __name__)

STATUSES = ("on_sale", "draft", "sold_out", "suspended")
# What a seller may set; sold out follows the stock and a suspension is an admin's.
SELLER_STATUSES = ("on_sale", "draft")
SHIPPING_METHODS = ("parcel", "quick", "direct")
PAGE_SIZE = 20


@blp.get("/products")
def products():
    seller = required_viewer(SELLER)
    wanted = {name: request.args.get(name) for name in ("status", "q", "page")}
    answer = public_api().get("/api/products", {**wanted, "seller_id": seller.seller_id, "sort": "newest",
                                                "page_size": PAGE_SIZE})
    return render_template("seller/products.html", products=answer.body, pagination=answer.pagination,
                           wanted=wanted, statuses=STATUSES)


@blp.get("/products/new")
def new_product():
    categories = public_api().get("/api/categories").body
    return render_template("seller/product_new.html", categories=categories, seller_statuses=SELLER_STATUSES)


@blp.get("/products/<uuid:product_id>")
def product(product_id):
    product = public_api().get(f"/api/products/{product_id}").body
    images = public_api().get(f"/api/products/{product_id}/images").body
    categories = public_api().get("/api/categories").body
    return render_template("seller/product_edit.html", product=product, images=images, categories=categories,
                           seller_statuses=SELLER_STATUSES)


@blp.get("/settings")
def settings():
    return render_template("seller/settings.html")


@blp.get("/settings/shipping")
def shipping_settings():
    seller = required_viewer(SELLER)
    shipping = public_api().get(f"/api/shipping-settings/{seller.seller_id}").body
    return render_template("seller/shipping_settings.html", shipping=shipping, methods=SHIPPING_METHODS)
