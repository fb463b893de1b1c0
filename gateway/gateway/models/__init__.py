"""Gateway tables; importing this package registers every table on Base."""
from gateway.models.base import Base
from gateway.models.service_documents import ServiceDocument
from gateway.models.sessions import UserSession

__all__ = ["Base", "ServiceDocument", "UserSession"]
