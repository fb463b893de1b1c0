"""The help page: the platform's FAQ by category, or searched (Korean or English), with a way to ask a person."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from web.pages.storefront_words import FAQ_CATEGORIES, with_words
from web.public_api import public_api

blp = Blueprint("help", __name__)
with_words(blp)


@blp.get("/faq")
def faq():
    category = request.args.get("category") if request.args.get("category") in FAQ_CATEGORIES else ""
    q = request.args.get("q", "").strip()[:200]
    answer = public_api().get("/api/faq", {"category": category, "q": q, "page": request.args.get("page"),
                                           "page_size": 50})
    return render_template("storefront/faq.html", entries=answer.body, pagination=answer.pagination,
                           category=category, q=q)
