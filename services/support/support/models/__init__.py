"""Support tables, one module per area; importing this package registers every table on Base."""
from support.models.base import Base
from support.models.inquiries import Attachment, HistoryEntry, Inquiry, Message
from support.models import agents, analytics, answers, claims, faq, order_view, response_targets, review_follow_ups  # noqa: F401  (their tables join Base.metadata)

__all__ = ["Attachment", "Base", "HistoryEntry", "Inquiry", "Message"]
