"""Catalog tables, one module per area; importing this package registers every table on Base."""
from catalog.models.base import Base
from catalog.models.categories import Category
from catalog.models.product_views import ProductDailyViews, ProductDayVisitor, ShopDailyViews, ShopDayVisitor
from catalog.models.products import Product, ProductImage, ProductVariant
from catalog.models.reservations import Reservation, ReservationLine, Restock
from catalog.models.sellers import ApprovedSeller, SellerRating, SellerShippingSettings

__all__ = [
    "ApprovedSeller",
    "Base",
    "Category",
    "Product",
    "ProductDailyViews",
    "ProductDayVisitor",
    "ProductImage",
    "ProductVariant",
    "Reservation",
    "ReservationLine",
    "Restock",
    "SellerRating",
    "SellerShippingSettings",
    "ShopDailyViews",
    "ShopDayVisitor",
]
