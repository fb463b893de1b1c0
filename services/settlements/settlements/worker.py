"""`python -m settlements.worker`: relay the settlements outbox, keep the ledger from events, make and send payouts."""
from servicekit.config import ServiceConfig
from servicekit.runtime import Runtime
from servicekit.worker import ScheduledJob, run_worker
from settlements.events import handlers
from settlements.payouts import run_payouts
from settlements.settings import SettlementsSettings, process_settings
from settlements.transfers import bank_for


def payout_job(settings: SettlementsSettings) -> ScheduledJob:
    """Payouts are made once a payout day begins in Korea and sent as they are made; a run every five minutes
    finds a new day, and a transfer the bank did not answer, soon enough."""
    def run(runtime: Runtime) -> None:
        run_payouts(runtime, settings.payout_schedule, bank_for(settings.bank, runtime.engine))

    return ScheduledJob("make-and-send-payouts", every_seconds=300.0, run=run)


if __name__ == "__main__":
    config = ServiceConfig.from_env("settlements")
    run_worker(config, handlers, jobs=(payout_job(process_settings()),))
