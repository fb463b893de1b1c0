"""Alembic environment of the auth database."""
from auth.models import Base
from servicekit.migrations import run_env

run_env(Base.metadata, "auth")
