"""Ratings as reviews announces them, for products and for sellers."""
from __future__ import annotations

from decimal import Decimal


def average_rating(average_centi: int, review_count: int) -> Decimal | None:
    """The average to show, from hundredths (437 -> 4.37); None with no visible review, so the unrated sort
    together and nobody is shown a 0."""
    return Decimal(average_centi).scaleb(-2) if review_count else None


def supersedes(version: int, kept_version: int) -> bool:
    """Whether an announced rating is newer than the one kept: changes may arrive late or twice."""
    return version > kept_version
