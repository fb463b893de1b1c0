"""Whose FAQ entries are whose: the platform's shelf (no seller) kept by agents, and each shop's shelf
kept by its seller; agents may also step in on a shop's entries (to take down a wrong answer).

Whoever keeps a shelf reads its unpublished entries too; everyone else reads only published ones.
"""
from __future__ import annotations

from support.domain.people import Viewer


class NoShelf(Exception):
    """The person keeps no FAQ shelf: neither an agent nor a seller with a shop."""


def shelf_written_to(viewer: Viewer) -> str | None:
    """The shelf a new entry goes on: the platform's (None) for agents, their shop's for sellers."""
    if viewer.is_agent:
        return None
    if viewer.is_seller:
        return viewer.seller_id
    raise NoShelf


def keeps(viewer: Viewer, seller_id: str | None) -> bool:
    """Whether the person may change the entries of the shelf of `seller_id` (None: the platform's)."""
    return viewer.is_agent or (seller_id is not None and viewer.is_seller and viewer.seller_id == seller_id)
