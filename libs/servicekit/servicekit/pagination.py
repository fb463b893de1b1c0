"""Paging, the same everywhere: flask-smorest's `page`/`page_size` and its X-Pagination header."""
from __future__ import annotations

from marshmallow import Schema, fields
from sqlalchemy import Connection, Select, func, select
from sqlalchemy.orm import Session

from servicekit.fields import Integer

# No client pages deeper than this row; bounding page x page_size by it, not only page_size, keeps
# every row offset far inside the 64-bit OFFSET each database takes.
DEEPEST_ROW = 2**31 - 1


def PageNumber(max_page_size: int, **kwargs) -> fields.Integer:
    """A `page`: from 1 to the last page whose rows start no deeper than DEEPEST_ROW at `max_page_size`."""
    return Integer(minimum=1, maximum=DEEPEST_ROW // max_page_size, **kwargs)


def bounded_paging(parameters: type[Schema], first_page: int, max_page_size: int) -> type[Schema]:
    """flask-smorest's paging parameters with `page` bounded too (it bounds only `page_size`)."""
    page = PageNumber(max_page_size, load_default=first_page)
    return type(parameters.__name__, (parameters,), {"page": page})


def page_of(session: Session, statement: Select, pagination_parameters) -> list:
    """Run `statement` for the requested page, telling the pager how many items there are in all."""
    return list(session.scalars(_paged(session, statement, pagination_parameters)))


def rows_of_page(connection: Connection | Session, statement: Select, pagination_parameters) -> list:
    """page_of for a statement of several columns: the page's rows. A session's connection runs a read that needs
    nothing of the ORM's execution faster than the session."""
    return list(connection.execute(_paged(connection, statement, pagination_parameters)))


def _paged(session: Connection | Session, statement: Select, pagination_parameters) -> Select:
    """`statement` limited to the requested page, once the pager knows how many items there are in all."""
    pagination_parameters.item_count = session.execute(
        select(func.count()).select_from(statement.order_by(None).subquery())
    ).scalar_one()
    return statement.limit(pagination_parameters.page_size).offset(pagination_parameters.first_item)
