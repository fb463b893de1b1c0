"""Notifications tables, one module per area; importing this package registers every table on Base."""
from notifications.models.base import Base
from notifications.models.notifications import Notification, Preference, SellerNoticeWaiting
from notifications.models.recipients import KnownOrder, Recipient, SellerAccount

__all__ = ["Base", "KnownOrder", "Notification", "Preference", "Recipient", "SellerAccount", "SellerNoticeWaiting"]
