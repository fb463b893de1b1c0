"""An FAQ's pages, a shop's (seller center) or the platform's (console): its entries by category, a new entry, one
entry to edit. The API decides whose entries a caller may change."""
from __future__ import annotations

from flask import render_template, request

from web.public_api import public_api

CATEGORIES = ("delivery", "returns", "payment", "account", "orders", "products", "coupons_points")
LANGUAGES = ("ko", "en")
PAGE_SIZE = 50


def faq_entries(template: str, seller_id: str | None = None):
    """The entries of a shop (`seller_id`) or of the platform (None), in the chosen category."""
    category = request.args.get("category") if request.args.get("category") in CATEGORIES else None
    answer = public_api().get("/api/faq", {"seller_id": seller_id, "category": category,
                                           "page": request.args.get("page"), "page_size": PAGE_SIZE})
    return render_template(template, entries=answer.body, pagination=answer.pagination, category=category,
                           categories=CATEGORIES)


def faq_entry(template: str, entry_id: str | None = None):
    """One entry's form: empty for a new entry."""
    found = public_api().get(f"/api/faq/{entry_id}").body if entry_id else None
    return render_template(template, entry=found, categories=CATEGORIES, languages=LANGUAGES)
