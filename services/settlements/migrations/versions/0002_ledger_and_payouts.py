"""The ledger (shipments, sold lines, claims, entries), payouts, bank accounts and their audit, admins' holds,
sellers' names, the test bank's book, and the fee rates, with the platform's first rates: a 10.80% commission on
every category and a 3.00% payment fee (admins add others at /api/settlements/fee-rates).

Revision ID: 0002
Revises: 0001
"""
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

from servicekit.types import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('bank_account_changes',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('seller_id', sa.String(length=36), nullable=False),
    sa.Column('bank_code', sa.String(length=3), nullable=False),
    sa.Column('account_number_masked', sa.String(length=16), nullable=False),
    sa.Column('holder_name', sa.String(length=100), nullable=False),
    sa.Column('changed_by', sa.String(length=36), nullable=False),
    sa.Column('changed_at', UtcDateTime(), nullable=False),
    sa.Column('session_id', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('bank_account_changes', schema=None) as batch_op:
        batch_op.create_index('ix_bank_account_changes_seller', ['seller_id', 'changed_at'], unique=False)

    op.create_table('bank_accounts',
    sa.Column('seller_id', sa.String(length=36), nullable=False),
    sa.Column('bank_code', sa.String(length=3), nullable=False),
    sa.Column('account_number', sa.String(length=16), nullable=False),
    sa.Column('holder_name', sa.String(length=100), nullable=False),
    sa.Column('changed_at', UtcDateTime(), nullable=False),
    sa.Column('changed_by', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('seller_id')
    )
    op.create_table('fee_rates',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('category_id', sa.String(length=36), nullable=False),
    sa.Column('rate', sa.Integer(), nullable=False),
    sa.Column('effective_from', UtcDateTime(), nullable=False),
    sa.Column('set_by', sa.String(length=36), nullable=False),
    sa.Column('set_at', UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kind', 'category_id', 'effective_from', name='uq_fee_rates_kind_category_from')
    )
    op.create_table('ledger_entries',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('seller_id', sa.String(length=36), nullable=False),
    sa.Column('shipment_id', sa.String(length=36), nullable=False),
    sa.Column('order_id', sa.String(length=36), nullable=False),
    sa.Column('order_number', sa.String(length=40), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('base', sa.BigInteger(), nullable=True),
    sa.Column('rate', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=80), nullable=False),
    sa.Column('recorded_at', UtcDateTime(), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.Column('payable_on', sa.Date(), nullable=True),
    sa.Column('payout_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('source', 'line_no', 'kind', name='uq_ledger_entries_source_line_kind')
    )
    with op.batch_alter_table('ledger_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_entries_payout_id'), ['payout_id'], unique=False)
        batch_op.create_index('ix_ledger_entries_recorded', ['recorded_on'], unique=False)
        batch_op.create_index('ix_ledger_entries_seller_recorded', ['seller_id', 'recorded_on'], unique=False)
        batch_op.create_index('ix_ledger_entries_seller_unpaid', ['seller_id', 'payout_id', 'payable_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_entries_shipment_id'), ['shipment_id'], unique=False)

    op.create_table('payout_holds',
    sa.Column('seller_id', sa.String(length=36), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('held_by', sa.String(length=36), nullable=False),
    sa.Column('held_at', UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('seller_id')
    )
    op.create_table('payouts',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('seller_id', sa.String(length=36), nullable=False),
    sa.Column('payout_day', sa.Date(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('entry_count', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('hold_reason', sa.String(length=30), nullable=True),
    sa.Column('hold_detail', sa.Text(), nullable=True),
    sa.Column('bank_code', sa.String(length=3), nullable=True),
    sa.Column('account_number', sa.String(length=16), nullable=True),
    sa.Column('account_holder', sa.String(length=100), nullable=True),
    sa.Column('transfer_id', sa.String(length=100), nullable=True),
    sa.Column('scheduled_at', UtcDateTime(), nullable=False),
    sa.Column('held_at', UtcDateTime(), nullable=True),
    sa.Column('paid_at', UtcDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('seller_id', 'payout_day', name='uq_payouts_seller_day')
    )
    with op.batch_alter_table('payouts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payouts_seller_id'), ['seller_id'], unique=False)
        batch_op.create_index('ix_payouts_status_day', ['status', 'payout_day'], unique=False)

    op.create_table('seller_names',
    sa.Column('seller_id', sa.String(length=36), nullable=False),
    sa.Column('named_by', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('changed_at', UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('seller_id', 'named_by')
    )
    op.create_table('settlement_shipments',
    sa.Column('shipment_id', sa.String(length=36), nullable=False),
    sa.Column('order_id', sa.String(length=36), nullable=False),
    sa.Column('order_number', sa.String(length=40), nullable=False),
    sa.Column('seller_id', sa.String(length=36), nullable=False),
    sa.Column('paid_at', UtcDateTime(), nullable=False),
    sa.Column('payment_fee_rate', sa.Integer(), nullable=False),
    sa.Column('shipping_left', sa.BigInteger(), nullable=False),
    sa.Column('confirmed_at', UtcDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('shipment_id')
    )
    with op.batch_alter_table('settlement_shipments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_settlement_shipments_order_id'), ['order_id'], unique=False)
        batch_op.create_index('ix_settlement_shipments_seller', ['seller_id', 'paid_at'], unique=False)

    op.create_table('shipment_claims',
    sa.Column('claim_id', sa.String(length=36), nullable=False),
    sa.Column('shipment_id', sa.String(length=36), nullable=False),
    sa.Column('is_open', sa.Boolean(), nullable=False),
    sa.Column('changed_at', UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('claim_id')
    )
    with op.batch_alter_table('shipment_claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shipment_claims_shipment_id'), ['shipment_id'], unique=False)

    op.create_table('sold_lines',
    sa.Column('shipment_id', sa.String(length=36), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('seller_id', sa.String(length=36), nullable=False),
    sa.Column('product_id', sa.String(length=36), nullable=False),
    sa.Column('product_name', sa.String(length=200), nullable=False),
    sa.Column('category_id', sa.String(length=36), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('sale_kept', sa.BigInteger(), nullable=False),
    sa.Column('seller_discount_kept', sa.BigInteger(), nullable=False),
    sa.Column('commission_rate', sa.Integer(), nullable=False),
    sa.Column('payment_fee_rate', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('shipment_id', 'line_no')
    )
    with op.batch_alter_table('sold_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sold_lines_seller_id'), ['seller_id'], unique=False)

    op.create_table('test_bank_transfers',
    sa.Column('idempotency_key', sa.String(length=100), nullable=False),
    sa.Column('transfer_id', sa.String(length=100), nullable=False),
    sa.Column('bank_code', sa.String(length=3), nullable=False),
    sa.Column('account_number', sa.String(length=16), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('sent_at', UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('idempotency_key'),
    sa.UniqueConstraint('transfer_id')
    )
    first = datetime(2000, 1, 1, tzinfo=timezone.utc)
    op.bulk_insert(sa.table(
        "fee_rates", sa.column("kind", sa.String), sa.column("category_id", sa.String), sa.column("rate", sa.Integer),
        sa.column("effective_from", UtcDateTime()), sa.column("set_by", sa.String), sa.column("set_at", UtcDateTime()),
    ), [
        {"kind": "commission", "category_id": "*", "rate": 1080, "effective_from": first,
         "set_by": "00000000-0000-0000-0000-000000000000", "set_at": first},
        {"kind": "payment_fee", "category_id": "*", "rate": 300, "effective_from": first,
         "set_by": "00000000-0000-0000-0000-000000000000", "set_at": first},
    ])


def downgrade() -> None:
    op.drop_table('test_bank_transfers')
    with op.batch_alter_table('sold_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sold_lines_seller_id'))

    op.drop_table('sold_lines')
    with op.batch_alter_table('shipment_claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shipment_claims_shipment_id'))

    op.drop_table('shipment_claims')
    with op.batch_alter_table('settlement_shipments', schema=None) as batch_op:
        batch_op.drop_index('ix_settlement_shipments_seller')
        batch_op.drop_index(batch_op.f('ix_settlement_shipments_order_id'))

    op.drop_table('settlement_shipments')
    op.drop_table('seller_names')
    with op.batch_alter_table('payouts', schema=None) as batch_op:
        batch_op.drop_index('ix_payouts_status_day')
        batch_op.drop_index(batch_op.f('ix_payouts_seller_id'))

    op.drop_table('payouts')
    op.drop_table('payout_holds')
    with op.batch_alter_table('ledger_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_entries_shipment_id'))
        batch_op.drop_index('ix_ledger_entries_seller_unpaid')
        batch_op.drop_index('ix_ledger_entries_seller_recorded')
        batch_op.drop_index('ix_ledger_entries_recorded')
        batch_op.drop_index(batch_op.f('ix_ledger_entries_payout_id'))

    op.drop_table('ledger_entries')
    op.drop_table('fee_rates')
    op.drop_table('bank_accounts')
    with op.batch_alter_table('bank_account_changes', schema=None) as batch_op:
        batch_op.drop_index('ix_bank_account_changes_seller')

    op.drop_table('bank_account_changes')
