"""`python -m gateway.worker`: end sessions on auth's events, purge long-expired ones (and relay the outbox,
empty for now)."""
import logging

from gateway.events import handlers
from gateway.sessions import purge_expired_sessions
from servicekit.config import ServiceConfig
from servicekit.runtime import Runtime
from servicekit.worker import ScheduledJob, run_worker

log = logging.getLogger(__name__)


def purge_sessions(runtime: Runtime) -> None:
    with runtime.unit_of_work() as uow:
        purged = purge_expired_sessions(uow.session)
        uow.session.commit()
    if purged:
        log.info("purged %d expired sessions", purged)


PURGE_SESSIONS = ScheduledJob("purge-expired-sessions", every_seconds=3600, run=purge_sessions)

if __name__ == "__main__":
    run_worker(ServiceConfig.from_env("gateway"), handlers, jobs=(PURGE_SESSIONS,))
