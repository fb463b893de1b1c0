"""Views of product pages, per Korean calendar day: each product's and each shop's."""
from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from catalog.models.base import Base


class ProductDailyViews(Base):
    """How often a product was viewed on one Korean calendar day, and by how many distinct visitors."""

    __tablename__ = "product_daily_views"

    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    views: Mapped[int] = mapped_column(Integer)
    visitors: Mapped[int] = mapped_column(Integer)


class ProductDayVisitor(Base):
    """One visitor seen on a product on one day, known only by a hash, so a second view adds no visitor."""

    __tablename__ = "product_day_visitors"

    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    visitor_hash: Mapped[str] = mapped_column(String(64), primary_key=True)


class ShopDayVisitor(Base):
    """One visitor seen on any of a shop's product pages on one day, known only by a hash, so viewing another of
    its products that day adds no visitor to the shop."""

    __tablename__ = "shop_day_visitors"

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    visitor_hash: Mapped[str] = mapped_column(String(64), primary_key=True)


class ShopDailyViews(Base):
    """A shop's product pages on one Korean calendar day: their views, and the distinct people who saw any of them.

    Counted with each product's row, so a year of a shop's figures is a year of rows, not one per product and day.
    """

    __tablename__ = "shop_daily_views"
    # The platform's figures sum every shop's rows of the days asked for.
    __table_args__ = (Index("ix_shop_daily_views_day", "day"),)

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    views: Mapped[int] = mapped_column(BigInteger)
    visitors: Mapped[int] = mapped_column(BigInteger)
