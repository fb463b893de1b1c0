"""Claims: cancel, return, exchange and refund requests and their lines; support's refund requests.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


DECISION_MOMENTS = ("approved_at", "completed_at", "rejected_at", "withdrawn_at")


def upgrade() -> None:
    op.create_table(
        "refund_requests",
        sa.Column("request_id", sa.String(36), primary_key=True),
        sa.Column("inquiry_id", sa.String(36), nullable=False),
        sa.Column("order_id", sa.String(36), nullable=False),
        sa.Column("customer_id", sa.String(36), nullable=False),
        sa.Column("rejection_reason", sa.Text),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("order_id", sa.String(36), sa.ForeignKey("orders.id"), nullable=False),
        sa.Column("shipment_id", sa.String(36), sa.ForeignKey("shipments.id"), nullable=False),
        sa.Column("seller_id", sa.String(36), nullable=False),
        sa.Column("customer_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("reason_code", sa.String(20), nullable=False),
        sa.Column("reason_text", sa.Text, nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("request_id", sa.String(36), sa.ForeignKey("refund_requests.request_id"), index=True),
        sa.Column("inquiry_id", sa.String(36)),
        sa.Column("rejection_reason", sa.Text),
        sa.Column("refunded_amount", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("fee_owed", sa.Integer, nullable=False, server_default="0"),
        sa.Column("replacement_carrier", sa.String(20)),
        sa.Column("replacement_tracking_number", sa.String(40)),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        *(sa.Column(name, sa.DateTime(timezone=True)) for name in DECISION_MOMENTS),
        sa.CheckConstraint("kind IN ('cancel', 'return', 'exchange', 'refund')", name="ck_claims_kind"),
        sa.CheckConstraint(
            "status IN ('requested', 'approved', 'completed', 'rejected', 'withdrawn')", name="ck_claims_status"
        ),
        sa.CheckConstraint("source IN ('customer', 'support')", name="ck_claims_source"),
    )
    op.create_index("ix_claims_seller_status", "claims", ["seller_id", "status", "requested_at"])
    op.create_index("ix_claims_customer", "claims", ["customer_id", "requested_at"])
    op.create_index("ix_claims_shipment_status", "claims", ["shipment_id", "status"])
    op.create_table(
        "claim_lines",
        sa.Column("claim_id", sa.String(36), sa.ForeignKey("claims.id"), primary_key=True),
        sa.Column("line_no", sa.Integer, primary_key=True),
        sa.Column("order_id", sa.String(36), nullable=False),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.ForeignKeyConstraint(["order_id", "line_no"], ["order_lines.order_id", "order_lines.line_no"]),
        sa.CheckConstraint("quantity > 0", name="ck_claim_lines_quantity_positive"),
    )


def downgrade() -> None:
    op.drop_table("claim_lines")
    op.drop_index("ix_claims_shipment_status", table_name="claims")
    op.drop_index("ix_claims_customer", table_name="claims")
    op.drop_index("ix_claims_seller_status", table_name="claims")
    op.drop_table("claims")
    op.drop_table("refund_requests")
