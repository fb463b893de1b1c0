"""Products, their variants and their images."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, Index, Integer, Numeric, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalog.models.base import Base
from servicekit.types import UtcDateTime

# Products on hand at or below the threshold their seller set (catalog.domain.products.is_low_on_stock).
LOW_STOCK = "deleted_at IS NULL AND low_stock_threshold > 0 AND stock <= low_stock_threshold"


class Product(Base):
    """A product; a deleted one keeps its row because orders name it."""

    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("price >= 0", name="ck_products_price_not_negative"),
        CheckConstraint("stock >= 0", name="ck_products_stock_not_negative"),
        CheckConstraint("low_stock_threshold >= 0", name="ck_products_low_stock_threshold_not_negative"),
        CheckConstraint("units_sold >= 0", name="ck_products_units_sold_not_negative"),
        # The dashboard's low-stock products (catalog.dashboard_figures), of a seller or of every seller: only
        # those at or below their threshold are in it, a few of the many.
        Index("ix_products_low_stock", "seller_id", "stock", postgresql_where=text(LOW_STOCK),
              sqlite_where=text(LOW_STOCK)),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seller_id: Mapped[str] = mapped_column(String(36), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    # What storefront search matches (catalog.search, migration 0015), kept by catalog.search.index_for_search
    # whenever the name or description changes: the terms of both (wordkit.terms), space-separated, and the name
    # with no spaces, lower case (wordkit.compact).
    search_terms: Mapped[str] = mapped_column(Text, default="")
    search_name: Mapped[str] = mapped_column(String(200), default="")
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
    # Moved on by SQLAlchemy at every UPDATE of the row (version_id_col): a seller's edit, a sale, an order's
    # reservation, a rating. Answers show it as the ETag a seller's If-Match names (catalog.products).
    version: Mapped[int] = mapped_column(Integer)
    # With variants, `stock` is what the active ones hold, so search, sold out and low stock still read it.
    variants: Mapped[list["ProductVariant"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ProductVariant.position"
    )
    # Loaded with the product for the answers that show it (catalog.products); migration 0003 allows one.
    primary_image: Mapped["ProductImage | None"] = relationship(
        primaryjoin="and_(Product.id == foreign(ProductImage.product_id), ProductImage.is_primary)",
        viewonly=True,
        uselist=False,
        lazy="raise",
    )

    __mapper_args__ = {"version_id_col": version}


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
