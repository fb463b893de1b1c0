"""The category tree: anyone reads it; admins add, rename, re-slug, reorder and move categories."""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from catalog.domain.categories import move_keeps_a_tree, subtree
from catalog.models import Category
from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime


def text_id(value: uuid.UUID | str | None) -> str | None:
    """An id as the tables keep it: the API parses UUIDs, the columns hold their text."""
    return None if value is None else str(value)


def _slug_taken() -> Problem:
    return Problem(409, "category-slug-taken", _("Slug taken"), _("Another category already uses this slug."))


def _unknown_category(field: str) -> Problem:
    return Problem(
        422,
        "unknown-category",
        _("Unknown category"),
        _("No category has this id."),
        errors={field: [_("No category has this id.")]},
    )


def refuse_unknown_category(session: Session, category_id: str | None, field: str) -> None:
    if category_id is not None and session.get(Category, category_id) is None:
        raise _unknown_category(field)


def _refuse_taken_slug(session: Session, slug: str) -> None:
    if session.scalar(select(Category.id).where(Category.slug == slug)) is not None:
        raise _slug_taken()


def _commit_category(uow: UnitOfWork) -> None:
    try:
        uow.commit()
    except IntegrityError:
        # Another category took the slug between the check and the commit; the unique index decided.
        raise _slug_taken() from None


def create_category(runtime: Runtime, fields: dict[str, Any]) -> Category:
    parent_id = text_id(fields["parent_id"])
    with runtime.unit_of_work() as uow:
        refuse_unknown_category(uow.session, parent_id, "parent_id")
        _refuse_taken_slug(uow.session, fields["slug"])
        category = Category(
            id=str(uuid.uuid4()),
            parent_id=parent_id,
            name=fields["name"],
            slug=fields["slug"],
            position=fields["position"],
            created_at=clock.now(),
        )
        uow.session.add(category)
        _commit_category(uow)
    return category


def edit_category(runtime: Runtime, category_id: str, changes: dict[str, Any]) -> Category:
    """Rename, re-slug, reorder or move a category; a move under itself or its own descendant is refused."""
    with runtime.unit_of_work() as uow:
        # Lock the whole tree: two moves checked at once could otherwise join into a cycle.
        parent_of = dict(uow.session.execute(select(Category.id, Category.parent_id).with_for_update()).all())
        category = uow.session.get(Category, category_id)
        if category is None:
            raise Problem(404, "category-not-found", "Not Found", _("No category has this id."))
        if "parent_id" in changes:
            changes["parent_id"] = text_id(changes["parent_id"])
            if changes["parent_id"] is not None and changes["parent_id"] not in parent_of:
                raise _unknown_category("parent_id")
            if not move_keeps_a_tree(category_id, changes["parent_id"], parent_of):
                raise Problem(
                    409,
                    "category-move-into-own-subtree",
                    _("Move refused"),
                    _("A category cannot move under itself or one of its descendants."),
                )
        if changes.get("slug", category.slug) != category.slug:
            _refuse_taken_slug(uow.session, changes["slug"])
        for field, value in changes.items():
            setattr(category, field, value)
        _commit_category(uow)
    return category


def category_tree(runtime: Runtime) -> list[dict[str, Any]]:
    """Every root category with its children nested, each level ordered by position, then name."""
    with runtime.unit_of_work() as uow:
        categories = list(uow.session.scalars(select(Category).order_by(Category.position, Category.name)))
    nodes = {
        c.id: {
            "id": c.id,
            "parent_id": c.parent_id,
            "name": c.name,
            "slug": c.slug,
            "position": c.position,
            "created_at": c.created_at,
            "children": [],
        }
        for c in categories
    }
    roots: list[dict[str, Any]] = []
    for category in categories:
        siblings = roots if category.parent_id is None else nodes[category.parent_id]["children"]
        siblings.append(nodes[category.id])
    return roots


def category_and_descendants(session: Session, category_id: str) -> frozenset[str]:
    parent_of = dict(session.execute(select(Category.id, Category.parent_id)).all())
    return frozenset(subtree(category_id, parent_of))
