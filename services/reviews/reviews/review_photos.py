"""Review photos: checked by their bytes, size and pixels before the review is posted, kept with a thumbnail."""
from __future__ import annotations

import uuid

from werkzeug.datastructures import FileStorage

from reviews.models import Review, ReviewPhoto
from servicekit import clock
from servicekit.files import FileStore
from servicekit.images import make_thumbnail, without_metadata
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.uploads import checked_upload, images

MAX_PHOTOS = 5
# Five photos at their largest make 10 MiB, the gateway's upload limit; the form's other fields fit in its
# 64 KiB multipart allowance.
MAX_PHOTO_BYTES = 2 * 1024 * 1024
# Any phone's photo; more is a decompression bomb rather than a picture of a product.
MAX_PHOTO_PIXELS = 25_000_000
THUMBNAIL_SIDE = 400
PHOTOS = images("photo", MAX_PHOTO_PIXELS, field="photos")


def stored_photos(store: FileStore, files: list[FileStorage]) -> list[ReviewPhoto]:
    """Every photo is checked before any is kept, so a refused one leaves nothing behind; then each is kept
    with its thumbnail, in the order given, for the review about to be posted.
    """
    if len(files) > MAX_PHOTOS:
        raise Problem(
            422, "too-many-photos", _("Too many photos"),
            _("A review may show at most %(max_photos)s photos.", max_photos=MAX_PHOTOS),
            errors={"photos": [_("At most %(max_photos)s photos.", max_photos=MAX_PHOTOS)]}, max_photos=MAX_PHOTOS,
        )
    uploads = [
        checked_upload(file, PHOTOS, MAX_PHOTO_BYTES, position=position) for position, file in enumerate(files, start=1)
    ]
    now = clock.now()
    photos: list[ReviewPhoto] = []
    try:
        for position, upload in enumerate(uploads, start=1):
            thumbnail = make_thumbnail(upload.content, THUMBNAIL_SIDE)
            photo = ReviewPhoto(id=str(uuid.uuid4()), position=position, content_type=upload.content_type,
                                thumbnail_content_type=thumbnail.content_type, created_at=now)
            photo.storage_key = store.put(without_metadata(upload.content))
            photos.append(photo)
            photo.thumbnail_key = store.put(thumbnail.content)
    except BaseException:
        forget(store, photos)
        raise
    return photos


def forget(store: FileStore, photos: list[ReviewPhoto]) -> None:
    """Delete the files of photos no review will refer to: bytes nothing refers to would stay for ever."""
    for photo in photos:
        store.delete(photo.storage_key)
        if photo.thumbnail_key is not None:
            store.delete(photo.thumbnail_key)


def photo_of(review: Review, photo_id: str) -> ReviewPhoto:
    photo = next((photo for photo in review.photos if photo.id == photo_id), None)
    if photo is None:
        raise Problem(404, "photo-not-found", "Not Found", _("This review has no photo with this id."))
    return photo
