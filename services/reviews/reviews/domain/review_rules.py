"""What a review may be and when it may change: its statuses, rating, text length, the edit window."""
from __future__ import annotations

from datetime import datetime, timedelta

# Visible in listings and ratings; hidden by a moderator (its author and admins still see it); deleted by its author.
VISIBLE, HIDDEN, DELETED = "visible", "hidden", "deleted"
MIN_TEXT = 10
MAX_TEXT = 3000
MAX_REPLY = 2000
# A customer edits or deletes their own review within this time of posting it.
EDIT_WINDOW = timedelta(days=30)


def within_edit_window(created_at: datetime, now: datetime) -> bool:
    return now - created_at <= EDIT_WINDOW
