"""A seller's own FAQ: the shop's entries (published or not), writing one, editing it, unpublishing it. Customers
see the published ones on the shop's FAQ and as automatic answers to their inquiries."""
from __future__ import annotations

from flask import render_template, request

from web.pages.seller import seller_pages
from web.public_api import public_api
from web.viewers import SELLER, required_viewer

blp = seller_pages("seller_faq", __name__)

CATEGORIES = ("delivery", "returns", "payment", "account", "orders", "products", "coupons_points")
LANGUAGES = ("ko", "en")
PAGE_SIZE = 50


@blp.get("/faq")
def entries():
    seller = required_viewer(SELLER)
    category = request.args.get("category") if request.args.get("category") in CATEGORIES else None
    answer = public_api().get("/api/faq", {"seller_id": seller.seller_id, "category": category,
                                           "page": request.args.get("page"), "page_size": PAGE_SIZE})
    return render_template("seller/faq.html", entries=answer.body, pagination=answer.pagination, category=category,
                           categories=CATEGORIES)


@blp.get("/faq/new")
def new_entry():
    return render_template("seller/faq_entry.html", entry=None, categories=CATEGORIES, languages=LANGUAGES)


@blp.get("/faq/<entry_id>")
def entry(entry_id: str):
    found = public_api().get(f"/api/faq/{entry_id}").body
    return render_template("seller/faq_entry.html", entry=found, categories=CATEGORIES, languages=LANGUAGES)
