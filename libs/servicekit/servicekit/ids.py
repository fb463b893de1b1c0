"""Ids as the services keep them: UUIDs in their canonical lower-case text."""
from __future__ import annotations

import uuid


def canonical_id(value: str) -> str | None:
    """The canonical text of a UUID given in any accepted spelling, or None for anything that is not one.

    An id from a URL that is no UUID names nothing: callers answer it as not found.
    """
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None
