"""A customer's inbox of notifications, and which kinds reach them by email and text."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from web.pages.storefront_words import with_words
from web.public_api import public_api
from web.viewers import required_viewer

blp = Blueprint("my_notifications", __name__)
with_words(blp)


@blp.get("/notifications")
def inbox():
    required_viewer()
    unread = request.args.get("unread") if request.args.get("unread") in ("true", "false") else ""
    answer = public_api().get("/api/notifications", {"unread": unread, "page": request.args.get("page"),
                                                     "page_size": 30})
    return render_template("storefront/notifications.html", notifications=answer.body, pagination=answer.pagination,
                           unread=unread)


@blp.get("/settings/notifications")
def preferences():
    required_viewer()
    chosen = public_api().get("/api/notifications/preferences").body
    return render_template("storefront/notification_settings.html", preferences=chosen["preferences"])
