"""Paging: the X-Pagination document servicekit's Blueprint writes, and the pages PagedQuery reads."""
import json
from types import SimpleNamespace

from flask_smorest.pagination import PaginationMixin
from sqlalchemy import Column, Integer, MetaData, String, Table, bindparam, create_engine, select

from servicekit.blueprints import Blueprint
from servicekit.pagination import PagedQuery, rows_of_page


def test_the_pagination_document_is_flask_smorests_own_key_for_key_and_in_order():
    for item_count in (0, 1, 19, 20, 21, 40, 41, 1000):
        for page_size in (1, 10, 20, 100):
            for page in (1, 2, 3, 50, 51, 1000):
                ours = Blueprint._make_pagination_metadata(page, page_size, item_count)
                theirs = PaginationMixin._make_pagination_metadata(page, page_size, item_count)
                assert json.dumps(ours) == json.dumps(theirs), (page, page_size, item_count)


def test_a_query_built_once_reads_each_page_asked_and_counts_them_all():
    metadata = MetaData()
    teas = Table("teas", metadata, Column("id", Integer, primary_key=True), Column("kind", String))
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    statement = select(teas.c.id).where(teas.c.kind == bindparam("kind")).order_by(teas.c.id)
    paged = PagedQuery(statement)
    with engine.begin() as connection:
        connection.execute(teas.insert(), [{"id": n, "kind": "green" if n % 2 else "black"} for n in range(1, 11)])
        for page, expected in ((1, [1, 3]), (2, [5, 7]), (3, [9]), (4, [])):
            parameters = SimpleNamespace(page_size=2, first_item=(page - 1) * 2, item_count=None)
            assert [row.id for row in paged.rows(connection, parameters, {"kind": "green"})] == expected
            assert parameters.item_count == 5
        every = SimpleNamespace(page_size=3, first_item=3, item_count=None)
        assert [row.id for row in rows_of_page(connection, select(teas.c.id).order_by(teas.c.id), every)] == [4, 5, 6]
        assert every.item_count == 10
