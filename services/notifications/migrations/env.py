"""Alembic environment of the notifications database."""
from notifications.models import Base
from servicekit.migrations import run_env

run_env(Base.metadata, "notifications")
