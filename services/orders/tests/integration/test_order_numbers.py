"""Order numbers: the Korean date and ten random digits, never the same for two orders, even when the
random digits repeat."""
import itertools
import secrets

from servicekit.testing.identities import as_customer
from .journey import place


def test_an_order_whose_random_number_is_taken_is_placed_under_another(orders_client, sign_identity, monkeypatch):
    # The first two draws repeat, as a one-in-ten-billion clash would; later draws differ.
    draws = itertools.chain([4_242_424_242, 4_242_424_242], itertools.count(1_000_000_000))
    monkeypatch.setattr(secrets, "randbelow", lambda _bound: next(draws))
    customer = as_customer(sign_identity)

    first = place(orders_client, customer)
    second = place(orders_client, customer, key="clashing-number")

    assert (first.status_code, second.status_code) == (202, 202), second.json
    assert first.json["order_number"].endswith("4242424242")
    assert second.json["order_number"] != first.json["order_number"]
    assert second.json["order_number"][:8] == first.json["order_number"][:8]
    assert len(second.json["order_number"]) == 18
