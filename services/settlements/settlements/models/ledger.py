"""The ledger: each seller's shipments as settlements knows them, their sold lines' standing, the claims that
hold them back, and the signed entries that add up to what the seller is owed."""
from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, Index, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from servicekit.types import UtcDateTime
from settlements.models.base import Base


class SettlementShipment(Base):
    """One seller's part of a paid order: when it was paid and confirmed, and the shipping fee not given back."""

    __tablename__ = "settlement_shipments"
    __table_args__ = (Index("ix_settlement_shipments_seller", "seller_id", "paid_at"),)

    shipment_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    order_id: Mapped[str] = mapped_column(String(36), index=True)
    order_number: Mapped[str] = mapped_column(String(40))
    seller_id: Mapped[str] = mapped_column(String(36))
    paid_at: Mapped[datetime] = mapped_column(UtcDateTime())
    payment_fee_rate: Mapped[int] = mapped_column(Integer)
    shipping_left: Mapped[int] = mapped_column(BigInteger)
    confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # Paid before the ledger's first day (SETTLEMENTS_LEDGER_FROM): settled before this service, nothing of it here.
    settled_before: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class SoldLine(Base):
    """A line of a paid shipment: what it sold, and what of the sale and the seller's discount is still kept."""

    __tablename__ = "sold_lines"

    shipment_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[str] = mapped_column(String(36), index=True)
    product_id: Mapped[str] = mapped_column(String(36))
    product_name: Mapped[str] = mapped_column(String(200))
    category_id: Mapped[str | None] = mapped_column(String(36))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(BigInteger)
    sale_kept: Mapped[int] = mapped_column(BigInteger)
    seller_discount_kept: Mapped[int] = mapped_column(BigInteger)
    commission_rate: Mapped[int] = mapped_column(Integer)
    payment_fee_rate: Mapped[int] = mapped_column(Integer)


class ShipmentClaim(Base):
    """A claim on a shipment: open ones hold its money back. Closed stays closed, whatever arrives late."""

    __tablename__ = "shipment_claims"

    claim_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    shipment_id: Mapped[str] = mapped_column(String(36), index=True)
    is_open: Mapped[bool] = mapped_column()
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime())


class LedgerEntry(Base):
    """A signed amount owed to (+) or by (-) a seller for one line of a shipment (line 0: the shipment as a
    whole), from one source: a sale ("sale:<shipment>"), a refund ("refund:<refund>") or a compensation
    ("compensation:<compensation>", of no shipment). The source, line and kind
    are unique, so an event handled twice records nothing twice. `payable_on` is set when the money may be paid
    (the purchase confirmed, no claim open); `payout_id` when a payout took it."""

    __tablename__ = "ledger_entries"
    __table_args__ = (
        UniqueConstraint("source", "line_no", "kind", name="uq_ledger_entries_source_line_kind"),
        Index("ix_ledger_entries_seller_unpaid", "seller_id", "payout_id", "payable_on"),
        Index("ix_ledger_entries_seller_recorded", "seller_id", "recorded_on"),
        Index("ix_ledger_entries_recorded", "recorded_on"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    seller_id: Mapped[str] = mapped_column(String(36))
    # None for a compensation, which is of no shipment.
    shipment_id: Mapped[str | None] = mapped_column(String(36), index=True)
    order_id: Mapped[str | None] = mapped_column(String(36))
    order_number: Mapped[str | None] = mapped_column(String(40))
    line_no: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    amount: Mapped[int] = mapped_column(BigInteger)
    base: Mapped[int | None] = mapped_column(BigInteger)
    rate: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # The Korean day it was recorded on: monthly summaries and reconciliation count by it.
    recorded_on: Mapped[date] = mapped_column(Date)
    payable_on: Mapped[date | None] = mapped_column(Date)
    payout_id: Mapped[str | None] = mapped_column(String(36), index=True)
