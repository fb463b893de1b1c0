"""`python -m orders.worker`: relay the orders' outbox and handle its events."""
from orders.events import handlers
from servicekit.config import ServiceConfig
from servicekit.worker import run_worker

if __name__ == "__main__":
    run_worker(ServiceConfig.from_env("orders"), handlers)
