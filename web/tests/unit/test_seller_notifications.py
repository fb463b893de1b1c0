"""A seller's notification inbox: all or unread, marking one or all read, and the preferences."""
from __future__ import annotations

from tests.unit.test_seller_dashboard import NOTIFICATIONS, SELLER_ID


def test_the_inbox_lists_notifications_with_their_read_buttons(client, api):
    api.signed_in_as("seller", seller_id=SELLER_ID)
    api.answers["/api/notifications"] = list(NOTIFICATIONS)
    page = client.get("/seller/notifications").get_data(as_text=True)
    assert "새 주문 2026120700012" in page and "별점 2점 리뷰" in page
    assert 'data-api="/api/notifications/41/read"' in page and 'data-api="/api/notifications/40/read"' not in page
    assert 'data-api="/api/notifications/read-all"' in page and "모두 읽음으로 표시" in page
    assert 'href="/settings/notifications"' in page


def test_unread_only_asks_the_api_for_unread_ones(client, api):
    api.signed_in_as("seller", seller_id=SELLER_ID)
    api.answers["/api/notifications"] = []
    client.set_cookie("lang", "en")
    page = client.get("/seller/notifications?unread=true").get_data(as_text=True)
    assert api.calls[-1][2]["params"] == {"unread": "true", "page": None, "page_size": 20}
    assert "You have read everything." in page


def test_an_empty_inbox_says_what_will_come(client, api):
    api.signed_in_as("seller", seller_id=SELLER_ID)
    api.answers["/api/notifications"] = []
    page = client.get("/seller/notifications").get_data(as_text=True)
    assert 'class="empty-state"' in page and 'href="/seller/dashboard"' in page
