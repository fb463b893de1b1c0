"""Alembic environment of the gateway database."""
from gateway.models import Base
from servicekit.migrations import run_env

run_env(Base.metadata, "gateway")
