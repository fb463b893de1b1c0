"""The platform's FAQ (agents and admins): its entries by category, writing, editing, unpublishing them. Customers
read the published ones on the help pages and get them as automatic answers."""
from __future__ import annotations

from flask import render_template, request

from web.pages.console import console_pages
from web.pages.seller_faq import CATEGORIES, LANGUAGES, PAGE_SIZE
from web.public_api import public_api

blp = console_pages("console_faq", __name__)


@blp.get("/faq")
def entries():
    category = request.args.get("category") if request.args.get("category") in CATEGORIES else None
    answer = public_api().get("/api/faq", {"category": category, "page": request.args.get("page"),
                                           "page_size": PAGE_SIZE})
    return render_template("console/faq.html", entries=answer.body, pagination=answer.pagination, category=category,
                           categories=CATEGORIES)


@blp.get("/faq/new")
def new_entry():
    return render_template("console/faq_entry.html", entry=None, categories=CATEGORIES, languages=LANGUAGES)


@blp.get("/faq/<entry_id>")
def entry(entry_id: str):
    found = public_api().get(f"/api/faq/{entry_id}").body
    return render_template("console/faq_entry.html", entry=found, categories=CATEGORIES, languages=LANGUAGES)
