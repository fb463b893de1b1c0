"""An agent's or admin's notification inbox: newest first, all or unread only; marking one or all read."""
from __future__ import annotations

from flask import render_template, request

from web.pages.console import console_pages
from web.public_api import public_api

blp = console_pages("console_notifications", __name__)
PAGE_SIZE = 20


@blp.get("/notifications")
def notifications():
    unread = request.args.get("unread") == "true"
    answer = public_api().get("/api/notifications", {"unread": "true" if unread else None,
                                                     "page": request.args.get("page"), "page_size": PAGE_SIZE})
    return render_template("console/notifications.html", notifications=answer.body, pagination=answer.pagination,
                           unread=unread)
