"""`python -m notifications.worker`: relay the outbox, turn events into notices, deliver mail and SMS."""
from notifications.events import handlers
from servicekit.config import ServiceConfig
from servicekit.notifications import NOTIFICATION_DELIVERY
from servicekit.worker import run_worker

if __name__ == "__main__":
    run_worker(ServiceConfig.from_env("notifications"), handlers, jobs=(NOTIFICATION_DELIVERY,))
