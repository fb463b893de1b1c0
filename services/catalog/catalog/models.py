"""Catalog tables: the category tree, products, the sellers allowed to list, and stock reservations per order."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, CheckConstraint, Date, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from servicekit.types import UtcDateTime


class Base(DeclarativeBase):
    pass


class ApprovedSeller(Base):
    """Read model fed by SellerApproved: only these sellers may list products."""

    __tablename__ = "approved_sellers"

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[str] = mapped_column(String(36), index=True)
    display_name: Mapped[str] = mapped_column(String(100))
    approved_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Category(Base):
    """A node of the category tree; a root when it has no parent."""

    __tablename__ = "categories"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("categories.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Product(Base):
    """A product; a deleted one keeps its row because orders name it."""

    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("price >= 0", name="ck_products_price_not_negative"),
        CheckConstraint("stock >= 0", name="ck_products_stock_not_negative"),
        CheckConstraint("low_stock_threshold >= 0", name="ck_products_low_stock_threshold_not_negative"),
        CheckConstraint("units_sold >= 0", name="ck_products_units_sold_not_negative"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seller_id: Mapped[str] = mapped_column(String(36), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    price: Mapped[int] = mapped_column(Integer)
    stock: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    category_id: Mapped[str | None] = mapped_column(ForeignKey("categories.id"), index=True)
    # 0 means the seller wants no low-stock alert.
    low_stock_threshold: Mapped[int] = mapped_column(Integer, default=0)
    # Whether StockLow went out for the current stay at or below the threshold (one alert per crossing).
    low_stock_alerted: Mapped[bool] = mapped_column(Boolean, default=False)
    suspension_reason: Mapped[str | None] = mapped_column(Text)
    # A sale price holds only within its period; migration 0005 keeps it below the price, the end after the start.
    sale_price: Mapped[int | None] = mapped_column(Integer)
    sale_starts_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    sale_ends_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # Units held by live reservations: a cancelled order gives its units back. The popularity sort.
    units_sold: Mapped[int] = mapped_column(Integer, default=0)
    # Fed by reviews later; null until the first review.
    rating_average: Mapped[Decimal | None] = mapped_column(Numeric(3, 2))
    rating_count: Mapped[int] = mapped_column(Integer, default=0)


class Reservation(Base):
    """Stock held for one order; released when the order is cancelled."""

    __tablename__ = "reservations"

    order_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    released_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    lines: Mapped[list["ReservationLine"]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class ReservationLine(Base):
    __tablename__ = "reservation_lines"

    order_id: Mapped[str] = mapped_column(ForeignKey("reservations.order_id"), primary_key=True)
    product_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    quantity: Mapped[int] = mapped_column(Integer)


class ProductImage(Base):
    """One image of a product: the original and its thumbnail are files in a FileStore, found by their keys.

    Migration 0003 also makes at most one image per product primary (a partial unique index).
    """

    __tablename__ = "product_images"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), index=True)
    content_type: Mapped[str] = mapped_column(String(20))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size_bytes: Mapped[int] = mapped_column(Integer)
    storage_key: Mapped[str] = mapped_column(String(32))
    thumbnail_content_type: Mapped[str] = mapped_column(String(20))
    thumbnail_key: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(Integer)
    is_primary: Mapped[bool] = mapped_column(Boolean)
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime())


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


class SellerShippingSettings(Base):
    """How a seller ships and takes returns (C3); a seller without a row charges the defaults."""

    __tablename__ = "seller_shipping_settings"

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    methods: Mapped[list[str]] = mapped_column(JSON)
    base_fee: Mapped[int] = mapped_column(Integer)
    # None: never free, however large the order.
    free_shipping_threshold: Mapped[int | None] = mapped_column(Integer)
    remote_area_extra_fee: Mapped[int] = mapped_column(Integer)
    return_fee: Mapped[int] = mapped_column(Integer)
    exchange_fee: Mapped[int] = mapped_column(Integer)
    # All three None when the seller gave no return address.
    return_postcode: Mapped[str | None] = mapped_column(String(5))
    return_address1: Mapped[str | None] = mapped_column(String(200))
    return_address2: Mapped[str | None] = mapped_column(String(200))
    return_policy: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
