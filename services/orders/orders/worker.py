"""`python -m orders.worker`: relay the outbox, handle events, confirm purchases, expire points, time out orders."""
from orders.checkout import cancel_timed_out_orders
from orders.events import handlers
from orders.lifecycle import confirm_due_purchases
from orders.points import expire_points
from orders.settings import OrdersSettings
from servicekit.config import ServiceConfig
from servicekit.worker import ScheduledJob, run_worker

PURCHASE_CONFIRMATION = ScheduledJob("confirm-due-purchases", every_seconds=60.0, run=confirm_due_purchases)
POINT_EXPIRY = ScheduledJob("expire-points", every_seconds=3600.0, run=expire_points)


def pending_order_deadline(settings: OrdersSettings) -> ScheduledJob:
    return ScheduledJob.for_deadline("cancel-timed-out-orders", settings.pending_order_timeout, cancel_timed_out_orders)


if __name__ == "__main__":
    config = ServiceConfig.from_env("orders")
    run_worker(
        config,
        handlers,
        jobs=(PURCHASE_CONFIRMATION, POINT_EXPIRY, pending_order_deadline(OrdersSettings.from_env(config))),
    )
