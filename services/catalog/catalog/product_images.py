"""Product images (C1): uploads checked by their bytes, size and pixels, kept with a thumbnail in a FileStore."""
from __future__ import annotations

import uuid

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from catalog.domain.images import (
    MAX_IMAGE_BYTES,
    MAX_IMAGE_PIXELS,
    MAX_IMAGES_PER_PRODUCT,
    THUMBNAIL_SIDE,
    next_position,
    successor_of,
)
from catalog.domain.people import Viewer
from catalog.domain.products import STOREFRONT_STATUSES
from catalog.models import Product, ProductImage
from catalog.products import owned_product, shown_product
from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.files import FileStore
from servicekit.images import make_thumbnail, without_metadata
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from servicekit.uploads import checked_upload, images

IMAGES = images("image", MAX_IMAGE_PIXELS)


def _is_on_storefront(product: Product) -> bool:
    return product.status in STOREFRONT_STATUSES


def _images_of(uow: UnitOfWork, product_id: str) -> list[ProductImage]:
    """A product's images in the order the seller added them."""
    statement = select(ProductImage).where(ProductImage.product_id == product_id).order_by(ProductImage.position)
    return list(uow.session.scalars(statement))


def _find_image(uow: UnitOfWork, product_id: str, image_id: str) -> ProductImage:
    image = uow.session.get(ProductImage, image_id)
    if image is None or image.product_id != product_id:
        raise Problem(404, "image-not-found", "Not Found", _("This product has no image with this id."))
    return image


def images_seen_by(runtime: Runtime, viewer: Viewer, product_id: str) -> list[ProductImage]:
    """The images of a product `viewer` may see, in the order the seller added them."""
    with runtime.unit_of_work() as uow:
        return _images_of(uow, shown_product(uow, product_id, viewer).id)


def image_seen_by(runtime: Runtime, viewer: Viewer, product_id: str, image_id: str) -> tuple[ProductImage, bool]:
    """An image of a product `viewer` may see, and whether everyone may (the product is on the storefront)."""
    with runtime.unit_of_work() as uow:
        product = shown_product(uow, product_id, viewer)
        return _find_image(uow, product.id, image_id), _is_on_storefront(product)


def refuse_other_uploaders(runtime: Runtime, seller_id: str | None, product_id: str) -> None:
    """Refuse an upload to a product that is not the seller's own, before its body is read."""
    with runtime.unit_of_work() as uow:
        owned_product(uow, seller_id, product_id, for_update=False)


def upload_image(
    runtime: Runtime, store: FileStore, seller_id: str | None, product_id: str, file: FileStorage
) -> ProductImage:
    """Keep an image of the seller's product and its thumbnail; a product's first image becomes its primary."""
    with runtime.unit_of_work() as uow:
        # Locked, so two uploads at once cannot both take the last free place.
        product = owned_product(uow, seller_id, product_id, for_update=True)
        images = _images_of(uow, product.id)
        if len(images) >= MAX_IMAGES_PER_PRODUCT:
            raise Problem(
                409,
                "too-many-images",
                _("Too many images"),
                _("A product may have at most %(count)s images; delete one first.", count=MAX_IMAGES_PER_PRODUCT),
                max_images=MAX_IMAGES_PER_PRODUCT,
            )
        upload = checked_upload(file, IMAGES, MAX_IMAGE_BYTES)
        thumbnail = make_thumbnail(upload.content, THUMBNAIL_SIDE)
        kept = without_metadata(upload.content)
        keys = [store.put(kept)]
        try:
            keys.append(store.put(thumbnail.content))
            image = ProductImage(
                id=str(uuid.uuid4()),
                product_id=product.id,
                content_type=upload.content_type,
                width=upload.width,
                height=upload.height,
                size_bytes=len(kept),
                storage_key=keys[0],
                thumbnail_content_type=thumbnail.content_type,
                thumbnail_key=keys[1],
                position=next_position(images),
                is_primary=not images,
                uploaded_at=clock.now(),
            )
            uow.session.add(image)
            uow.commit()
        except BaseException:
            # Bytes nothing refers to would stay on disk for ever.
            for key in keys:
                store.delete(key)
            raise
    return image


def make_primary(runtime: Runtime, seller_id: str | None, product_id: str, image_id: str) -> ProductImage:
    with runtime.unit_of_work() as uow:
        product = owned_product(uow, seller_id, product_id, for_update=True)
        image = _find_image(uow, product.id, image_id)
        for other in _images_of(uow, product.id):
            other.is_primary = False
        # Cleared before the new one is set: at no moment may a product have two primary images.
        uow.session.flush()
        image.is_primary = True
        uow.commit()
    return image


def remove_image(
    runtime: Runtime, store: FileStore, seller_id: str | None, product_id: str, image_id: str
) -> None:
    """Delete an image and its files; when it was the primary, the next one by position takes its place."""
    with runtime.unit_of_work() as uow:
        product = owned_product(uow, seller_id, product_id, for_update=True)
        image = _find_image(uow, product.id, image_id)
        successor = successor_of(image, [other for other in _images_of(uow, product.id) if other.id != image.id])
        uow.session.delete(image)
        uow.session.flush()
        if successor is not None:
            successor.is_primary = True
        uow.commit()
    # Only once the row is gone: a failed commit must not leave a row whose files are missing.
    store.delete(image.storage_key)
    store.delete(image.thumbnail_key)
