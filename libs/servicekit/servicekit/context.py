"""What the current request or event is about: its correlation and causation ids."""
from __future__ import annotations

import uuid
from contextlib import contextmanager
from contextvars import ContextVar

_correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)
_causation_id: ContextVar[str | None] = ContextVar("causation_id", default=None)


def correlation_id() -> str | None:
    return _correlation_id.get()


def causation_id() -> str | None:
    return _causation_id.get()


def new_request_id() -> str:
    return uuid.uuid4().hex


@contextmanager
def correlated(correlation: str | None, causation: str | None = None):
    """Everything done inside, including events recorded, carries these ids."""
    tokens = (_correlation_id.set(correlation), _causation_id.set(causation))
    try:
        yield
    finally:
        _correlation_id.reset(tokens[0])
        _causation_id.reset(tokens[1])
