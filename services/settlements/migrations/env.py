"""Alembic environment of the settlements database."""
from servicekit.migrations import run_env
from settlements.models import Base

run_env(Base.metadata, "settlements")
