"""`python -m orders.worker`: relay the orders' outbox, handle its events, confirm due purchases, expire points."""
from orders.events import handlers
from orders.lifecycle import confirm_due_purchases
from orders.points import expire_points
from servicekit.config import ServiceConfig
from servicekit.worker import ScheduledJob, run_worker

PURCHASE_CONFIRMATION = ScheduledJob("confirm-due-purchases", every_seconds=60.0, run=confirm_due_purchases)
POINT_EXPIRY = ScheduledJob("expire-points", every_seconds=3600.0, run=expire_points)

if __name__ == "__main__":
    run_worker(ServiceConfig.from_env("orders"), handlers, jobs=(PURCHASE_CONFIRMATION, POINT_EXPIRY))
