"""A seller's shipping settings: defaults until set, set only by that seller, and announced with an event."""
import itertools
import threading
import uuid
from datetime import datetime

from catalog import shipping_settings
from contracts.jsonschema import validate_wire
from servicekit import clock
from servicekit.testing import wait_for
from servicekit.testing.events import recorded_envelopes
from servicekit.testing.identities import as_customer, as_seller

from .shop import a_transaction_waits_for_a_lock, approve_seller

SETTINGS = {
    "methods": ["quick", "parcel"],
    "base_fee": 2500,
    "free_shipping_threshold": None,
    "remote_area_extra_fee": 5000,
    "return_fee": 2500,
    "exchange_fee": 5000,
    "return_address": {"postcode": "06236", "address1": "123 Teheran-ro, Gangnam-gu", "address2": "4F"},
    "return_policy": "Returns within 7 days of delivery, unopened.",
}


def put_settings(client, sign_identity, seller_id, settings=SETTINGS, by_seller=None, second_factor=True):
    return client.put(
        f"/api/shipping-settings/{seller_id}",
        json=settings,
        headers=as_seller(sign_identity, by_seller or seller_id, second_factor_age=0 if second_factor else None),
    )


def shown(client, sign_identity, seller_id):
    return client.get(f"/api/shipping-settings/{seller_id}", headers=sign_identity())


def changes_of(runtime, seller_id):
    return recorded_envelopes(runtime, "ShippingSettingsChanged", seller_id=seller_id)


def test_a_seller_who_never_set_them_ships_by_parcel_at_the_default_fees(catalog_client, catalog_consumer,
                                                                        sign_identity):
    seller_id = approve_seller(catalog_consumer)

    response = shown(catalog_client, sign_identity, seller_id)

    assert response.status_code == 200
    assert response.json == {
        "seller_id": seller_id,
        "methods": ["parcel"],
        "base_fee": 3000,
        "free_shipping_threshold": 50000,
        "remote_area_extra_fee": 0,
        "return_fee": 3000,
        "exchange_fee": 6000,
        "return_address": None,
        "return_policy": "",
        "updated_at": None,
    }


def test_an_unknown_seller_has_no_shipping_settings(catalog_client, sign_identity):
    assert shown(catalog_client, sign_identity, uuid.uuid4()).status_code == 404


def test_a_seller_sets_them_and_everyone_reads_them_back(catalog_runtime, catalog_client, catalog_consumer,
                                                        sign_identity):
    seller_id = approve_seller(catalog_consumer)

    response = put_settings(catalog_client, sign_identity, seller_id)

    assert response.status_code == 200, response.json
    read_back = shown(catalog_client, sign_identity, seller_id).json
    assert read_back == response.json
    assert read_back["updated_at"] is not None
    assert read_back["methods"] == ["parcel", "quick"]
    assert {field: read_back[field] for field in SETTINGS if field != "methods"} == {
        field: value for field, value in SETTINGS.items() if field != "methods"
    }


