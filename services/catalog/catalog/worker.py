"""`python -m catalog.worker`: relay the catalog's outbox and handle its events."""
from catalog.events import handlers
from servicekit.config import ServiceConfig
from servicekit.worker import run_worker

if __name__ == "__main__":
    run_worker(ServiceConfig.from_env("catalog"), handlers)
