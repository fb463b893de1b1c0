"""Wait for an event or a state with a deadline, never with a bare sleep; or watch a state hold."""
from __future__ import annotations

import time
from typing import Callable, TypeVar

T = TypeVar("T")


def wait_for(probe: Callable[[], T], *, timeout: float = 20.0, interval: float = 0.05, what: str = "condition") -> T:
    """Call `probe` until it returns something truthy, and return that; fail after `timeout`."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        last = probe()
        if last:
            return last
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}; last value: {last!r}")
        time.sleep(interval)


def holds_for(probe: Callable[[], T], *, seconds: float, interval: float = 0.05, what: str = "condition") -> None:
    """Call `probe` for `seconds` and fail the first time it returns something falsy."""
    deadline = time.monotonic() + seconds
    while True:
        value = probe()
        if not value:
            raise AssertionError(f"{what} stopped holding; value: {value!r}")
        if time.monotonic() >= deadline:
            return
        time.sleep(interval)
