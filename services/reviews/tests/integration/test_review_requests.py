"""Review requests: a customer is asked once per line, three days after delivery, and never for a reviewed line."""
from datetime import datetime, timedelta, timezone

import pytest

from reviews.review_requests import REQUEST_AFTER_DELIVERY, request_due_reviews
from servicekit import clock
from servicekit.testing.events import deliver, recorded
from servicekit.testing.identities import as_customer
from .shoppers import delivered, new_id, posted, shipment


@pytest.fixture
def requested_after(reviews_runtime, monkeypatch):
    """Run the job as it would run `delay` after now, when the test's lines were delivered."""
    delivered_at = datetime.now(timezone.utc)

    def run(delay):
        monkeypatch.setattr(clock, "now", lambda: delivered_at + delay)
        request_due_reviews(reviews_runtime)

    run.delivered_at = delivered_at
    return run


def test_a_line_is_requested_once_and_not_before_three_days_after_delivery(
    reviews_runtime, reviews_consumer, requested_after
):
    customer_id = new_id()
    order_id, product_id = delivered(reviews_consumer, customer_id, new_id())

    requested_after(REQUEST_AFTER_DELIVERY - timedelta(hours=1))
    too_early = recorded(reviews_runtime, "ReviewRequested", order_id=order_id)
    requested_after(REQUEST_AFTER_DELIVERY + timedelta(minutes=1))
    requested_after(REQUEST_AFTER_DELIVERY + timedelta(days=1))

    assert too_early == []
    requested = recorded(reviews_runtime, "ReviewRequested", order_id=order_id)
    assert [(r["customer_id"], r["line_no"], r["product_id"], r["product_name"]) for r in requested] == [
        (customer_id, 1, product_id, "Jeju green tea")
    ]


def test_a_reviewed_line_is_not_requested(
    reviews_runtime, reviews_client, reviews_consumer, sign_identity, requested_after
):
    customer_id = new_id()
    order_id, _ = delivered(reviews_consumer, customer_id, new_id(), lines=2)
    posted(reviews_client, as_customer(sign_identity, customer_id), order_id, line_no=1)

    requested_after(REQUEST_AFTER_DELIVERY + timedelta(days=1))

    assert [r["line_no"] for r in recorded(reviews_runtime, "ReviewRequested", order_id=order_id)] == [2]


def test_a_line_confirmed_before_its_delivery_was_heard_of_is_requested_three_days_after_delivery(
    reviews_runtime, reviews_consumer, requested_after
):
    # The customer confirmed two days after delivery; OrderDelivered was handled after that (retried, or replayed).
    sent = shipment(new_id(), new_id())
    confirmed_at = requested_after.delivered_at + timedelta(days=2)
    deliver(reviews_consumer, "PurchaseConfirmed", {**sent, "automatic": False, "confirmed_at": confirmed_at.isoformat()})
    deliver(reviews_consumer, "OrderDelivered", {**sent, "delivered_at": requested_after.delivered_at.isoformat()})

    requested_after(REQUEST_AFTER_DELIVERY + timedelta(minutes=1))

    assert [r["line_no"] for r in recorded(reviews_runtime, "ReviewRequested", order_id=sent["order_id"])] == [1]
