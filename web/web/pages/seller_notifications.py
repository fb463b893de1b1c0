"""A seller's notifications: the inbox, newest first, all or unread only; marking one or all read."""
from __future__ import annotations

from web.pages.notification_inbox import inbox_page
from web.pages.seller import seller_pages

blp = seller_pages("seller_notifications", __name__)


@blp.get("/notifications")
def notifications():
    return inbox_page("seller/notifications.html")
