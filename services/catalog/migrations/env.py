"""Alembic environment of the catalog database."""
from catalog.models import Base
from servicekit.migrations import run_env

run_env(Base.metadata, "catalog")
