"""Checkout and the lifecycle: order numbers, addresses, amounts and payment on orders; one shipment
per seller; line variants, categories and claimed quantities; payment refunds; sellers' shipping fees.

Orders confirmed under 0001 become paid orders with one shipment per seller.

Revision ID: 0002
Revises: 0001
"""
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

STATUSES = "'pending', 'paid', 'preparing', 'shipping', 'delivered', 'purchase_confirmed', 'cancelled'"
AMOUNTS = ("items_amount", "shipping_fee", "discount", "points_used", "refunded_amount")


def upgrade() -> None:
    op.create_table(
        "shipments",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("order_id", sa.String(36), sa.ForeignKey("orders.id"), nullable=False, index=True),
        sa.Column("seller_id", sa.String(36), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("items_amount", sa.BigInteger, nullable=False),
        sa.Column("shipping_fee", sa.Integer, nullable=False),
        sa.Column("discount", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("carrier", sa.String(20)),
        sa.Column("tracking_number", sa.String(40)),
        sa.Column("cancel_reason", sa.String(40)),
        *(
            sa.Column(name, sa.DateTime(timezone=True), nullable=name not in ("created_at", "updated_at"))
            for name in (
                "created_at",
                "updated_at",
                "paid_at",
                "preparing_at",
                "shipped_at",
                "delivered_at",
                "purchase_confirmed_at",
                "cancelled_at",
            )
        ),
        sa.CheckConstraint(f"status IN ({STATUSES})", name="ck_shipments_status"),
    )
    op.create_index("ix_shipments_seller_status", "shipments", ["seller_id", "status", "created_at"])
    op.create_index("ix_shipments_due_confirmation", "shipments", ["status", "delivered_at"])
    op.create_table(
        "payment_refunds",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("order_id", sa.String(36), sa.ForeignKey("orders.id"), nullable=False, index=True),
        sa.Column("shipment_id", sa.String(36), sa.ForeignKey("shipments.id"), nullable=False, index=True),
        sa.Column("claim_id", sa.String(36), index=True),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("points", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("provider_refund_id", sa.String(100)),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount >= 0", name="ck_payment_refunds_amount_not_negative"),
    )
    op.create_table(
        "seller_shipping_fees",
        sa.Column("seller_id", sa.String(36), primary_key=True),
        sa.Column("base_fee", sa.Integer, nullable=False),
        sa.Column("free_shipping_threshold", sa.BigInteger),
        sa.Column("remote_area_extra_fee", sa.Integer, nullable=False),
        sa.Column("return_fee", sa.Integer, nullable=False),
        sa.Column("exchange_fee", sa.Integer, nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    )
    # Batch mode: SQLite (the embedded `make run`) cannot change constraints of a table in place.
    with op.batch_alter_table("orders") as orders:
        orders.drop_constraint("ck_orders_status", type_="check")
        orders.add_column(sa.Column("order_number", sa.String(20)))
        for name, length in (
            ("recipient_name", 100),
            ("recipient_phone", 20),
            ("postcode", 10),
            ("address1", 200),
            ("address2", 200),
            ("delivery_note", 200),
            ("payment_method", 20),
            ("payment_token", 100),
            ("payment_id", 100),
        ):
            orders.add_column(sa.Column(name, sa.String(length)))
        for name in AMOUNTS:
            orders.add_column(sa.Column(name, sa.BigInteger, nullable=False, server_default="0"))
        orders.add_column(sa.Column("paid_at", sa.DateTime(timezone=True)))
    connection = op.get_bind()
    connection.execute(sa.text("UPDATE orders SET status = 'paid', paid_at = confirmed_at WHERE status = 'confirmed'"))
    connection.execute(
        sa.text("UPDATE orders SET order_number = 'L' || substr(replace(id, '-', ''), 1, 19), items_amount = total_amount")
    )
    with op.batch_alter_table("order_lines") as lines:
        lines.add_column(sa.Column("shipment_id", sa.String(36)))
        lines.create_foreign_key("fk_order_lines_shipment_id", "shipments", ["shipment_id"], ["id"])
        lines.create_index("ix_order_lines_shipment_id", ["shipment_id"])
        lines.create_index("ix_order_lines_product_id", ["product_id"])
        lines.add_column(sa.Column("variant_id", sa.String(36)))
        lines.add_column(sa.Column("category_id", sa.String(36)))
        lines.add_column(sa.Column("cancelled_quantity", sa.Integer, nullable=False, server_default="0"))
        lines.add_column(sa.Column("returned_quantity", sa.Integer, nullable=False, server_default="0"))
        lines.add_column(sa.Column("refunded_amount", sa.BigInteger, nullable=False, server_default="0"))
        lines.create_check_constraint(
            "ck_order_lines_claims_within_quantity", "cancelled_quantity + returned_quantity <= quantity"
        )
    _give_paid_orders_shipments(connection)
    with op.batch_alter_table("orders") as orders:
        orders.alter_column("order_number", existing_type=sa.String(20), nullable=False)
        orders.create_unique_constraint("uq_orders_order_number", ["order_number"])
        orders.drop_column("confirmed_at")
        orders.create_check_constraint("ck_orders_status", f"status IN ({STATUSES})")
        orders.create_check_constraint("ck_orders_refund_within_payment", "refunded_amount <= total_amount")


def _give_paid_orders_shipments(connection) -> None:
    """One shipment per seller of every order paid before shipments existed, free of shipping fee."""
    groups = connection.execute(
        sa.text(
            "SELECT o.id, l.seller_id, SUM(l.quantity * l.unit_price), o.created_at, o.paid_at "
            "FROM orders o JOIN order_lines l ON l.order_id = o.id "
            "WHERE o.status = 'paid' AND l.seller_id IS NOT NULL GROUP BY o.id, l.seller_id, o.created_at, o.paid_at"
        )
    ).all()
    for order_id, seller_id, amount, created_at, paid_at in groups:
        shipment_id = str(uuid.uuid4())
        connection.execute(
            sa.text(
                "INSERT INTO shipments (id, order_id, seller_id, status, items_amount, shipping_fee, discount, "
                "created_at, updated_at, paid_at) VALUES (:id, :order_id, :seller_id, 'paid', :amount, 0, 0, "
                ":created_at, :created_at, :paid_at)"
            ),
            {
                "id": shipment_id,
                "order_id": order_id,
                "seller_id": seller_id,
                "amount": amount,
                "created_at": created_at,
                "paid_at": paid_at,
            },
        )
        connection.execute(
            sa.text("UPDATE order_lines SET shipment_id = :shipment WHERE order_id = :order AND seller_id = :seller"),
            {"shipment": shipment_id, "order": order_id, "seller": seller_id},
        )


def downgrade() -> None:
    connection = op.get_bind()
    with op.batch_alter_table("orders") as orders:
        orders.drop_constraint("ck_orders_refund_within_payment", type_="check")
        orders.drop_constraint("ck_orders_status", type_="check")
        orders.drop_constraint("uq_orders_order_number", type_="unique")
        orders.add_column(sa.Column("confirmed_at", sa.DateTime(timezone=True)))
    connection.execute(
        sa.text(
            "UPDATE orders SET status = CASE WHEN status IN ('pending', 'cancelled') THEN status ELSE 'confirmed' END, "
            "confirmed_at = paid_at"
        )
    )
    with op.batch_alter_table("order_lines") as lines:
        lines.drop_constraint("ck_order_lines_claims_within_quantity", type_="check")
        lines.drop_index("ix_order_lines_product_id")
        lines.drop_index("ix_order_lines_shipment_id")
        lines.drop_constraint("fk_order_lines_shipment_id", type_="foreignkey")
        for name in ("refunded_amount", "returned_quantity", "cancelled_quantity", "category_id", "variant_id"):
            lines.drop_column(name)
        lines.drop_column("shipment_id")
    with op.batch_alter_table("orders") as orders:
        for name in (
            "paid_at",
            *AMOUNTS,
            "payment_id",
            "payment_token",
            "payment_method",
            "delivery_note",
            "address2",
            "address1",
            "postcode",
            "recipient_phone",
            "recipient_name",
            "order_number",
        ):
            orders.drop_column(name)
        orders.create_check_constraint("ck_orders_status", "status IN ('pending', 'confirmed', 'cancelled')")
    for table in ("seller_shipping_fees", "payment_refunds"):
        op.drop_table(table)
    op.drop_index("ix_shipments_due_confirmation", "shipments")
    op.drop_index("ix_shipments_seller_status", "shipments")
    op.drop_table("shipments")
