"""Stored days and UTC instants grouped into Korean periods by SQL, the same on SQLite and PostgreSQL."""
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import Column, Date, Integer, MetaData, Table, create_engine, func, select

from servicekit.migrations import ensure_database
from servicekit.period_reports import period_start_of_day, period_start_of_instant
from servicekit.types import UtcDateTime

metadata = MetaData()
counted = Table(
    "counted", metadata, Column("id", Integer, primary_key=True), Column("day", Date), Column("at", UtcDateTime())
)

# Instants either side of Korean boundaries: 15:00 UTC is midnight in Korea.
INSTANTS = {
    datetime(2025, 12, 31, 14, 59, 59, tzinfo=timezone.utc): date(2025, 12, 31),
    datetime(2025, 12, 31, 15, 0, tzinfo=timezone.utc): date(2026, 1, 1),
    datetime(2026, 3, 1, 14, 59, tzinfo=timezone.utc): date(2026, 3, 1),  # a Sunday
    datetime(2026, 3, 1, 15, 0, tzinfo=timezone.utc): date(2026, 3, 2),  # Monday in Korea
}


@pytest.fixture
def engine(each_database_url):
    ensure_database(each_database_url)
    engine = create_engine(each_database_url)
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            counted.insert(), [{"day": day, "at": at} for at, day in INSTANTS.items()]
        )
    yield engine
    engine.dispose()


def grouped(engine, start_of) -> dict[date, int]:
    with engine.connect() as connection:
        start = start_of(engine.dialect.name).label("start")
        return dict(connection.execute(select(start, func.count()).group_by(start).order_by(start)).all())


GROUPED = {
    "day": {date(2025, 12, 31): 1, date(2026, 1, 1): 1, date(2026, 3, 1): 1, date(2026, 3, 2): 1},
    "week": {date(2025, 12, 29): 2, date(2026, 2, 23): 1, date(2026, 3, 2): 1},
    "month": {date(2025, 12, 1): 1, date(2026, 1, 1): 1, date(2026, 3, 1): 2},
    "year": {date(2025, 1, 1): 1, date(2026, 1, 1): 3},
}


@pytest.mark.parametrize("period", list(GROUPED))
def test_instants_fall_into_the_period_of_their_korean_day(engine, period):
    assert grouped(engine, lambda dialect: period_start_of_instant(counted.c.at, period, dialect)) == GROUPED[period]


@pytest.mark.parametrize("period", list(GROUPED))
def test_days_fall_into_their_period(engine, period):
    assert grouped(engine, lambda dialect: period_start_of_day(counted.c.day, period, dialect)) == GROUPED[period]
