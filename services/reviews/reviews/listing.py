"""Which visible reviews a listing shows, and in which order: by product or seller, stars, photos, replied or not."""
from __future__ import annotations

from sqlalchemy import Select, exists, select

from reviews.domain.review_rules import VISIBLE
from reviews.models import Review, ReviewPhoto, SellerReply
from servicekit.pagination import page_of
from servicekit.runtime import Runtime

# Ties go newest first, then by id so that pages never overlap.
SORTS = {
    "newest": (Review.created_at.desc(),),
    "highest": (Review.rating.desc(), Review.created_at.desc()),
    "lowest": (Review.rating.asc(), Review.created_at.desc()),
    "helpful": (Review.helpful_count.desc(), Review.created_at.desc()),
}


def listed_reviews(
    *,
    product_id: str | None = None,
    seller_id: str | None = None,
    rating: int | None = None,
    photo_only: bool = False,
    unanswered: bool = False,
    sort: str = "newest",
) -> Select:
    statement = select(Review).where(Review.status == VISIBLE)
    if product_id is not None:
        statement = statement.where(Review.product_id == product_id)
    if seller_id is not None:
        statement = statement.where(Review.seller_id == seller_id)
    if rating is not None:
        statement = statement.where(Review.rating == rating)
    if photo_only:
        statement = statement.where(exists().where(ReviewPhoto.review_id == Review.id))
    if unanswered:
        statement = statement.where(~exists().where(SellerReply.review_id == Review.id))
    return statement.order_by(*SORTS[sort], Review.id.desc())


def list_reviews(runtime: Runtime, pagination_parameters, **filters) -> list[Review]:
    """One page of the listing `filters` describe (see listed_reviews)."""
    with runtime.unit_of_work() as uow:
        return page_of(uow.session, listed_reviews(**filters), pagination_parameters)
