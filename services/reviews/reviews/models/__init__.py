"""Reviews tables, one module per area; importing this package registers every table on Base."""
from reviews.models import negative_reviews, ratings, rewards  # noqa: F401  (their tables join Base.metadata)
from reviews.models.base import Base
from reviews.models.reviews import (
    HelpfulVote,
    ReviewableLine,
    Review,
    ReviewPhoto,
    ReviewReport,
    SellerReply,
)

__all__ = ["Base", "HelpfulVote", "Review", "ReviewPhoto", "ReviewReport", "ReviewableLine", "SellerReply"]
