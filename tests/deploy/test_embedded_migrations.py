"""`make run` uses SQLite by default: the migrations of every component with a database must run there, up and back down."""
import pytest
from alembic import command
from alembic.config import Config

from deploy.layout import WITH_DATABASE
from servicekit.migrations import upgrade


@pytest.mark.parametrize("component", WITH_DATABASE, ids=lambda c: c.name)
def test_migrations_upgrade_and_downgrade_an_empty_sqlite_database(component, tmp_path):
    url = f"sqlite:///{tmp_path / 'embedded.db'}"

    upgrade(component.directory, url)

    config = Config(str(component.directory / "alembic.ini"))
    config.set_main_option("script_location", str(component.directory / "migrations"))
    config.set_main_option("sqlalchemy.url", url)
    command.downgrade(config, "base")
    command.upgrade(config, "head")
