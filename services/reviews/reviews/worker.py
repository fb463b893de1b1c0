"""`python -m reviews.worker`: relay the reviews outbox, handle its events, run its scheduled jobs."""
from reviews.events import handlers
from servicekit.config import ServiceConfig
from servicekit.worker import run_worker

if __name__ == "__main__":
    run_worker(ServiceConfig.from_env("reviews"), handlers)
