"""An order is charged and refunded by the payment provider whose checkout issued its card token, even
after ORDERS_PAYMENT_PROVIDER names another for new orders."""
import pytest

from orders import payments
from orders.app import create_app
from servicekit.testing.events import deliver
from servicekit.testing.identities import as_customer
from .journey import placed, stock_reserved


class ProviderOfTheOtherCheckout(payments.TestPaymentProvider):
    __test__ = False

    def __init__(self):
        super().__init__()
        self.charged = []

    def charge(self, **asked):
        self.charged.append(asked["idempotency_key"])
        return super().charge(**asked)


@pytest.fixture
def other_checkout(orders_runtime, monkeypatch):
    """The orders app as it runs once ORDERS_PAYMENT_PROVIDER names another provider."""
    monkeypatch.setitem(payments.PROVIDERS, "other", ProviderOfTheOtherCheckout)
    monkeypatch.setenv("ORDERS_PAYMENT_PROVIDER", "other")
    app = create_app(orders_runtime.config)
    yield app.test_client()
    app.extensions["runtime"].dispose()


def test_each_order_is_charged_by_the_provider_it_was_placed_with(
    orders_client, other_checkout, orders_consumer, sign_identity
):
    customer = as_customer(sign_identity)
    earlier = placed(orders_client, customer)
    later = placed(other_checkout, customer)

    for order in (earlier, later):
        deliver(orders_consumer, "StockReserved", stock_reserved(order))

    assert payments.payment_provider("other").charged == [later["id"]]
    assert payments.payment_provider("test").find_charge(idempotency_key=earlier["id"]) is not None
    assert orders_client.get(f"/api/orders/{later['id']}", headers=customer).json["status"] == "paid"
