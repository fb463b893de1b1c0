"""A settlement that takes over from another way of paying sellers (SETTLEMENTS_LEDGER_FROM): sales paid before the
ledger's first day were settled before; their refunds, confirmations and compensation change nothing here, even
those that arrive before the sale they belong to. Sales from that day on are settled as always."""
import pytest
from sqlalchemy import select

from servicekit.testing.events import deliver
from settlements import payability
from settlements.domain.ledger import NotSoldYet
from settlements.models import LedgerEntry, SettlementShipment
from settlements.settings import process_settings
from .sales import confirmed, korean, line, new_id, paid_order, refunded


@pytest.fixture
def ledger_from_december(monkeypatch):
    monkeypatch.setenv("SETTLEMENTS_LEDGER_FROM", "2026-12-01")
    process_settings.cache_clear()
    yield
    monkeypatch.delenv("SETTLEMENTS_LEDGER_FROM")
    process_settings.cache_clear()


def entries_of(runtime, seller_id):
    with runtime.engine.connect() as connection:
        return connection.execute(select(LedgerEntry.kind, LedgerEntry.amount, LedgerEntry.order_id)
                                  .where(LedgerEntry.seller_id == seller_id)).all()


def test_sales_paid_before_the_ledgers_first_day_are_not_settled_again(
    ledger_from_december, settlements_runtime, settlements_consumer
):
    seller = new_id()
    # Paid at 23:30 on 30 November in Korea (14:30 UTC): before the first day, however UTC counts it.
    old = paid_order(settlements_consumer, [line(1, seller, 20_000)], {seller: (3000, 0, 0)},
                     korean(2026, 11, 30, 23, 30))
    confirmed(settlements_consumer, old, seller, korean(2026, 12, 3, 10))
    refunded(settlements_consumer, old, seller, {1: (1, 20_000)}, korean(2026, 12, 4, 10))
    # A confirmation and a refund of sales before the first day whose OrderPaid this service never saw.
    stray = {**old, "order_id": new_id(), "shipments": [{**old["shipments"][0], "shipment_id": new_id()}]}
    confirmed(settlements_consumer, stray, seller, korean(2026, 11, 29, 10))
    refunded(settlements_consumer, stray, seller, {1: (1, 20_000)}, korean(2026, 11, 29, 11))
    deliver(settlements_consumer, "CompensationIssued", {
        "inquiry_id": new_id(), "compensation_id": new_id(), "customer_id": new_id(), "kind": "points",
        "amount": 2000, "coupon_id": None, "issued_coupon_id": None, "borne_by_seller_id": seller,
        "issued_at": korean(2026, 11, 30, 12).isoformat()})
    new = paid_order(settlements_consumer, [line(1, seller, 10_000)], {seller: (0, 0, 0)}, korean(2026, 12, 1, 0, 5))

    assert {order_id for _, _, order_id in entries_of(settlements_runtime, seller)} == {new["order_id"]}
    with settlements_runtime.engine.connect() as connection:
        known = connection.execute(select(SettlementShipment.shipment_id, SettlementShipment.settled_before)
                                   .where(SettlementShipment.seller_id == seller)).all()
    assert sorted(known, key=lambda row: row.settled_before) == [
        (new["shipments"][0]["shipment_id"], False), (old["shipments"][0]["shipment_id"], True)]


def test_without_a_first_day_every_sale_is_settled_and_a_confirmation_before_its_sale_waits(
    settlements_runtime, settlements_consumer
):
    seller = new_id()
    early = paid_order(settlements_consumer, [line(1, seller, 20_000)], {seller: (0, 0, 0)}, korean(2020, 1, 2, 10))
    assert [kind for kind, _, _ in entries_of(settlements_runtime, seller)].count("sale") == 1
    # Its sale not recorded yet, a confirmation fails, and the consumer tries it again later.
    with pytest.raises(NotSoldYet), settlements_runtime.unit_of_work() as uow:
        payability.confirm_purchase(uow, {"shipment_id": new_id(), "confirmed_at": korean(2020, 1, 3, 10)})
    assert early
