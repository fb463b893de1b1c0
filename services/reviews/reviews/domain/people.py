"""Who takes part in reviews: a reader (what they may see of a review) and a reviewer (the name they write under)."""
from __future__ import annotations

from dataclasses import dataclass

from reviews.domain.review_rules import HIDDEN

# As long as a review keeps its author's name.
MAX_NAME = 100


@dataclass(frozen=True)
class Reader:
    """Anyone reading reviews, signed in (account_id) or not."""

    account_id: str | None = None
    is_admin: bool = False

    def sees(self, status: str, author_id: str) -> bool:
        """A hidden review only its author and admins see; a visible one everybody."""
        return status != HIDDEN or self.is_admin or self.wrote(author_id)

    def wrote(self, author_id: str) -> bool:
        return self.account_id is not None and self.account_id == author_id


@dataclass(frozen=True)
class Reviewer:
    """A customer writing a review, under their account's name (masked when they choose anonymity)."""

    customer_id: str
    name: str

    def __post_init__(self) -> None:
        # Auth keeps names to 100 letters too; a longer one from elsewhere is cut rather than refused.
        object.__setattr__(self, "name", self.name[:MAX_NAME])
