"""The seller dashboard: today's figures, the charts' data, the latest notifications; a missing part says so."""
from __future__ import annotations

import json
import re

import pytest

SELLER_ID = "5d7c9a8e-1b2f-4c3d-9e8f-a1b2c3d4e5f6"


def sales(orders, revenue, previous_orders, previous_revenue, first="2026-12-07", last="2026-12-07"):
    return {"first": first, "last": last, "orders": orders, "revenue": revenue,
            "previous": {"first": "2026-12-06", "last": "2026-12-06", "orders": previous_orders,
                         "revenue": previous_revenue}}


def visits(visitors, views, previous_visitors):
    return {"first": "2026-12-07", "last": "2026-12-07", "visitors": visitors, "views": views,
            "previous": {"first": "2026-12-06", "last": "2026-12-06", "visitors": previous_visitors, "views": 40}}


def a_dashboard(**unavailable):
    board = {
        "scope": "seller", "as_of": "2026-12-07T03:00:00+00:00",
        "parts": {"orders": "ok", "products": "ok", "inquiries": "ok", "reviews": "ok", "notifications": "ok",
                  "settlements": "ok"},
        "unavailable_because": {},
        "orders": {"scope": "seller", "today": sales(7, 184000, 5, 120000), "this_week": sales(20, 520000, 18, 480000),
                   "this_month": sales(60, 1500000, 55, 1400000),
                   "statuses": {"new": 3, "preparing": 4, "shipping": 2, "delivered": 1, "claims_open": 2}},
        "products": {"scope": "seller", "visits": {"today": visits(140, 310, 120), "this_week": visits(600, 1400, 580)},
                     "low_stock": {"count": 1, "products": [{"id": "p1", "name": "유기농 녹차 티백", "stock": 2, "threshold": 5}]}},
        "conversion": {"today": 0.05, "this_week": 0.0333},
        "inquiries": {"scope": "seller", "open": 4, "statuses": {"open": 2, "assigned": 1, "answered": 1, "waiting_on_customer": 0},
                      "overdue": 1, "due_soonest": [], "breaches_this_month": {"first": "2026-12-01", "last": "2026-12-07", "inquiries": 1}},
        "reviews": {"scope": "seller", "rating": {"count": 12, "average": 4.58, "distribution": {"1": 0, "2": 1, "3": 0, "4": 3, "5": 8}},
                    "recent": [], "negative_causes": {"first": "2026-11-08", "last": "2026-12-07", "total": 1, "by_cause": {"delivery": 1}}},
        "notifications": {"unread": 2},
        "settlements": {"scope": "seller", "next_payout": {"payout_day": "2026-12-08", "amount": 12345, "entry_count": 6},
                        "not_payable_yet": 17240, "held": 0},
    }
    for name, reason in unavailable.items():
        board[name] = None
        board["parts"][name] = "unavailable"
        board["unavailable_because"][name] = reason
        if name in ("orders", "products"):
            board["conversion"] = None
    return board


STATISTICS = {
    "period": "day", "from": "2026-12-05", "to": "2026-12-07", "seller_id": None,
    "measures": ["orders", "revenue", "visitors", "conversion"],
    "period_starts": ["2026-12-05", "2026-12-06", "2026-12-07"],
    "series": {
        "orders": {"unit": "count", "available": True, "values": [4, 5, 7], "total": 16, "unavailable_because": None},
        "revenue": {"unit": "won", "available": True, "values": [98000, 120000, 184000], "total": 402000, "unavailable_because": None},
        "visitors": {"unit": "count", "available": True, "values": [100, 120, 140], "total": 360, "unavailable_because": None},
        "conversion": {"unit": "ratio", "available": True, "values": [0.04, 0.0417, 0.05], "total": 0.0444, "unavailable_because": None},
    },
    "partial": False,
}

NOTIFICATIONS = [
    {"id": 41, "kind": "new_order", "title": "새 주문 2026120700012", "body": "유기농 녹차 티백 2개", "link": "/seller/orders?status=paid",
     "created_at": "2026-12-07T02:55:00+00:00", "read_at": None},
    {"id": 40, "kind": "negative_review", "title": "별점 2점 리뷰", "body": "배송이 늦었어요", "link": None,
     "created_at": "2026-12-06T23:10:00+00:00", "read_at": "2026-12-07T00:00:00+00:00"},
]


@pytest.fixture
def seller(api):
    api.signed_in_as("seller", seller_id=SELLER_ID)
    api.answers["/api/dashboard"] = a_dashboard()
    api.answers["/api/statistics"] = STATISTICS
    api.answers["/api/notifications"] = list(NOTIFICATIONS)
    return api


def test_the_dashboard_shows_todays_figures_in_korean(client, seller):
    page = client.get("/seller/dashboard").get_data(as_text=True)
    assert "<h1>대시보드</h1>" in page
    assert "184,000원" in page and "오늘 주문" in page
    assert 'data-figure="new-orders">3<' in page
    assert "★ 4.58" in page and "5.0%" in page
    assert "유기농 녹차 티백" in page and "미답변 문의" in page


