"""How the worker's jobs walk over inquiries: oldest first, a batch a transaction, skipping the
inquiries another worker holds, so several workers can run the same job at once.
"""
from __future__ import annotations

from typing import Callable

from sqlalchemy import Select, and_, or_

from servicekit.db import UnitOfWork
from support.models import Inquiry

BATCH = 200


def sweep(runtime, statement: Select, handle: Callable[[UnitOfWork, Inquiry], bool], batch: int = BATCH) -> int:
    """Call `handle` on every inquiry `statement` selects; returns how many it said it changed."""
    changed = 0
    after = None
    while True:
        with runtime.unit_of_work() as uow:
            page = statement
            if after is not None:
                page = page.where(
                    or_(Inquiry.created_at > after[0], and_(Inquiry.created_at == after[0], Inquiry.id > after[1]))
                )
            inquiries = list(
                uow.session.scalars(
                    page.order_by(Inquiry.created_at, Inquiry.id).limit(batch).with_for_update(skip_locked=True)
                )
            )
            changed += sum(handle(uow, inquiry) for inquiry in inquiries)
            if inquiries:
                after = (inquiries[-1].created_at, inquiries[-1].id)
            uow.commit()
        if len(inquiries) < batch:
            return changed
