"""An agent's or admin's notification inbox: newest first, all or unread only; marking one or all read."""
from __future__ import annotations

from web.pages.console import console_pages
from web.pages.notification_inbox import inbox_page

blp = console_pages("console_notifications", __name__)


@blp.get("/notifications")
def notifications():
    return inbox_page("console/notifications.html")
