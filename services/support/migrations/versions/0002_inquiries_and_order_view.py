"""Inquiries with their messages, attachments and history; what support knows of orders and products

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('inquiries',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('customer_id', sa.String(length=36), nullable=False),
    sa.Column('customer_name', sa.String(length=100), nullable=False),
    sa.Column('inquiry_type', sa.String(length=20), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('owner', sa.String(length=10), nullable=False),
    sa.Column('seller_id', sa.String(length=36), nullable=True),
    sa.Column('assignee_id', sa.String(length=36), nullable=True),
    sa.Column('order_id', sa.String(length=36), nullable=True),
    sa.Column('order_line_no', sa.Integer(), nullable=True),
    sa.Column('product_id', sa.String(length=36), nullable=True),
    sa.Column('follows_inquiry_id', sa.String(length=36), nullable=True),
    sa.Column('escalated', sa.Boolean(), nullable=False),
    sa.Column('resolution_reason', sa.String(length=40), nullable=True),
    sa.Column('first_response_due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolution_due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('first_responded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('waiting_since', sa.DateTime(timezone=True), nullable=True),
    sa.Column('warned_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('breached_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('satisfaction', sa.SmallInteger(), nullable=True),
    sa.Column('satisfaction_comment', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("owner IN ('seller', 'platform')", name='ck_inquiries_owner'),
    sa.CheckConstraint("status IN ('open', 'assigned', 'answered', 'waiting_on_customer', 'resolved', 'closed')", name='ck_inquiries_status'),
    sa.CheckConstraint('satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5', name='ck_inquiries_satisfaction'),
    sa.ForeignKeyConstraint(['follows_inquiry_id'], ['inquiries.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('inquiries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inquiries_assignee_id'), ['assignee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inquiries_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_inquiries_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index('ix_inquiries_first_response_due', ['status', 'first_response_due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_inquiries_order_id'), ['order_id'], unique=False)
        batch_op.create_index('ix_inquiries_owner_status', ['owner', 'seller_id', 'status', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_inquiries_product_id'), ['product_id'], unique=False)

    op.create_table('known_orders',
    sa.Column('order_id', sa.String(length=36), nullable=False),
    sa.Column('order_number', sa.String(length=20), nullable=False),
    sa.Column('customer_id', sa.String(length=36), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('order_id')
    )
    with op.batch_alter_table('known_orders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_known_orders_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_known_orders_order_number'), ['order_number'], unique=False)

    op.create_table('known_products',
    sa.Column('product_id', sa.String(length=36), nullable=False),
    sa.Column('seller_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('product_id')
    )
    with op.batch_alter_table('known_products', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_known_products_seller_id'), ['seller_id'], unique=False)

    op.create_table('inquiry_history',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('inquiry_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('from_value', sa.String(length=100), nullable=True),
    sa.Column('to_value', sa.String(length=100), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('actor_id', sa.String(length=36), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['inquiry_id'], ['inquiries.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('inquiry_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inquiry_history_inquiry_id'), ['inquiry_id'], unique=False)

    op.create_table('inquiry_messages',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('inquiry_id', sa.String(length=36), nullable=False),
    sa.Column('author_id', sa.String(length=36), nullable=True),
    sa.Column('author_role', sa.String(length=10), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('internal', sa.Boolean(), nullable=False),
    sa.Column('automatic', sa.Boolean(), nullable=False),
    sa.Column('faq_entry_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("author_role IN ('customer', 'seller', 'agent', 'system')", name='ck_messages_author_role'),
    sa.ForeignKeyConstraint(['inquiry_id'], ['inquiries.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('inquiry_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inquiry_messages_inquiry_id'), ['inquiry_id'], unique=False)

    op.create_table('known_order_lines',
    sa.Column('order_id', sa.String(length=36), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.String(length=36), nullable=False),
    sa.Column('seller_id', sa.String(length=36), nullable=False),
    sa.Column('product_name', sa.String(length=200), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_price', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['known_orders.order_id'], ),
    sa.PrimaryKeyConstraint('order_id', 'line_no')
    )
    op.create_table('known_shipments',
    sa.Column('shipment_id', sa.String(length=36), nullable=False),
    sa.Column('order_id', sa.String(length=36), nullable=False),
    sa.Column('seller_id', sa.String(length=36), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('carrier', sa.String(length=20), nullable=True),
    sa.Column('tracking_number', sa.String(length=40), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['known_orders.order_id'], ),
    sa.PrimaryKeyConstraint('shipment_id')
    )
    with op.batch_alter_table('known_shipments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_known_shipments_order_id'), ['order_id'], unique=False)

    op.create_table('message_attachments',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('message_id', sa.String(length=36), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('stored_name', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['message_id'], ['inquiry_messages.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('message_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_message_attachments_message_id'), ['message_id'], unique=False)
def downgrade() -> None:
    with op.batch_alter_table('message_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_message_attachments_message_id'))

    op.drop_table('message_attachments')
    with op.batch_alter_table('known_shipments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_known_shipments_order_id'))

    op.drop_table('known_shipments')
    op.drop_table('known_order_lines')
    with op.batch_alter_table('inquiry_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inquiry_messages_inquiry_id'))

    op.drop_table('inquiry_messages')
    with op.batch_alter_table('inquiry_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inquiry_history_inquiry_id'))

    op.drop_table('inquiry_history')
    with op.batch_alter_table('known_products', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_known_products_seller_id'))

    op.drop_table('known_products')
    with op.batch_alter_table('known_orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_known_orders_order_number'))
        batch_op.drop_index(batch_op.f('ix_known_orders_customer_id'))

    op.drop_table('known_orders')
    with op.batch_alter_table('inquiries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inquiries_product_id'))
        batch_op.drop_index('ix_inquiries_owner_status')
        batch_op.drop_index(batch_op.f('ix_inquiries_order_id'))
        batch_op.drop_index('ix_inquiries_first_response_due')
        batch_op.drop_index(batch_op.f('ix_inquiries_customer_id'))
        batch_op.drop_index(batch_op.f('ix_inquiries_created_at'))
        batch_op.drop_index(batch_op.f('ix_inquiries_assignee_id'))

    op.drop_table('inquiries')
