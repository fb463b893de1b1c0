"""The contracts themselves: exported schemas are current, topology names real services, payloads validate."""
import json
import uuid
from datetime import datetime, timezone

import pytest
from marshmallow import ValidationError

from contracts import REGISTRY, ContractError, Envelope
from contracts.jsonschema import SCHEMA_DIR, document, validate_wire

SERVICES = {"auth", "catalog", "orders", "support", "reviews", "notifications", "settlements", "gateway"}
REQUIRED = {"OrderPlaced", "StockReserved", "StockReservationFailed", "OrderPaid", "OrderCancelled",
            "InquiryOpened", "RefundRequested", "SellerApproved"}


def test_every_required_event_has_a_contract():
    assert REQUIRED <= {contract.name for contract in REGISTRY.all()}


@pytest.mark.parametrize("contract", REGISTRY.all(), ids=lambda c: c.routing_key)
def test_exported_json_schema_is_current(contract):
    committed = json.loads((SCHEMA_DIR / f"{contract.routing_key}.json").read_text())
    assert committed == json.loads(json.dumps(document(contract))), "run `python -m contracts export`"


@pytest.mark.parametrize("contract", REGISTRY.all(), ids=lambda c: c.routing_key)
def test_producers_and_subscribers_are_services(contract):
    assert contract.producer in SERVICES
    assert set(contract.subscribers) <= SERVICES
    assert contract.producer not in contract.subscribers


def order_placed(**overrides):
    data = {
        "order_id": str(uuid.uuid4()),
        "customer_id": str(uuid.uuid4()),
        "lines": [{"product_id": str(uuid.uuid4()), "quantity": 2, "unit_price": 12000}],
        "total_amount": 24000,
        "placed_at": datetime.now(timezone.utc),
        **overrides,
    }
    contract = REGISTRY.get("OrderPlaced", 1)
    return Envelope("OrderPlaced", 1, "orders", contract.dump(data)).to_wire()


def test_a_well_formed_payload_validates_and_parses():
    payload = order_placed()
    contract = validate_wire(payload)
    assert contract.load(payload["data"])["total_amount"] == 24000


def test_money_as_a_float_is_refused():
    payload = order_placed()
    payload["data"]["total_amount"] = 24000.5
    with pytest.raises(ContractError):
        validate_wire(payload)


def test_a_field_outside_the_contract_is_refused():
    payload = order_placed()
    payload["data"]["coupon"] = "X"
    with pytest.raises(ContractError):
        validate_wire(payload)


def test_an_unknown_event_is_refused():
    payload = order_placed()
    payload["type"] = "OrderTeleported"
    with pytest.raises(ContractError):
        validate_wire(payload)


def test_producer_cannot_record_data_its_contract_refuses():
    with pytest.raises(ContractError):
        REGISTRY.get("OrderPlaced", 1).dump({"order_id": "not-a-uuid"})


def test_envelope_survives_the_wire():
    payload = order_placed()
    assert Envelope.from_wire(json.loads(json.dumps(payload))).to_wire() == payload


def test_asyncapi_document_is_current_and_names_every_event():
    from contracts.asyncapi import asyncapi

    committed = json.loads((SCHEMA_DIR / "asyncapi.json").read_text())
    assert committed == json.loads(json.dumps(asyncapi())), "run `python -m contracts export`"
    addresses = {channel["address"] for channel in committed["channels"].values()}
    assert addresses == {contract.routing_key for contract in REGISTRY.all()}
    receivers = {op["x-service"] for op in committed["operations"].values() if op["action"] == "receive"}
    assert receivers == {s for c in REGISTRY.all() for s in c.subscribers}


def test_a_contract_refuses_bad_data_however_much_good_data_it_read_before():
    contract = REGISTRY.get("OrderPlaced", 1)
    good = order_placed()["data"]
    first = contract.load(good)
    first["lines"][0]["quantity"] = 99
    bad = {**good, "lines": [{**good["lines"][0], "quantity": 1.5}]}
    with pytest.raises(ContractError):
        contract.load(bad)
    assert contract.load(good)["lines"][0]["quantity"] == 2


def test_an_envelope_is_refused_however_many_were_read_before():
    payload = order_placed()
    Envelope.from_wire(payload)
    with pytest.raises(ValidationError):
        Envelope.from_wire({**payload, "id": "not-a-uuid"})
    assert Envelope.from_wire(payload).to_wire() == payload
