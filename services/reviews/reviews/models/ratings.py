"""Rating aggregates per product and per seller, kept current on every change of a visible review and
announced to catalog; and each seller's reviews by the Korean day they were posted, for rating statistics."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from reviews.models.base import Base

# The columns that count reviews of 1 to 5 stars, in the order of domain.rating_aggregates.STARS.
STAR_COLUMNS = ("ones", "twos", "threes", "fours", "fives")
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


class SellerRatingDay(Base):
    """How a seller's visible reviews posted on one Korean day rate now, star by star: recounted with the seller's
    rating at every change of one of them, so a year of a seller's rating statistics is a year of rows."""

    __tablename__ = "seller_rating_days"
    # The marketplace's statistics sum every seller's rows of the days asked for.
    __table_args__ = (Index("ix_seller_rating_days_day", "day"),)

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    ones: Mapped[int] = mapped_column(Integer)
    twos: Mapped[int] = mapped_column(Integer)
    threes: Mapped[int] = mapped_column(Integer)
    fours: Mapped[int] = mapped_column(Integer)
    fives: Mapped[int] = mapped_column(Integer)
