"""`python -m settlements.cli`: operator commands. `pay --day YYYY-MM-DD` makes and sends the payouts of a payout
day now: a day the worker missed, or the payout day of what is payable today brought forward (before a long holiday, say:
money that becomes payable later today then waits for the payout day after); never a later day, and only a day
the schedule pays on."""
from __future__ import annotations

import argparse
import sys
from datetime import date

from servicekit import clock
from servicekit.config import ServiceConfig
from servicekit.korean_calendar import korean_day
from servicekit.runtime import Runtime
from settlements.domain.payout_calendar import is_payout_day, payout_day
from settlements.payouts import schedule_payouts, send_due_payouts
from settlements.settings import SettlementsSettings, process_settings
from settlements.transfers import bank_for


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m settlements.cli", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    pay = commands.add_parser("pay", help="make and send the payouts of a payout day now")
    pay.add_argument("--day", type=date.fromisoformat, required=True, help="the payout day, YYYY-MM-DD")
    pay.set_defaults(run=pay_day)
    return parser


def pay_day(runtime: Runtime, settings: SettlementsSettings, arguments: argparse.Namespace) -> int:
    day, today = arguments.day, korean_day(clock.now())
    schedule = settings.payout_schedule
    if not is_payout_day(day, schedule):
        print(f"{day} is no {schedule} payout day", file=sys.stderr)
        return 2
    # The latest day that may be paid now: the one that pays what is payable today.
    latest = payout_day(today, schedule)
    if day > latest:
        print(f"{day} is after {latest}, the payout day of what is payable today", file=sys.stderr)
        return 2
    made = schedule_payouts(runtime, day, schedule)
    sent = send_due_payouts(runtime, day, bank_for(settings.bank, runtime.engine))
    print(f"{made} payouts made for {day}; {sent} sent")
    return 0


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    config = ServiceConfig.from_env("settlements")
    runtime = Runtime(config)
    try:
        return arguments.run(runtime, process_settings(), arguments)
    finally:
        runtime.dispose()


if __name__ == "__main__":
    sys.exit(main())
