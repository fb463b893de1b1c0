"""Rating aggregates per product and per seller, kept current on every change of a visible review and
announced to catalog."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from reviews.models.base import Base
from servicekit.types import UtcDateTime


class _Aggregate:
    review_count: Mapped[int] = mapped_column(Integer)
    rating_sum: Mapped[int] = mapped_column(Integer)
    ones: Mapped[int] = mapped_column(Integer)
    twos: Mapped[int] = mapped_column(Integer)
    threes: Mapped[int] = mapped_column(Integer)
    fours: Mapped[int] = mapped_column(Integer)
    fives: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # Each change announced to catalog carries the next version, so a late one is ignored there.
    version: Mapped[int] = mapped_column(Integer)


class ProductRating(_Aggregate, Base):
    __tablename__ = "product_ratings"

    product_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seller_id: Mapped[str] = mapped_column(String(36), index=True)


class SellerRating(_Aggregate, Base):
    __tablename__ = "seller_ratings"

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True)
