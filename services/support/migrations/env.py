"""Alembic environment of the support database."""
from support.models import Base
from servicekit.migrations import run_env

run_env(Base.metadata, "support")
