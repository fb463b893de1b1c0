"""Timestamps come back timezone-aware in UTC on the embedded database too."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, select

from servicekit.db import make_engine
from servicekit.types import UtcDateTime


def test_sqlite_gives_back_an_aware_utc_instant(tmp_path):
    metadata = MetaData()
    table = Table("t", metadata, Column("id", Integer, primary_key=True), Column("at", UtcDateTime()))
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    metadata.create_all(engine)
    seoul = datetime(2026, 11, 25, 21, 0, tzinfo=timezone(timedelta(hours=9)))
    with engine.begin() as connection:
        connection.execute(insert(table).values(id=1, at=seoul))
        stored = connection.execute(select(table.c.at)).scalar_one()
    assert stored == seoul
    assert stored.tzinfo == timezone.utc


def test_naive_datetimes_are_refused(tmp_path):
    metadata = MetaData()
    table = Table("t", metadata, Column("id", Integer, primary_key=True), Column("at", UtcDateTime()))
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    metadata.create_all(engine)
    with pytest.raises(Exception):
        with engine.begin() as connection:
            connection.execute(insert(table).values(id=1, at=datetime(2026, 1, 1)))
