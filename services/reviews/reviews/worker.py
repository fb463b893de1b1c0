"""`python -m reviews.worker`: relay the reviews outbox, handle its events, run its scheduled jobs."""
from reviews.events import handlers
from reviews.review_requests import request_due_reviews
from servicekit.config import ServiceConfig
from servicekit.worker import ScheduledJob, run_worker

REVIEW_REQUESTS = ScheduledJob("request-due-reviews", every_seconds=60.0, run=request_due_reviews)

if __name__ == "__main__":
    run_worker(ServiceConfig.from_env("reviews"), handlers, jobs=(REVIEW_REQUESTS,))
