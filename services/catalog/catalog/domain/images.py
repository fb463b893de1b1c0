"""Product images: which sizes are taken, how many a product has, and which one is primary."""
from __future__ import annotations

from typing import Protocol, Sequence

MAX_IMAGE_BYTES = 10 * 1024 * 1024
# Enough for any camera's photo; more is a decompression bomb rather than a product shot.
MAX_IMAGE_PIXELS = 40_000_000
MAX_IMAGES_PER_PRODUCT = 10
THUMBNAIL_SIDE = 400


class Ranked(Protocol):
    position: int
    is_primary: bool


def next_position(images: Sequence[Ranked]) -> int:
    """New images go after the others."""
    return max((image.position for image in images), default=0) + 1


def successor_of(removed: Ranked, remaining: Sequence[Ranked]) -> Ranked | None:
    """The image that becomes primary when the primary one is removed: the first left, by position."""
    if not removed.is_primary or not remaining:
        return None
    return min(remaining, key=lambda image: image.position)
