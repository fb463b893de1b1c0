"""Products as answers show them, read straight from the tables: a view, as cosmicpython's views are.

An answer needs no domain object and no unit of work: the ORM's instances, identity map and loaders were most of
the time a storefront page took. Each product comes with its variants (in their order), its primary image and,
on its own page, its seller with their rating, with the attributes the ORM's Product has for them, so the API's
schemas dump either. They run on a unit of work's connection (`uow.session.connection()`): rows need nothing of
the ORM's execution. Changes still go through the use cases (catalog.products) and the ORM.
"""
from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import Connection, Select, and_, bindparam, select

from catalog.models import ApprovedSeller, Product, ProductImage, ProductVariant, SellerRating

PRIMARY_IMAGE_ID = "primary_image_id"
# What search matches (search_terms, search_name) no answer shows.
_PRODUCTS = tuple(column for column in Product.__table__.columns if not column.name.startswith("search_"))
_PRIMARY_IMAGE = and_(ProductImage.product_id == Product.id, ProductImage.is_primary)
_PRIMARY_IMAGE_ID = ProductImage.id.label(PRIMARY_IMAGE_ID)
# The statements are built once; each request binds its ids.
_VARIANTS = (
    select(*ProductVariant.__table__.columns)
    .where(ProductVariant.product_id.in_(bindparam("product_ids", expanding=True)))
    .order_by(ProductVariant.position)
)


class ShownProduct(SimpleNamespace):
    """A product's columns as attributes, with `variants`, `primary_image` and, on its page, `seller`."""


def with_primary_image(statement: Select) -> Select:
    """`statement` (a select of products) as the products' columns and the id of each one's primary image."""
    return statement.with_only_columns(*_PRODUCTS, _PRIMARY_IMAGE_ID).outerjoin(ProductImage, _PRIMARY_IMAGE)


def shown(connection: Connection, rows) -> list[ShownProduct]:
    """Products from rows of with_primary_image, each with its variants."""
    products, names = [], None
    for row in rows:
        # The names once for all rows: Row._asdict looks them up again for each.
        names = names or row._fields
        columns = dict(zip(names, row))
        image_id = columns.pop(PRIMARY_IMAGE_ID)
        image = None if image_id is None else SimpleNamespace(id=image_id, product_id=columns["id"])
        products.append(ShownProduct(**columns, variants=[], primary_image=image))
    if products:
        by_id = {product.id: product for product in products}
        variants = connection.execute(_VARIANTS, {"product_ids": list(by_id)})
        names = tuple(variants.keys())
        for variant in variants:
            attributes = dict(zip(names, variant))
            by_id[attributes["product_id"]].variants.append(SimpleNamespace(**attributes))
    return products


_PRODUCT = with_primary_image(select(Product).where(Product.id == bindparam("product_id")))
_SELLER = (
    select(ApprovedSeller.seller_id, ApprovedSeller.display_name, SellerRating.average, SellerRating.review_count)
    .outerjoin(SellerRating, SellerRating.seller_id == ApprovedSeller.seller_id)
    .where(ApprovedSeller.seller_id == bindparam("seller_id"))
)


def product_with_seller(connection: Connection, product_id: str) -> ShownProduct | None:
    """A product with its seller as its page shows them (ApprovedSeller's rating_average and rating_count), the
    seller None when catalog knows no approved seller of it; None for no such product."""
    found = shown(connection, connection.execute(_PRODUCT, {"product_id": product_id}))
    if not found:
        return None
    product = found[0]
    seller = connection.execute(_SELLER, {"seller_id": product.seller_id}).first()
    product.seller = None if seller is None else SimpleNamespace(
        seller_id=seller.seller_id,
        display_name=seller.display_name,
        rating_average=seller.average,
        rating_count=0 if seller.review_count is None else seller.review_count,
    )
    return product
