"""Inquiry use cases: open one, write in its thread (answers, replies, internal notes, attachments),
move it through its states, rate its resolution; every change kept in its history (inquiry_history).
"""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Callable, Iterable

from sqlalchemy import Select, and_, or_, select
from werkzeug.datastructures import FileStorage

from servicekit import clock
from servicekit.batch_jobs import change_each_due
from servicekit.db import UnitOfWork
from servicekit.files import FileStore
from servicekit.languages import _
from servicekit.pagination import page_of
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from servicekit.uploads import IMAGE_TYPES, Accepted, CheckedUpload, checked_upload
from support import cs_analytics, routing
from support.domain.inquiry_states import (
    ACTIVE,
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
from support.models import Attachment, Inquiry, Message
from support.models.faq import FaqEntry
from support.models.order_view import KnownOrder, KnownProduct
from support.targets import response_targets
from support.visible_inquiries import SeenInquiry, change_inquiry, inquiry_for, seen_by, staff_role, visible_to

ATTACHMENTS = Accepted("attachment", {**IMAGE_TYPES, "application/pdf": "PDF"}, field="files", max_filename_length=200)
# Three of them fit in the gateway's 10 MiB limit for uploads.
MAX_ATTACHMENT_BYTES = 3 * 1024 * 1024
MAX_ATTACHMENTS = 3


def _seller_of(uow: UnitOfWork, customer_id: str, fields: dict[str, Any]) -> str | None:
    """The seller an inquiry is about, from what support knows of the order or product it names.

    The order must be the customer's own; an order or product support never heard of is refused.
    """
    order_id, product_id, line_no = fields.get("order_id"), fields.get("product_id"), fields.get("order_line_no")
    if order_id is not None:
        order = uow.session.get(KnownOrder, order_id)
        if order is None or order.customer_id != customer_id:
            raise Problem(
                422, "unknown-order", _("Unknown order"), _("You have no order with this id."),
                errors={"order_id": [_("Not yours.")]},
            )
        lines = [line for line in order.lines if line_no is None or line.line_no == line_no]
        if not lines:
            raise Problem(
                422, "unknown-order-line", _("Unknown order line"), _("The order has no such line."),
                errors={"order_line_no": [_("No such line.")]},
            )
        if product_id is not None:
            lines = [line for line in lines if line.product_id == product_id] or lines
        sellers = {line.seller_id for line in lines}
        return sellers.pop() if len(sellers) == 1 else None
    if product_id is not None:
        product = uow.session.get(KnownProduct, product_id)
        if product is None:
            raise Problem(
                422, "unknown-product", _("Unknown product"), _("No product has this id."),
                errors={"product_id": [_("No such product.")]},
            )
        return product.seller_id
    return None


def open_inquiry(runtime: Runtime, viewer: Viewer, fields: dict[str, Any]) -> SeenInquiry:
    """A customer opens an inquiry with a first message; it goes to its owner with due times."""
    with runtime.unit_of_work() as uow:
        inquiry = _open_for(uow, viewer, fields)
        uow.commit()
        return seen_by(uow, viewer, inquiry)


def _open_for(uow: UnitOfWork, viewer: Viewer, fields: dict[str, Any], *, follows: Inquiry | None = None) -> Inquiry:
    seller_id = _seller_of(uow, viewer.subject, fields)
    return start_inquiry(
        uow, viewer.subject, viewer.name, seller_id, fields, viewer.subject, "customer", clock.now(), follows=follows
    )


def inquiries_page(
    runtime: Runtime, viewer: Viewer, filters: dict[str, str], paging, *,
    breached: bool | None = None, due_before: datetime | None = None, q: str | None = None,
) -> list[Inquiry]:
    """Inquiries the viewer may see, newest first, of the status, type, owner or assignee `filters` name;
    breached (a target missed) or not; with a target still to meet before `due_before` (the clocks of one
    waiting on its customer are stopped); with the words `q` in the subject."""
    statement = visible_to(viewer).order_by(Inquiry.created_at.desc(), Inquiry.id)
    for name, value in filters.items():
        statement = statement.where(getattr(Inquiry, name) == value)
    if breached is not None:
        statement = statement.where(Inquiry.breached_at.is_not(None) if breached else Inquiry.breached_at.is_(None))
    if due_before is not None:
        statement = statement.where(Inquiry.status.in_(tuple(s for s in ACTIVE if s != WAITING_ON_CUSTOMER)), or_(
            and_(Inquiry.first_responded_at.is_(None), Inquiry.first_response_due_at < due_before),
            and_(Inquiry.resolved_at.is_(None), Inquiry.resolution_due_at < due_before),
        ))
    for word in (q or "").split():
        statement = statement.where(Inquiry.subject.icontains(word, autoescape=True))
    with runtime.unit_of_work() as uow:
        return list(page_of(uow.session, statement, paging))


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
        targets_in_business_hours=targets.business_hours,
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
    uploads: Iterable[tuple[CheckedUpload, str]],
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
                content_type=upload.content_type,
                size=len(upload.content),
                stored_name=key,
                created_at=at,
            )
            for upload, key in uploads
        ],
    )
    inquiry.messages.append(message)
    return message


