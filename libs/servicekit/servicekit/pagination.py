"""Paging, the same everywhere: flask-smorest's `page`/`page_size` and its X-Pagination header."""
from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session


def page_of(session: Session, statement: Select, pagination_parameters) -> list:
    """Run `statement` for the requested page, telling the pager how many items there are in all."""
    pagination_parameters.item_count = session.execute(
        select(func.count()).select_from(statement.order_by(None).subquery())
    ).scalar_one()
    return list(
        session.scalars(
            statement.limit(pagination_parameters.page_size).offset(pagination_parameters.first_item)
        )
    )
