"""Alembic environment of the orders database."""
from orders.models import Base
from servicekit.migrations import run_env

run_env(Base.metadata, "orders")
