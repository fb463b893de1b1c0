"""Review follow-ups: when a seller asked for it, a review rated 1 or 2 opens a product inquiry the
seller owns, with a system message inviting the customer to say what went wrong; one per review.
"""
from __future__ import annotations

from typing import Any

from servicekit import clock
from servicekit.db import UnitOfWork
from support import inquiries
from support.models import Inquiry
from support.models.review_follow_ups import ReviewFollowUp

SUBJECT = "리뷰 관련 문의 / About your review"
# What the customer reads first; the likely cause tells the seller where to start.
CAUSES = {
    "product_quality": ("상품 품질", "the product's quality"),
    "delivery": ("배송", "the delivery"),
    "service": ("응대", "how you were helped"),
    "price_value": ("가격", "the price"),
    "other": ("상품", "your purchase"),
}


def follow_up_message(rating: int, cause: str) -> str:
    korean, english = CAUSES[cause]
    return (
        f"남겨 주신 별점 {rating}점 리뷰를 보고 판매자가 {korean} 관련 불편을 직접 도와드리고자 합니다. "
        "어떤 점이 불편하셨는지 이 문의에 답해 주세요. / "
        f"The seller read your {rating}-star review and would like to help with {english}. "
        "Reply to this inquiry to tell them what went wrong."
    )


def open_review_follow_up(uow: UnitOfWork, review: dict[str, Any]) -> Inquiry | None:
    """NegativeReviewPosted: a product inquiry for the review's customer, owned by its seller, when the
    seller asked for follow-ups; nothing when they did not, or when this review has one already.
    """
    if not review["follow_up_requested"] or uow.session.get(ReviewFollowUp, review["review_id"]) is not None:
        return None
    now = clock.now()
    inquiry = inquiries.start_inquiry(
        uow,
        review["customer_id"],
        "",
        review["seller_id"],
        {
            "inquiry_type": "product",
            "subject": SUBJECT,
            "body": follow_up_message(review["rating"], review["cause"]),
            "order_id": review["order_id"],
            "order_line_no": review["line_no"],
            "product_id": review["product_id"],
        },
        None,
        "system",
        now,
    )
    uow.session.add(ReviewFollowUp(review_id=review["review_id"], inquiry_id=inquiry.id, opened_at=now))
    return inquiry
