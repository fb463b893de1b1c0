"""What orders reads from the environment beyond ServiceConfig: how long a placed order waits for catalog."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from typing import Mapping


@dataclass(frozen=True)
class OrdersSettings:
    # A placed order waits this long for catalog's StockReserved or StockReservationFailed; an answer
    # that has not come by then was lost (dead-lettered, say), and the order is cancelled as timed_out.
    # Long enough for a broker or worker outage to pass; fractional minutes are for tests.
    pending_order_timeout: timedelta = timedelta(minutes=15)

    def __post_init__(self) -> None:
        if self.pending_order_timeout <= timedelta(0):
            raise ValueError("ORDER_PENDING_TIMEOUT_MINUTES must be more than 0")

    @property
    def pending_order_check_seconds(self) -> float:
        """How often the worker looks for timed-out orders: four times a timeout, at most once a minute."""
        return min(60.0, self.pending_order_timeout.total_seconds() / 4)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "OrdersSettings":
        env = os.environ if env is None else env
        minutes = env.get("ORDER_PENDING_TIMEOUT_MINUTES")
        return cls() if minutes is None else cls(pending_order_timeout=timedelta(minutes=float(minutes)))
