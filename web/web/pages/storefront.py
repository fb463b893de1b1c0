"""The storefront (W2): browsing and searching products, a product's page, and a customer's own pages."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from web.public_api import public_api

blp = Blueprint("storefront", __name__)
SORTS = ("relevance", "newest", "price_asc", "price_desc", "popularity", "rating")


@blp.get("/")
def home():
    """The start page: what is new, searchable from the header."""
    answer = public_api().get("/api/products", {"sort": "newest", "page_size": 12})
    return render_template("storefront/home.html", products=answer.body)


@blp.get("/products")
def products():
    """Search and browse: a keyword (Korean with or without spaces), a category, a price range, a sort."""
    wanted = {name: request.args.get(name) for name in ("q", "category_id", "min_price", "max_price", "sort", "page")}
    answer = public_api().get("/api/products", {**wanted, "page_size": 24})
    categories = public_api().get("/api/categories").body
    return render_template("storefront/products.html", products=answer.body, pagination=answer.pagination,
                           wanted=wanted, categories=categories, sorts=SORTS)
