"""Seller documents (A2): uploads checked by their bytes and size, kept in a FileStore, read back by reviewers."""
from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timezone

from sqlalchemy import select

from auth import audit
from auth.audit import Origin
from auth.documents import ACCEPTED_TYPES, sniff_document_type
from auth.domain import sellers as seller_rules
from auth.models import SellerDocument
from auth.sellers import find_seller
from servicekit.db import UnitOfWork
from servicekit.files import FileStore, display_filename
from servicekit.problems import Problem

FILENAME_MAX_LENGTH = 255


def document_too_large(max_bytes: int) -> Problem:
    return Problem(
        413,
        "document-too-large",
        "Document too large",
        f"A document may be at most {max_bytes // (1024 * 1024) or 1} MB ({max_bytes} bytes).",
        max_bytes=max_bytes,
    )


def upload_document(
    uow: UnitOfWork,
    store: FileStore,
    max_bytes: int,
    seller_id: str,
    kind: str,
    filename: str | None,
    content: bytes,
    origin: Origin,
) -> SellerDocument:
    """Keep a seller's document; a seller asked for documents goes back to review."""
    seller = find_seller(uow, seller_id, for_update=True)
    if len(content) > max_bytes:
        raise document_too_large(max_bytes)
    content_type = sniff_document_type(content)
    if content_type is None:
        *others, last = ACCEPTED_TYPES.values()
        accepted = f"{', '.join(others)} or {last}"
        raise Problem(
            422,
            "document-type-refused",
            "Unsupported document type",
            f"Upload a {accepted} file; the type is read from the file's content, not its name.",
            errors={"file": [f"Upload a {accepted} file."]},
        )
    key = store.put(content)
    document = SellerDocument(
        id=str(uuid.uuid4()),
        seller_id=seller.id,
        kind=kind,
        filename=display_filename(filename, "document", FILENAME_MAX_LENGTH),
        content_type=content_type,
        size_bytes=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        storage_key=key,
        uploaded_at=datetime.now(timezone.utc),
    )
    uow.session.add(document)
    seller.status = seller_rules.status_after_upload(seller.status)
    audit.record_audit(
        uow.session, audit.SELLER_DOCUMENT_UPLOADED, account_id=seller.account_id, origin=origin,
        seller_id=seller.id, document_id=document.id, document_kind=kind, content_type=content_type,
    )
    try:
        uow.commit()
    except BaseException:
        # Bytes nothing refers to would stay on disk for ever.
        store.delete(key)
        raise
    return document


def documents_of(uow: UnitOfWork, seller_id: str) -> list[SellerDocument]:
    """A seller's documents, newest first."""
    seller = find_seller(uow, seller_id)
    statement = (
        select(SellerDocument)
        .where(SellerDocument.seller_id == seller.id)
        .order_by(SellerDocument.uploaded_at.desc(), SellerDocument.id)
    )
    return list(uow.session.scalars(statement))


def find_document(uow: UnitOfWork, seller_id: str, document_id: str) -> SellerDocument:
    document = uow.session.get(SellerDocument, document_id)
    if document is None or document.seller_id != seller_id:
        raise Problem(404, "document-not-found", "Not Found", "This seller has no document with this id.")
    return document
