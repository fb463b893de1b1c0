"""FAQ use cases: agents keep the platform's entries and each seller their shop's; anyone reads and
searches them (the platform's FAQ, or one shop's), and a customer writing an inquiry is shown the
entries that may already answer it, the shop's first when the inquiry is about a shop.
"""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, case, false, or_, select
from sqlalchemy.orm import Session

from servicekit import clock
from servicekit.ids import canonical_id
from servicekit.languages import _
from servicekit.pagination import page_of
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from support.domain.faq_matching import SUGGESTION_FLOOR, SUGGESTIONS, FaqMatcher, Match
from support.domain.faq_shelves import NoShelf, keeps, shelf_written_to
from support.domain.people import Viewer
from support.faq_learning import matcher_for
from support.models.faq import FaqEntry


def _not_found() -> Problem:
    return Problem(404, "faq-entry-not-found", "Not Found", _("No FAQ entry with this id."))


def matcher_of(session: Session, entries: dict[str, FaqEntry]) -> FaqMatcher:
    """The matcher of these entries (question, answer and any keywords) with the current dictionary and model."""
    return matcher_for(session, list(entries.values()))


def answering_entries(session: Session, seller_id: str | None) -> dict[str, FaqEntry]:
    """Every published entry by id that may answer a question about the shop of `seller_id`: the
    platform's and that shop's (only the platform's for None). A few hundred at most, read whole for
    each match so an edit counts at once, in every process; weighed together, so a word every entry
    has tells nothing whichever shelf it is on.
    """
    shelves = FaqEntry.seller_id.is_(None)
    if seller_id is not None:
        shelves = or_(shelves, FaqEntry.seller_id == seller_id)
    return {entry.id: entry for entry in session.scalars(select(FaqEntry).where(FaqEntry.published.is_(True), shelves))}


def shop_entry_ids(entries: dict[str, FaqEntry], seller_id: str | None) -> frozenset[str]:
    """The entries of the shop among `entries`: they answer before the platform's."""
    if seller_id is None:
        return frozenset()
    return frozenset(entry_id for entry_id, entry in entries.items() if entry.seller_id == seller_id)


def _entry(session: Session, viewer: Viewer, entry_id: str, *, for_update: bool = False) -> FaqEntry:
    """An entry by id; an unpublished one exists only for whoever keeps its shelf."""
    canonical = canonical_id(entry_id)
    entry = None if canonical is None else session.get(FaqEntry, canonical, with_for_update=for_update)
    if entry is None or not (entry.published or keeps(viewer, entry.seller_id)):
        raise _not_found()
    return entry


def _kept_entry(session: Session, viewer: Viewer, entry_id: str) -> FaqEntry:
    entry = _entry(session, viewer, entry_id, for_update=True)
    if not keeps(viewer, entry.seller_id):
        raise Problem(403, "not-your-faq-entry", "Forbidden",
                      _("Agents change the platform's FAQ entries, and a seller only their shop's."))
    return entry


def read_entry(runtime: Runtime, viewer: Viewer, entry_id: str) -> FaqEntry:
    with runtime.unit_of_work() as uow:
        return _entry(uow.session, viewer, entry_id)


def create_entry(runtime: Runtime, viewer: Viewer, fields: dict[str, Any]) -> FaqEntry:
    """An agent writes an entry of the platform's FAQ, a seller one of their shop's."""
    try:
        seller_id = shelf_written_to(viewer)
    except NoShelf:
        raise Problem(403, "faq-keepers-only", "Forbidden", _("Agents and sellers write FAQ entries.")) from None
    now = clock.now()
    entry = FaqEntry(
        id=str(uuid.uuid4()),
        seller_id=seller_id,
        category=fields["category"],
        language=fields["language"],
        question=fields["question"],
        answer=fields["answer"],
        keywords=list(fields.get("keywords", [])),
        published=fields.get("published", True),
        created_at=now,
        updated_at=now,
    )
    with runtime.unit_of_work() as uow:
        uow.session.add(entry)
        uow.commit()
    return entry


def edit_entry(runtime: Runtime, viewer: Viewer, entry_id: str, changes: dict[str, Any]) -> FaqEntry:
    """Change what its keeper sent; publishing again is `published: true`."""
    with runtime.unit_of_work() as uow:
        entry = _kept_entry(uow.session, viewer, entry_id)
        for name, value in changes.items():
            setattr(entry, name, list(value) if name == "keywords" else value)
        entry.updated_at = clock.now()
        uow.commit()
    return entry


def unpublish_entry(runtime: Runtime, viewer: Viewer, entry_id: str) -> None:
    """Hide an entry from customers and from automatic answers; it stays for the answers it gave."""
    with runtime.unit_of_work() as uow:
        entry = _kept_entry(uow.session, viewer, entry_id)
        entry.published = False
        entry.updated_at = clock.now()
        uow.commit()


def _shelf(seller_id: str | None) -> Select:
    return select(FaqEntry).where(FaqEntry.seller_id.is_(None) if seller_id is None else FaqEntry.seller_id == seller_id)


def entries(
    runtime: Runtime, viewer: Viewer, category: str | None, words: str | None, seller_id: str | None, pagination
) -> list[FaqEntry]:
    """One page of the platform's FAQ, or of the shop of `seller_id`, as a FAQ page shows it: by category;
    for searched words, the published entries that match them, best first. Whoever keeps the shelf sees
    its unpublished entries too while browsing.
    """
    statement = _shelf(seller_id)
    if category is not None:
        statement = statement.where(FaqEntry.category == category)
    with runtime.unit_of_work() as uow:
        if words:
            found = {entry.id: entry for entry in uow.session.scalars(statement.where(FaqEntry.published.is_(True)))}
            ranked = matcher_of(uow.session, found).searched(words)
            statement = statement.where(false()) if not ranked else statement.where(FaqEntry.id.in_(ranked)).order_by(
                case({entry_id: rank for rank, entry_id in enumerate(ranked)}, value=FaqEntry.id)
            )
        else:
            if not keeps(viewer, seller_id):
                statement = statement.where(FaqEntry.published.is_(True))
            statement = statement.order_by(FaqEntry.category, FaqEntry.created_at, FaqEntry.id)
        return page_of(uow.session, statement, pagination)


def suggestions(runtime: Runtime, text: str, seller_id: str | None) -> list[tuple[FaqEntry, Match]]:
    """The entries that may answer what a customer is writing, best first with their scores; about a
    shop, the shop's own entries before the platform's.
    """
    with runtime.unit_of_work() as uow:
        found = answering_entries(uow.session, seller_id)
        matcher = matcher_of(uow.session, found)
    ranked = matcher.ranked(
        text, floor=SUGGESTION_FLOOR, limit=SUGGESTIONS, preferred=shop_entry_ids(found, seller_id)
    )
    return [(found[match.entry_id], match) for match in ranked]