def test_the_dashboard_in_english(client, seller):
    client.set_cookie("lang", "en")
    page = client.get("/seller/dashboard").get_data(as_text=True)
    assert "Orders today" in page and "₩184,000" in page and "Unanswered inquiries" in page


def test_the_charts_get_the_chosen_period_and_their_numbers(client, seller):
    page = client.get("/seller/dashboard?period=week&from=2026-10-01&to=2026-12-07").get_data(as_text=True)
    (_, path, sent), = [call for call in seller.calls if call[1] == "/api/statistics"]
    assert sent["params"] == {"period": "week", "from": "2026-10-01", "to": "2026-12-07",
                              "measure": ["orders", "revenue", "visitors", "conversion"]}
    data = re.search(r'<script type="application/json" id="statistics-data">(.*?)</script>', page, re.S).group(1)
    assert json.loads(data)["series"]["revenue"]["values"] == [98000, 120000, 184000]
    assert page.count("<canvas data-chart=") == 4
    assert '<option value="week" selected>' in page


def test_the_latest_notifications_are_listed_for_the_live_list(client, seller):
    page = client.get("/seller/dashboard").get_data(as_text=True)
    assert "data-live-notifications" in page and "새 주문 2026120700012" in page
    assert 'data-last-notification-id="41"' in page  # the stream resumes after it
    assert 'href="/seller/orders?status=paid">새 주문' in page
    assert ("GET", "/api/notifications", {"params": {"page_size": 10}, "body": None, "headers": None}) in seller.calls
    assert "js/dashboard.js" in page and "vendor/chart.umd.min.js" in page


def test_a_part_that_did_not_come_says_so(client, seller):
    seller.answers["/api/dashboard"] = a_dashboard(orders="The orders service did not answer in time.")
    answer = client.get("/seller/dashboard")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert page.count("지금은 볼 수 없음") >= 5  # orders' five figures and conversion
    assert "유기농 녹차 티백" in page  # the rest is still shown


def test_charts_and_notifications_that_fail_leave_the_rest(client, seller):
    seller.answers["/api/statistics"] = (503, {"type": "urn:marketplace:problem:upstream-unavailable", "detail": "통계를 지금 볼 수 없습니다."})
    seller.answers["/api/notifications"] = (502, {"type": "urn:marketplace:problem:bad-gateway", "detail": "x"})
    page = client.get("/seller/dashboard").get_data(as_text=True)
    assert "통계를 지금 볼 수 없습니다." in page and "statistics-data" not in page
    assert "알림을 지금 볼 수 없어요." in page and "184,000원" in page


def test_a_seller_without_a_second_factor_is_sent_to_enrol_one(client, seller):
    seller.answers["/api/dashboard"] = (403, {"type": "urn:marketplace:problem:second-factor-required",
                                              "detail": "Set up a second factor first."})
    answer = client.get("/seller/dashboard")
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/account/security?needed=1&next=/seller/dashboard"


def test_a_new_shop_has_an_empty_notification_list_that_says_what_comes(client, seller):
    seller.answers["/api/notifications"] = []
    page = client.get("/seller/dashboard").get_data(as_text=True)
    assert "data-no-notifications" in page


def next_payout_figure(page):
    return re.search(r'<div class="figure" data-figure="next-payout">(.*?)</div>', page, re.S).group(1)


def test_the_next_payout_shows_its_korean_day_and_amount_and_leads_to_the_settlement(client, seller):
    figure = next_payout_figure(client.get("/seller/dashboard").get_data(as_text=True))
    assert "다음 정산" in figure and "12,345원" in figure and "2026. 12. 8." in figure
    assert "지급 대기: 17,240원" in figure and "보류된 정산" not in figure
    assert 'href="/seller/settlement"' in figure


def test_without_a_payout_expected_the_dashboard_says_so_and_shows_held_payouts(client, seller):
    board = a_dashboard()
    board["settlements"] = {"scope": "seller", "next_payout": None, "not_payable_yet": -3000, "held": 2}
    seller.answers["/api/dashboard"] = board
    figure = next_payout_figure(client.get("/seller/dashboard").get_data(as_text=True))
    assert "예정된 정산 없음" in figure and "지급 대기: -3,000원" in figure and "보류된 정산: 2건" in figure


def test_the_next_payout_in_english(client, seller):
    client.set_cookie("lang", "en")
    figure = next_payout_figure(client.get("/seller/dashboard").get_data(as_text=True))
    assert "Next payout" in figure and "₩12,345" in figure and "Dec 8, 2026" in figure
    assert "Not payable yet: ₩17,240" in figure


def test_a_settlements_part_that_did_not_come_says_so(client, seller):
    seller.answers["/api/dashboard"] = a_dashboard(settlements="The settlements service cannot be reached.")
    figure = next_payout_figure(client.get("/seller/dashboard").get_data(as_text=True))
    assert "지금은 볼 수 없음" in figure and "다음 정산" in figure
