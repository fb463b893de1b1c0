"""What settlements reads from the environment beyond ServiceConfig: the payout schedule and the bank that
transfers are sent through."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

from servicekit.config import ServiceConfig
from settlements.domain.payout_calendar import DAILY, SCHEDULES
from settlements.transfers import BANKS


@dataclass(frozen=True)
class SettlementsSettings:
    # SETTLEMENTS_PAYOUT_SCHEDULE: "daily" (the business day after confirmation) or "weekly" (Wednesdays).
    payout_schedule: str = DAILY
    # SETTLEMENTS_BANK: the bank transfers go through; "test" is the test bank (settlements.transfers).
    bank: str = "test"

    @classmethod
    def from_env(cls, config: ServiceConfig, env: Mapping[str, str] | None = None) -> "SettlementsSettings":
        env = os.environ if env is None else env
        schedule = env.get("SETTLEMENTS_PAYOUT_SCHEDULE", cls.payout_schedule)
        if schedule not in SCHEDULES:
            raise ValueError(f"SETTLEMENTS_PAYOUT_SCHEDULE must be one of {SCHEDULES}, not {schedule!r}")
        bank = env.get("SETTLEMENTS_BANK", cls.bank)
        if bank not in BANKS:
            raise ValueError(f"SETTLEMENTS_BANK must be one of {BANKS}, not {bank!r}")
        return cls(payout_schedule=schedule, bank=bank)
