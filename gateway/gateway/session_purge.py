"""Deleting sessions that ended (expired or were revoked) more than a day ago: the worker's hourly job."""
from __future__ import annotations

import logging

from sqlalchemy import delete, or_

from gateway.domain.session_lifetimes import purged_if_ended_before
from gateway.models import UserSession
from servicekit import clock
from servicekit.runtime import Runtime

log = logging.getLogger(__name__)


def purge_ended_sessions(runtime: Runtime) -> int:
    """Delete the sessions that ended before the purge cutoff; returns how many went.

    One DELETE rather than servicekit.batch_jobs.change_each_due: nothing is decided or recorded per row (no
    rule, no event), so there is no row whose failure should be set aside for the others; the rows are long
    dead, so no request waits on them; and a second worker running the job at the same time deletes what is
    left, or nothing. Loading each row to delete it in a savepoint of its own would only make the job slower.
    """
    cutoff = purged_if_ended_before(clock.now())
    with runtime.unit_of_work() as uow:
        purged = uow.session.execute(
            delete(UserSession).where(
                or_(
                    UserSession.idle_expires_at < cutoff,
                    UserSession.absolute_expires_at < cutoff,
                    UserSession.revoked_at < cutoff,
                )
            )
        ).rowcount
        uow.commit()
    if purged:
        log.info("purged %d ended sessions", purged)
    return purged
