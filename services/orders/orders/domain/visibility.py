"""Who sees and acts on what: the customer their orders, a seller their own shipments, claims, coupons and
sales, an admin everything."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence, TypeVar

from servicekit.languages import _


class SoldLine(Protocol):
    seller_id: str | None


L = TypeVar("L", bound=SoldLine)


class NotVisible(Exception):
    """The viewer asked for what is not theirs to see; the message says what they may see."""


@dataclass(frozen=True)
class Viewer:
    subject: str
    seller_id: str | None = None
    is_admin: bool = False
    # Whether a second factor was proved minutes ago: decisions that pay money back need it (a step-up).
    recently_verified: bool = False

    def sees_whole(self, customer_id: str) -> bool:
        return self.is_admin or self.subject == customer_id

    def shown_lines(self, customer_id: str, lines: Sequence[L]) -> list[L]:
        """Every line for the customer and admins; for a seller only the lines they sell.

        Which orders a seller sees at all (only paid ones) is the query's business, not this.
        """
        if self.sees_whole(customer_id):
            return list(lines)
        if self.seller_id is None:
            return []
        return [line for line in lines if line.seller_id == self.seller_id]

    def acts_for(self, seller_id: str | None) -> bool:
        """Whether the viewer acts as this seller: the seller themselves, or an admin."""
        return self.is_admin or (self.seller_id is not None and self.seller_id == seller_id)

    def sees_part_of(self, seller_id: str, customer_id: str) -> bool:
        """Whether the viewer sees one seller's part of a customer's order (a shipment, a claim on it)."""
        return self.acts_for(seller_id) or self.subject == customer_id

    def owns_coupon(self, coupon_seller_id: str | None) -> bool:
        """A seller owns their coupons, an admin the platform's (those of no seller)."""
        return self.is_admin if coupon_seller_id is None else self.seller_id == coupon_seller_id

    def sales_seen(self, asked_seller_id: str | None) -> str | None:
        """Whose sales the viewer reads: an admin one seller's (or, None, everyone's), a seller their own;
        raises NotVisible for a seller asking for another shop's."""
        if self.is_admin:
            return asked_seller_id
        if self.seller_id is None or asked_seller_id not in (None, self.seller_id):
            raise NotVisible(_("A seller sees only the sales of their own shop."))
        return self.seller_id
