"""Sales rollups: each seller's sales and refunds per Korean calendar day in total, and per day and
per month for each product and each category.

Kept up to date in the transaction of each sale and refund (orders.sales_statistics), so reports
read a few hundred rows instead of scanning every order line; the monthly ones let a report by
product or category over months read one row per product or category and month instead of one per day.
"""
from datetime import date

from sqlalchemy import BigInteger, Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from orders.models.base import Base

# A category rollup's key cannot be NULL: sales of products without a category count under this one.
NO_CATEGORY = ""


class SalesMeasures:
    """What every rollup adds up: units and won sold, and units and won refunded."""

    units: Mapped[int] = mapped_column(BigInteger, default=0)
    revenue: Mapped[int] = mapped_column(BigInteger, default=0)
    refunds: Mapped[int] = mapped_column(BigInteger, default=0)
    refunded_units: Mapped[int] = mapped_column(BigInteger, default=0)


class SalesDay(SalesMeasures, Base):
    """A seller's sales on one Korean day; refunds count on the day they were given."""

    __tablename__ = "sales_daily"
    # Platform-wide reports read every seller's days of a range.
    __table_args__ = (Index("ix_sales_daily_day", "day"),)

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    # The seller's orders: every order holding their items, so an order of two sellers counts for each.
    orders: Mapped[int] = mapped_column(Integer, default=0)
    # The platform's orders, each counted once: at the seller of the order's first shipment (the lowest
    # seller id). Summed over sellers it is the number of orders, with no platform-wide row every
    # payment would have to lock.
    platform_orders: Mapped[int] = mapped_column(Integer, default=0)


class ProductSales(SalesMeasures):
    """A seller's sales of one product, with the product's category, in the period of the table."""

    # First in the primary key, before the table's period, as the migration creates it.
    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True, sort_order=-1)
    product_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    category_id: Mapped[str | None] = mapped_column(String(36))


class CategorySales(SalesMeasures):
    """A seller's sales in one category, each line counted in its own category, in the period of the table."""

    seller_id: Mapped[str] = mapped_column(String(36), primary_key=True, sort_order=-1)
    category_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # NO_CATEGORY for products without one


class SalesDayProduct(ProductSales, Base):
    """A seller's sales of one product on one Korean day."""

    __tablename__ = "sales_daily_products"
    __table_args__ = (Index("ix_sales_daily_products_day", "day"),)

    day: Mapped[date] = mapped_column(Date, primary_key=True)


class SalesMonthProduct(ProductSales, Base):
    """A seller's sales of one product in one Korean calendar month."""

    __tablename__ = "sales_monthly_products"
    __table_args__ = (Index("ix_sales_monthly_products_month", "month"),)

    month: Mapped[date] = mapped_column(Date, primary_key=True)  # its first day


class SalesDayCategory(CategorySales, Base):
    """A seller's sales in one category on one Korean day."""

    __tablename__ = "sales_daily_categories"
    __table_args__ = (Index("ix_sales_daily_categories_day", "day"),)

    day: Mapped[date] = mapped_column(Date, primary_key=True)


class SalesMonthCategory(CategorySales, Base):
    """A seller's sales in one category in one Korean calendar month."""

    __tablename__ = "sales_monthly_categories"
    __table_args__ = (Index("ix_sales_monthly_categories_month", "month"),)

    month: Mapped[date] = mapped_column(Date, primary_key=True)  # its first day
