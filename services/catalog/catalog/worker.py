"""`python -m catalog.worker`: relay the catalog's outbox, handle its events and deliver queued notifications."""
from catalog.events import handlers
from servicekit.config import ServiceConfig
from servicekit.notifications import NOTIFICATION_DELIVERY
from servicekit.worker import run_worker

if __name__ == "__main__":
    run_worker(ServiceConfig.from_env("catalog"), handlers, jobs=(NOTIFICATION_DELIVERY,))
