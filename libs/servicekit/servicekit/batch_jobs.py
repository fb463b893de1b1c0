"""Scheduled jobs that change every row past a deadline: a batch a transaction, skipping rows another
worker holds, so several workers may run the same job at once.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any, Callable, Mapping

from sqlalchemy import Select, inspect, tuple_

from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.runtime import Runtime

log = logging.getLogger(__name__)

BATCH = 100


def deadline_from_env(env: Mapping[str, str], name: str, default_minutes: float) -> timedelta:
    """A deadline set in minutes (fractions too, for tests); anything but a positive number stops the start."""
    raw = env.get(name)
    try:
        deadline = timedelta(minutes=default_minutes if raw is None else float(raw))
    except (ValueError, OverflowError):
        raise ValueError(f"{name} must be a number of minutes, not {raw!r}") from None
    if deadline <= timedelta(0):
        raise ValueError(f"{name} must be more than 0 minutes, not {raw!r}")
    return deadline


def checks_within(deadline: timedelta) -> float:
    """How often, in seconds, a job looks for rows past `deadline`: four times within it, at least once a minute."""
    return min(60.0, deadline.total_seconds() / 4)


def change_each_due(
    runtime: Runtime,
    due: Callable[[datetime], Select],
    change: Callable[[UnitOfWork, Any, datetime], None],
    batch: int = BATCH,
) -> int:
    """Call `change` on every row `due(now)` selects, in the statement's order, `batch` rows a transaction;
    returns how many were changed.

    Each batch is selected with its rows locked, skipping rows locked elsewhere (SKIP LOCKED on
    PostgreSQL): another worker's batch, or a row an event handler is changing, which is looked at
    again on the next run. A changed row must no longer be due, or the job would not end. A row whose
    change fails is rolled back alone, logged, and left for the next run, so it never holds up the
    rows behind it.
    """
    changed = 0
    failed: list = []
    while True:
        now = clock.now()
        statement = due(now)
        if failed:
            statement = statement.where(_primary_key(statement).not_in(failed))
        with runtime.unit_of_work() as uow:
            rows = list(uow.session.scalars(statement.limit(batch).with_for_update(skip_locked=True)))
            for row in rows:
                try:
                    with uow.session.begin_nested():
                        change(uow, row, now)
                except Exception:  # noqa: BLE001 - one bad row must not stop the others; it is tried next run
                    log.exception("%s could not be changed; it is tried again on the next run", row)
                    identity = inspect(row).identity
                    failed.append(identity[0] if len(identity) == 1 else identity)
                else:
                    changed += 1
            uow.commit()
        if len(rows) < batch:
            return changed


def _primary_key(statement: Select):
    """The primary key of the entity a job's statement selects, to leave out rows that failed."""
    columns = inspect(statement.column_descriptions[0]["entity"]).primary_key
    return columns[0] if len(columns) == 1 else tuple_(*columns)
