"""Negative-review causes and sellers' follow-up settings (see the modules that use them)."""
from reviews.models.base import Base  # noqa: F401
