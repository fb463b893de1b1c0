"""Alembic environment of the reviews database."""
from reviews.models import Base
from servicekit.migrations import run_env

run_env(Base.metadata, "reviews")
