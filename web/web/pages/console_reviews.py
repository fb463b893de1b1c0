"""Review moderation (admins): the reports no one has acted on yet, oldest first, each with its review as it is now;
hiding a review (it leaves the listings and the ratings) or restoring it, with a reason."""
from __future__ import annotations

from flask import render_template, request

from web.pages.console import console_pages
from web.public_api import public_api

blp = console_pages("console_reviews", __name__, admins_only=True)
PAGE_SIZE = 20


@blp.get("/reviews")
def reports():
    answer = public_api().get("/api/reviews/reports", {"page": request.args.get("page"), "page_size": PAGE_SIZE})
    return render_template("console/reviews.html", reports=answer.body, pagination=answer.pagination)
