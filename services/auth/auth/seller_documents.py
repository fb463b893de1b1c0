"""Seller documents (A2): uploads checked by their bytes and size, kept in a FileStore, read back by reviewers."""
from __future__ import annotations

import hashlib
import uuid
from typing import BinaryIO

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from auth import audit
from auth.audit import Origin
from auth.domain import sellers as seller_rules
from auth.models import SellerDocument
from auth.sellers import find_seller
from servicekit import clock
from servicekit.app import settings, unit_of_work
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.uploads import Accepted, checked_upload

# Known by their bytes; never decoded here, only kept and handed back to reviewers as attachments.
DOCUMENTS = Accepted("document", {"application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG"})


def upload_document(seller_id: str, kind: str, file: FileStorage, origin: Origin) -> SellerDocument:
    """Keep a seller's document; a seller asked for documents goes back to review."""
    store = settings().document_store()
    with unit_of_work() as uow:
        seller = find_seller(uow, seller_id, for_update=True)
        upload = checked_upload(file, DOCUMENTS, settings().document_max_bytes)
        key = store.put(upload.content)
        document = SellerDocument(
            id=str(uuid.uuid4()),
            seller_id=seller.id,
            kind=kind,
            filename=upload.filename,
            content_type=upload.content_type,
            size_bytes=len(upload.content),
            sha256=hashlib.sha256(upload.content).hexdigest(),
            storage_key=key,
            uploaded_at=clock.now(),
        )
        uow.session.add(document)
        seller.status = seller_rules.status_after_upload(seller.status)
        audit.record_audit(
            uow.session, audit.SELLER_DOCUMENT_UPLOADED, account_id=seller.account_id, origin=origin,
            seller_id=seller.id, document_id=document.id, document_kind=kind, content_type=upload.content_type,
        )
        try:
            uow.commit()
        except BaseException:
            # Bytes nothing refers to would stay on disk for ever.
            store.delete(key)
            raise
        return document


def documents_of(seller_id: str) -> list[SellerDocument]:
    """A seller's documents, newest first."""
    with unit_of_work() as uow:
        seller = find_seller(uow, seller_id)
        statement = (
            select(SellerDocument)
            .where(SellerDocument.seller_id == seller.id)
            .order_by(SellerDocument.uploaded_at.desc(), SellerDocument.id)
        )
        return list(uow.session.scalars(statement))


def open_document(seller_id: str, document_id: str) -> tuple[SellerDocument, BinaryIO]:
    """One of the seller's documents, and its bytes to read."""
    with unit_of_work() as uow:
        document = uow.session.get(SellerDocument, document_id)
    if document is None or document.seller_id != seller_id:
        raise Problem(404, "document-not-found", "Not Found", _("This seller has no document with this id."))
    return document, settings().document_store().open(document.storage_key)
