"""The notification inbox every center shows (the seller center's and the console's): newest first, all or unread
only, a page at a time; templates/_notification_inbox.html lists it with its read buttons."""
from __future__ import annotations

from flask import render_template, request

from web.public_api import public_api

PAGE_SIZE = 20


def inbox_page(template: str):
    """`template` rendered with the signed-in person's notifications, as this page's ?unread= and ?page= ask."""
    unread = request.args.get("unread") == "true"
    answer = public_api().get("/api/notifications", {"unread": "true" if unread else None,
                                                     "page": request.args.get("page"), "page_size": PAGE_SIZE})
    return render_template(template, notifications=answer.body, pagination=answer.pagination, unread=unread)
