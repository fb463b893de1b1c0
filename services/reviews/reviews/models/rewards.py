"""Review rewards and review requests (see the modules that use them)."""
from reviews.models.base import Base  # noqa: F401
