"""Each shipment keeps the part of its discount that came from the seller's own coupon, and each refund the
parts it is made of (items, discount share and its seller part, shipping given back, return fee, lost free
shipping), so orders can tell settlements what a seller bears and is owed.

Shipments placed so far are backfilled from the coupons their order used (issued coupons whose
used_order_id names the order, with their coupons' terms), recomputed as checkout computes them
(orders.domain.coupons.split_discounts): the seller's coupon on the seller's items, the platform
coupon's discount split over the sellers in proportion, the seller's coupon first within the items. A shipment with no discount gets 0. Where the
recomputed discount is not the shipment's discount, the coupons no longer tell (an order cancelled as a
whole gave its coupons back, maybe to another order since): seller_discount stays null, unknown, and
such a shipment is refunded no more. Refunds made so far keep null parts: what they kept back cannot be
told apart from what they gave; a whole-shipment cancellation after them still keeps back exactly the
rest of the discount (orders.domain.refunds.settled_parts).

Revision ID: 0009
Revises: 0008
"""
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from orders.domain.coupons import Terms, split_discounts

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

REFUND_PARTS = (
    "items_amount",
    "discount_share",
    "seller_discount_share",
    "shipping_refund",
    "return_fee",
    "lost_free_shipping",
)


def upgrade() -> None:
    with op.batch_alter_table("shipments") as shipments:
        shipments.add_column(sa.Column("seller_discount", sa.BigInteger))
    with op.batch_alter_table("payment_refunds") as refunds:
        for part in REFUND_PARTS:
            refunds.add_column(sa.Column(part, sa.BigInteger))
    _backfill_seller_discounts(op.get_bind())


def _backfill_seller_discounts(connection) -> None:
    shipments = sa.table(
        "shipments",
        sa.column("id"),
        sa.column("order_id"),
        sa.column("seller_id"),
        sa.column("items_amount"),
        sa.column("discount"),
        sa.column("seller_discount"),
    )
    connection.execute(sa.update(shipments).where(shipments.c.discount == 0).values(seller_discount=0))
    discounted = connection.execute(
        sa.select(shipments.c.id, shipments.c.order_id, shipments.c.seller_id, shipments.c.items_amount,
                  shipments.c.discount)
        .where(shipments.c.discount > 0)
    ).all()
    if not discounted:
        return
    order_ids = sorted({row.order_id for row in discounted})
    by_order = _shipments_by_order(connection, shipments, order_ids)
    terms_by_order = _coupons_used(connection, order_ids)
    known = []
    for row in discounted:
        recomputed = split_discounts(terms_by_order.get(row.order_id, []), by_order[row.order_id])[row.seller_id]
        if recomputed.total == row.discount:
            known.append({"shipment": row.id, "seller_part": recomputed.seller_coupon})
    if known:
        connection.execute(
            sa.update(shipments)
            .where(shipments.c.id == sa.bindparam("shipment"))
            .values(seller_discount=sa.bindparam("seller_part")),
            known,
        )


def _shipments_by_order(connection, shipments, order_ids) -> dict[str, dict[str, int]]:
    """Each order's items by seller, sellers in the order their first line came, as checkout took them."""
    lines = sa.table("order_lines", sa.column("order_id"), sa.column("line_no"), sa.column("shipment_id"))
    first_lines = connection.execute(
        sa.select(lines.c.order_id, shipments.c.seller_id, shipments.c.items_amount, sa.func.min(lines.c.line_no))
        .join(shipments, shipments.c.id == lines.c.shipment_id)
        .where(lines.c.order_id.in_(order_ids))
        .group_by(lines.c.order_id, shipments.c.seller_id, shipments.c.items_amount)
        .order_by(lines.c.order_id, sa.func.min(lines.c.line_no))
    ).all()
    by_order: dict[str, dict[str, int]] = defaultdict(dict)
    for order_id, seller_id, items_amount, _first_line in first_lines:
        by_order[order_id][seller_id] = items_amount
    return by_order


def _coupons_used(connection, order_ids) -> dict[str, list[Terms]]:
    issued = sa.table("issued_coupons", sa.column("coupon_id"), sa.column("used_order_id"))
    coupons = sa.table(
        "coupons",
        sa.column("id"),
        sa.column("seller_id"),
        sa.column("discount_type"),
        sa.column("discount_value"),
        sa.column("max_discount"),
        sa.column("min_order_amount"),
        sa.column("starts_at"),
        sa.column("ends_at"),
    )
    used = connection.execute(
        sa.select(issued.c.used_order_id, coupons)
        .join(coupons, coupons.c.id == issued.c.coupon_id)
        .where(issued.c.used_order_id.in_(order_ids))
    ).all()
    terms: dict[str, list[Terms]] = defaultdict(list)
    for row in used:
        terms[row.used_order_id].append(
            Terms(row.seller_id, row.discount_type, row.discount_value, row.max_discount, row.min_order_amount,
                  row.starts_at, row.ends_at, withdrawn=False)
        )
    return terms


def downgrade() -> None:
    with op.batch_alter_table("payment_refunds") as refunds:
        for part in reversed(REFUND_PARTS):
            refunds.drop_column(part)
    with op.batch_alter_table("shipments") as shipments:
        shipments.drop_column("seller_discount")
