"""Views of product pages, per Korean calendar day."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String
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
