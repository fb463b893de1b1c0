"""The category tree: which categories lie under which, and which moves keep it a tree."""
from __future__ import annotations

from collections.abc import Mapping


def subtree(category_id: str, parent_of: Mapping[str, str | None]) -> set[str]:
    """The category and every category below it, at any depth."""
    found = {category_id}
    grew = True
    while grew:
        below = {child for child, parent in parent_of.items() if parent in found} - found
        found |= below
        grew = bool(below)
    return found


def move_keeps_a_tree(category_id: str, new_parent_id: str | None, parent_of: Mapping[str, str | None]) -> bool:
    """Whether `category_id` may move under `new_parent_id`: never under itself or one of its descendants."""
    return new_parent_id is None or new_parent_id not in subtree(category_id, parent_of)
