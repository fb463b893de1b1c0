"""Stock held for orders, and the cancellations and returns that gave units back."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalog.models.base import Base
from servicekit.types import UtcDateTime


class Reservation(Base):
    """Stock held for one order; released when the order is cancelled, in part when units are cancelled or returned.

    An order cancelled before its placement arrived has a released reservation with no lines (a tombstone).
    """

    __tablename__ = "reservations"

    order_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    released_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    lines: Mapped[list["ReservationLine"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ReservationLine.line_no"
    )


class ReservationLine(Base):
    """One line of the order, numbered as orders numbers it (from 1, in the order OrderPlaced lists them)."""

    __tablename__ = "reservation_lines"
    __table_args__ = (
        CheckConstraint(
            "released_quantity >= 0 AND released_quantity <= quantity",
            name="ck_reservation_lines_released_within_quantity",
        ),
    )

    order_id: Mapped[str] = mapped_column(ForeignKey("reservations.order_id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[str] = mapped_column(String(36))
    variant_id: Mapped[str | None] = mapped_column(String(36), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    # Units already given back (cancelled or returned), so no later release gives back more than was held.
    released_quantity: Mapped[int] = mapped_column(Integer, default=0)


class Restock(Base):
    """A cancellation or return whose units went back in stock, so a second event about it does not restock again."""

    __tablename__ = "restocks"

    cause: Mapped[str] = mapped_column(String(20), primary_key=True)
    # The cancellation (of a whole shipment or some of its units) or the claim whose return completed.
    cause_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    order_id: Mapped[str] = mapped_column(String(36))
    restocked_at: Mapped[datetime] = mapped_column(UtcDateTime())
