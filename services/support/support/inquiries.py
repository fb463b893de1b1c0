"""Inquiry use cases: open one, write in its thread (answers, replies, internal notes, attachments),
move it through its states, rate its resolution; every change kept in its history (inquiry_history).
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable

from sqlalchemy import Select, or_, select

from servicekit import clock
from servicekit.batch_jobs import change_each_due
from servicekit.db import UnitOfWork
from servicekit.ids import canonical_id
from servicekit.files import FileStore, sniff_media_type
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from support import cs_analytics, routing
from support.domain.inquiry_states import (
    ANSWERED,
    CLOSE_AFTER,
    CLOSED,
    RESOLVED,
    WAITING_ON_CUSTOMER,
    customer_reply_reopens,
    status_after_customer_reply,
)
from support.domain.ownership import owner_of
from support.domain.people import Viewer
from support.inquiry_history import move_inquiry, note_change
from support.models import Attachment, HistoryEntry, Inquiry, Message
from support.models.order_view import KnownOrder, KnownOrderLine, KnownProduct, KnownShipment
from support.targets import response_targets

ATTACHMENT_TYPES = ("image/jpeg", "image/png", "image/webp", "application/pdf")
# Three of them fit in the gateway's 10 MiB limit for uploads.
MAX_ATTACHMENT_BYTES = 3 * 1024 * 1024
MAX_ATTACHMENTS = 3


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes


def _not_found() -> Problem:
    return Problem(404, "inquiry-not-found", "Not Found", "No inquiry with this id is visible to you.")


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


def _seller_of(uow: UnitOfWork, customer_id: str, fields: dict[str, Any]) -> str | None:
    """The seller an inquiry is about, from what support knows of the order or product it names.

    The order must be the customer's own; an order or product support never heard of is refused.
    """
    order_id, product_id, line_no = fields.get("order_id"), fields.get("product_id"), fields.get("order_line_no")
    if order_id is not None:
        order = uow.session.get(KnownOrder, order_id)
        if order is None or order.customer_id != customer_id:
            raise Problem(
                422, "unknown-order", "Unknown order", "You have no order with this id.", errors={"order_id": ["Not yours."]}
            )
        lines = [line for line in order.lines if line_no is None or line.line_no == line_no]
        if not lines:
            raise Problem(
                422, "unknown-order-line", "Unknown order line", "The order has no such line.",
                errors={"order_line_no": ["No such line."]},
            )
        if product_id is not None:
            lines = [line for line in lines if line.product_id == product_id] or lines
        sellers = {line.seller_id for line in lines}
        return sellers.pop() if len(sellers) == 1 else None
    if product_id is not None:
        product = uow.session.get(KnownProduct, product_id)
        if product is None:
            raise Problem(
                422, "unknown-product", "Unknown product", "No product has this id.",
                errors={"product_id": ["No such product."]},
            )
        return product.seller_id
    return None


def open_inquiry(uow: UnitOfWork, viewer: Viewer, fields: dict[str, Any], *, follows: Inquiry | None = None) -> Inquiry:
    """A customer opens an inquiry with a first message; it goes to its owner with due times."""
    seller_id = _seller_of(uow, viewer.subject, fields)
    return start_inquiry(
        uow, viewer.subject, viewer.name or "", seller_id, fields, viewer.subject, "customer", clock.now(), follows=follows
    )


def start_inquiry(
    uow: UnitOfWork,
    customer_id: str,
    customer_name: str,
    seller_id: str | None,
    fields: dict[str, Any],
    author_id: str | None,
    author_role: str,
    now: datetime,
    *,
    follows: Inquiry | None = None,
) -> Inquiry:
    """A new inquiry for a customer, its first message by `author_role` (the customer, or the system for
    a case the platform opens), routed to its owner with due times.
    """
    owner = owner_of(fields["inquiry_type"], seller_id)
    targets = response_targets(uow.session, fields["inquiry_type"], owner, now)
    inquiry = Inquiry(
        id=str(uuid.uuid4()),
        customer_id=customer_id,
        customer_name=customer_name,
        inquiry_type=fields["inquiry_type"],
        subject=fields["subject"],
        status="open",
        owner=owner,
        seller_id=seller_id,
        order_id=fields.get("order_id"),
        order_line_no=fields.get("order_line_no"),
        product_id=fields.get("product_id"),
        follows_inquiry_id=follows.id if follows is not None else None,
        escalated=False,
        first_response_due_at=targets.first_response_due_at,
        resolution_due_at=targets.resolution_due_at,
        created_at=now,
        updated_at=now,
    )
    uow.session.add(inquiry)
    uow.session.flush()
    cs_analytics.count_opened(uow.session, inquiry, now)
    _add_message(uow, inquiry, author_id, author_role, fields["body"], False, fields.get("uploads", ()), now)
    note_change(uow, inquiry, "status", None, "open", author_id, now)
    routing.assign_new_inquiry(uow, inquiry, now)
    uow.record(
        "InquiryOpened",
        {
            "inquiry_id": inquiry.id,
            "customer_id": inquiry.customer_id,
            "inquiry_type": inquiry.inquiry_type,
            "subject": inquiry.subject,
            "order_id": inquiry.order_id,
            "product_id": inquiry.product_id,
            "seller_id": inquiry.seller_id,
            "owner": inquiry.owner,
            "first_response_due_at": inquiry.first_response_due_at,
            "opened_at": now,
        },
    )
    return inquiry


def _add_message(
    uow: UnitOfWork,
    inquiry: Inquiry,
    author_id: str | None,
    role: str,
    body: str,
    internal: bool,
    uploads: Iterable[tuple[Upload, str, str]],
    at: datetime,
    *,
    automatic: bool = False,
    faq_entry_id: str | None = None,
) -> Message:
    message = Message(
        id=str(uuid.uuid4()),
        inquiry_id=inquiry.id,
        author_id=author_id,
        author_role=role,
        body=body,
        internal=internal,
        automatic=automatic,
        faq_entry_id=faq_entry_id,
        created_at=at,
        attachments=[
            Attachment(
                id=str(uuid.uuid4()),
                filename=upload.filename,
                content_type=content_type,
                size=len(upload.content),
                stored_name=key,
                created_at=at,
            )
            for upload, content_type, key in uploads
        ],
    )
    inquiry.messages.append(message)
    return message


def stored_uploads(store: FileStore, uploads: list[Upload]) -> list[tuple[Upload, str, str]]:
    """Check each attachment by its bytes and size, then keep it; nothing is kept if one is refused."""
    if len(uploads) > MAX_ATTACHMENTS:
        raise Problem(422, "too-many-attachments", "Too many attachments", f"At most {MAX_ATTACHMENTS} files a message.")
    checked = []
    for upload in uploads:
        if len(upload.content) > MAX_ATTACHMENT_BYTES:
            raise Problem(413, "attachment-too-large", "Attachment too large", f"{upload.filename} is over 3 MiB.")
        content_type = sniff_media_type(upload.content, ATTACHMENT_TYPES)
        if content_type is None:
            raise Problem(
                422,
                "attachment-type-refused",
                "Attachment type refused",
                f"{upload.filename} is not a JPEG, PNG, WebP or PDF file.",
            )
        checked.append((upload, content_type))
    return [(upload, content_type, store.put(upload.content)) for upload, content_type in checked]


def tell_customer(uow: UnitOfWork, inquiry: Inquiry, body: str, at: datetime) -> Message:
    """A system message in the thread that answers nothing: no clock stops and the status stays as it is."""
    return _add_message(uow, inquiry, None, "system", body, False, (), at)


def answer(
    uow: UnitOfWork,
    inquiry: Inquiry,
    author_id: str | None,
    role: str,
    body: str,
    uploads: Iterable[tuple[Upload, str, str]],
    at: datetime,
    *,
    automatic: bool = False,
    faq_entry_id: str | None = None,
) -> Message:
    """A seller, an agent or the FAQ answers: the first answer stops the first-response clock. The
    first answer of a person after a rejected automatic answer stops the restarted clock; CS analytics
    counted the inquiry's first response already (the automatic one).
    """
    message = _add_message(
        uow, inquiry, author_id, role, body, False, uploads, at, automatic=automatic, faq_entry_id=faq_entry_id
    )
    first = inquiry.first_responded_at is None
    if first:
        inquiry.first_responded_at = at
        if not any(earlier.automatic for earlier in inquiry.messages if earlier is not message):
            cs_analytics.count_first_response(uow.session, inquiry, at, automatic=automatic)
    if inquiry.status != ANSWERED:
        move_inquiry(uow, inquiry, ANSWERED, author_id, at)
    uow.record(
        "InquiryAnswered",
        {
            "inquiry_id": inquiry.id,
            "customer_id": inquiry.customer_id,
            "answered_by": author_id,
            "by_role": role,
            "automatic": automatic,
            "first_response": first,
            "answered_at": at,
        },
    )
    return message


def write(
    uow: UnitOfWork,
    viewer: Viewer,
    inquiry: Inquiry,
    body: str,
    internal: bool,
    uploads: list[tuple[Upload, str, str]],
) -> tuple[Inquiry, Message]:
    """Someone writes in the thread. The customer replies (reopening, or opening a linked inquiry once
    it is too late to reopen); the seller or an agent answers, or leaves an internal note.
    """
    now = clock.now()
    role = viewer.role_in(inquiry.owner, inquiry.seller_id, inquiry.customer_id)
    if role == "customer":
        if internal:
            raise Problem(403, "notes-are-for-staff", "Forbidden", "Internal notes are for the seller and agents.")
        if inquiry.status == CLOSED or (inquiry.status == RESOLVED and not customer_reply_reopens(
            inquiry.status, inquiry.resolved_at, now
        )):
            follow_up = open_inquiry(
                uow,
                viewer,
                {
                    "inquiry_type": inquiry.inquiry_type,
                    "subject": inquiry.subject,
                    "body": body,
                    "order_id": inquiry.order_id,
                    "order_line_no": inquiry.order_line_no,
                    "product_id": inquiry.product_id,
                    "uploads": uploads,
                },
                follows=inquiry,
            )
            return follow_up, follow_up.messages[0]
        message = _add_message(uow, inquiry, viewer.subject, "customer", body, False, uploads, now)
        if inquiry.status == RESOLVED:
            inquiry.resolved_at = None
            inquiry.resolution_reason = None
        target = status_after_customer_reply(inquiry.status, inquiry.assignee_id)
        if inquiry.status != target:
            move_inquiry(uow, inquiry, target, viewer.subject, now, "the customer wrote")
        return inquiry, message
    if inquiry.status == CLOSED:
        raise Problem(409, "inquiry-closed", "Inquiry closed", "A closed inquiry takes no more messages.")
    if internal:
        return inquiry, _add_message(uow, inquiry, viewer.subject, role, body, True, uploads, now)
    return inquiry, answer(uow, inquiry, viewer.subject, role, body, uploads, now)


def staff_role(viewer: Viewer, inquiry: Inquiry) -> str:
    """The seller or agent handling an inquiry; the customer (or anyone else) is refused."""
    role = viewer.role_in(inquiry.owner, inquiry.seller_id, inquiry.customer_id)
    if role not in ("seller", "agent"):
        raise Problem(403, "staff-only", "Forbidden", "Only the seller of this inquiry or an agent may do this.")
    return role


def wait_on_customer(uow: UnitOfWork, viewer: Viewer, inquiry: Inquiry) -> Inquiry:
    """The seller or agent needs the customer's answer; the response clocks stop meanwhile."""
    staff_role(viewer, inquiry)
    move_inquiry(uow, inquiry, WAITING_ON_CUSTOMER, viewer.subject, clock.now())
    return inquiry


