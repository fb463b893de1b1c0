"""The storefront (W2): browsing and searching products; the customer's own pages live in the modules beside it."""
from __future__ import annotations

from typing import Any, Iterable

from flask import Blueprint, render_template, request

from web.public_api import ApiProblem, public_api

blp = Blueprint("storefront", __name__)
SORTS = ("relevance", "newest", "price_asc", "price_desc", "popularity", "rating")
FILTERS = ("q", "category_id", "min_price", "max_price", "sort", "page")


def category_options(tree: Iterable[dict[str, Any]], depth: int = 0) -> list[dict[str, Any]]:
    """The category tree (GET /api/categories) as options in order, each with its depth for indenting."""
    options = []
    for category in tree:
        options.append({"id": category["id"], "name": category["name"], "depth": depth})
        options.extend(category_options(category.get("children") or (), depth + 1))
    return options


@blp.get("/")
def home():
    """The start page: what is new, searchable from the header."""
    answer = public_api().get("/api/products", {"sort": "newest", "page_size": 12})
    return render_template("storefront/home.html", products=answer.body)


@blp.get("/products")
def products():
    """Search and browse: a keyword (Korean with or without spaces: the catalog's search decides what matches),
    a category (or any below it), a price range, a sort."""
    wanted = {name: request.args.get(name, "").strip() for name in FILTERS}
    categories = category_options(public_api().get("/api/categories").body)
    try:
        answer = public_api().get("/api/products", {**wanted, "page_size": 24})
    except ApiProblem as problem:
        if problem.status != 422:
            raise
        # A filter the catalog refuses (a price range running downwards, a word too long): said beside the form.
        return render_template("storefront/products.html", products=[], pagination={}, wanted=wanted,
                               categories=categories, sorts=SORTS, problem=problem), 422
    return render_template("storefront/products.html", products=answer.body, pagination=answer.pagination,
                           wanted=wanted, categories=categories, sorts=SORTS, problem=None)
