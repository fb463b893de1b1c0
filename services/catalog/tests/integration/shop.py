"""Steps the catalog's integration tests share: approve sellers, add categories, list products, place orders,
cancel and return their units."""
import uuid
from datetime import datetime, timezone

from sqlalchemy import text

from servicekit.testing.events import deliver, recorded_envelopes
from servicekit.testing.identities import as_admin, as_seller


def seller_approved(seller_id, display_name="Seoul Goods", seller_type="individual"):
    """auth's SellerApproved of the seller, not yet handled."""
    return {
        "seller_id": seller_id,
        "account_id": str(uuid.uuid4()),
        "display_name": display_name,
        "seller_type": seller_type,
        "approved_by": str(uuid.uuid4()),
        "approved_at": datetime.now(timezone.utc).isoformat(),
    }


def approve_seller(consumer):
    seller_id = str(uuid.uuid4())
    deliver(consumer, "SellerApproved", seller_approved(seller_id))
    return seller_id


def add_category(client, sign_identity, name, parent=None, position=0):
    body = {"name": name, "slug": f"{name.lower()}-{uuid.uuid4().hex[:8]}", "position": position}
    if parent is not None:
        body["parent_id"] = parent["id"]
    response = client.post("/api/categories", json=body, headers=as_admin(sign_identity))
    assert response.status_code == 201, response.json
    return response.json


def list_product(client, sign_identity, seller_id, price=12000, stock=3, **fields):
    response = client.post(
        "/api/products",
        json={"name": "Green tea", "price": price, "stock": stock, **fields},
        headers=as_seller(sign_identity, seller_id),
    )
    assert response.status_code == 201, response.json
    return response.json


def order_placed(lines):
    """OrderPlaced of a new order of these lines (product_id, quantity, unit_price and, if wanted, seller_id,
    variant_id), not yet handled."""
    return {
        "order_id": str(uuid.uuid4()),
        "customer_id": str(uuid.uuid4()),
        "lines": lines,
        "total_amount": sum(line["quantity"] * line["unit_price"] for line in lines),
        "placed_at": datetime.now(timezone.utc).isoformat(),
    }


def product_lines(product, quantity, unit_price=None):
    return [{"product_id": product["id"], "quantity": quantity,
             "unit_price": product["price"] if unit_price is None else unit_price}]


def place_lines(consumer, lines):
    """Place an order of these lines and have catalog handle it; returns its id and its OrderPlaced."""
    placement = order_placed(lines)
    deliver(consumer, "OrderPlaced", placement)
    return placement["order_id"], placement


def place(consumer, product, quantity, unit_price=None):
    return place_lines(consumer, product_lines(product, quantity, unit_price))


def put_variants(client, sign_identity, product, seller_id, options, variants):
    return client.put(
        f"/api/products/{product['id']}/variants",
        json={"options": options, "variants": variants},
        headers=as_seller(sign_identity, seller_id),
    )


def cancel_units(consumer, order_id, shipment_id, seller_id, lines, cancellation_id=None):
    """ShipmentCancelled for these units ({line_no, product_id, variant_id, quantity}) of the order."""
    return deliver(consumer, "ShipmentCancelled", {
        "order_id": order_id, "order_number": "20261125-000001", "shipment_id": shipment_id,
        "cancellation_id": cancellation_id or str(uuid.uuid4()),
        "seller_id": seller_id, "customer_id": str(uuid.uuid4()), "lines": lines,
        "reason": "out of stock at the warehouse", "cancelled_at": datetime.now(timezone.utc).isoformat(),
    })


def complete_return(consumer, order_id, claim_id, seller_id, lines):
    """ReturnCompleted for these units ({line_no, product_id, variant_id, quantity}) of the order."""
    return deliver(consumer, "ReturnCompleted", {
        "order_id": order_id, "claim_id": claim_id, "seller_id": seller_id, "lines": lines,
        "completed_at": datetime.now(timezone.utc).isoformat(),
    })


def order_cancelled(order_id, reason="customer_request"):
    """OrderCancelled of the order, not yet handled."""
    return {
        "order_id": order_id, "customer_id": str(uuid.uuid4()), "reason": reason,
        "detail": "changed my mind", "cancelled_at": datetime.now(timezone.utc).isoformat(),
    }


def cancel(consumer, order_id):
    cancelled = order_cancelled(order_id)
    deliver(consumer, "OrderCancelled", cancelled)
    return cancelled


def outcome_of(runtime, order_id):
    """Catalog's first answer about an order (StockReserved or StockReservationFailed), as it goes on the wire."""
    return next(iter(recorded_envelopes(runtime, order_id=order_id)), None)


def a_transaction_waits_for_a_lock(runtime) -> bool:
    """Whether some transaction in the catalog's database (PostgreSQL) waits for a lock another one holds."""
    with runtime.engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
        ).scalar_one() > 0
