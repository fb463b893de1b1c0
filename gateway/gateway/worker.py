"""`python -m gateway.worker`: end sessions on auth's events, purge long-ended ones (and relay the outbox,
empty for now)."""
from gateway.events import handlers
from gateway.session_purge import purge_ended_sessions
from servicekit.config import ServiceConfig
from servicekit.worker import ScheduledJob, run_worker

PURGE_SESSIONS = ScheduledJob("purge-expired-sessions", every_seconds=3600, run=purge_ended_sessions)

if __name__ == "__main__":
    run_worker(ServiceConfig.from_env("gateway"), handlers, jobs=(PURGE_SESSIONS,))
