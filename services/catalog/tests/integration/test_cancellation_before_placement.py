"""An order cancelled before its placement reached catalog (OrderPlaced dead-lettered and replayed later)
reserves nothing, also when two workers handle its placement and its cancellation at once.
"""
import threading
import uuid

import pytest
from sqlalchemy.exc import IntegrityError

from catalog import reservations
from servicekit.testing import wait_for
from servicekit.testing.events import deliver, recorded_envelopes
from .shop import a_transaction_waits_for_a_lock, approve_seller, list_product, order_cancelled, order_placed, product_lines


def stock_of(client, sign_identity, product):
    return client.get(f"/api/products/{product['id']}", headers=sign_identity()).json["stock"]


def answers_about(runtime, order_id):
    return [
        envelope["type"]
        for envelope in recorded_envelopes(runtime, order_id=order_id)
        if envelope["type"] in ("StockReserved", "StockReservationFailed")
    ]


def test_a_placement_after_its_cancellation_reserves_nothing_and_sends_no_answer(
    catalog_runtime, catalog_client, catalog_consumer, sign_identity
):
    product = list_product(catalog_client, sign_identity, approve_seller(catalog_consumer), stock=3)
    placement = order_placed(product_lines(product, 2))
    order_id = placement["order_id"]

    assert deliver(catalog_consumer, "OrderCancelled", order_cancelled(order_id, "timed_out")) is True
    assert deliver(catalog_consumer, "OrderPlaced", placement) is True

    assert stock_of(catalog_client, sign_identity, product) == 3
    # Orders cancelled the order already and waits for nothing: an answer would only be ignored.
    assert answers_about(catalog_runtime, order_id) == []


def handled_meanwhile(consumer, name, data, event_id):
    """Handle the event in another thread (another worker); returns a function that waits for its outcome."""
    outcome = {}

    def handle():
        try:
            outcome["handled"] = deliver(consumer, name, data, event_id=event_id)
        except Exception as failure:  # noqa: BLE001 - the worker's consumer would retry it
            outcome["failure"] = failure

    worker = threading.Thread(target=handle)
    worker.start()

    def finished():
        worker.join(10)
        assert not worker.is_alive()
        return outcome

    return finished


@pytest.fixture
def postgres_only(catalog_runtime):
    assert catalog_runtime.engine.dialect.name == "postgresql", "the race needs row locks of a real server"


def test_a_placement_racing_its_cancellation_is_retried_and_then_reserves_nothing(
    postgres_only, catalog_runtime, catalog_client, catalog_consumer, sign_identity
):
    product = list_product(catalog_client, sign_identity, approve_seller(catalog_consumer), stock=3)
    placement, placement_id = order_placed(product_lines(product, 2)), str(uuid.uuid4())
    order_id = placement["order_id"]

    with catalog_runtime.unit_of_work() as cancelling:
        reservations.release_stock(cancelling, order_id)
        placing = handled_meanwhile(catalog_consumer, "OrderPlaced", placement, placement_id)
        wait_for(lambda: a_transaction_waits_for_a_lock(catalog_runtime), what="the placement to wait")
        cancelling.commit()

    assert isinstance(placing().get("failure"), IntegrityError)
    assert deliver(catalog_consumer, "OrderPlaced", placement, event_id=placement_id) is True
    assert stock_of(catalog_client, sign_identity, product) == 3
    assert answers_about(catalog_runtime, order_id) == []


def test_a_cancellation_racing_its_placement_is_retried_and_then_gives_the_stock_back(
    postgres_only, catalog_runtime, catalog_client, catalog_consumer, sign_identity
):
    product = list_product(catalog_client, sign_identity, approve_seller(catalog_consumer), stock=3)
    placement = order_placed(product_lines(product, 2))
    order_id = placement["order_id"]
    cancellation, cancellation_id = order_cancelled(order_id, "timed_out"), str(uuid.uuid4())

    with catalog_runtime.unit_of_work() as placing:
        reservations.reserve_stock(placing, placement)
        cancelling = handled_meanwhile(catalog_consumer, "OrderCancelled", cancellation, cancellation_id)
        wait_for(lambda: a_transaction_waits_for_a_lock(catalog_runtime), what="the cancellation to wait")
        placing.commit()

    assert isinstance(cancelling().get("failure"), IntegrityError)
    assert stock_of(catalog_client, sign_identity, product) == 1
    assert deliver(catalog_consumer, "OrderCancelled", cancellation, event_id=cancellation_id) is True
    assert stock_of(catalog_client, sign_identity, product) == 3
