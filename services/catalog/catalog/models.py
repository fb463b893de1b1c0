"""Catalog tables: the category tree, products and their variants, approved sellers, stock reservations and restocks."""
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
    # Where low-stock alerts go; None for sellers approved before SellerApproved carried it.
    contact_email: Mapped[str | None] = mapped_column(String(254))
    approved_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SellerRating(Base):
    """Read model fed by reviews' SellerRatingChanged: a seller's rating over all their products."""

    __tablename__ = "seller_ratings"

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # None while no visible review rates the seller.
    average: Mapped[Decimal | None] = mapped_column(Numeric(3, 2))
    review_count: Mapped[int] = mapped_column(Integer, default=0)
    # The version of the last rating applied, so a late, older change never overwrites a newer one.
    version: Mapped[int] = mapped_column(Integer, default=0)


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
    # The option names (up to 3, e.g. colour and size) its variants give a value for; empty without variants.
    option_names: Mapped[list[str]] = mapped_column(JSON, default=list)
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
    # Fed by reviews' ProductRatingChanged; null while no visible review rates it.
    rating_average: Mapped[Decimal | None] = mapped_column(Numeric(3, 2))
    rating_count: Mapped[int] = mapped_column(Integer, default=0)
    # The version of the last rating applied, so a late, older change never overwrites a newer one.
    rating_version: Mapped[int] = mapped_column(Integer, default=0)
    # With variants, `stock` is what the active ones hold, so search, sold out and low stock still read it.
    variants: Mapped[list["ProductVariant"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ProductVariant.position"
    )


class ProductVariant(Base):
    """One choice of a product's options, with its own stock and a price above or below the product's."""

    __tablename__ = "product_variants"
    __table_args__ = (CheckConstraint("stock >= 0", name="ck_product_variants_stock_not_negative"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), index=True)
    # One value per option name of the product, in the same order.
    option_values: Mapped[list[str]] = mapped_column(JSON)
    price_difference: Mapped[int] = mapped_column(Integer)
    stock: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str | None] = mapped_column(String(64))
    # A variant once ordered is deactivated instead of deleted, since reservations and orders name it.
    active: Mapped[bool] = mapped_column(Boolean)
    position: Mapped[int] = mapped_column(Integer)


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
