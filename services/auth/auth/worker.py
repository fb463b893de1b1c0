"""`python -m auth.worker`: relay the auth outbox, handle its events, and deliver queued notifications."""
from auth.events import handlers
from servicekit.config import ServiceConfig
from servicekit.notifications import NOTIFICATION_DELIVERY
from servicekit.worker import run_worker

if __name__ == "__main__":
    run_worker(ServiceConfig.from_env("auth"), handlers, jobs=(NOTIFICATION_DELIVERY,))
