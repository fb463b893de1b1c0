"""The ledger kept from orders' events: each seller's lines with their deductions, refunds taking their part back,
and nothing ever recorded twice."""
import pytest
from sqlalchemy import func, select

from servicekit.testing.events import deliver, recorded
from servicekit.testing.identities import as_admin, as_seller
from settlements.domain.ledger import NotSoldYet
from settlements.models import LedgerEntry
from . import sales
from .sales import claim, confirmed, korean, line, new_id, paid_order, refunded, shipment_of


def entries_of(client, headers, **query):
    response = client.get("/api/settlements/ledger-entries", query_string={"page_size": 100, **query},
                          headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def totals(entries):
    found = {}
    for entry in entries:
        found[entry["kind"]] = found.get(entry["kind"], 0) + entry["amount"]
    return found


def test_a_two_seller_order_gives_each_seller_their_lines_less_their_own_coupon_commission_and_fees(
    settlements_runtime, settlements_client, settlements_consumer, sign_identity
):
    tea, cups = new_id(), new_id()
    order = paid_order(settlements_consumer, [line(1, tea, 15_000, quantity=2), line(2, cups, 20_000)],
                       {tea: (3000, 4200, 3000), cups: (0, 800, 0)}, korean(2026, 12, 7, 10))

    tea_entries = entries_of(settlements_client, as_seller(sign_identity, tea))
    cups_entries = entries_of(settlements_client, as_seller(sign_identity, cups))

    # The platform coupon's 1,200 and 800 won are the platform's: only tea's own 3,000 won reach its entries.
    assert totals(tea_entries) == {"sale": 30_000, "seller_discount": -3000, "commission": -2916,
                                   "payment_fee": -810 - 90, "shipping_fee": 3000}
    assert totals(cups_entries) == {"sale": 20_000, "commission": -2160, "payment_fee": -600}
    assert {entry["rate"] for entry in tea_entries if entry["kind"] == "commission"} == {1080}
    assert all(entry["payable_on"] is None for entry in tea_entries + cups_entries)
    announced = recorded(settlements_runtime, "SettlementLineRecorded", shipment_id=shipment_of(order, tea)["shipment_id"])
    assert [(event["source"], event["total"]) for event in announced] == [("sale", 26_184)]


def test_a_seller_reads_only_their_own_ledger_and_an_admin_names_the_seller(
    settlements_client, settlements_consumer, sign_identity
):
    tea = new_id()
    paid_order(settlements_consumer, [line(1, tea, 10_000)], {tea: (0, 0, 0)}, korean(2026, 12, 7, 10))

    other_seller = settlements_client.get("/api/settlements/ledger-entries", query_string={"seller_id": tea},
                                          headers=as_seller(sign_identity, new_id()))
    admin_unnamed = settlements_client.get("/api/settlements/ledger-entries", headers=as_admin(sign_identity))

    assert other_seller.status_code == 403
    assert admin_unnamed.status_code == 422
    assert len(entries_of(settlements_client, as_admin(sign_identity), seller_id=tea)) == 3


def test_a_partial_return_takes_back_the_units_and_their_share_of_the_sellers_coupon_and_keeps_the_return_fee(
    settlements_client, settlements_consumer, sign_identity
):
    tea = new_id()
    order = paid_order(settlements_consumer, [line(1, tea, 15_000, quantity=2)], {tea: (3000, 3000, 3000)},
                       korean(2026, 12, 7, 10))

    refunded(settlements_consumer, order, tea, {1: (1, 15_000)}, korean(2026, 12, 9, 15),
             discount_share=1500, seller_discount_share=1500, return_fee=3000)

    entries = entries_of(settlements_client, as_seller(sign_identity, tea))
    refund = totals(entry for entry in entries if entry["recorded_at"].startswith("2026-12-09"))
    assert refund == {"refund": -15_000, "seller_discount": 1500, "commission": 1458, "payment_fee": 405,
                      "return_fee": 3000}
    # What stays: one unit sold, its half of the coupon, its commission and fee, and the shipping.
    assert sum(entry["amount"] for entry in entries) == 15_000 - 1500 - 1458 - 405 + 3000 - 90 + 3000


def test_redelivered_and_replayed_events_never_double_a_line(settlements_runtime, settlements_consumer):
    tea = new_id()
    event_id = new_id()
    order = paid_order(settlements_consumer, [line(1, tea, 10_000)], {tea: (2500, 0, 0)}, korean(2026, 12, 7, 10),
                       event_id=event_id)
    refund = refunded(settlements_consumer, order, tea, {1: (1, 10_000)}, korean(2026, 12, 8, 10),
                      shipping_refund=2500)
    mine = select(func.count(), func.sum(LedgerEntry.amount)).where(LedgerEntry.seller_id == tea)
    with settlements_runtime.engine.connect() as connection:
        before = connection.execute(mine).one()

    # The broker redelivers (same event id), and an operator replays the day's events (new ids, same data).
    assert not deliver(settlements_consumer, "OrderPaid", order, event_id=event_id)
    deliver(settlements_consumer, "OrderPaid", order)
    deliver(settlements_consumer, "PaymentRefunded", refund)

    with settlements_runtime.engine.connect() as connection:
        assert connection.execute(mine).one() == before
    assert (before[0], int(before[1])) == (10, 0)  # all refunded, shipping included: nothing owed either way


def test_a_refund_that_overtakes_its_sale_fails_and_takes_effect_when_retried_after_the_sale(
    settlements_runtime, settlements_consumer
):
    tea, event_id = new_id(), new_id()
    order = paid_order(settlements_consumer, [line(1, tea, 10_000)], {tea: (0, 0, 0)}, korean(2026, 12, 7, 10))
    early = {**order, "shipments": [{**order["shipments"][0], "shipment_id": new_id()}]}

    with pytest.raises(NotSoldYet):
        refunded(settlements_consumer, early, tea, {1: (1, 10_000)}, korean(2026, 12, 8, 10), refund_id=event_id)
    deliver(settlements_consumer, "OrderPaid", early)
    refunded(settlements_consumer, early, tea, {1: (1, 10_000)}, korean(2026, 12, 8, 10), refund_id=event_id)

    with settlements_runtime.engine.connect() as connection:
        kinds = connection.execute(select(LedgerEntry.kind).where(
            LedgerEntry.shipment_id == early["shipments"][0]["shipment_id"], LedgerEntry.kind == "refund")).all()
    assert len(kinds) == 1


def test_replaying_every_order_event_of_a_day_leaves_the_ledger_as_it_was(
    settlements_runtime, settlements_consumer, monkeypatch
):
    delivered = []

    def recording(consumer, name, data, **kwargs):
        delivered.append((name, data))
        return deliver(consumer, name, data, **kwargs)

    monkeypatch.setattr(sales, "deliver", recording)
    tea, cups = new_id(), new_id()
    # A day of orders: two sellers, coupons, a partial return, a cancelled shipment, claims, confirmations.
    first = paid_order(settlements_consumer, [line(1, tea, 15_000, quantity=2), line(2, cups, 20_000)],
                       {tea: (3000, 4200, 3000), cups: (0, 800, 0)}, korean(2026, 12, 7, 9))
    second = paid_order(settlements_consumer, [line(1, tea, 8000)], {tea: (3000, 0, 0)}, korean(2026, 12, 7, 10))
    claim_id = claim(settlements_consumer, first, tea, "ClaimRequested", korean(2026, 12, 7, 11))
    refunded(settlements_consumer, first, tea, {1: (1, 15_000)}, korean(2026, 12, 7, 12), discount_share=2100,
             seller_discount_share=1500, return_fee=3000, claim_id=claim_id)
    claim(settlements_consumer, first, tea, "ClaimCompleted", korean(2026, 12, 7, 12), claim_id=claim_id)
    refunded(settlements_consumer, second, tea, {1: (1, 8000)}, korean(2026, 12, 7, 13), shipping_refund=3000)
    confirmed(settlements_consumer, first, tea, korean(2026, 12, 7, 14))
    confirmed(settlements_consumer, first, cups, korean(2026, 12, 7, 15))
    mine = (select(LedgerEntry.shipment_id, LedgerEntry.line_no, LedgerEntry.kind, LedgerEntry.amount,
                   LedgerEntry.payable_on).where(LedgerEntry.seller_id.in_((tea, cups)))
            .order_by(LedgerEntry.shipment_id, LedgerEntry.line_no, LedgerEntry.kind, LedgerEntry.amount))
    with settlements_runtime.engine.connect() as connection:
        before = connection.execute(mine).all()

    for name, data in delivered:  # as an operator replays them: new event ids, the same data
        deliver(settlements_consumer, name, data)

    with settlements_runtime.engine.connect() as connection:
        assert connection.execute(mine).all() == before
    assert len(delivered) == 8 and len(before) > 20
    assert {row.payable_on for row in before if row.shipment_id == shipment_of(first, tea)["shipment_id"]} == {
        korean(2026, 12, 7, 14).date()}


def compensation(consumer, seller_id, amount, *, kind="points", compensation_id=None):
    deliver(consumer, "CompensationIssued", {
        "inquiry_id": new_id(), "compensation_id": compensation_id or new_id(), "customer_id": new_id(),
        "kind": kind, "amount": amount if kind == "points" else None,
        "coupon_id": new_id() if kind == "coupon" else None, "borne_by_seller_id": seller_id,
        "issued_coupon_id": new_id() if kind == "coupon" else None, "issued_at": korean(2026, 12, 8, 10).isoformat(),
    })


def test_points_a_sellers_staff_granted_are_charged_to_the_seller_once_and_payable_at_once(
    settlements_client, settlements_consumer, sign_identity
):
    tea, compensation_id = new_id(), new_id()

    compensation(settlements_consumer, tea, 3000, compensation_id=compensation_id)
    compensation(settlements_consumer, tea, 3000, compensation_id=compensation_id)  # replayed
    compensation(settlements_consumer, tea, 5000, kind="coupon")  # costs the seller when it is used
    compensation(settlements_consumer, None, 2000)  # the platform's agent granted it: the platform's cost

    entries = entries_of(settlements_client, as_seller(sign_identity, tea))
    assert [(e["kind"], e["amount"], e["order_id"], e["payable_on"]) for e in entries] == [
        ("compensation", -3000, None, "2026-12-08")]
