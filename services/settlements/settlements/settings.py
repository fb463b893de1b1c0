"""What settlements reads from the environment beyond ServiceConfig: the payout schedule, the bank that
transfers are sent through, and the day its ledger starts."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Mapping

from servicekit.korean_calendar import korean_day
from settlements.domain.payout_calendar import DAILY, SCHEDULES
from settlements.transfers import BANKS


@dataclass(frozen=True)
class SettlementsSettings:
    # SETTLEMENTS_PAYOUT_SCHEDULE: "daily" (the business day after confirmation) or "weekly" (Wednesdays).
    payout_schedule: str = DAILY
    # SETTLEMENTS_BANK: the bank transfers go through; "test" is the test bank (settlements.transfers).
    bank: str = "test"
    # SETTLEMENTS_LEDGER_FROM (YYYY-MM-DD, a Korean day): sales paid before it were settled before this service
    # took over (some other way); None, the default: every sale is this service's to settle.
    ledger_from: date | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "SettlementsSettings":
        env = os.environ if env is None else env
        schedule = env.get("SETTLEMENTS_PAYOUT_SCHEDULE", cls.payout_schedule)
        if schedule not in SCHEDULES:
            raise ValueError(f"SETTLEMENTS_PAYOUT_SCHEDULE must be one of {SCHEDULES}, not {schedule!r}")
        bank = env.get("SETTLEMENTS_BANK", cls.bank)
        if bank not in BANKS:
            raise ValueError(f"SETTLEMENTS_BANK must be one of {BANKS}, not {bank!r}")
        ledger_from = env.get("SETTLEMENTS_LEDGER_FROM") or None
        try:
            first_day = date.fromisoformat(ledger_from) if ledger_from else None
        except ValueError:
            raise ValueError(f"SETTLEMENTS_LEDGER_FROM must be a day (YYYY-MM-DD), not {ledger_from!r}") from None
        return cls(payout_schedule=schedule, bank=bank, ledger_from=first_day)

    def before_the_ledger(self, at: datetime) -> bool:
        """Whether `at` is before the ledger's first day: what was sold then was settled before this service."""
        return self.ledger_from is not None and korean_day(at) < self.ledger_from


@cache
def process_settings() -> SettlementsSettings:
    """This process's settings, read once: the web app attaches them, and the worker's use cases, which have
    no app to reach them through, read them here."""
    return SettlementsSettings.from_env()
