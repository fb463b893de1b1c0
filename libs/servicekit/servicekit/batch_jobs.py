"""Scheduled jobs that change every row past a deadline: a batch a transaction, skipping rows another
worker holds, so several workers may run the same job at once.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable

from sqlalchemy import Select

from servicekit.db import UnitOfWork
from servicekit.runtime import Runtime

BATCH = 100


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
    again on the next run. A changed row must no longer be due, or the job would not end.
    """
    changed = 0
    while True:
        now = datetime.now(timezone.utc)
        with runtime.unit_of_work() as uow:
            rows = list(uow.session.scalars(due(now).limit(batch).with_for_update(skip_locked=True)))
            for row in rows:
                change(uow, row, now)
            uow.commit()
        changed += len(rows)
        if len(rows) < batch:
            return changed
