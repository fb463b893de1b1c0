"""Support's part of the seller dashboard: a seller's open inquiries, those whose response target comes soonest,
how many are overdue, and the targets missed this month in Korean days; the platform's for admins."""
from datetime import datetime, timedelta, timezone

import pytest

from servicekit import clock
from servicekit.testing.identities import as_admin, as_customer, as_seller
from support.models import Inquiry

from .people import known_product, new_id, opened
from .response_target_defaults import default_targets  # noqa: F401  (a fixture)

# 00:30 on Tuesday 1 April 2031 in Korea.
NOW = datetime(2031, 3, 31, 15, 30, tzinfo=timezone.utc)


@pytest.fixture
def at(monkeypatch):
    """Sets the instant support reads the clock at."""
    return lambda instant: monkeypatch.setattr(clock, "now", lambda: instant)


def figures(client, headers):
    response = client.get("/api/dashboard/inquiries", headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def about_the_shop(runtime, client, sign_identity, seller_id, subject):
    """An inquiry of a customer about one of the seller's products (24 hours to a first answer, 72 to resolve)."""
    product_id = known_product(runtime, seller_id)
    return opened(client, as_customer(sign_identity), inquiry_type="product", product_id=product_id, subject=subject)


def test_a_seller_sees_their_open_inquiries_with_the_nearest_due_first(
    default_targets, support_runtime, support_client, sign_identity, at  # noqa: F811
):
    seller_id = new_id()
    seller = as_seller(sign_identity, seller_id)
    ask = lambda subject: about_the_shop(support_runtime, support_client, sign_identity, seller_id, subject)  # noqa: E731
    at(NOW - timedelta(hours=30))
    late = ask("late")
    at(NOW - timedelta(hours=40))
    answered = ask("answered")
    at(NOW - timedelta(hours=2))
    soon = ask("soon")
    resolved = ask("resolved")
    at(NOW - timedelta(hours=1))
    later = ask("later")
    about_the_shop(support_runtime, support_client, sign_identity, new_id(), "another shop's")
    at(NOW)
    reply = support_client.post(f"/api/inquiries/{answered['id']}/messages", json={"body": "보내드렸습니다"},
                                headers=seller)
    closing = support_client.post(f"/api/inquiries/{resolved['id']}/status",
                                  json={"status": "resolved", "reason_code": "answered_question"}, headers=seller)
    assert (reply.status_code, closing.status_code) == (201, 200), (reply.json, closing.json)

    shown = figures(support_client, seller)

    assert shown["scope"] == "seller"
    assert (shown["open"], sum(shown["statuses"].values()), shown["statuses"]["answered"]) == (4, 4, 1)
    assert shown["overdue"] == 1
    assert [(row["subject"], row["target"], row["overdue"]) for row in shown["due_soonest"]] == [
        ("late", "first_response", True),
        ("soon", "first_response", False),
        ("later", "first_response", False),
        ("answered", "resolution", False),
    ]
    assert [datetime.fromisoformat(row["due_at"]) for row in shown["due_soonest"]] == [
        NOW - timedelta(hours=6), NOW + timedelta(hours=22), NOW + timedelta(hours=23), NOW + timedelta(hours=32),
    ]
    assert {late["id"], soon["id"], later["id"], answered["id"]} == {row["id"] for row in shown["due_soonest"]}


def breached(runtime, inquiry, at):
    """The response clock recorded the inquiry's missed target at `at`, and the platform took it over."""
    with runtime.unit_of_work() as uow:
        found = uow.session.get(Inquiry, inquiry["id"])
        found.breached_at, found.owner, found.escalated = at, "platform", True
        uow.commit()


def test_breaches_this_month_count_by_the_korean_day_and_keep_counting_once_escalated(
    default_targets, support_runtime, support_client, sign_identity, at  # noqa: F811
):
    seller_id = new_id()
    at(NOW - timedelta(days=3))
    inquiries = [about_the_shop(support_runtime, support_client, sign_identity, seller_id, "늦음") for _ in range(3)]
    breached(support_runtime, inquiries[0], datetime(2031, 3, 31, 15, 0, tzinfo=timezone.utc))  # 1 April in Korea
    breached(support_runtime, inquiries[1], datetime(2031, 3, 31, 14, 59, 59, tzinfo=timezone.utc))  # 31 March
    breached(support_runtime, about_the_shop(support_runtime, support_client, sign_identity, new_id(), "다른 가게"),
             datetime(2031, 3, 31, 15, 10, tzinfo=timezone.utc))
    at(NOW)

    shown = figures(support_client, as_seller(sign_identity, seller_id))

    assert shown["breaches_this_month"] == {"first": "2031-04-01", "last": "2031-04-01", "inquiries": 1}
    # The escalated two are the agents' now: the seller holds one open inquiry.
    assert (shown["open"], [row["id"] for row in shown["due_soonest"]]) == (1, [inquiries[2]["id"]])


def test_an_admin_sees_the_whole_platform(
    default_targets, support_runtime, support_client, sign_identity, at  # noqa: F811
):
    at(datetime(2033, 5, 2, 3, 0, tzinfo=timezone.utc))
    for _ in range(2):
        inquiry = about_the_shop(support_runtime, support_client, sign_identity, new_id(), "문의")
        breached(support_runtime, inquiry, datetime(2033, 5, 2, 4, 0, tzinfo=timezone.utc))

    shown = figures(support_client, as_admin(sign_identity))

    assert shown["scope"] == "platform"
    assert shown["breaches_this_month"] == {"first": "2033-05-01", "last": "2033-05-02", "inquiries": 2}
    assert shown["open"] >= 2


def test_only_sellers_with_a_second_factor_and_admins_read_the_figures(support_client, sign_identity):
    def asked(headers):
        return support_client.get("/api/dashboard/inquiries", headers=headers).status_code

    assert asked(as_customer(sign_identity)) == 403
    assert asked(as_seller(sign_identity, new_id(), second_factor_age=None)) == 403
    assert asked(sign_identity()) == 401
