"""A process's pooled PostgreSQL connections outlive a database restart: the next requests get live ones, and a
connection is asked whether it lives only when it may not (servicekit.db.make_engine)."""
import threading

import pytest
from sqlalchemy import create_engine, text

from servicekit import db
from servicekit.db import make_engine
from servicekit.testing import wait_for


@pytest.fixture
def database(infrastructure):
    return infrastructure.database("pool_restarts")


@pytest.fixture
def engine(database):
    engine = make_engine(database, pool_size=3, max_overflow=0)
    yield engine
    engine.dispose()


@pytest.fixture
def never_idle_long(monkeypatch):
    """No connection counts as idle long enough to be asked for that alone: what finds a dead one is the server's
    word on it."""
    monkeypatch.setattr(db, "IDLE_PING_SECONDS", 3600.0)


@pytest.fixture
def pings(engine, monkeypatch):
    """The round trips the pool makes to ask whether a connection lives."""
    asked = []
    ping = engine.dialect.do_ping

    def counted(dbapi_connection):
        asked.append(dbapi_connection)
        return ping(dbapi_connection)

    monkeypatch.setattr(engine.dialect, "do_ping", counted)
    return asked


def fill_the_pool(engine, size: int = 3) -> None:
    """`size` connections in use at once, then all back in the pool."""
    held = [engine.connect() for _ in range(size)]
    for connection in held:
        assert connection.execute(text("SELECT 1")).scalar_one() == 1
        connection.close()


def restart(infrastructure, database_url: str) -> None:
    """What a restart does to the connections PostgreSQL holds: each backend ends, sending FATAL and closing its
    socket (pg_terminate_backend ends a backend as a shutdown does)."""
    name = database_url.rsplit("/", 1)[1]
    admin = create_engine(infrastructure.postgres_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name AND pid <> pg_backend_pid()"),
            {"name": name},
        )
        wait_for(
            lambda: connection.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE datname = :name"), {"name": name}
            ).scalar_one() == 0,
            what="every backend of the database gone",
        )
    admin.dispose()


def test_after_postgresql_restarts_the_next_requests_succeed_on_new_connections(
    infrastructure, database, engine, never_idle_long
):
    fill_the_pool(engine)

    restart(infrastructure, database)

    for _ in range(6):
        with engine.connect() as connection:
            assert connection.execute(text("SELECT 1")).scalar_one() == 1


def test_requests_running_at_once_after_a_restart_all_succeed(infrastructure, database, engine, never_idle_long):
    fill_the_pool(engine)
    restart(infrastructure, database)
    answers, failures = [], []

    def request():
        try:
            with engine.connect() as connection:
                answers.append(connection.execute(text("SELECT 1")).scalar_one())
        except Exception as failure:  # noqa: BLE001 - the test reports any
            failures.append(failure)

    threads = [threading.Thread(target=request) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert failures == []
    assert answers == [1, 1, 1]


def test_a_connection_back_in_the_pool_moments_ago_is_handed_out_without_a_round_trip(engine, pings):
    fill_the_pool(engine)

    for _ in range(5):
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    assert pings == []


def test_a_connection_idle_for_a_while_is_asked_whether_it_lives_before_it_is_handed_out(engine, pings, monkeypatch):
    fill_the_pool(engine, size=1)
    monkeypatch.setattr(db, "IDLE_PING_SECONDS", 0.0)

    with engine.connect() as connection:
        assert connection.execute(text("SELECT 1")).scalar_one() == 1

    assert len(pings) == 1


def test_a_connection_the_server_closed_is_replaced_when_it_is_handed_out(
    infrastructure, database, engine, pings, never_idle_long
):
    fill_the_pool(engine, size=1)

    restart(infrastructure, database)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT 1")).scalar_one() == 1

    # The server spoke on the idle connection (its FATAL, then the close): it was asked, found dead, and replaced.
    assert len(pings) == 1
