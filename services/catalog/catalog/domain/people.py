"""Who asks the catalog (a shopper, a seller about their own products, an admin) and which products each sees."""
from __future__ import annotations

from dataclasses import dataclass

from catalog.domain.products import STOREFRONT_STATUSES


@dataclass(frozen=True)
class Viewer:
    subject: str | None = None
    seller_id: str | None = None
    admin: bool = False

    def sees_every_status(self, seller_id: str) -> bool:
        """Drafts and suspended products are shown only to their seller and to admins."""
        return self.admin or (self.seller_id is not None and self.seller_id == seller_id)

    def sees(self, status: str, seller_id: str) -> bool:
        """Whether a product in `status` of `seller_id` is shown to this viewer at all."""
        return status in STOREFRONT_STATUSES or self.sees_every_status(seller_id)
