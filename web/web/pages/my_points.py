"""A customer's points: the balance, what expires soon, and the ledger."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from web.pages.storefront_words import with_words
from web.public_api import public_api
from web.viewers import CUSTOMER, required_viewer

blp = Blueprint("my_points", __name__)
with_words(blp)


@blp.get("/points")
def points():
    required_viewer(CUSTOMER)
    held = public_api().get("/api/points").body
    entries = public_api().get("/api/points/entries", {"page": request.args.get("page"), "page_size": 30})
    return render_template("storefront/points.html", held=held, entries=entries.body, pagination=entries.pagination)