def resolve(uow: UnitOfWork, inquiry: Inquiry, actor_id: str | None, reason_code: str, at: datetime) -> None:
    """Resolve with a reason code and tell whoever listens. CS analytics counts an inquiry's first
    resolution only: one the customer reopened and someone resolved again is one inquiry resolved."""
    move_inquiry(uow, inquiry, RESOLVED, actor_id, at, reason_code)
    inquiry.resolution_reason = reason_code
    inquiry.resolved_at = at
    if inquiry.first_resolved_at is None:
        inquiry.first_resolved_at = at
        cs_analytics.count_resolved(uow.session, inquiry, at)
    uow.record(
        "InquiryResolved",
        {
            "inquiry_id": inquiry.id,
            "customer_id": inquiry.customer_id,
            "inquiry_type": inquiry.inquiry_type,
            "owner": inquiry.owner,
            "seller_id": inquiry.seller_id,
            "reason_code": reason_code,
            "resolved_at": at,
        },
    )


def resolve_by(uow: UnitOfWork, viewer: Viewer, inquiry: Inquiry, reason_code: str) -> Inquiry:
    staff_role(viewer, inquiry)
    resolve(uow, inquiry, viewer.subject, reason_code, clock.now())
    return inquiry


def change_type(uow: UnitOfWork, viewer: Viewer, inquiry: Inquiry, inquiry_type: str, reason: str) -> Inquiry:
    """An agent corrects the type; an inquiry no seller should hold moves to the platform."""
    if not viewer.is_agent:
        raise Problem(403, "agents-only", "Forbidden", "Only agents change an inquiry's type.")
    now = clock.now()
    note_change(uow, inquiry, "type", inquiry.inquiry_type, inquiry_type, viewer.subject, now, reason)
    inquiry.inquiry_type = inquiry_type
    owner = owner_of(inquiry_type, inquiry.seller_id)
    if owner != inquiry.owner:
        note_change(uow, inquiry, "owner", inquiry.owner, owner, viewer.subject, now, reason)
        inquiry.owner = owner
    inquiry.updated_at = now
    return inquiry


