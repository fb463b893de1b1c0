"""The last good OpenAPI document of each service, so the merged document keeps a service's paths while it is down.

Each gateway process keeps the copies in memory, which answer nearly every request, and in the gateway's database,
which every process and replica shares: a gateway started while a service is down (a deploy, a crash) still has the
copy that an earlier one fetched. The database is written only when a service's document changed since this
process last saw it (once per service after a start), and read only for a service that is down and that this
process has not fetched yet. A copy says when it was fetched; the merged document shows that in `x-stale`.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Mapping

from flask import Flask, current_app
from sqlalchemy import select

from gateway.models import ServiceDocument
from servicekit import clock
from servicekit.runtime import Runtime

Document = dict[str, Any]


@dataclass(frozen=True)
class KeptDocument:
    document: Document
    fetched_at: datetime


@dataclass(frozen=True)
class ServedDocuments:
    """Each service's document (None when there is none at all) and when the copies served instead of a fresh
    one were fetched."""

    documents: dict[str, Document | None]
    stale: dict[str, datetime]


class LastGoodDocuments:
    """One gateway process's copies; safe to use from the threads of its requests."""

    def __init__(self) -> None:
        self._kept: dict[str, KeptDocument] = {}
        self._lock = threading.Lock()

    def served(self, runtime: Runtime, fetched: Mapping[str, Document | None]) -> ServedDocuments:
        """What to merge, given what each service answered now (None: no document)."""
        now = clock.now()
        with self._lock:
            changed = {service: document for service, document in fetched.items()
                       if document is not None and self._differs(service, document)}
            self._kept.update({service: KeptDocument(document, now)
                               for service, document in fetched.items() if document is not None})
            unknown = [service for service, document in fetched.items()
                       if document is None and service not in self._kept]
        if changed:
            keep_documents(runtime, changed, now)
        if unknown:
            found = kept_documents(runtime, unknown)
            with self._lock:
                for service, kept in found.items():
                    self._kept.setdefault(service, kept)
        with self._lock:
            documents = {service: document if document is not None else _document_of(self._kept.get(service))
                         for service, document in fetched.items()}
            stale = {service: self._kept[service].fetched_at
                     for service, document in fetched.items() if document is None and service in self._kept}
        return ServedDocuments(documents, stale)

    def _differs(self, service: str, document: Document) -> bool:
        kept = self._kept.get(service)
        return kept is None or kept.document != document


def _document_of(kept: KeptDocument | None) -> Document | None:
    return None if kept is None else kept.document


def keep_documents(runtime: Runtime, documents: Mapping[str, Document], fetched_at: datetime) -> None:
    """Store each service's document as its last good copy, replacing the one before."""
    with runtime.unit_of_work() as uow:
        for service, document in documents.items():
            stored = uow.session.get(ServiceDocument, service, with_for_update=True)
            if stored is None:
                stored = ServiceDocument(service=service, document=document, fetched_at=fetched_at)
                if uow.add_once(stored):
                    continue
                # Another gateway stored its copy meanwhile: this one, fetched as late, replaces it.
                stored = uow.session.get(ServiceDocument, service, with_for_update=True, populate_existing=True)
            stored.document, stored.fetched_at = document, fetched_at
        uow.commit()


def kept_documents(runtime: Runtime, services: list[str]) -> dict[str, KeptDocument]:
    """The stored copies of `services` that there are."""
    with runtime.unit_of_work() as uow:
        rows = uow.session.scalars(select(ServiceDocument).where(ServiceDocument.service.in_(services)))
        return {row.service: KeptDocument(row.document, row.fetched_at) for row in rows}


def init_last_good_documents(app: Flask) -> None:
    app.extensions["last-good-documents"] = LastGoodDocuments()


def last_good_documents() -> LastGoodDocuments:
    return current_app.extensions["last-good-documents"]
