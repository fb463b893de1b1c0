"""`python -m reviews.worker`: relay the reviews outbox; it subscribes to no events yet."""
from servicekit.config import ServiceConfig
from servicekit.worker import run_worker

if __name__ == "__main__":
    run_worker(ServiceConfig.from_env("reviews"))
