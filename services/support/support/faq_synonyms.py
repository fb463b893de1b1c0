"""The FAQ matcher's synonym and short-form dictionary as admins keep it: groups of words of one language that
mean one thing to a customer (support.domain.faq_synonyms). Agents read it; admins add, change and remove groups.
Every web and worker matches with the change from its next question (the matchers are built again when a group
changes)."""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from servicekit import clock
from servicekit.ids import canonical_id
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from support.domain.people import Viewer
from support.models.faq import FaqSynonymGroup
from wordkit import terms


def _admins_only(viewer: Viewer) -> None:
    if "admin" not in viewer.roles:
        raise Problem(403, "admins-only", "Forbidden", _("Only admins change the FAQ's synonyms."))


def _checked(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields with each word trimmed and each once; a 422 for a word the analyser finds no term in ("the",
    "!!"): it could never match anything."""
    words = list(dict.fromkeys(word.strip() for word in fields["words"] if word.strip())) if "words" in fields else None
    if words is not None:
        if len(words) < 2:
            raise Problem(422, "synonyms-need-two-words", _("Too few words"),
                          _("A group of synonyms needs at least two different words."))
        empty = [word for word in words if not terms(word)]
        if empty:
            raise Problem(422, "synonym-without-terms", _("Word without meaning"),
                          _("These words are only stop words or signs, and would match nothing: %(words)s",
                            words=", ".join(empty)))
        fields = {**fields, "words": words}
    return fields


def groups(runtime: Runtime, language: str | None) -> list[FaqSynonymGroup]:
    statement = select(FaqSynonymGroup).order_by(FaqSynonymGroup.language, FaqSynonymGroup.id)
    if language is not None:
        statement = statement.where(FaqSynonymGroup.language == language)
    with runtime.unit_of_work() as uow:
        return list(uow.session.scalars(statement))


def _group(session, group_id: str) -> FaqSynonymGroup:
    canonical = canonical_id(group_id)
    group = None if canonical is None else session.get(FaqSynonymGroup, canonical, with_for_update=True)
    if group is None:
        raise Problem(404, "synonym-group-not-found", "Not Found", _("No group of synonyms with this id."))
    return group


def add_group(runtime: Runtime, viewer: Viewer, fields: dict[str, Any]) -> FaqSynonymGroup:
    _admins_only(viewer)
    fields = _checked(fields)
    group = FaqSynonymGroup(id=str(uuid.uuid4()), language=fields["language"], words=fields["words"],
                            updated_at=clock.now())
    with runtime.unit_of_work() as uow:
        uow.session.add(group)
        uow.commit()
    return group


def change_group(runtime: Runtime, viewer: Viewer, group_id: str, changes: dict[str, Any]) -> FaqSynonymGroup:
    _admins_only(viewer)
    changes = _checked(changes)
    with runtime.unit_of_work() as uow:
        group = _group(uow.session, group_id)
        for name, value in changes.items():
            setattr(group, name, value)
        group.updated_at = clock.now()
        uow.commit()
    return group


def remove_group(runtime: Runtime, viewer: Viewer, group_id: str) -> None:
    _admins_only(viewer)
    with runtime.unit_of_work() as uow:
        uow.session.delete(_group(uow.session, group_id))
        uow.commit()
