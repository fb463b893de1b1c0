"""`python -m auth.worker`: relay the auth outbox (auth subscribes to no events)."""
from servicekit.config import ServiceConfig
from servicekit.worker import run_worker

if __name__ == "__main__":
    run_worker(ServiceConfig.from_env("auth"))
