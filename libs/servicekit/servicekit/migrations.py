"""Alembic glue shared by every service's migrations/env.py, and a programmatic upgrade."""
from __future__ import annotations

from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, create_engine, text
from sqlalchemy.engine import make_url

from servicekit.db import make_engine, sqlalchemy_url


def run_env(target_metadata: MetaData, service: str) -> None:
    """Body of a service's env.py: migrate the database its configuration names."""
    from servicekit.config import ServiceConfig

    url = context.config.get_main_option("sqlalchemy.url") or ServiceConfig.from_env(service).database_url
    if context.is_offline_mode():
        context.configure(url=sqlalchemy_url(url), target_metadata=target_metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database (or the SQLite file's folder) a service is configured with."""
    parsed = make_url(sqlalchemy_url(url))
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        return
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": parsed.database}
        ).first()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()


def upgrade(service_dir: Path, url: str, revision: str = "head") -> None:
    """Create the database if needed and bring it to `revision`: the newest migration unless a test wants
    an older one, to see what the next ones make of the data it holds."""
    ensure_database(url)
    config = Config(str(service_dir / "alembic.ini"))
    config.set_main_option("script_location", str(service_dir / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(config, revision)
