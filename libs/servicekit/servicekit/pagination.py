"""Paging, the same everywhere: flask-smorest's `page`/`page_size` and its X-Pagination header."""
from __future__ import annotations

from marshmallow import Schema, fields
from sqlalchemy import Connection, Select, bindparam, func, select
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
    return PagedQuery(statement).rows(connection, pagination_parameters)


def _paged(session: Connection | Session, statement: Select, pagination_parameters) -> Select:
    """`statement` limited to the requested page, once the pager knows how many items there are in all."""
    pagination_parameters.item_count = session.execute(_count_of(statement)).scalar_one()
    return statement.limit(pagination_parameters.page_size).offset(pagination_parameters.first_item)


def _count_of(statement: Select) -> Select:
    return select(func.count()).select_from(statement.order_by(None).subquery())


class PagedQuery:
    """A statement's count and its page, built once: a query every request asks (a module's constant) then
    costs no statement building and no cache key per request, the page's bounds being bound parameters."""

    def __init__(self, statement: Select):
        self.count = _count_of(statement)
        self.page = statement.limit(bindparam("page_limit")).offset(bindparam("page_offset"))

    def rows(self, connection: Connection | Session, pagination_parameters, parameters: dict | None = None) -> list:
        """The requested page's rows, telling the pager how many there are in all."""
        parameters = parameters or {}
        pagination_parameters.item_count = connection.execute(self.count, parameters).scalar_one()
        bounds = {"page_limit": pagination_parameters.page_size, "page_offset": pagination_parameters.first_item}
        return list(connection.execute(self.page, {**parameters, **bounds}))
