"""What of support's inquiries a person sees: which inquiries (their own, their shop's, or all for
agents), each as they may read it (domain.people), and changing one they see in one transaction."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy import Select, or_, select

from servicekit.db import UnitOfWork
from servicekit.ids import canonical_id
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from support.domain.people import Viewer
from support.models import HistoryEntry, Inquiry, Message
from support.models.order_view import KnownOrder, KnownOrderLine, KnownShipment


def _not_found() -> Problem:
    return Problem(404, "inquiry-not-found", "Not Found", _("No inquiry with this id is visible to you."))


def visible_to(viewer: Viewer) -> Select:
    """The inquiries a person may read: their own, their shop's (sellers), the platform's (agents, all)."""
    statement = select(Inquiry)
    if viewer.is_agent:
        return statement
    seen = [Inquiry.customer_id == viewer.subject]
    if viewer.is_seller:
        seen.append((Inquiry.seller_id == viewer.seller_id) & (Inquiry.owner == "seller"))
    return statement.where(or_(*seen))


def inquiry_for(uow: UnitOfWork, viewer: Viewer, inquiry_id: str, *, for_update: bool = False) -> Inquiry:
    canonical = canonical_id(inquiry_id)
    if canonical is None:
        raise _not_found()
    statement = visible_to(viewer).where(Inquiry.id == canonical)
    if for_update:
        statement = statement.with_for_update()
    inquiry = uow.session.scalars(statement).first()
    if inquiry is None:
        raise _not_found()
    return inquiry


def staff_role(viewer: Viewer, inquiry: Inquiry) -> str:
    """The seller or agent handling an inquiry; the customer (or anyone else) is refused."""
    role = viewer.role_in(inquiry.seller_id, inquiry.customer_id)
    if role not in ("seller", "agent"):
        raise Problem(403, "staff-only", "Forbidden", _("Only the seller of this inquiry or an agent may do this."))
    return role


def order_view_of(uow: UnitOfWork, inquiry: Inquiry) -> KnownOrder | None:
    """The live state of the order the inquiry names, as support last heard it."""
    return None if inquiry.order_id is None else uow.session.get(KnownOrder, inquiry.order_id)


@dataclass(frozen=True)
class SeenOrder:
    """An inquiry's order as one person sees it: a seller only their part of it."""

    order_id: str
    order_number: str
    status: str
    lines: list[KnownOrderLine]
    shipments: list[KnownShipment]
    updated_at: datetime


@dataclass(frozen=True)
class SeenInquiry:
    """An inquiry as one person sees it: the messages they may read, its history (for the seller and
    the agents), and its order as it is now."""

    inquiry: Inquiry
    messages: list[Message]
    history: list[HistoryEntry]
    order: SeenOrder | None


def seen_by(uow: UnitOfWork, viewer: Viewer, inquiry: Inquiry) -> SeenInquiry:
    staff_side = viewer.reads_staff_side(inquiry.customer_id)
    history = uow.session.scalars(
        select(HistoryEntry).where(HistoryEntry.inquiry_id == inquiry.id).order_by(HistoryEntry.id)
    ) if staff_side else []
    part_of = viewer.part_seen(inquiry.seller_id, inquiry.customer_id)
    return SeenInquiry(
        inquiry=inquiry,
        messages=[message for message in inquiry.messages if staff_side or not message.internal],
        history=list(history),
        order=_order_seen(order_view_of(uow, inquiry), part_of),
    )


def _order_seen(order: KnownOrder | None, part_of: str | None) -> SeenOrder | None:
    if order is None:
        return None
    return SeenOrder(
        order_id=order.order_id,
        order_number=order.order_number,
        status=order.status,
        lines=[line for line in order.lines if part_of in (None, line.seller_id)],
        shipments=[shipment for shipment in order.shipments if part_of in (None, shipment.seller_id)],
        updated_at=order.updated_at,
    )



def inquiry_seen(runtime: Runtime, viewer: Viewer, inquiry_id: str) -> SeenInquiry:
    """The inquiry with its thread, its history (for the seller and agents) and its order as it is now."""
    with runtime.unit_of_work() as uow:
        return seen_by(uow, viewer, inquiry_for(uow, viewer, inquiry_id))


def change_inquiry(
    runtime: Runtime, viewer: Viewer, inquiry_id: str, change: Callable[[UnitOfWork, Inquiry], Inquiry | None]
) -> SeenInquiry:
    """Make `change` to an inquiry the viewer sees, locked, in one transaction; the inquiry it returns
    (the one changed, unless it says another) as the viewer sees it afterwards."""
    with runtime.unit_of_work() as uow:
        inquiry = inquiry_for(uow, viewer, inquiry_id, for_update=True)
        changed = change(uow, inquiry) or inquiry
        uow.commit()
        return seen_by(uow, viewer, changed)
