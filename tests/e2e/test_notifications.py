"""Notifications live (N4): a seller with the seller center open sees a new paid order appear within a second, on the
stream the page opens through the gateway with its session cookie."""
import time
from datetime import datetime

from e2e.journey import list_product, place_order, settled
from servicekit.testing import EventStreamReader, wait_for

STREAM = "/api/notifications/stream"
# N4: on the page within a second of the event.
LIVE_SECONDS = 1.0


def open_stream(client) -> EventStreamReader:
    """The stream as a page's EventSource opens it: the session cookie, no CSRF token (a GET)."""
    response = client.http.get(f"{client.base_url}{STREAM}", headers={"Accept": "text/event-stream"}, stream=True,
                               timeout=30)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("text/event-stream")
    return EventStreamReader(response.iter_content(chunk_size=None), response.close)


def test_a_customers_order_reaches_the_signed_in_sellers_live_stream_within_a_second(new_seller, new_customer):
    seller = new_seller()
    product = list_product(seller)
    # The notifications service has heard of the seller's account: its approval is in the inbox.
    wait_for(lambda: seller.get("/api/notifications?kind=seller_approved").json(),
             what="the seller's approval in their inbox")
    customer = new_customer()
    stream = open_stream(seller)
    try:
        stream.next_frame(5)
        order_id = place_order(customer, product, 1).json()["id"]
        order = settled(customer, order_id)
        assert order["status"] == "paid", order

        event = stream.next_event(20)
        received_at = time.time() - (time.monotonic() - event.received_at)
    finally:
        stream.close()

    assert event.event == "notification"
    assert (event.data["kind"], event.data["link"]) == ("new_order", f"/seller/orders/{order_id}")
    assert order["order_number"] in event.data["title"]
    assert event.id == str(event.data["id"])
    assert received_at - datetime.fromisoformat(order["paid_at"]).timestamp() < LIVE_SECONDS
