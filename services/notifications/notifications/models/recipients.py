"""Who can be notified and how: accounts' contacts and language, and which account acts for each seller,
kept from auth's events (a read model: auth owns them)."""
from __future__ import annotations

from sqlalchemy import JSON, Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from notifications.models.base import Base


class Recipient(Base):
    """An account as its newest AccountContactsChanged describes it."""

    __tablename__ = "recipients"

    account_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # The revision of the AccountContactsChanged kept; an older one arriving late changes nothing.
    revision: Mapped[int] = mapped_column(Integer)
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(2))
    roles: Mapped[list[str]] = mapped_column(JSON)
    # Agents are looked up by role (a breached case with nobody assigned goes to every active agent).
    is_agent: Mapped[bool] = mapped_column(Boolean, index=True)
    seller_id: Mapped[str | None] = mapped_column(String(36), index=True)
    active: Mapped[bool] = mapped_column(Boolean)


class SellerAccount(Base):
    """The account that receives a seller's alerts, from SellerApproved or the account's own contacts."""

    __tablename__ = "seller_accounts"

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[str] = mapped_column(String(36), index=True)


class KnownOrder(Base):
    """An order's customer, from OrderPaid: refund answers name only the order."""

    __tablename__ = "known_orders"

    order_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(36))
