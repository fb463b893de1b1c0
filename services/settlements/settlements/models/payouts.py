"""Payouts and what decides them: the platform's commission and payment fee rates, sellers' bank accounts and
their changes, admins' holds, and the sellers' names an account holder must match."""
from datetime import date, datetime

from sqlalchemy import BigInteger, Date, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from servicekit.types import UtcDateTime
from settlements.models.base import Base

# The rate of every category without one of its own (and the payment fee's, which is the same for all).
EVERY_CATEGORY = "*"
COMMISSION, PAYMENT_FEE = "commission", "payment_fee"


class FeeRate(Base):
    """The platform's commission on a category (or on every category), or its payment processing fee, in basis
    points, from `effective_from` on until a later rate of the same kind and category. Rates are added, never
    changed: a line keeps the rate in force when it sold."""

    __tablename__ = "fee_rates"
    __table_args__ = (
        UniqueConstraint("kind", "category_id", "effective_from", name="uq_fee_rates_kind_category_from"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(12))
    category_id: Mapped[str] = mapped_column(String(36))
    rate: Mapped[int] = mapped_column(Integer)
    effective_from: Mapped[datetime] = mapped_column(UtcDateTime())
    set_by: Mapped[str] = mapped_column(String(36))
    set_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Payout(Base):
    """One transfer to a seller on a payout day, and its statement: the ledger entries it took add up to `amount`.

    scheduled -> paid; or held (by an admin's hold, a bank account changed the day before, no account) until an
    admin releases it, then scheduled again. The bank account is copied when it is scheduled or released."""

    __tablename__ = "payouts"
    __table_args__ = (
        UniqueConstraint("seller_id", "payout_day", name="uq_payouts_seller_day"),
        Index("ix_payouts_status_day", "status", "payout_day"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seller_id: Mapped[str] = mapped_column(String(36), index=True)
    payout_day: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(BigInteger)
    entry_count: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12))
    hold_reason: Mapped[str | None] = mapped_column(String(30))
    hold_detail: Mapped[str | None] = mapped_column(Text)
    bank_code: Mapped[str | None] = mapped_column(String(3))
    account_number: Mapped[str | None] = mapped_column(String(16))
    account_holder: Mapped[str | None] = mapped_column(String(100))
    transfer_id: Mapped[str | None] = mapped_column(String(100))
    scheduled_at: Mapped[datetime] = mapped_column(UtcDateTime())
    held_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    paid_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class PayoutHold(Base):
    """An admin's hold on every payout of a seller, with why, until they lift it."""

    __tablename__ = "payout_holds"

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    held_by: Mapped[str] = mapped_column(String(36))
    held_at: Mapped[datetime] = mapped_column(UtcDateTime())


class BankAccount(Base):
    """Where a seller's payouts go."""

    __tablename__ = "bank_accounts"

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    bank_code: Mapped[str] = mapped_column(String(3))
    account_number: Mapped[str] = mapped_column(String(16))
    holder_name: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    changed_by: Mapped[str] = mapped_column(String(36))


class BankAccountChange(Base):
    """The audit of bank accounts: who registered or changed which account (its last digits), when, from where."""

    __tablename__ = "bank_account_changes"
    __table_args__ = (Index("ix_bank_account_changes_seller", "seller_id", "changed_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seller_id: Mapped[str] = mapped_column(String(36))
    bank_code: Mapped[str] = mapped_column(String(3))
    account_number_masked: Mapped[str] = mapped_column(String(16))
    holder_name: Mapped[str] = mapped_column(String(100))
    changed_by: Mapped[str] = mapped_column(String(36))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    session_id: Mapped[str | None] = mapped_column(String(64))


class SellerName(Base):
    """A name a seller is registered under, as auth announced it at approval: the business name ("business") and
    the representative's ("representative"). A bank account's holder must be one of them."""

    __tablename__ = "seller_names"

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    named_by: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime())


class TestBankTransfer(Base):
    """The test bank's own book of the transfers it took (settlements.transfers.TestBank), one per idempotency
    key: what a real bank keeps on its side."""

    __test__ = False  # not a pytest test class
    __tablename__ = "test_bank_transfers"

    idempotency_key: Mapped[str] = mapped_column(String(100), primary_key=True)
    transfer_id: Mapped[str] = mapped_column(String(100), unique=True)
    bank_code: Mapped[str] = mapped_column(String(3))
    account_number: Mapped[str] = mapped_column(String(16))
    amount: Mapped[int] = mapped_column(BigInteger)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime())
