"""FAQ use cases: agents write and unpublish entries; anyone searches them, and a customer writing
an inquiry is shown the entries that may already answer it.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Select, case, false, select

from servicekit.db import UnitOfWork
from servicekit.problems import Problem
from support.domain.faq_matching import SEARCH_FLOOR, SUGGESTION_FLOOR, SUGGESTIONS, FaqMatcher, FaqText, Match
from support.domain.people import Viewer
from support.models.faq import FaqEntry


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _agents_only(viewer: Viewer) -> None:
    if not viewer.is_agent:
        raise Problem(403, "agents-only", "Forbidden", "Only agents write the FAQ.")


def _not_found() -> Problem:
    return Problem(404, "faq-entry-not-found", "Not Found", "No FAQ entry with this id.")


def matched_text(entry: FaqEntry) -> FaqText:
    """What a question is compared with: the entry's question and its keywords (not the answer,
    whose words are about the solution, not the problem).
    """
    return FaqText(entry.id, " ".join([entry.question, *entry.keywords]))


def published_entries(uow: UnitOfWork) -> dict[str, FaqEntry]:
    """Every published entry by id: a few hundred at most, read whole for each match so an edit
    counts at once, in every process.
    """
    return {entry.id: entry for entry in uow.session.scalars(select(FaqEntry).where(FaqEntry.published.is_(True)))}


def matcher_of(entries: dict[str, FaqEntry]) -> FaqMatcher:
    return FaqMatcher(matched_text(entry) for entry in entries.values())


def create_entry(uow: UnitOfWork, viewer: Viewer, fields: dict[str, Any]) -> FaqEntry:
    _agents_only(viewer)
    now = _now()
    entry = FaqEntry(
        id=str(uuid.uuid4()),
        category=fields["category"],
        language=fields["language"],
        question=fields["question"],
        answer=fields["answer"],
        keywords=list(fields.get("keywords", [])),
        published=fields.get("published", True),
        created_at=now,
        updated_at=now,
    )
    uow.session.add(entry)
    return entry


def entry_for(uow: UnitOfWork, viewer: Viewer, entry_id: str, *, for_update: bool = False) -> FaqEntry:
    """An entry by id; an unpublished one exists only for agents."""
    statement = select(FaqEntry).where(FaqEntry.id == entry_id)
    if not viewer.is_agent:
        statement = statement.where(FaqEntry.published.is_(True))
    if for_update:
        statement = statement.with_for_update()
    entry = uow.session.scalars(statement).first()
    if entry is None:
        raise _not_found()
    return entry


def edit_entry(uow: UnitOfWork, viewer: Viewer, entry_id: str, changes: dict[str, Any]) -> FaqEntry:
    """Change what an agent sent; publishing again is `published: true`."""
    _agents_only(viewer)
    entry = entry_for(uow, viewer, entry_id, for_update=True)
    for name, value in changes.items():
        setattr(entry, name, list(value) if name == "keywords" else value)
    entry.updated_at = _now()
    return entry


def unpublish_entry(uow: UnitOfWork, viewer: Viewer, entry_id: str) -> FaqEntry:
    """Hide an entry from customers and from automatic answers; it stays for the answers it gave."""
    _agents_only(viewer)
    entry = entry_for(uow, viewer, entry_id, for_update=True)
    entry.published = False
    entry.updated_at = _now()
    return entry


def listing(uow: UnitOfWork, viewer: Viewer, category: str | None, words: str | None) -> Select:
    """Entries as a FAQ page shows them, by category; for searched words, the published entries that
    match them, best first. Agents browsing see the unpublished entries too.
    """
    statement = select(FaqEntry)
    if category is not None:
        statement = statement.where(FaqEntry.category == category)
    if words:
        entries = {entry.id: entry for entry in uow.session.scalars(statement.where(FaqEntry.published.is_(True)))}
        ranked = [match.entry_id for match in matcher_of(entries).ranked(words, floor=SEARCH_FLOOR)]
        if not ranked:
            return statement.where(false())
        return statement.where(FaqEntry.id.in_(ranked)).order_by(
            case({entry_id: rank for rank, entry_id in enumerate(ranked)}, value=FaqEntry.id)
        )
    if not viewer.is_agent:
        statement = statement.where(FaqEntry.published.is_(True))
    return statement.order_by(FaqEntry.category, FaqEntry.created_at, FaqEntry.id)


def suggestions(uow: UnitOfWork, text: str) -> list[tuple[FaqEntry, Match]]:
    """The entries that may answer what a customer is writing, best first, with their scores."""
    entries = published_entries(uow)
    ranked = matcher_of(entries).ranked(text, floor=SUGGESTION_FLOOR, limit=SUGGESTIONS)
    return [(entries[match.entry_id], match) for match in ranked]
