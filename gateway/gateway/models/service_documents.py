"""The last good OpenAPI document of each service, which the merged document serves while the service is down."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from gateway.models.base import Base
from servicekit.types import UtcDateTime


class ServiceDocument(Base):
    """A service's OpenAPI document as it last answered it, and when: kept in the database so that a gateway
    started while the service is down still documents its paths (see gateway.service_documents)."""

    __tablename__ = "service_documents"

    service: Mapped[str] = mapped_column(String(40), primary_key=True)
    document: Mapped[dict] = mapped_column(JSON)
    fetched_at: Mapped[datetime] = mapped_column(UtcDateTime)
