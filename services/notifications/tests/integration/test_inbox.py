"""The inbox: newest first in pages, filtered by unread and kind, an unread count, marking one or all read;
nobody reaches another's notifications, and bad input changes nothing."""
import json

import pytest

import sample_events as events
from servicekit.testing.events import deliver
from servicekit.testing.identities import as_customer
from .people import customer, inbox


@pytest.fixture
def told(notifications_consumer):
    """A customer told of four things: answered, delivered, asked for a review, answered again (newest last)."""
    buyer, shop_id = customer(notifications_consumer), events.new_id()
    deliver(notifications_consumer, "InquiryAnswered", events.inquiry_answered(buyer.account_id))
    deliver(notifications_consumer, "OrderDelivered", events.order_delivered(buyer.account_id, shop_id))
    deliver(notifications_consumer, "ReviewRequested", events.review_requested(buyer.account_id))
    deliver(notifications_consumer, "InquiryAnswered", events.inquiry_answered(buyer.account_id))
    return buyer


def unread(client, headers) -> int:
    response = client.get("/api/notifications/unread-count", headers=headers)
    assert response.status_code == 200, response.json
    return response.json["unread"]


def test_the_inbox_pages_newest_first_with_the_total_in_the_pagination_header(
    notifications_client, sign_identity, told
):
    headers = told.headers(sign_identity)

    first = notifications_client.get("/api/notifications?page_size=3", headers=headers)
    second = notifications_client.get("/api/notifications?page_size=3&page=2", headers=headers)

    assert [n["kind"] for n in first.json] == ["inquiry_answered", "review_requested", "order_delivered"]
    assert [n["kind"] for n in second.json] == ["inquiry_answered"]
    assert json.loads(first.headers["X-Pagination"])["total"] == 4
    ids = [n["id"] for n in first.json + second.json]
    assert ids == sorted(ids, reverse=True)


def test_reading_one_lowers_the_unread_count_and_the_filters_tell_read_from_unread_and_kinds(
    notifications_client, sign_identity, told
):
    headers = told.headers(sign_identity)
    newest = inbox(notifications_client, sign_identity, told)[0]
    assert unread(notifications_client, headers) == 4

    read = notifications_client.post(f"/api/notifications/{newest['id']}/read", headers=headers)

    assert read.status_code == 200 and read.json["read_at"] is not None
    assert unread(notifications_client, headers) == 3
    assert [n["id"] for n in inbox(notifications_client, sign_identity, told, unread="false")] == [newest["id"]]
    assert newest["id"] not in [n["id"] for n in inbox(notifications_client, sign_identity, told, unread="true")]
    assert [n["kind"] for n in inbox(notifications_client, sign_identity, told, kind="inquiry_answered")] == [
        "inquiry_answered", "inquiry_answered"]
    again = notifications_client.post(f"/api/notifications/{newest['id']}/read", headers=headers)
    assert again.json["read_at"] == read.json["read_at"]


def test_reading_all_leaves_nothing_unread(notifications_client, sign_identity, told):
    headers = told.headers(sign_identity)

    read_all = notifications_client.post("/api/notifications/read-all", headers=headers)

    assert read_all.status_code == 200
    assert read_all.json == {"marked": 4, "unread": 0}
    assert unread(notifications_client, headers) == 0
    assert inbox(notifications_client, sign_identity, told, unread="true") == []
    assert notifications_client.post("/api/notifications/read-all", headers=headers).json["marked"] == 0


def test_another_person_can_neither_see_nor_mark_your_notifications(notifications_client, sign_identity, told):
    mine = inbox(notifications_client, sign_identity, told)[0]
    stranger = as_customer(sign_identity)

    marked = notifications_client.post(f"/api/notifications/{mine['id']}/read", headers=stranger)
    notifications_client.post("/api/notifications/read-all", headers=stranger)

    assert marked.status_code == 404
    assert marked.mimetype == "application/problem+json"
    assert notifications_client.get("/api/notifications", headers=stranger).json == []
    assert unread(notifications_client, told.headers(sign_identity)) == 4


def test_a_seller_or_agent_reads_their_inbox_only_with_a_second_factor(
    notifications_client, notifications_consumer, sign_identity
):
    without = sign_identity(subject=events.new_id(), roles=["seller"], seller_id=events.new_id())

    refused = notifications_client.get("/api/notifications", headers=without)

    assert refused.status_code == 403
    assert refused.json["type"] == "urn:marketplace:problem:second-factor-required"


@pytest.mark.parametrize("query", ["unread=maybe", "kind=teleported", "page=0", "page_size=1000"])
def test_a_bad_filter_is_a_problem_naming_it(notifications_client, sign_identity, query):
    refused = notifications_client.get(f"/api/notifications?{query}", headers=as_customer(sign_identity))

    assert refused.status_code == 422
    assert refused.mimetype == "application/problem+json"
    assert query.split("=")[0] in refused.json["errors"]


@pytest.mark.parametrize("path", ["/api/notifications/abc/read", "/api/notifications/99999999999999999999/read",
                                  "/api/notifications/-1/read"])
def test_an_id_that_names_no_notification_is_not_found(notifications_client, sign_identity, path):
    assert notifications_client.post(path, headers=as_customer(sign_identity)).status_code == 404


def test_the_inbox_is_for_signed_in_people_only(notifications_client, sign_identity):
    assert notifications_client.get("/api/notifications", headers=sign_identity()).status_code == 401
    assert notifications_client.get("/api/notifications/unread-count", headers=sign_identity()).status_code == 401
