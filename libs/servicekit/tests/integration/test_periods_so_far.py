"""A dashboard's periods so far, each against the same days of the period before, summed from daily rows in one
statement, the same on SQLite and PostgreSQL."""
from datetime import date

import pytest
from sqlalchemy import Column, Date, Integer, MetaData, String, Table, create_engine
from sqlalchemy.orm import Session

from servicekit.migrations import ensure_database
from servicekit.periods_so_far import compared_periods

metadata = MetaData()
daily = Table(
    "daily_sales", metadata, Column("shop", String(10), primary_key=True), Column("day", Date, primary_key=True),
    Column("orders", Integer), Column("won", Integer),
)
# Tuesday 1 April 2031: today's month has one day, its week two.
TODAY = date(2031, 4, 1)


@pytest.fixture
def session(each_database_url):
    ensure_database(each_database_url)
    engine = create_engine(each_database_url)
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(daily.insert(), [
            {"shop": "a", "day": date(2031, 4, 1), "orders": 1, "won": 100},
            {"shop": "a", "day": date(2031, 3, 31), "orders": 2, "won": 200},  # yesterday, this week's Monday
            {"shop": "a", "day": date(2031, 3, 25), "orders": 4, "won": 400},  # last week's Tuesday
            {"shop": "a", "day": date(2031, 3, 26), "orders": 8, "won": 800},  # after last week's same days
            {"shop": "a", "day": date(2031, 3, 1), "orders": 16, "won": 1600},  # last month's first
            {"shop": "b", "day": date(2031, 4, 1), "orders": 32, "won": 3200},
        ])
    with Session(engine) as session:
        yield session
    metadata.drop_all(engine)
    engine.dispose()


def test_each_period_so_far_sums_its_days_and_the_same_days_of_the_period_before(session):
    figures = compared_periods(
        session, daily.c.day, {"orders": daily.c.orders, "won": daily.c.won},
        {"today": "day", "this_week": "week", "this_month": "month"}, TODAY, daily.c.shop == "a",
    )

    assert figures == {
        "today": {"first": TODAY, "last": TODAY, "orders": 1, "won": 100,
                  "previous": {"first": date(2031, 3, 31), "last": date(2031, 3, 31), "orders": 2, "won": 200}},
        "this_week": {"first": date(2031, 3, 31), "last": TODAY, "orders": 3, "won": 300,
                      "previous": {"first": date(2031, 3, 24), "last": date(2031, 3, 25), "orders": 4, "won": 400}},
        "this_month": {"first": TODAY, "last": TODAY, "orders": 1, "won": 100,
                       "previous": {"first": date(2031, 3, 1), "last": date(2031, 3, 1), "orders": 16, "won": 1600}},
    }


def test_days_without_rows_sum_to_zero(session):
    figures = compared_periods(session, daily.c.day, {"orders": daily.c.orders}, {"today": "day"}, date(2040, 1, 1))

    assert figures["today"] == {"first": date(2040, 1, 1), "last": date(2040, 1, 1), "orders": 0,
                                "previous": {"first": date(2039, 12, 31), "last": date(2039, 12, 31), "orders": 0}}
