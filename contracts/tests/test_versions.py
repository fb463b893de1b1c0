"""Versions of one event side by side: subscribers read tolerantly within a version, and producers publish an
older version beside the latest while some service still reads it."""
import uuid
from datetime import datetime, timezone

import pytest
from marshmallow import Schema, fields

from contracts import REGISTRY, ContractError, EventContract
from contracts.fields import Id
from contracts.registry import Registry


def placed_data(**line_extras):
    return {
        "order_id": str(uuid.uuid4()),
        "customer_id": str(uuid.uuid4()),
        "lines": [{"product_id": str(uuid.uuid4()), "quantity": 2, "unit_price": 12000, **line_extras}],
        "total_amount": 24000,
        "placed_at": datetime.now(timezone.utc).isoformat(),
    }


def test_a_subscriber_leaves_out_fields_added_to_its_version_since_it_was_built():
    data = placed_data(engraving="for Mina") | {"gift_wrap": True}

    loaded = REGISTRY.get("OrderPlaced", 1).load(data)

    assert "gift_wrap" not in loaded and "engraving" not in loaded["lines"][0]
    assert loaded["total_amount"] == 24000


def test_a_subscriber_still_refuses_a_field_it_knows_in_the_wrong_type():
    with pytest.raises(ContractError, match="total_amount"):
        REGISTRY.get("OrderPlaced", 1).load(placed_data() | {"total_amount": "lots"})


class SentV1(Schema):
    parcel_id = Id()
    weight_grams = fields.Integer(required=True)


class SentV2(Schema):
    parcel_id = Id()
    weight_kilograms = fields.Float(required=True)


def v2_as_v1(data):
    return {"parcel_id": data["parcel_id"], "weight_grams": round(data["weight_kilograms"] * 1000)}


def registry_with(v1_subscribers, to_previous=v2_as_v1) -> Registry:
    registry = Registry()
    registry.add(EventContract("ParcelSent", 1, SentV1, "catalog", v1_subscribers, ""))
    registry.add(EventContract("ParcelSent", 2, SentV2, "catalog", ("orders",), "", to_previous=to_previous))
    return registry


def test_while_a_service_reads_the_old_version_both_are_published():
    registry = registry_with(v1_subscribers=("reviews",))
    parcel = str(uuid.uuid4())

    editions = registry.editions("ParcelSent", {"parcel_id": parcel, "weight_kilograms": 1.25})

    assert [(contract.routing_key, data) for contract, data in editions] == [
        ("ParcelSent.v2", {"parcel_id": parcel, "weight_kilograms": 1.25}),
        ("ParcelSent.v1", {"parcel_id": parcel, "weight_grams": 1250}),
    ]
    assert registry.latest("ParcelSent").version == 2


def test_once_no_service_reads_the_old_version_only_the_latest_is_published():
    registry = registry_with(v1_subscribers=(), to_previous=None)

    editions = registry.editions("ParcelSent", {"parcel_id": str(uuid.uuid4()), "weight_kilograms": 1.0})

    assert [contract.routing_key for contract, _ in editions] == ["ParcelSent.v2"]


@pytest.mark.parametrize("order", ["old version first", "new version first"])
def test_a_new_version_must_say_how_the_old_one_carries_its_data_while_the_old_one_is_read(order):
    registry = Registry()
    v1 = EventContract("ParcelSent", 1, SentV1, "catalog", ("reviews",), "")
    v2 = EventContract("ParcelSent", 2, SentV2, "catalog", ("orders",), "")
    first, second = (v1, v2) if order == "old version first" else (v2, v1)
    registry.add(first)

    with pytest.raises(ContractError, match="ParcelSent.v2 must say how the version before it carries its data"):
        registry.add(second)
    assert registry.all() == [first]