def test_every_change_is_announced_with_the_fees(catalog_runtime, catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    put_settings(catalog_client, sign_identity, seller_id)
    put_settings(catalog_client, sign_identity, seller_id, {**SETTINGS, "base_fee": 0, "return_address": None})

    changes = changes_of(catalog_runtime, seller_id)

    assert [change["data"]["base_fee"] for change in changes] == [2500, 0]
    for change in changes:
        validate_wire(change)
        assert change["producer"] == "catalog"
        assert (change["data"]["methods"], change["data"]["free_shipping_threshold"]) == (["parcel", "quick"], None)
    assert shown(catalog_client, sign_identity, seller_id).json["return_address"] is None


def test_bad_settings_are_refused_naming_the_field_and_change_nothing(catalog_runtime, catalog_client,
                                                                      catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    address = SETTINGS["return_address"]

    for changes, field in (
        ({"methods": []}, "methods"),
        ({"methods": ["drone"]}, "methods"),
        ({"base_fee": -1}, "base_fee"),
        ({"base_fee": 1_000_001}, "base_fee"),
        ({"return_fee": 2500.5}, "return_fee"),
        ({"exchange_fee": "5000"}, "exchange_fee"),
        ({"free_shipping_threshold": -5}, "free_shipping_threshold"),
        ({"remote_area_extra_fee": None}, "remote_area_extra_fee"),
        ({"return_address": {**address, "postcode": "1234"}}, "return_address"),
        ({"return_address": {"postcode": "06236"}}, "return_address"),
        ({"return_policy": "x" * 5001}, "return_policy"),
    ):
        response = put_settings(catalog_client, sign_identity, seller_id, {**SETTINGS, **changes})
        assert response.status_code == 422, changes
        assert field in response.json["errors"], changes
    missing = {field: value for field, value in SETTINGS.items() if field != "base_fee"}
    assert "base_fee" in put_settings(catalog_client, sign_identity, seller_id, missing).json["errors"]
    assert shown(catalog_client, sign_identity, seller_id).json["updated_at"] is None
    assert changes_of(catalog_runtime, seller_id) == []


def test_only_that_seller_with_a_second_factor_sets_them(catalog_runtime, catalog_client, catalog_consumer,
                                                         sign_identity):
    seller_id = approve_seller(catalog_consumer)
    intruder = approve_seller(catalog_consumer)

    refused = put_settings(catalog_client, sign_identity, seller_id, by_seller=intruder)
    assert refused.status_code == 403
    assert refused.json["type"].endswith("not-your-shipping-settings")
    without_second_factor = put_settings(catalog_client, sign_identity, seller_id, second_factor=False)
    assert without_second_factor.json["type"].endswith("second-factor-required")
    customer = catalog_client.put(
        f"/api/shipping-settings/{seller_id}", json=SETTINGS,
        headers=as_customer(sign_identity),
    )
    assert customer.status_code == 403
    assert shown(catalog_client, sign_identity, seller_id).json["updated_at"] is None
    assert changes_of(catalog_runtime, seller_id) == []


def test_an_unapproved_seller_cannot_set_them(catalog_client, sign_identity):
    seller_id = str(uuid.uuid4())
    refused = put_settings(catalog_client, sign_identity, seller_id)
    assert refused.status_code == 403
    assert refused.json["type"].endswith("seller-not-approved")


def fees_orders_keeps(runtime, seller_id):
    """The base fee of the announcement orders keeps: the one changed last (an older one arriving late is ignored)."""
    last = max(changes_of(runtime, seller_id), key=lambda change: datetime.fromisoformat(change["data"]["changed_at"]))
    return last["data"]["base_fee"]


def saved_at_once(app, sign_identity, seller_id, base_fees):
    """Each of these base fees saved in a request of its own, all sent at the same moment; their status codes."""
    start, answers = threading.Barrier(len(base_fees)), {}

    def save(base_fee):
        start.wait()
        answers[base_fee] = put_settings(app.test_client(), sign_identity, seller_id, {**SETTINGS, "base_fee": base_fee})

    savers = [threading.Thread(target=save, args=(base_fee,)) for base_fee in base_fees]
    for saver in savers:
        saver.start()
    for saver in savers:
        saver.join()
    return {base_fee: response.status_code for base_fee, response in answers.items()}


def test_a_first_save_sent_twice_at_once_is_taken_and_shown_as_orders_charges_it(
    catalog_runtime, catalog_app, catalog_client, catalog_consumer, sign_identity
):
    # A race needs luck to show: a few sellers give it a few chances.
    for _ in range(8):
        seller_id = approve_seller(catalog_consumer)

        assert saved_at_once(catalog_app, sign_identity, seller_id, (1000, 2000)) == {1000: 200, 2000: 200}
        shown_fee = shown(catalog_client, sign_identity, seller_id).json["base_fee"]
        assert shown_fee == fees_orders_keeps(catalog_runtime, seller_id)


def test_of_two_saves_at_once_the_settings_kept_are_those_orders_was_told_last(
    catalog_runtime, catalog_app, catalog_client, catalog_consumer, sign_identity, monkeypatch
):
    assert catalog_runtime.engine.dialect.name == "postgresql", "the race needs row locks of a real server"
    seller_id = approve_seller(catalog_consumer)
    assert put_settings(catalog_client, sign_identity, seller_id).status_code == 200
    first_has_the_time, second_done, calls = threading.Event(), threading.Event(), itertools.count()

    class FirstReaderStalls:
        """The clock as the first save reads it, then stalls until the second save is done or waits for it."""

        @staticmethod
        def now():
            at = clock.now()
            if next(calls) == 0:
                first_has_the_time.set()
                wait_for(
                    lambda: second_done.is_set() or a_transaction_waits_for_a_lock(catalog_runtime),
                    what="the second save to finish or wait",
                )
            return at

    monkeypatch.setattr(shipping_settings, "clock", FirstReaderStalls)
    answers = {}

    def save(base_fee):
        answers[base_fee] = put_settings(
            catalog_app.test_client(), sign_identity, seller_id, {**SETTINGS, "base_fee": base_fee}
        ).status_code

    first = threading.Thread(target=save, args=(1000,))
    first.start()
    first_has_the_time.wait(10)
    save(2000)
    second_done.set()
    first.join(10)

    assert answers == {1000: 200, 2000: 200}
    assert shown(catalog_client, sign_identity, seller_id).json["base_fee"] == fees_orders_keeps(
        catalog_runtime, seller_id
    )
