"""Every real worker (`python -m <package>.worker` with WORKER_HTTP_PORT) is alive and ready over HTTP, and its
/metrics count the events of a journey."""
import pytest
import requests

from deploy.layout import WITH_WORKER
from e2e.journey import list_product, place_order, settled
from servicekit.testing import wait_for
from servicekit.testing.operations import metric_value

@pytest.mark.parametrize("name", [component.name for component in WITH_WORKER])
def test_each_worker_is_alive_and_ready_over_http(platform, name):
    ready = requests.get(f"{platform.worker_url(name)}/readyz", timeout=10)
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"] == {"database": "ok", "broker": "ok", "consumer": "ok", "relay": "ok"}
    alive = requests.get(f"{platform.worker_url(name)}/healthz", timeout=10)
    assert alive.status_code == 200, alive.text
    # Every worker runs scheduled jobs (catalog's indexes for search what an older catalog wrote).
    assert alive.json()["checks"] == {"relay": "ok", "consumer": "ok", "jobs": "ok"}


def test_a_paid_order_shows_in_the_metrics_of_the_workers_that_carried_it(platform, new_seller, new_customer):
    def metric(name: str, metric_name: str, **labels: str) -> float:
        exposition = requests.get(f"{platform.worker_url(name)}/metrics", timeout=10).text
        return metric_value(exposition, metric_name, service=name, **labels)

    reserved = metric("catalog", "bus_events_handled_total", event="OrderPlaced.v1")
    placed = metric("orders", "bus_events_published_total", event="OrderPlaced.v1")
    answered = metric("orders", "bus_events_handled_total", event="StockReserved.v1")
    seller, customer = new_seller(), new_customer()
    product = list_product(seller, stock=3)

    order = settled(customer, place_order(customer, product, 1).json()["id"])

    assert order["status"] == "paid"
    # Other tests' orders may be counted meanwhile: at least this one is.
    assert metric("orders", "bus_events_published_total", event="OrderPlaced.v1") >= placed + 1
    assert metric("catalog", "bus_events_handled_total", event="OrderPlaced.v1") >= reserved + 1
    wait_for(lambda: metric("orders", "bus_events_handled_total", event="StockReserved.v1") >= answered + 1,
             what="orders' worker counting catalog's answer")
    assert metric("catalog", "bus_handler_seconds_count", event="OrderPlaced.v1") >= reserved + 1
    assert metric("catalog", "bus_consumer_connected") == 1
