"""A product's page: its options and price (and sale), its seller and rating, reviews with photos, and public Q&A."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from web.pages.storefront_words import with_words
from web.public_api import ApiProblem, public_api

blp = Blueprint("product_page", __name__)
with_words(blp)
REVIEW_SORTS = ("newest", "helpful", "highest", "lowest")


@blp.get("/products/<uuid:product_id>")
def product(product_id):
    product = public_api().get(f"/api/products/{product_id}").body
    wanted = {"sort": request.args.get("sort") if request.args.get("sort") in REVIEW_SORTS else "newest",
              "photo_only": "true" if request.args.get("photo_only") == "true" else "",
              "rating": request.args.get("rating") if request.args.get("rating") in ("1", "2", "3", "4", "5") else "",
              "page": request.args.get("page", "")}
    reviews = public_api().get("/api/reviews", {"product_id": str(product_id), "page_size": 10, **wanted})
    questions = public_api().get("/api/product-questions",
                                 {"product_id": str(product_id), "page_size": 20, "page": request.args.get("qpage")})
    coupons = _coupons_of(product.get("seller_id"))
    variants = [variant for variant in product.get("variants") or () if variant.get("active", True)]
    return render_template(
        "storefront/product.html", product=product, variants=variants, reviews=reviews.body,
        review_pages=reviews.pagination, wanted=wanted, review_sorts=REVIEW_SORTS, questions=questions.body,
        question_pages=questions.pagination, coupons=coupons,
        reviews_query={name: value for name, value in wanted.items() if name != "page"},
    )


def _coupons_of(seller_id: str | None) -> list[dict]:
    """The seller's coupons a customer can download now; the page still shows without them."""
    if not seller_id:
        return []
    try:
        return public_api().get("/api/coupons", {"seller_id": seller_id, "page_size": 10}).body
    except ApiProblem:
        return []