def rate(uow: UnitOfWork, viewer: Viewer, inquiry: Inquiry, rating: int, comment: str) -> Inquiry:
    """The customer rates a resolved (or closed) inquiry, once."""
    if viewer.subject != inquiry.customer_id:
        raise Problem(403, "customers-only", "Forbidden", "Only the customer who asked rates the resolution.")
    if inquiry.status not in (RESOLVED, CLOSED):
        raise Problem(409, "not-resolved", "Not resolved", "An inquiry is rated once it is resolved.")
    if inquiry.satisfaction is not None:
        raise Problem(409, "already-rated", "Already rated", "This inquiry was rated already.")
    inquiry.satisfaction = rating
    inquiry.satisfaction_comment = comment
    inquiry.updated_at = clock.now()
    cs_analytics.count_rating(uow.session, inquiry, rating, inquiry.updated_at)
    return inquiry


def close_resolved_inquiries(runtime: Runtime) -> int:
    """The worker's job: an inquiry resolved a week ago that nobody reopened is closed."""

    def due(now: datetime) -> Select:
        return select(Inquiry).where(Inquiry.status == RESOLVED, Inquiry.resolved_at <= now - CLOSE_AFTER).order_by(
            Inquiry.resolved_at, Inquiry.id
        )

    def close(uow: UnitOfWork, inquiry: Inquiry, now: datetime) -> None:
        move_inquiry(uow, inquiry, CLOSED, None, now, "closed a week after resolution")
        inquiry.closed_at = now

    return change_each_due(runtime, due, close)


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
    part_of = viewer.part_seen(inquiry.owner, inquiry.seller_id, inquiry.customer_id)
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

