"""How many connections a process may open to PostgreSQL: a pool of DATABASE_POOL_SIZE (10), and beyond it
DATABASE_MAX_OVERFLOW at a burst."""
from servicekit.config import ServiceConfig
from servicekit.db import make_engine
from servicekit.runtime import Runtime

POSTGRES = "postgresql://postgres@127.0.0.1:5432/never_connected"


def test_a_process_opens_up_to_twenty_connections_beyond_its_pool_unless_told_otherwise():
    assert ServiceConfig.from_env("orders", {}).database_max_overflow == 20
    assert ServiceConfig.from_env("orders", {"DATABASE_MAX_OVERFLOW": "0"}).database_max_overflow == 0


def test_the_runtimes_engine_keeps_to_the_configured_overflow(tmp_path):
    config = ServiceConfig.from_env(
        "orders", {"ORDERS_DATABASE_URL": POSTGRES, "DATABASE_MAX_OVERFLOW": "0", "MARKETPLACE_VAR_DIR": str(tmp_path)}
    )

    engine = Runtime(config).engine

    assert (engine.pool.size(), engine.pool._max_overflow) == (10, 0)


def test_a_sqlite_engine_is_made_whatever_the_overflow(tmp_path):
    assert make_engine(f"sqlite:///{tmp_path / 'x.db'}", max_overflow=0).dialect.name == "sqlite"


def test_the_pool_keeps_as_many_connections_as_it_is_told():
    config = ServiceConfig.from_env("orders", {"ORDERS_DATABASE_URL": POSTGRES, "DATABASE_POOL_SIZE": "3"})

    assert ServiceConfig.from_env("orders", {}).database_pool_size == 10
    assert Runtime(config).engine.pool.size() == 3
