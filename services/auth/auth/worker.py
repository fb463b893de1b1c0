"""`python -m auth.worker`: relay the auth outbox and deliver queued notifications (auth subscribes to no events)."""
from servicekit.config import ServiceConfig
from servicekit.notifications import NOTIFICATION_DELIVERY
from servicekit.worker import run_worker

if __name__ == "__main__":
    run_worker(ServiceConfig.from_env("auth"), jobs=(NOTIFICATION_DELIVERY,))
