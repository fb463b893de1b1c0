"""What orders reads from the environment beyond ServiceConfig: how long a placed order waits for catalog."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from typing import Mapping

from servicekit.batch_jobs import deadline_from_env


@dataclass(frozen=True)
class OrdersSettings:
    # A placed order waits this long for catalog's StockReserved or StockReservationFailed; an answer
    # that has not come by then was lost (dead-lettered, say), and the order is cancelled as timed_out.
    # Long enough for a broker or worker outage to pass; fractions of a minute are for tests.
    pending_order_timeout: timedelta = timedelta(minutes=15)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "OrdersSettings":
        env = os.environ if env is None else env
        return cls(pending_order_timeout=deadline_from_env(env, "ORDER_PENDING_TIMEOUT_MINUTES", 15))
