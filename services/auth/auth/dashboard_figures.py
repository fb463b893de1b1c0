"""Auth's part of the dashboard, for admins (G6): the seller registrations waiting for their decision, counted and
the longest-waiting listed, through the index on the registrations' status."""
from __future__ import annotations

from sqlalchemy import func, select

from auth.domain.sellers import PENDING
from auth.models import Seller
from contracts.dashboard import LISTED_ROWS
from servicekit.app import unit_of_work


def seller_approvals() -> dict:
    """How many registrations wait for an admin (documents asked for wait on the seller, not counted), and the
    longest-waiting ones, oldest first as the review queue takes them."""
    waiting = select(Seller).where(Seller.status == PENDING)
    with unit_of_work() as uow:
        pending = uow.session.scalar(select(func.count()).select_from(waiting.subquery()))
        oldest = uow.session.scalars(waiting.order_by(Seller.created_at, Seller.id).limit(LISTED_ROWS)).all()
        return {
            "pending": pending,
            "oldest": [
                {"id": seller.id, "display_name": seller.display_name, "seller_type": seller.seller_type,
                 "registered_at": seller.created_at}
                for seller in oldest
            ],
        }
