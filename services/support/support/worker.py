"""`python -m support.worker`: relay the support outbox, handle its events, run its scheduled jobs.

Several of these may run at once on the same queue: support is the service ops scale out.
"""
from servicekit.config import ServiceConfig
from servicekit.worker import ScheduledJob, run_worker
from support.auto_answers import answer_new_inquiries
from support.events import handlers
from support.inquiries import close_resolved_inquiries
from support.response_clock import watch_response_targets
from support.routing import assign_waiting_inquiries
from support.settings import SupportSettings
from support.support_claims import time_out_unanswered_claims

CLOSING = ScheduledJob("close-resolved-inquiries", every_seconds=300.0, run=close_resolved_inquiries)
ROUTING_SWEEP = ScheduledJob("assign-waiting-inquiries", every_seconds=60.0, run=assign_waiting_inquiries)
AUTOMATIC_ANSWERS = ScheduledJob("answer-new-inquiries-from-faq", every_seconds=2.0, run=answer_new_inquiries)


def response_clock(settings: SupportSettings) -> ScheduledJob:
    """Warnings of near targets (settings.target_warning_lead before they are due) and breaches, every 30 s."""
    return ScheduledJob(
        "watch-response-targets", every_seconds=30.0,
        run=lambda runtime: watch_response_targets(runtime, lead=settings.target_warning_lead),
    )


def claim_deadline(settings: SupportSettings) -> ScheduledJob:
    return ScheduledJob.for_deadline("time-out-unanswered-claims", settings.claim_timeout, time_out_unanswered_claims)


if __name__ == "__main__":
    config = ServiceConfig.from_env("support")
    settings = SupportSettings.from_env(config)
    run_worker(
        config,
        handlers,
        jobs=(CLOSING, AUTOMATIC_ANSWERS, ROUTING_SWEEP, response_clock(settings), claim_deadline(settings)),
    )