def stored_uploads(store: FileStore, files: list[FileStorage]) -> list[tuple[CheckedUpload, str]]:
    """Check each attachment by its bytes and size, then keep it; nothing is kept if one is refused."""
    if len(files) > MAX_ATTACHMENTS:
        raise Problem(422, "too-many-attachments", _("Too many attachments"),
                      _("At most %(count)s files a message.", count=MAX_ATTACHMENTS))
    checked = [
        checked_upload(file, ATTACHMENTS, MAX_ATTACHMENT_BYTES, position=position)
        for position, file in enumerate(files, start=1)
    ]
    return [(upload, store.put(upload.content)) for upload in checked]


def tell_customer(uow: UnitOfWork, inquiry: Inquiry, body: str, at: datetime) -> Message:
    """A system message in the thread that answers nothing: no clock stops and the status stays as it is."""
    return _add_message(uow, inquiry, None, "system", body, False, (), at)


def answer(
    uow: UnitOfWork,
    inquiry: Inquiry,
    author_id: str | None,
    role: str,
    body: str,
    uploads: Iterable[tuple[CheckedUpload, str]],
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
    uploads: list[tuple[CheckedUpload, str]],
    faq_entry_id: str | None = None,
) -> tuple[Inquiry, Message]:
    """Someone writes in the thread. The customer replies (reopening, or opening a linked inquiry once
    it is too late to reopen); the seller or an agent answers, or leaves an internal note. An answer may cite the
    FAQ entry it was taken from.
    """
    now = clock.now()
    role = viewer.role_in(inquiry.seller_id, inquiry.customer_id)
    if faq_entry_id is not None:
        _check_citation(uow, inquiry, role, internal, faq_entry_id)
    if role == "customer":
        if internal:
            raise Problem(403, "notes-are-for-staff", "Forbidden", _("Internal notes are for the seller and agents."))
        if inquiry.status == CLOSED or (inquiry.status == RESOLVED and not customer_reply_reopens(
            inquiry.status, inquiry.resolved_at, now
        )):
            follow_up = _open_for(
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
        raise Problem(409, "inquiry-closed", _("Inquiry closed"), _("A closed inquiry takes no more messages."))
    if internal:
        return inquiry, _add_message(uow, inquiry, viewer.subject, role, body, True, uploads, now)
    return inquiry, answer(uow, inquiry, viewer.subject, role, body, uploads, now, faq_entry_id=faq_entry_id)


def _check_citation(uow: UnitOfWork, inquiry: Inquiry, role: str | None, internal: bool, faq_entry_id: str) -> None:
    """An answer of the seller or an agent cites a published entry of the platform or of the inquiry's shop."""
    if role == "customer" or internal:
        raise Problem(422, "citation-for-answers", _("Not an answer"),
                      _("Only a seller's or an agent's answer cites an FAQ entry."))
    entry = uow.session.get(FaqEntry, faq_entry_id)
    if entry is None or not entry.published or entry.seller_id not in (None, inquiry.seller_id):
        raise Problem(422, "unknown-faq-entry", _("Unknown FAQ entry"),
                      _("No published FAQ entry of the platform or of this shop has this id."))


def write_in_thread(
    runtime: Runtime,
    viewer: Viewer,
    inquiry_id: str,
    store: FileStore,
    read_message: Callable[[], tuple[str, bool, list[FileStorage], str | None]],
) -> SeenInquiry:
    """Someone writes in the thread (see `write`), with up to three attachments checked by their bytes.

    `read_message` reads what was sent (body, internal, uploads, the FAQ entry cited) only once the writer is known to see
    the inquiry; the attachments are kept before the inquiry is locked, so no lock waits on them.
    """
    with runtime.unit_of_work() as uow:
        inquiry_for(uow, viewer, inquiry_id)
    body, internal, uploads, faq_entry_id = read_message()
    stored = stored_uploads(store, uploads)
    return change_inquiry(
        runtime, viewer, inquiry_id,
        lambda uow, inquiry: write(uow, viewer, inquiry, body, internal, stored, faq_entry_id)[0],
    )


def attachment_of(runtime: Runtime, viewer: Viewer, inquiry_id: str, attachment_id: str) -> Attachment:
    """An attachment of a message the viewer may read."""
    with runtime.unit_of_work() as uow:
        visible = seen_by(uow, viewer, inquiry_for(uow, viewer, inquiry_id)).messages
    found = next((a for message in visible for a in message.attachments if a.id == attachment_id), None)
    if found is None:
        raise Problem(404, "attachment-not-found", "Not Found", _("No such attachment on this inquiry."))
    return found


def change_status(runtime: Runtime, viewer: Viewer, inquiry_id: str, status: str, reason_code: str | None) -> SeenInquiry:
    """The seller or an agent waits on the customer (the response clocks stop meanwhile) or resolves
    with a reason code."""

    def change(uow: UnitOfWork, inquiry: Inquiry) -> None:
        staff_role(viewer, inquiry)
        if status == RESOLVED:
            resolve(uow, inquiry, viewer.subject, reason_code, clock.now())
        else:
            move_inquiry(uow, inquiry, WAITING_ON_CUSTOMER, viewer.subject, clock.now())

    return change_inquiry(runtime, viewer, inquiry_id, change)


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


def change_type(runtime: Runtime, viewer: Viewer, inquiry_id: str, inquiry_type: str, reason: str) -> SeenInquiry:
    """An agent corrects the type, saying why; an inquiry no seller should hold moves to the platform."""

    def change(uow: UnitOfWork, inquiry: Inquiry) -> None:
        if not viewer.is_agent:
            raise Problem(403, "agents-only", "Forbidden", _("Only agents change an inquiry's type."))
        now = clock.now()
        note_change(uow, inquiry, "type", inquiry.inquiry_type, inquiry_type, viewer.subject, now, reason)
        inquiry.inquiry_type = inquiry_type
        owner = owner_of(inquiry_type, inquiry.seller_id)
        if owner != inquiry.owner:
            note_change(uow, inquiry, "owner", inquiry.owner, owner, viewer.subject, now, reason)
            inquiry.owner = owner
        inquiry.updated_at = now

    return change_inquiry(runtime, viewer, inquiry_id, change)


def rate(runtime: Runtime, viewer: Viewer, inquiry_id: str, rating: int, comment: str) -> SeenInquiry:
    """The customer rates a resolved (or closed) inquiry, once."""

    def change(uow: UnitOfWork, inquiry: Inquiry) -> None:
        if viewer.subject != inquiry.customer_id:
            raise Problem(403, "customers-only", "Forbidden", _("Only the customer who asked rates the resolution."))
        if inquiry.status not in (RESOLVED, CLOSED):
            raise Problem(409, "not-resolved", _("Not resolved"), _("An inquiry is rated once it is resolved."))
        if inquiry.satisfaction is not None:
            raise Problem(409, "already-rated", _("Already rated"), _("This inquiry was rated already."))
        inquiry.satisfaction = rating
        inquiry.satisfaction_comment = comment
        inquiry.updated_at = clock.now()
        cs_analytics.count_rating(uow.session, inquiry, rating, inquiry.updated_at)

    return change_inquiry(runtime, viewer, inquiry_id, change)


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
